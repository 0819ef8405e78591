import { describe, expect, it } from 'vitest';
import { maxVectorDiff } from './vector-diff.ts';

describe('maxVectorDiff', () => {
  it('finds the largest difference and refuses mismatched shapes', () => {
    expect(maxVectorDiff([[1, 2], [3, 4]], [[1, 2.5], [2.9, 4]])).toBeCloseTo(0.5);
    expect(maxVectorDiff([[1]], [[1], [2]])).toBe(Infinity);
    expect(maxVectorDiff([[1, 2]], [[1]])).toBe(Infinity);
    expect(maxVectorDiff([], [])).toBe(0);
  });
});
