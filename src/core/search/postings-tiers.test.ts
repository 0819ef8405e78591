import { describe, expect, it } from 'vitest';
import { Prng } from '../../testing/prng.ts';
import { roundToFloat16 } from '../arrays/float16.ts';
import { bm25TopK, type TermGroup } from './bm25.ts';
import { buildBm25 } from './bm25-builder.ts';
import { blockOfTerm, blockSlices, decodeTierBlock, DEFAULT_TIER_SLACK, encodeTierBlock, MAX_ROUNDS, postingTiers, postingsView, tierLength, tieredPostingBlocks, tieredTopK, type ReadTiers, type TieredLayout, type TierReads, type TierSlice } from './postings-tiers.ts';

// Small tiers (4, 12, 48, …) so that a few hundred generated documents span several.
const SMALL = { first: 4, growth: 4 };

// Documents of Zipf-like words of varied lengths: frequent words have long postings whose
// frequencies differ, rare words short ones.
const prng = new Prng(11);
const DOCS = 3000;
const wordOf = () => `w${Math.floor(2000 * prng.next() ** 4)}`;
const texts = Array.from({ length: DOCS }, () => Array.from({ length: 5 + prng.int(80) }, wordOf).join(' '));
const bm25 = buildBm25([{ weight: 1 }], texts.map((t) => [[0, t]] as const));
const id = (w: string) => bm25.vocabulary.get(w)!;

/** A reader over the tiered blocks, as a partitioned index reads them: slice by slice in term order. */
function tierReader(blocks: Uint8Array[][], starts: Int32Array, layout: TieredLayout): ReadTiers {
  return async (level, terms) => {
    let at = 0;
    for (let l = 0; l < level; l++) at += layout.blocks[l]! + 1;
    const s = starts.subarray(at, at + layout.blocks[level]! + 1);
    const out = new Map<number, TierSlice>();
    for (const t of terms) {
      const b = blockOfTerm(s, t);
      const length = (u: number) => tierLength(layout, bm25.postingOffsets[u + 1]! - bm25.postingOffsets[u]!, level);
      const { lengths, from } = blockSlices(s, b, length);
      const block = decodeTierBlock(blocks[level]![b]!, lengths, layout.frequencies);
      if (typeof block === 'string') throw new Error(block);
      const at = from.get(t)!;
      out.set(t, { docs: block.docs.subarray(at, at + length(t)), tfs: block.tfs.subarray(at, at + length(t)) });
    }
    return out;
  };
}

describe('postings in impact tiers', () => {
  it('puts the highest frequencies first, ties in document order, in tiers of 4, 12, 48 …', () => {
    const tfs = Float32Array.from([1, 3, 2, 3, 0.5, 3, 1, 1, 2, 0.25, 3, 1, 1, 1, 1, 1, 1, 1, 1]);
    // Ranked: the four 3s (positions 1, 3, 5, 10) form tier 0; tier 1 (ranks 4–15) the two 2s
    // and the first ten of the eleven 1s in position order; the last 1, 0.5 and 0.25 are tier 2.
    expect([...postingTiers(tfs, SMALL)]).toEqual([1, 0, 1, 0, 2, 0, 1, 1, 1, 2, 0, 1, 1, 1, 1, 1, 1, 1, 2]);
    expect([0, 1, 2].map((l) => tierLength(SMALL, 19, l))).toEqual([4, 12, 3]);
    expect(tierLength({ first: Infinity, growth: 4 }, 17, 0)).toBe(17);
  });

  it('stores a block’s ids as gaps in varints and reads them back exactly, refusing bytes that hold other counts', () => {
    const docs = [Int32Array.from([0, 1, 127, 128, 16_511, 2 ** 31 - 1]), Int32Array.from([5, 300_000])];
    // Half-precision values, as the keyword index holds them (bm25-builder.ts).
    const tfs = [Float32Array.from([1.5, 0.25, 3, 0.1, 2, 7].map(roundToFloat16)), Float32Array.from([0.5, 4])];
    const bytes = encodeTierBlock(docs, tfs);
    // 8 frequencies of two bytes, then the gaps 0, 1, 126, 1 (one byte each), 16,383 (two), 2^31 − 16,512 (five); 5 (one), 299,995 (three).
    expect(bytes.byteLength).toBe(8 * 2 + 4 + 2 + 5 + 1 + 3);
    const back = decodeTierBlock(bytes, [6, 2], 'float16');
    expect(back).toEqual({ docs: Int32Array.from([...docs[0]!, ...docs[1]!]), tfs: Float32Array.from([...tfs[0]!, ...tfs[1]!]) });
    expect(decodeTierBlock(bytes, [6, 3], 'float16')).toMatch(/end inside the document ids/);
    expect(decodeTierBlock(bytes, [6, 1], 'float16')).toMatch(/left over/);
    expect(decodeTierBlock(bytes.subarray(0, 10), [6, 2], 'float16')).toMatch(/too few/);
  });

  it('reads blocks written before half precision, whose frequencies are float32', () => {
    const docs = Int32Array.from([3, 9, 400]);
    const tfs = Float32Array.from([0.1, 2.75, 11]);
    const old = new Uint8Array(12 + 4);
    old.set(new Uint8Array(tfs.buffer), 0);
    old.set([3, 6, 0x87, 0x03], 12); // gaps 3, 6, 391 (0x87 0x03)
    expect(decodeTierBlock(old, [3], undefined)).toEqual({ docs, tfs });
  });

  const { blocks, starts, layout } = tieredPostingBlocks(bm25, SMALL, (level) => (level === 0 ? 64 : 256));

  it('keeps every posting, once, in the tier its rank gives it', async () => {
    expect(layout.blocks.length).toBeGreaterThan(4);
    const read = tierReader(blocks, starts, layout);
    // Every term long enough to span tiers, and a sample of the rest.
    for (let t = 0; t < bm25.terms.length; t++) {
      if (bm25.postingOffsets[t + 1]! - bm25.postingOffsets[t]! <= SMALL.first && t % 50 !== 0) continue;
      const from = bm25.postingOffsets[t]!;
      const df = bm25.postingOffsets[t + 1]! - from;
      const got: [number, number][] = [];
      let lowest = Infinity;
      for (let level = 0; level < layout.blocks.length; level++) {
        const slice = (await read(level, [t])).get(t)!;
        expect(slice.docs.length).toBe(tierLength(SMALL, df, level));
        // Each tier's frequencies are at most the lowest of the tiers before it.
        for (const f of slice.tfs) expect(f).toBeLessThanOrEqual(lowest);
        for (const f of slice.tfs) lowest = Math.min(lowest, f);
        slice.docs.forEach((d, i) => got.push([d, slice.tfs[i]!]));
      }
      got.sort((a, b) => a[0] - b[0]);
      expect(got).toEqual(Array.from({ length: df }, (_, i) => [bm25.postingDocs[from + i], bm25.postingTfs[from + i]]));
    }
  });

  it('gives a slice that fills a block one of its own, and closes a block of short slices once it reaches the size', async () => {
    // 8 postings a block: tier 1's whole slices (12) and tier 2's (48) fill one; the slices of
    // terms whose postings end in the tier are shorter and go together.
    const size = 64;
    const tiered = tieredPostingBlocks(bm25, SMALL, () => size);
    const df = (t: number) => bm25.postingOffsets[t + 1]! - bm25.postingOffsets[t]!;
    let alone = 0;
    let shared = 0;
    let at = 0;
    for (let level = 0; level < tiered.layout.blocks.length; level++) {
      const s = tiered.starts.subarray(at, at + tiered.layout.blocks[level]! + 1);
      at += s.length;
      for (let b = 0; b + 1 < s.length; b++) {
        const slices: number[] = [];
        for (let t = s[b]!; t < s[b + 1]!; t++) if (tierLength(SMALL, df(t), level) > 0) slices.push(tierLength(SMALL, df(t), level));
        if (slices.some((n) => n * 8 >= size)) {
          expect(slices).toHaveLength(1);
          alone++;
        } else if (slices.length > 1) {
          // Every slice but the last left the block short of its size.
          expect(slices.slice(0, -1).reduce((a, n) => a + n, 0) * 8).toBeLessThan(size);
          shared++;
        }
      }
    }
    expect(alone).toBeGreaterThan(10);
    expect(shared).toBeGreaterThan(10);
    // And every posting is still read back from its tier.
    const read = tierReader(tiered.blocks, tiered.starts, tiered.layout);
    for (const t of [id('w0'), id('w1'), id('w7'), id('w60'), id('w900')]) {
      let n = 0;
      for (let level = 0; level < tiered.layout.blocks.length; level++) n += (await read(level, [t])).get(t)!.docs.length;
      expect(n).toBe(df(t));
    }
  });

  // Sentence-like queries: the commonest words, a less common one, and a pair of alternatives.
  const queries: TermGroup[][] = Array.from({ length: 40 }, (_, i) => [
    { terms: [id('w0')] },
    { terms: [id(`w${1 + (i % 5)}`)] },
    { terms: [id(`w${20 + i}`)] },
    { terms: [id(`w${100 + i}`), id(`w${300 + i}`)], weights: [1, 0.5] },
  ]);

  it('with no slack reads every tier and ranks exactly as the whole index, scores bit for bit', async () => {
    const view = postingsView(bm25);
    for (const q of queries) {
      expect(await tieredTopK(bm25, view, layout, q, 20, tierReader(blocks, starts, layout), { slack: null })).toEqual(bm25TopK(bm25, q, 20));
    }
  });

  it('by default stops reading once no document left out can score more than slack past the 10th found', async () => {
    const view = postingsView(bm25);
    const reads: TierReads = { rounds: 0, postings: 0, of: 0 };
    let found = 0;
    for (const q of queries) {
      const top = await tieredTopK(bm25, view, layout, q, 20, tierReader(blocks, starts, layout), { maxRounds: Infinity, reads });
      const exact = bm25TopK(bm25, q, DOCS);
      const exactScore = new Map(exact.map((h) => [h.doc, h.score]));
      const tenth = top[9]!.score;
      const kept = new Set(top.slice(0, 10).map((h) => h.doc));
      for (const [doc, score] of exactScore) if (!kept.has(doc)) expect(score).toBeLessThanOrEqual((1 + DEFAULT_TIER_SLACK) * tenth + 1e-5);
      // Scores are of what was read: never above the exact ones.
      for (const h of top) expect(h.score).toBeLessThanOrEqual(exactScore.get(h.doc)! + 1e-5);
      found += top.slice(0, 10).filter((h) => exactScore.get(h.doc)! >= exact[9]!.score).length;
    }
    expect(found / (10 * queries.length)).toBeGreaterThanOrEqual(0.95);
    expect(reads.postings).toBeLessThan(reads.of * 0.6);
  });

  it('waits for at most MAX_ROUNDS reads, the last reading the rest of every term', async () => {
    const view = postingsView(bm25);
    for (const q of queries) {
      const reads: TierReads = { rounds: 0, postings: 0, of: 0 };
      const top = await tieredTopK(bm25, view, layout, q, 20, tierReader(blocks, starts, layout), { reads });
      expect(reads.rounds).toBeLessThanOrEqual(MAX_ROUNDS);
      // A query that needed every round read its terms whole, and ranks as the whole index.
      if (reads.rounds === MAX_ROUNDS) {
        expect(reads.postings).toBe(reads.of);
        expect(top).toEqual(bm25TopK(bm25, q, 20));
      }
    }
  });
});
