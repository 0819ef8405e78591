import { describe, expect, it } from 'vitest';
import { quantizeRows } from './vector-quantize.ts';
import { scoreAllRows, searchInt8, topK } from './vector-scan.ts';
import { Prng } from '../../testing/prng.ts';

describe('int8 vector scan', () => {
  const m = quantizeRows([[1, 0], [0.6, 0.8], [0, 1], [-1, 0]], 2);

  it('scores are dot products with the dequantised rows', () => {
    const s = scoreAllRows(m, Float32Array.from([1, 0]));
    expect(s[0]).toBeCloseTo(1, 2);
    expect(s[1]).toBeCloseTo(0.6, 2);
    expect(s[3]).toBeCloseTo(-1, 2);
  });

  it('returns the k best rows, best first', () => {
    expect(searchInt8(m, Float32Array.from([0, 1]), 2).map((h) => h.doc)).toEqual([2, 1]);
  });

  it('agrees with a full sort on random data, ties by lower row', () => {
    const prng = new Prng(11);
    const scores = Float32Array.from({ length: 500 }, () => Math.round(prng.next() * 50));
    const expected = [...scores.keys()].sort((a, b) => scores[b]! - scores[a]! || a - b).slice(0, 10);
    expect(topK(scores, 10).map((h) => h.doc)).toEqual(expected);
  });

  it('matches a float dot product with the dequantised rows to 1e-4, for any width', () => {
    const prng = new Prng(3);
    for (const dims of [256, 7]) {
      const rows = Array.from({ length: 20 }, () => Array.from({ length: dims }, () => prng.next() - 0.5));
      const matrix = quantizeRows(rows, dims);
      const q = Float32Array.from({ length: dims }, () => prng.next() - 0.5);
      const scores = scoreAllRows(matrix, q);
      for (let r = 0; r < 20; r++) {
        let exact = 0;
        for (let d = 0; d < dims; d++) exact += matrix.codes[r * dims + d]! * matrix.scales[r]! * q[d]!;
        expect(Math.abs(scores[r]! - exact)).toBeLessThan(1e-4);
      }
    }
  });

  it('scores a zero query as 0 everywhere', () => {
    expect(Array.from(scoreAllRows(m, new Float32Array(2)))).toEqual([0, 0, 0, 0]);
  });

  it('rejects a query of the wrong width', () => {
    expect(() => scoreAllRows(m, new Float32Array(3))).toThrow(/3 dimensions/);
  });
});
