/**
 * Exact-match candidates by key, in typed arrays: open addressing over 32-bit key hashes,
 * each slot holding a hash and the head of the chain of values added under it (thousands
 * of nodes may share a name; they take one slot, not a cluster of slots that every
 * unlucky lookup would walk).
 *
 * Neither keys nor their strings are stored or compared here: values sharing a hash are
 * *candidates*, and the caller confirms each with the key it can recompute from the value
 * (distinct keys share a 32-bit hash only rarely). Building is then a hash and a probe per
 * value, and for a million nodes the table costs tens of megabytes instead of a Map of
 * millions of strings that every garbage collection of the (large) heap would walk.
 *
 * The three arrays are the whole table: a binary snapshot stores them as they are
 * (core/columnar) and `fromArrays` takes them back without rebuilding.
 */
import { GrowableInt32 } from '../arrays/growable.ts';
import { hashRange } from './term-dictionary.ts';

export interface ExactKeyArrays {
  /** Slot i: hash at 2i, head entry at 2i + 1 (-1: empty). Length: twice a power of two. */
  readonly slots: Int32Array;
  /** Value of each entry, in the order added. */
  readonly values: Int32Array;
  /** Entry added before this one under the same hash, or -1: always a smaller entry. */
  readonly next: Int32Array;
}

export class ExactKeyTable {
  private slots: Int32Array;
  private mask: number;
  private used = 0;
  private readonly values: GrowableInt32;
  private readonly next: GrowableInt32;

  /** `capacity`: values expected (the table grows past it). */
  constructor(capacity = 16) {
    let size = 16;
    while (size * 3 < capacity * 4) size *= 2; // load ≤ 3/4 even if every key is distinct
    this.slots = emptySlots(size);
    this.mask = size - 1;
    this.values = new GrowableInt32(capacity);
    this.next = new GrowableInt32(capacity);
  }

  /** A table over arrays written by `toArrays` (checked by the caller: see `exactKeyArraysProblem`). */
  static fromArrays(arrays: ExactKeyArrays): ExactKeyTable {
    const table = new ExactKeyTable(0);
    table.slots = arrays.slots;
    table.mask = arrays.slots.length / 2 - 1;
    for (let i = 1; i < arrays.slots.length; i += 2) if (arrays.slots[i] !== -1) table.used++;
    table.values.array = arrays.values;
    table.values.length = arrays.values.length;
    table.next.array = arrays.next;
    table.next.length = arrays.next.length;
    return table;
  }

  get size(): number {
    return this.values.length;
  }

  add(key: string, value: number): void {
    if ((this.used + 1) * 4 > (this.mask + 1) * 3) this.grow();
    const slot = this.find(hashRange(key, 0, key.length), true);
    const e = this.values.length;
    this.values.push(value);
    // Prepend to the slot's chain; `candidates` reverses, so values come back in the order added.
    this.next.push(this.slots[slot + 1]!);
    this.slots[slot + 1] = e;
  }

  /** Values added under `key` or under a key with the same hash, in the order they were added. */
  candidates(key: string): number[] {
    const slot = this.find(hashRange(key, 0, key.length), false);
    const out: number[] = [];
    const values = this.values.array;
    const next = this.next.array;
    for (let e = this.slots[slot + 1]!; e >= 0; e = next[e]!) out.push(values[e]!);
    return out.reverse();
  }

  /**
   * The table's arrays, trimmed to what is used, with the slots laid out as a table sized
   * for exactly these keys would have them (hashes placed in the order they first came):
   * the same values give the same bytes whatever capacity the table was started with.
   */
  toArrays(): ExactKeyArrays {
    const count = this.values.length;
    const next = this.next.array;
    // Each entry's slot, from the chains; then the hashes in the order their first entry came
    // (an entry is the first of its hash when it links to nothing). Typed arrays only: a
    // ten-million-node snapshot has tens of millions of entries.
    const slotOf = new Int32Array(count);
    for (let at = 0; at < this.slots.length; at += 2) {
      for (let e = this.slots[at + 1]!; e >= 0; e = next[e]!) slotOf[e] = at;
    }
    let size = 16;
    while (size * 3 < this.used * 4) size *= 2;
    const slots = emptySlots(size);
    for (let e = 0; e < count; e++) {
      if (next[e] !== -1) continue;
      const at = slotOf[e]!;
      const hash = this.slots[at]!;
      let i = hash & (size - 1);
      while (slots[i * 2 + 1] !== -1) i = (i + 1) & (size - 1);
      slots[i * 2] = hash;
      slots[i * 2 + 1] = this.slots[at + 1]!;
    }
    return { slots, values: this.values.toArray(), next: this.next.toArray() };
  }

  /** Index in `slots` of the pair for hash `h`, or of the empty pair where it belongs (claimed if `claim`). */
  private find(h: number, claim: boolean): number {
    const { slots, mask } = this;
    const hash = h | 0;
    for (let i = h & mask; ; i = (i + 1) & mask) {
      const at = i * 2;
      if (slots[at + 1] === -1) {
        if (claim) {
          slots[at] = hash;
          this.used++;
        }
        return at;
      }
      if (slots[at] === hash) return at;
    }
  }

  /** Doubles the slots; chains stay as they are, only their heads move. */
  private grow(): void {
    const old = this.slots;
    const size = (this.mask + 1) * 2;
    this.slots = emptySlots(size);
    this.mask = size - 1;
    for (let at = 0; at < old.length; at += 2) {
      if (old[at + 1] === -1) continue;
      let i = old[at]! & this.mask;
      while (this.slots[i * 2 + 1] !== -1) i = (i + 1) & this.mask;
      this.slots[i * 2] = old[at]!;
      this.slots[i * 2 + 1] = old[at + 1]!;
    }
  }
}

function emptySlots(size: number): Int32Array {
  const slots = new Int32Array(size * 2);
  for (let i = 1; i < slots.length; i += 2) slots[i] = -1;
  return slots;
}

/**
 * Why arrays read from a file cannot be a table (null when they can): every slot head and
 * chain link inside the entries, chains strictly descending (so every walk ends), an empty
 * slot left (so every probe ends), and each value accepted by `valueOk`.
 */
export function exactKeyArraysProblem(a: ExactKeyArrays, valueOk: (value: number) => boolean): string | null {
  const size = a.slots.length / 2;
  if (!(size >= 1 && Number.isInteger(size) && (size & (size - 1)) === 0)) return `the slot table has ${a.slots.length} entries, not twice a power of two`;
  const count = a.values.length;
  if (a.next.length !== count) return `${a.next.length} chain links for ${count} values`;
  let empty = 0;
  for (let i = 1; i < a.slots.length; i += 2) {
    const head = a.slots[i]!;
    if (head === -1) empty++;
    else if (!(head >= 0 && head < count)) return `slot ${(i - 1) / 2} points to entry ${head} of ${count}`;
  }
  if (empty === 0) return 'the slot table has no empty slot';
  for (let e = 0; e < count; e++) {
    const n = a.next[e]!;
    if (!(n >= -1 && n < e)) return `entry ${e} links to entry ${n}`;
    if (!valueOk(a.values[e]!)) return `entry ${e} holds the value ${a.values[e]}, which names no node field`;
  }
  return null;
}
