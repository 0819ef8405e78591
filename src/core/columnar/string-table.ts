/**
 * String tables and hash tables over them, as a binary snapshot stores them.
 *
 * A string table is one UTF-8 byte array and the offset where each string starts
 * (`offsets[i] .. offsets[i + 1]`): a million names cost one allocation and no string
 * objects until one is shown. A hash table maps a key's bytes to an entry (a node by its
 * id, a term by its text): open addressing over (hash, entry + 1) pairs, at most half
 * full, so a lookup hashes the query once and compares bytes only on a hash match.
 *
 * Readers check both before use — offsets ascending and inside the bytes, no string
 * starting inside a character, well-formed UTF-8, every key found at its own entry (which
 * also proves keys unique) — so that nothing later can read out of bounds or loop.
 */
import { GrowableUint32 } from '../arrays/growable.ts';
import { bytesEqual, decodeUtf8Range, encodeUtf8Into, hashBytes, isUtf8Continuation, utf8Length, utf8Problem } from './utf8.ts';

/** Distinct strings remembered for deduplication; past it, new strings are stored as they come. */
const MAX_DEDUPED = 1 << 20;

export class StringTableBuilder {
  private bytes = new Uint8Array(1 << 16);
  private used = 0;
  private readonly offsets = new GrowableUint32(1024);
  private readonly seen = new Map<string, number>();

  constructor() {
    this.offsets.push(0);
  }

  get count(): number {
    return this.offsets.length - 1;
  }

  /**
   * Index of `s` in the table. `dedupe`: return the index of an equal string added before
   * (names, labels and roles repeat; ids never do, so they skip the map).
   */
  add(s: string, dedupe = true): number {
    if (dedupe) {
      const known = this.seen.get(s);
      if (known !== undefined) return known;
    }
    const need = utf8Length(s);
    if (this.used + need > 0xffffffff) throw new RangeError('a string table holds at most 4 GiB');
    if (this.used + need > this.bytes.length) {
      let size = this.bytes.length * 2;
      while (size < this.used + need) size *= 2;
      const grown = new Uint8Array(Math.min(size, 0xffffffff));
      grown.set(this.bytes.subarray(0, this.used));
      this.bytes = grown;
    }
    this.used = encodeUtf8Into(s, this.bytes, this.used);
    this.offsets.push(this.used);
    const index = this.count - 1;
    if (dedupe && this.seen.size < MAX_DEDUPED) this.seen.set(s, index);
    return index;
  }

  finish(): { bytes: Uint8Array; offsets: Uint32Array } {
    return { bytes: this.bytes.slice(0, this.used), offsets: this.offsets.toArray() };
  }
}

export class StringTable {
  /** Use `checkStringTable` on bytes from a file. */
  constructor(
    readonly bytes: Uint8Array,
    readonly offsets: Uint32Array,
  ) {}

  get count(): number {
    return this.offsets.length - 1;
  }

  get(i: number): string {
    if (!(i >= 0 && i < this.count)) throw new RangeError(`no string ${i} (the table has ${this.count})`);
    return decodeUtf8Range(this.bytes, this.offsets[i]!, this.offsets[i + 1]!);
  }

  /** Hash of string i's bytes (as `hashBytes`). */
  hash(i: number): number {
    return hashBytes(this.bytes, this.offsets[i]!, this.offsets[i + 1]!);
  }

  equals(i: number, key: Uint8Array, start: number, end: number): boolean {
    return bytesEqual(this.bytes, this.offsets[i]!, this.offsets[i + 1]!, key, start, end);
  }
}

/** Why the bytes and offsets cannot be a table of `count` strings, or null. */
export function stringTableProblem(bytes: Uint8Array, offsets: Uint32Array, count: number): string | null {
  if (offsets.length !== count + 1) return `${offsets.length} offsets for ${count} strings (${count + 1} needed)`;
  if (offsets[0] !== 0) return `the first string starts at byte ${offsets[0]}, not 0`;
  if (offsets[count] !== bytes.length) return `the last string ends at byte ${offsets[count]}, but the table has ${bytes.length} bytes`;
  for (let i = 0; i < count; i++) {
    const start = offsets[i]!;
    if (offsets[i + 1]! < start) return `string ${i} ends (byte ${offsets[i + 1]}) before it starts (byte ${start})`;
    if (start < bytes.length && isUtf8Continuation(bytes[start]!)) return `string ${i} starts inside a UTF-8 character (byte ${start})`;
  }
  const bad = utf8Problem(bytes, 0, bytes.length);
  return bad ? `the strings are not UTF-8: ${bad}` : null;
}

/** Pairs (hash, entry + 1) for `count` keys, the key of entry e being string `keyOf(e)` of `table`. */
export function buildHashSlots(table: StringTable, count: number, keyOf: (entry: number) => number): Int32Array {
  let capacity = 16;
  while (capacity < count * 2) capacity *= 2;
  const slots = new Int32Array(capacity * 2);
  const mask = capacity - 1;
  for (let e = 0; e < count; e++) {
    const h = table.hash(keyOf(e));
    let s = h & mask;
    while (slots[2 * s + 1] !== 0) s = (s + 1) & mask;
    slots[2 * s] = h;
    slots[2 * s + 1] = e + 1;
  }
  return slots;
}

/** Entry by key bytes, over slots from `buildHashSlots` (checked with `hashSlotsProblem`). */
export class HashLookup {
  private readonly mask: number;
  private scratch = new Uint8Array(256);

  constructor(
    private readonly slots: Int32Array,
    private readonly table: StringTable,
    private readonly keyOf: (entry: number) => number,
  ) {
    this.mask = slots.length / 2 - 1;
  }

  /** Entry whose key is `key`, or -1. */
  find(key: string): number {
    const need = key.length * 3;
    if (this.scratch.length < need) this.scratch = new Uint8Array(need);
    const end = encodeUtf8Into(key, this.scratch, 0);
    return this.findBytes(this.scratch, 0, end);
  }

  findBytes(key: Uint8Array, start: number, end: number): number {
    const h = hashBytes(key, start, end);
    for (let s = h & this.mask; ; s = (s + 1) & this.mask) {
      const v = this.slots[2 * s + 1]!;
      if (v === 0) return -1;
      if (this.slots[2 * s] === h && this.table.equals(this.keyOf(v - 1), key, start, end)) return v - 1;
    }
  }
}

/**
 * Why the slots cannot be the hash table of `count` keys, or null: a power-of-two size with
 * a free slot (every probe ends), entries in range, and each key's probe reaching its own
 * entry before any other with the same bytes (every key is found, and keys are unique).
 * `what` names an entry in messages ("node", "term").
 */
export function hashSlotsProblem(slots: Int32Array, table: StringTable, count: number, keyOf: (entry: number) => number, what: string): string | null {
  const capacity = slots.length / 2;
  if (!(capacity >= 1 && (capacity & (capacity - 1)) === 0)) return `the hash table has ${slots.length} entries, not twice a power of two`;
  if (capacity <= count) return `the hash table has ${capacity} slots for ${count} keys`;
  let used = 0;
  for (let s = 1; s < slots.length; s += 2) {
    const v = slots[s]!;
    if (v === 0) continue;
    if (!(v >= 1 && v <= count)) return `hash slot ${(s - 1) / 2} names ${what} ${v - 1} of ${count}`;
    used++;
  }
  if (used !== count) return `the hash table holds ${used} ${what}s, not ${count}`;
  const mask = capacity - 1;
  for (let e = 0; e < count; e++) {
    const key = keyOf(e);
    const start = table.offsets[key]!;
    const end = table.offsets[key + 1]!;
    const h = hashBytes(table.bytes, start, end);
    for (let s = h & mask, probes = 0; ; s = (s + 1) & mask, probes++) {
      const v = slots[2 * s + 1]!;
      if (v === 0 || probes > capacity) return `${what} ${e} (${JSON.stringify(table.get(key))}) is not in the hash table`;
      if (slots[2 * s] !== h || !table.equals(keyOf(v - 1), table.bytes, start, end)) continue;
      if (v - 1 === e) break;
      return `${what}s ${v - 1} and ${e} have the same key ${JSON.stringify(table.get(key))}`;
    }
  }
  return null;
}
