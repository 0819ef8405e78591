import { describe, expect, it } from 'vitest';
import { clsPool, dot, l2NormalizeInPlace, meanPool, pool } from './vector-pooling.ts';

// batch 2, tokens 3, dims 2; the second text has one padding token.
const hidden = {
  data: Float32Array.from([1, 2, 3, 4, 5, 6, /* text 2 */ 10, 0, 20, 0, 999, 999]),
  batch: 2,
  tokens: 3,
  dims: 2,
};
const mask = [1, 1, 1, 1, 1, 0];

describe('pooling', () => {
  it('mean pooling averages only unmasked tokens', () => {
    const [a, b] = meanPool(hidden, mask);
    expect(Array.from(a!)).toEqual([3, 4]);
    expect(Array.from(b!)).toEqual([15, 0]); // the 999 padding row is ignored
  });

  it('accepts a bigint mask as onnxruntime tensors hold it', () => {
    const [, b] = meanPool(hidden, BigInt64Array.from(mask.map(BigInt)));
    expect(Array.from(b!)).toEqual([15, 0]);
  });

  it('a fully masked text pools to the zero vector instead of NaN', () => {
    const [a] = meanPool({ ...hidden, batch: 1 }, [0, 0, 0]);
    expect(Array.from(a!)).toEqual([0, 0]);
  });

  it('CLS pooling takes the first token of each text', () => {
    expect(clsPool(hidden).map((v) => Array.from(v))).toEqual([[1, 2], [10, 0]]);
  });

  it("'none' splits an already pooled [batch, dims] output", () => {
    const out = pool({ data: Float32Array.from([1, 2, 3, 4]), batch: 2, tokens: 1, dims: 2 }, [1, 1], 'none');
    expect(out.map((v) => Array.from(v))).toEqual([[1, 2], [3, 4]]);
  });
});

describe('l2 normalisation', () => {
  it('scales to unit length and keeps direction', () => {
    const v = l2NormalizeInPlace(Float32Array.from([3, 4]));
    expect(v[0]).toBeCloseTo(0.6, 6);
    expect(v[1]).toBeCloseTo(0.8, 6);
    expect(dot(v, v)).toBeCloseTo(1, 6);
  });

  it('leaves the zero vector alone', () => {
    expect(Array.from(l2NormalizeInPlace(new Float32Array(3)))).toEqual([0, 0, 0]);
  });
});
