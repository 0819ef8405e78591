import { describe, expect, it } from 'vitest';
import { TopK } from './top-k.ts';

describe('TopK', () => {
  it('keeps the k best of a stream, best first, ties by lower doc', () => {
    let seed = 5;
    const next = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32;
    for (const k of [1, 3, 10, 100]) {
      const stream = Array.from({ length: 500 }, (_, doc) => ({ doc, score: Math.floor(next() * 20) })); // many ties
      const top = new TopK(k);
      for (const { doc, score } of [...stream].reverse()) top.push(score, doc);
      const expected = [...stream].sort((a, b) => b.score - a.score || a.doc - b.doc).slice(0, k);
      expect(top.sorted()).toEqual(expected);
    }
  });

  it('holds fewer than k when the stream is short, nothing when k is 0', () => {
    const top = new TopK(5);
    top.push(1, 9);
    top.push(2, 4);
    expect(top.sorted()).toEqual([
      { doc: 4, score: 2 },
      { doc: 9, score: 1 },
    ]);
    const none = new TopK(0);
    none.push(1, 1);
    expect(none.wouldKeep(5, 0)).toBe(false);
    expect(none.sorted()).toEqual([]);
  });

  it('says whether a candidate would be kept once full', () => {
    const top = new TopK(2);
    top.push(5, 1);
    top.push(3, 2);
    expect(top.wouldKeep(3, 1)).toBe(true); // same score, lower doc
    expect(top.wouldKeep(3, 3)).toBe(false);
    expect(top.wouldKeep(4, 9)).toBe(true);
  });
});
