import { describe, expect, it } from 'vitest';
import { buildBm25 } from './bm25-builder.ts';
import { queryCoverage } from './query-coverage.ts';

// Written for this test: an English corpus.
const index = buildBm25([{ weight: 1 }], [[[0, 'Metformin dose is reduced when eGFR falls below 45 mL/min.']], [[0, 'PD-1 inhibitors in melanoma.']]]);

describe('query coverage', () => {
  it('is 1 for a query in the words of the corpus', () => {
    expect(queryCoverage(index, 'metformin dose')).toBe(1);
  });

  it('counts distinct terms known to the corpus', () => {
    expect(queryCoverage(index, 'metformin metformin aspirin')).toBe(0.5);
  });

  it('is low for a Japanese question over English text, from its Latin-script terms only', () => {
    const c = queryCoverage(index, 'eGFRが45未満ではメトホルミンを減量する');
    expect(c).toBeGreaterThan(0);
    expect(c).toBeLessThan(0.25);
  });

  it('is 1 for a query with no search terms (nothing to judge)', () => {
    expect(queryCoverage(index, '、。')).toBe(1);
  });
});
