/**
 * Node id → dense index, for a size known in advance.
 *
 * Open addressing with linear probing over one Int32Array of (hash, index) pairs, at most
 * half full. Building the index of a million-node snapshot looks up ~5 million relation
 * ends; measured there, a `Map<string, number>` took ~1.8–2.3 s for those lookups and this
 * table ~1.1–1.3 s. A Map lookup dereferences its bucket, its entry and then the stored
 * key string, each a likely cache and TLB miss in a heap of a gigabyte; here the hash sits
 * beside the index, so a probe costs one cache line and only a real match reads the key.
 */
export class IdTable {
  /** Pairs: slots[2s] = hash, slots[2s + 1] = index + 1 (0 = empty). */
  private slots: Int32Array;
  private mask: number;
  /** Keys by index, preallocated: growing a million-entry array by push leaves copies for the GC. */
  private keys: string[];
  private count = 0;

  /** `expected`: the number of ids to be added; the table doubles if more come (a streamed input). */
  constructor(expected: number) {
    let capacity = 16;
    while (capacity < expected * 2) capacity *= 2;
    this.slots = new Int32Array(capacity * 2);
    this.mask = capacity - 1;
    this.keys = new Array<string>(capacity >> 1);
  }

  get size(): number {
    return this.count;
  }

  /** Index of `id`, or -1. */
  get(id: string): number {
    const h = hashString(id);
    for (let s = h & this.mask; ; s = (s + 1) & this.mask) {
      const v = this.slots[2 * s + 1]!;
      if (v === 0) return -1;
      if (this.slots[2 * s] === h && this.keys[v - 1] === id) return v - 1;
    }
  }

  /** Id of index `i` (0 ≤ i < size). */
  keyAt(i: number): string {
    if (!(i >= 0 && i < this.count)) throw new RangeError(`no id ${i} (the table has ${this.count})`);
    return this.keys[i]!;
  }

  /** Adds `id` with the next index (`size`) and returns -1; if present, returns its index instead. */
  add(id: string): number {
    const h = hashString(id);
    for (let s = h & this.mask; ; s = (s + 1) & this.mask) {
      const v = this.slots[2 * s + 1]!;
      if (v === 0) {
        if (this.count === this.keys.length) {
          this.grow();
          return this.add(id);
        }
        this.keys[this.count++] = id;
        this.slots[2 * s] = h;
        this.slots[2 * s + 1] = this.count;
        return -1;
      }
      if (this.slots[2 * s] === h && this.keys[v - 1] === id) return v - 1;
    }
  }

  /** Doubles the capacity, re-placing every (hash, index) pair; keys are not hashed again. */
  private grow(): void {
    const old = this.slots;
    const capacity = (this.mask + 1) * 2;
    this.slots = new Int32Array(capacity * 2);
    this.mask = capacity - 1;
    for (let s = 0; s < old.length; s += 2) {
      const v = old[s + 1]!;
      if (v === 0) continue;
      let t = old[s]! & this.mask;
      while (this.slots[2 * t + 1] !== 0) t = (t + 1) & this.mask;
      this.slots[2 * t] = old[s]!;
      this.slots[2 * t + 1] = v;
    }
    const keys = new Array<string>(capacity >> 1);
    for (let i = 0; i < this.count; i++) keys[i] = this.keys[i]!;
    this.keys = keys;
  }
}

/** FNV-1a over UTF-16 code units, then murmur3's finaliser so that ids differing in the last digit spread out. */
export function hashString(s: string): number {
  let h = 0x811c9dc5 | 0;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return h ^ (h >>> 16);
}
