import { describe, expect, it } from 'vitest';
import {
  ADAPTIVE_BASE_WEIGHT,
  adaptiveKeywordWeight,
  fuseKeywordAndVector,
  fuseScores,
  keywordMargin,
  MAX_KEYWORD_WEIGHT,
  minMaxNormalize,
  ruleKeywordWeight,
} from './fusion.ts';

const hits = (pairs: [number, number][]) => pairs.map(([doc, score]) => ({ doc, score }));

describe('min-max score fusion', () => {
  it('normalises each list to [0, 1] by its own range', () => {
    const m = minMaxNormalize(hits([[1, 10], [2, 5], [3, 0]]));
    expect([m.get(1), m.get(2), m.get(3)]).toEqual([1, 0.5, 0]);
  });

  it('a single hit (flat list) counts fully rather than dividing by zero', () => {
    expect(minMaxNormalize(hits([[4, 3.2]])).get(4)).toBe(1);
  });

  it('weights decide between the rankers', () => {
    const keyword = hits([[1, 9], [2, 1]]);
    const vector = hits([[2, 0.9], [1, 0.1]]);
    expect(fuseKeywordAndVector(keyword, vector, 2, 0.7).map((h) => h.doc)).toEqual([1, 2]);
    expect(fuseKeywordAndVector(keyword, vector, 2, 0.3).map((h) => h.doc)).toEqual([2, 1]);
  });

  it('weight 1 reproduces the keyword ranking, weight 0 the vector ranking', () => {
    const keyword = hits([[5, 3], [6, 2], [7, 1]]);
    const vector = hits([[7, 0.9], [8, 0.8], [5, 0.1]]);
    expect(fuseKeywordAndVector(keyword, vector, 3, 1).map((h) => h.doc)).toEqual([5, 6, 7]);
    expect(fuseKeywordAndVector(keyword, vector, 3, 0).map((h) => h.doc)).toEqual([7, 8, 5]);
  });

  it('a document found by both rankers beats one found by a single ranker at the same level', () => {
    const fused = fuseScores(
      [
        { hits: hits([[1, 2], [2, 2], [3, 0]]), weight: 0.5 },
        { hits: hits([[2, 1], [4, 0]]), weight: 0.5 },
      ],
      4,
    );
    expect(fused[0]).toMatchObject({ doc: 2, score: 1, parts: [1, 1] });
    expect(fused.map((h) => h.doc)).toEqual([2, 1, 3, 4]);
  });

  it('keyword search finding nothing leaves the vector ranking', () => {
    expect(fuseKeywordAndVector([], hits([[3, 0.5], [1, 0.4]]), 5).map((h) => h.doc)).toEqual([3, 1]);
  });

  it('refuses a weight outside [0, 1]', () => {
    expect(() => fuseKeywordAndVector([], [], 1, 1.5)).toThrow(/outside/);
  });
});

describe('adaptive keyword weight', () => {
  it("measures how far BM25's best candidate stands above the rest", () => {
    expect(keywordMargin(hits([[1, 10], [2, 2], [3, 0]]))).toBeCloseTo(0.8, 9);
    expect(keywordMargin(hits([[1, 10], [2, 9.5], [3, 0]]))).toBeCloseTo(0.05, 9);
    expect(keywordMargin(hits([[3, 0], [1, 10], [2, 2]]))).toBeCloseTo(0.8, 9); // order does not matter
  });

  it('has no evidence with fewer than two candidates or all scores equal', () => {
    expect(keywordMargin(hits([[1, 5]]))).toBe(0);
    expect(keywordMargin(hits([[1, 5], [2, 5]]))).toBe(0);
    expect(adaptiveKeywordWeight([])).toBe(ADAPTIVE_BASE_WEIGHT);
  });

  it('gives BM25 more say when its top hit is clear, never all of it', () => {
    const clear = adaptiveKeywordWeight(hits([[1, 30], [2, 3], [3, 1]]));
    const bunched = adaptiveKeywordWeight(hits([[1, 3], [2, 2.9], [3, 1]]));
    expect(clear).toBeGreaterThan(bunched);
    expect(bunched).toBeGreaterThanOrEqual(ADAPTIVE_BASE_WEIGHT);
    expect(adaptiveKeywordWeight(hits([[1, 1], [2, 0], [3, 0]]))).toBe(MAX_KEYWORD_WEIGHT);
  });

  it('lets an exact keyword match win over a closer embedding neighbour', () => {
    const keyword = hits([[1, 40], [2, 4], [3, 3], [4, 0]]);
    const vector = hits([[2, 0.9], [1, 0.7], [4, 0.2], [3, 0.1]]);
    expect(fuseKeywordAndVector(keyword, vector, 1, adaptiveKeywordWeight(keyword))[0]!.doc).toBe(1);
    // … which a bunched BM25 list would not have earned:
    const bunched = hits([[1, 4.1], [2, 4], [3, 3.9], [4, 0]]);
    expect(fuseKeywordAndVector(bunched, vector, 1, adaptiveKeywordWeight(bunched))[0]!.doc).toBe(2);
  });
});

describe('a fusion rule', () => {
  const clear = hits([[1, 30], [2, 3], [3, 1]]);

  it('with gain 0 is a fixed weight, whatever the margin', () => {
    expect(ruleKeywordWeight(clear, { base: 0.3, gain: 0, cap: 0.95 })).toBe(0.3);
    expect(ruleKeywordWeight(hits([[1, 3], [2, 3]]), { base: 0.3, gain: 0, cap: 0.95 })).toBe(0.3);
  });

  it('never goes below its base, and a base above the cap stands', () => {
    expect(ruleKeywordWeight(hits([[1, 3], [2, 3]]), { base: 0.7, gain: 2, cap: 0.95 })).toBe(0.7);
    expect(ruleKeywordWeight(clear, { base: 1, gain: 2, cap: 0.95 })).toBe(1);
  });

  it("lowers the embedding's share for a query the corpus's vocabulary hardly covers", () => {
    const rule = { base: 0.4, gain: 0, cap: 0.95, coverage: 0.6 };
    expect(ruleKeywordWeight(clear, rule, 0.9)).toBeCloseTo(0.4, 12); // covered as well as the corpus's own sentences
    expect(ruleKeywordWeight(clear, rule, 0.3)).toBeCloseTo(1 - 0.6 * 0.5, 12); // half the reference: half the share
    expect(ruleKeywordWeight(clear, rule, 0)).toBe(1); // nothing known: keyword search alone
    expect(ruleKeywordWeight(clear, { base: 0.4, gain: 0, cap: 0.95 }, 0)).toBe(0.4); // no reference: no scaling
  });
});
