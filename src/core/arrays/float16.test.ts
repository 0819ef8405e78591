import { describe, expect, it } from 'vitest';
import { FLOAT16_MAX, float16Bits, float16Value, roundToFloat16 } from './float16.ts';

describe('half-precision numbers', () => {
  it('gives the known bit patterns of IEEE 754 binary16', () => {
    expect(float16Bits(1)).toBe(0x3c00);
    expect(float16Bits(-2)).toBe(0xc000);
    expect(float16Bits(0.5)).toBe(0x3800);
    expect(float16Bits(65504)).toBe(0x7bff);
    expect(float16Bits(2 ** -14)).toBe(0x0400); // smallest normal
    expect(float16Bits(2 ** -24)).toBe(0x0001); // smallest subnormal
    expect(float16Bits(0)).toBe(0);
    expect(float16Bits(1e6)).toBe(0x7c00);
    expect(float16Value(0x3555)).toBeCloseTo(1 / 3, 3);
  });

  it('reads back every finite bit pattern to itself', () => {
    for (let h = 0; h < 0x10000; h++) {
      if (((h >>> 10) & 0x1f) === 0x1f) continue; // infinities and NaN
      const bits = float16Bits(float16Value(h));
      // −0 and +0 are both zero.
      expect(bits === h || (float16Value(h) === 0 && float16Value(bits) === 0)).toBe(true);
    }
  });

  it('rounds to the nearest value, ties to even, within 2⁻¹¹ of the value', () => {
    const step = 2 ** -10; // between 1 and 2
    expect(float16Value(float16Bits(1 + step / 2))).toBe(1); // tie: 1 is even
    expect(float16Value(float16Bits(1 + (3 * step) / 2))).toBe(1 + 2 * step); // tie: up to even
    expect(float16Value(float16Bits(1 + step * 0.51))).toBe(1 + step);
    expect(float16Value(float16Bits(2047.5))).toBe(2048); // carry into the next exponent
    for (let i = 0; i < 2000; i++) {
      const x = 10 ** (i / 400 - 2); // 0.01 … 1e3
      expect(Math.abs(roundToFloat16(x) - x) / x).toBeLessThanOrEqual(2 ** -11);
    }
  });

  it('keeps large values finite', () => {
    expect(roundToFloat16(1e9)).toBe(FLOAT16_MAX);
    expect(roundToFloat16(-1e9)).toBe(-FLOAT16_MAX);
  });
});
