import { describe, expect, it } from 'vitest';
import { bestSentence, highlightRanges, passageFor } from './literature-passage.ts';

describe('passages under literature hits', () => {
  const text = 'Metformin is cleared by the kidneys. Below an eGFR of 30 it is contraindicated. Lactic acidosis is rare.';

  it('picks the sentence sharing most query terms', () => {
    expect(bestSentence(text, 'metformin eGFR contraindicated')).toBe('Below an eGFR of 30 it is contraindicated.');
    expect(bestSentence('メトホルミンは腎排泄である。eGFR 30未満では禁忌である。', 'eGFR 禁忌')).toBe('eGFR 30未満では禁忌である。');
  });

  it('marks query words case- and width-insensitively, merging overlaps', () => {
    const ranges = highlightRanges('Metformin and METFORMIN', 'ｍｅｔｆｏｒｍｉｎ');
    expect(ranges).toEqual([
      { start: 0, end: 9 },
      { start: 14, end: 23 },
    ]);
    expect(highlightRanges('abcdef', 'abcd cdef')).toEqual([{ start: 0, end: 6 }]);
    expect(highlightRanges('text', '')).toEqual([]);
  });

  it('returns the passage with its highlights', () => {
    const p = passageFor(text, 'lactic acidosis');
    expect(p.text).toBe('Lactic acidosis is rare.');
    expect(p.highlights).toEqual([{ start: 0, end: 6 }, { start: 7, end: 15 }]);
  });
});
