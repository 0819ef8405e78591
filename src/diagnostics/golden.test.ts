import { describe, expect, it } from 'vitest';
import { maxAbsDiff } from './golden.ts';

describe('maxAbsDiff', () => {
  it('finds the largest difference and refuses mismatched shapes', () => {
    expect(maxAbsDiff([[1, 2], [3, 4]], [[1, 2.5], [2.9, 4]])).toBeCloseTo(0.5);
    expect(maxAbsDiff([[1]], [[1], [2]])).toBe(Infinity);
    expect(maxAbsDiff([[1, 2]], [[1]])).toBe(Infinity);
    expect(maxAbsDiff([], [])).toBe(0);
  });
});
