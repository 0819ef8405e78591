import { describe, expect, it } from 'vitest';
import { Prng } from '../../testing/prng.ts';
import { encodeInt4Rows, INT4_LEVELS, int4Candidates, rerankInt8, unpackInt4Rows, type Int4List } from './vector-int4.ts';
import { jsRowScorer, rowVector } from './vector-ivf.ts';
import { quantizeRows } from './vector-quantize.ts';
import { scoreAllRows } from './vector-scan.ts';

const DIMS = 16;
const prng = new Prng(3);
const unit = (v: number[]) => {
  const n = Math.hypot(...v);
  return v.map((x) => x / n);
};
const center = unit(Array.from({ length: DIMS }, () => prng.next() - 0.5));
const near = () => unit(center.map((x) => x + 0.4 * (prng.next() - 0.5)));
const matrix = quantizeRows(Array.from({ length: 60 }, near), DIMS);
const centroids = quantizeRows([center], DIMS);
const c = rowVector(centroids, 0);
const all = Int32Array.from({ length: 60 }, (_, i) => i);

describe('4-bit residual codes', () => {
  it('keep each row within half a step of its int8 values, a step being its largest residual / 7', () => {
    const { steps, packed } = encodeInt4Rows(matrix, all, c);
    expect(packed.length).toBe((60 * DIMS) / 2);
    const codes = unpackInt4Rows(packed, steps, DIMS)!;
    for (let i = 0; i < 60; i++) {
      let max = 0;
      for (let d = 0; d < DIMS; d++) max = Math.max(max, Math.abs(matrix.codes[i * DIMS + d]! * matrix.scales[i]! - c[d]!));
      expect(steps[i]).toBeCloseTo(max / INT4_LEVELS, 6);
      for (let d = 0; d < DIMS; d++) {
        const x = matrix.codes[i * DIMS + d]! * matrix.scales[i]!;
        const back = c[d]! + codes.codes[i * DIMS + d]! * codes.scales[i]!;
        expect(Math.abs(back - x)).toBeLessThanOrEqual(steps[i]! / 2 + 1e-6);
      }
    }
  });

  it('are refused when a byte holds a nibble the writer never writes, or the sizes disagree', () => {
    const { steps, packed } = encodeInt4Rows(matrix, all, c);
    const bad = packed.slice();
    bad[5] = 0x80;
    expect(unpackInt4Rows(bad, steps, DIMS)).toBeNull();
    expect(unpackInt4Rows(packed.subarray(1), steps, DIMS)).toBeNull();
    expect(() => encodeInt4Rows(quantizeRows([[1, 0, 0]], 3), [0], new Float32Array(3))).toThrow(/even number of dimensions/);
  });

  it('pick the best distinct documents across lists, a spilled one once with its better code, and re-rank them on int8 rows', () => {
    const { steps, packed } = encodeInt4Rows(matrix, all, c);
    const codes = unpackInt4Rows(packed, steps, DIMS)!;
    const q = Float32Array.from(near());
    // Two lists over the same rows (every document spilled into both) but different ids order.
    const a: Int4List = { ids: Int32Array.from(all), codes, centroid: c };
    const got = int4Candidates([a, a], q, 10, jsRowScorer);
    expect(new Set(got.map((x) => x.doc)).size).toBe(10);
    expect(got.every((x) => x.list === 0)).toBe(true);
    // The exact re-rank of those candidates gives the exact scan's scores, best first.
    const exact = scoreAllRows(matrix, q);
    const top = rerankInt8(got, () => matrix, q, 5, jsRowScorer);
    expect(top).toHaveLength(5);
    for (const h of top) expect(h.score).toBe(exact[h.doc]);
    expect(top.map((h) => h.score)).toEqual([...top.map((h) => h.score)].sort((x, y) => y - x));
    // At most maxLists lists, taken in the order of their best candidate.
    const b: Int4List = { ids: Int32Array.from(all, (i) => i + 100), codes, centroid: c };
    const both = int4Candidates([a, b], q, 10, jsRowScorer);
    expect(new Set(both.map((x) => x.list))).toEqual(new Set([0, 1]));
    const one = int4Candidates([a, b], q, 10, jsRowScorer, 1);
    expect(one.map((x) => x.list)).toEqual(Array(10).fill(both[0]!.list));
    // A spilled document whose better row is in a list past the cap still comes from its other list.
    const tiny = (ids: number[], codes: number[]): Int4List => ({ ids: Int32Array.from(ids), codes: { rows: ids.length, dims: 2, codes: Int8Array.from(codes), scales: new Float32Array(ids.length).fill(1) }, centroid: new Float32Array(2) });
    const capped = int4Candidates([tiny([10, 20], [7, 0, 1, 0]), tiny([20, 30], [3, 0, 0, 0])], Float32Array.from([1, 0]), 3, jsRowScorer, 1);
    expect(capped).toEqual([{ doc: 10, list: 0, row: 0 }, { doc: 20, list: 0, row: 1 }]);
    // A list whose rows are unreadable gives none of its candidates.
    expect(rerankInt8(got, () => undefined, q, 5, jsRowScorer)).toEqual([]);
  });
});

