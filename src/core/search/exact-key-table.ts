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
 */
import { hashRange } from './term-dictionary.ts';

export class ExactKeyTable {
  /** Slot i: hash at 2i, head entry at 2i + 1 (-1: empty). One cache line per probe. */
  private readonly slots: Int32Array;
  private readonly mask: number;
  private readonly values: Int32Array;
  private readonly next: Int32Array;
  private count = 0;

  /** `capacity`: most values that will be added. */
  constructor(capacity: number) {
    let size = 16;
    while (size * 3 < capacity * 4) size *= 2; // load ≤ 3/4 even if every key is distinct
    this.slots = new Int32Array(size * 2);
    for (let i = 1; i < this.slots.length; i += 2) this.slots[i] = -1;
    this.mask = size - 1;
    this.values = new Int32Array(capacity);
    this.next = new Int32Array(capacity);
  }

  add(key: string, value: number): void {
    if (this.count === this.values.length) throw new RangeError('ExactKeyTable is full');
    const slot = this.find(hashRange(key, 0, key.length), true);
    const e = this.count++;
    this.values[e] = value;
    // Prepend to the slot's chain; `candidates` reverses, so values come back in the order added.
    this.next[e] = this.slots[slot + 1]!;
    this.slots[slot + 1] = e;
  }

  /** Values added under `key` or under a key with the same hash, in the order they were added. */
  candidates(key: string): number[] {
    const slot = this.find(hashRange(key, 0, key.length), false);
    const out: number[] = [];
    for (let e = this.slots[slot + 1]!; e >= 0; e = this.next[e]!) out.push(this.values[e]!);
    return out.reverse();
  }

  /** Index in `slots` of the pair for hash `h`, or of the empty pair where it belongs (claimed if `claim`). */
  private find(h: number, claim: boolean): number {
    const { slots, mask } = this;
    const hash = h | 0;
    for (let i = h & mask; ; i = (i + 1) & mask) {
      const at = i * 2;
      if (slots[at + 1] === -1) {
        if (claim) slots[at] = hash;
        return at;
      }
      if (slots[at] === hash) return at;
    }
  }
}
