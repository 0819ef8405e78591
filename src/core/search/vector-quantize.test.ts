import { describe, expect, it } from 'vitest';
import { dot, l2NormalizeInPlace } from './vector-pooling.ts';
import { dequantizeInt8, quantizeInt8, quantizeRows } from './vector-quantize.ts';
import { Prng } from '../../testing/prng.ts';

describe('int8 quantisation (symmetric, one scale per vector)', () => {
  it('maps the largest magnitude to ±127 and zero to zero', () => {
    const q = quantizeInt8([0.5, -1, 0, 0.25]);
    expect(Array.from(q.codes)).toEqual([64, -127, 0, 32]);
    expect(q.scale).toBeCloseTo(1 / 127, 9);
  });

  it('round-trips within half a step', () => {
    const prng = new Prng(3);
    const v = Float32Array.from({ length: 256 }, () => prng.next() * 2 - 1);
    const q = quantizeInt8(v);
    const back = dequantizeInt8(q);
    for (let i = 0; i < v.length; i++) expect(Math.abs(back[i]! - v[i]!)).toBeLessThanOrEqual(q.scale / 2 + 1e-7);
  });

  it('keeps cosine similarity of unit vectors to about 1e-3', () => {
    const prng = new Prng(5);
    const a = l2NormalizeInPlace(Float32Array.from({ length: 256 }, () => prng.next() - 0.5));
    const b = l2NormalizeInPlace(Float32Array.from({ length: 256 }, () => prng.next() - 0.5));
    expect(Math.abs(dot(dequantizeInt8(quantizeInt8(a)), b) - dot(a, b))).toBeLessThan(2e-3);
  });

  it('a zero vector gets scale 0, not NaN codes', () => {
    const q = quantizeInt8([0, 0]);
    expect(q.scale).toBe(0);
    expect(Array.from(q.codes)).toEqual([0, 0]);
  });

  it('lays rows out contiguously and rejects a wrong width', () => {
    const m = quantizeRows([[1, 0], [0, -2]], 2);
    expect(Array.from(m.codes)).toEqual([127, 0, 0, -127]);
    expect(m.scales[1]).toBeCloseTo(2 / 127, 6);
    expect(() => quantizeRows([[1, 2, 3]], 2)).toThrow(/3 dimensions, expected 2/);
  });
});
