/**
 * Term → term id, looked up by a range of a string without cutting the range out.
 *
 * The builder meets tens of millions of term occurrences and only a few hundred thousand
 * distinct terms; slicing every occurrence into a new string to ask a Map costs an
 * allocation each and most of the build's garbage. Here a term is hashed from the code
 * units in place and compared with `startsWith`; only a new term is sliced. Open
 * addressing over an Int32Array of ids, with each id's hash kept to skip most compares.
 *
 * Two-code-unit terms (CJK bigrams: most terms of Japanese text) have a table of their
 * own, keyed by the two code units as one integer: no hash to compute and no string to
 * compare, which at a million documents is what keeps lookups out of main memory.
 */
import { GrowableUint32 } from '../arrays/growable.ts';

export class TermDictionary {
  readonly terms: string[] = [];
  private readonly hashes = new GrowableUint32(1024);
  private slots: Int32Array;
  private mask: number;
  /** Two-unit terms: pair i holds key (c1 << 16 | c2) at 2i and id + 1 at 2i + 1 (0: empty). */
  private pairs = new Int32Array(2048);
  private pairMask = 1023;
  private pairCount = 0;

  constructor(capacity = 1024) {
    let size = 1024;
    while (size < capacity * 2) size *= 2;
    this.slots = new Int32Array(size).fill(-1);
    this.mask = size - 1;
  }

  /** A dictionary holding `terms`, with term i as id i (e.g. read back from files). */
  static fromTerms(terms: readonly string[]): TermDictionary {
    const dict = new TermDictionary(terms.length);
    for (const t of terms) dict.add(t, 0, t.length);
    return dict;
  }

  get size(): number {
    return this.terms.length;
  }

  /** Id of `term`, or undefined: the Map-like lookup callers outside the builder use. */
  get(term: string): number | undefined {
    const id = term.length === 2 ? this.findPair(pairKey(term, 0)) : this.find(term, 0, term.length, hashRange(term, 0, term.length));
    return id < 0 ? undefined : id;
  }

  has(term: string): boolean {
    return this.get(term) !== undefined;
  }

  /** Id of `s[start, end)`, added as a new term if absent. */
  add(s: string, start: number, end: number): number {
    if (end - start === 2) {
      const key = pairKey(s, start);
      const found = this.findPair(key);
      if (found >= 0) return found;
      const id = this.addGeneral(s, start, end);
      this.addPair(key, id);
      return id;
    }
    return this.addGeneral(s, start, end);
  }

  private addGeneral(s: string, start: number, end: number): number {
    const h = hashRange(s, start, end);
    const found = this.find(s, start, end, h);
    if (found >= 0) return found;
    const id = this.terms.length;
    this.terms.push(s.slice(start, end));
    this.hashes.push(h);
    if (id * 2 >= this.slots.length) this.rehash();
    let slot = h & this.mask;
    while (this.slots[slot]! >= 0) slot = (slot + 1) & this.mask;
    this.slots[slot] = id;
    return id;
  }

  private find(s: string, start: number, end: number, h: number): number {
    const { slots, mask, terms } = this;
    const hashes = this.hashes.array;
    const len = end - start;
    for (let slot = h & mask; ; slot = (slot + 1) & mask) {
      const id = slots[slot]!;
      if (id < 0) return -1;
      if (hashes[id] === h) {
        const t = terms[id]!;
        if (t.length === len && s.startsWith(t, start)) return id;
      }
    }
  }

  private findPair(key: number): number {
    const { pairs, pairMask } = this;
    for (let i = pairHash(key) & pairMask; ; i = (i + 1) & pairMask) {
      const id1 = pairs[2 * i + 1]!;
      if (id1 === 0) return -1;
      if (pairs[2 * i] === key) return id1 - 1;
    }
  }

  private addPair(key: number, id: number): void {
    if (++this.pairCount * 2 > this.pairMask + 1) {
      const old = this.pairs;
      this.pairs = new Int32Array(old.length * 2);
      this.pairMask = old.length - 1;
      for (let i = 0; i < old.length; i += 2) if (old[i + 1] !== 0) this.placePair(old[i]!, old[i + 1]!);
    }
    this.placePair(key, id + 1);
  }

  private placePair(key: number, id1: number): void {
    const { pairs, pairMask } = this;
    let i = pairHash(key) & pairMask;
    while (pairs[2 * i + 1] !== 0) i = (i + 1) & pairMask;
    pairs[2 * i] = key;
    pairs[2 * i + 1] = id1;
  }

  private rehash(): void {
    const size = this.slots.length * 2;
    const slots = new Int32Array(size).fill(-1);
    const mask = size - 1;
    const hashes = this.hashes.array;
    // Every id but the one being added, which the caller places itself.
    for (let id = 0; id < this.terms.length - 1; id++) {
      let slot = hashes[id]! & mask;
      while (slots[slot]! >= 0) slot = (slot + 1) & mask;
      slots[slot] = id;
    }
    this.slots = slots;
    this.mask = mask;
  }
}

function pairKey(s: string, start: number): number {
  return (s.charCodeAt(start) << 16) | s.charCodeAt(start + 1);
}

/** Spreads a pair key's bits (murmur3's finaliser) so that neighbouring characters do not cluster. */
function pairHash(key: number): number {
  let h = Math.imul(key ^ (key >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/** FNV-1a over the UTF-16 code units of `s[start, end)`, with a final mix so low bits spread. */
export function hashRange(s: string, start: number, end: number): number {
  let h = 0x811c9dc5;
  for (let i = start; i < end; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  return h >>> 0;
}
