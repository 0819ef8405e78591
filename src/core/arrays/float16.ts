/**
 * IEEE 754 half-precision (binary16) numbers, for arrays stored in two bytes a value where
 * 11 significant bits (a relative error of at most 2⁻¹¹, 0.05 %) are enough: the keyword
 * index's frequencies (bm25-builder.ts), which a partitioned index's postings then carry in
 * two bytes instead of four, with the same scores.
 *
 * Node 20 has neither Float16Array nor Math.f16round, so this is the conversion by hand:
 * round to nearest, ties to even, as the hardware and Math.f16round do.
 */

/** The largest finite half-precision value. */
export const FLOAT16_MAX = 65504;

const f32 = new Float32Array(1);
const u32 = new Uint32Array(f32.buffer);

/** The binary16 bit pattern nearest to `x` (ties to even); beyond ±65504, ±infinity. */
export function float16Bits(x: number): number {
  f32[0] = x;
  const b = u32[0]!;
  const sign = (b >>> 16) & 0x8000;
  const exp = (b >>> 23) & 0xff;
  const mant = b & 0x7fffff;
  if (exp === 0xff) return sign | 0x7c00 | (mant !== 0 ? 0x200 : 0);
  const e = exp - 127 + 15;
  if (e >= 0x1f) return sign | 0x7c00;
  if (e <= 0) {
    // Subnormal in binary16 (or zero): the implicit leading bit becomes explicit.
    if (e < -10) return sign;
    const m = mant | 0x800000;
    const shift = 14 - e;
    let h = m >>> shift;
    const rest = m & ((1 << shift) - 1);
    const half = 1 << (shift - 1);
    if (rest > half || (rest === half && (h & 1) === 1)) h++;
    return sign | h;
  }
  // A carry out of the mantissa rounds up into the next exponent, which is what it should do.
  let h = (e << 10) | (mant >>> 13);
  const rest = mant & 0x1fff;
  if (rest > 0x1000 || (rest === 0x1000 && (h & 1) === 1)) h++;
  return sign | h;
}

let table: Float32Array | null = null;

/** Every binary16 bit pattern's value (256 kB, built on first use): decoding is one lookup. */
export function float16Table(): Float32Array {
  if (!table) {
    table = new Float32Array(65536);
    for (let h = 0; h < 65536; h++) {
      const sign = h & 0x8000 ? -1 : 1;
      const e = (h >>> 10) & 0x1f;
      const m = h & 0x3ff;
      table[h] = e === 0 ? sign * m * 2 ** -24 : e === 0x1f ? (m === 0 ? sign * Infinity : NaN) : sign * (1 + m / 1024) * 2 ** (e - 15);
    }
  }
  return table;
}

/** The value of a binary16 bit pattern. */
export function float16Value(bits: number): number {
  return float16Table()[bits & 0xffff]!;
}

/** `x` rounded to the nearest binary16 value, at most FLOAT16_MAX in magnitude (never infinite). */
export function roundToFloat16(x: number): number {
  return float16Value(float16Bits(Math.max(-FLOAT16_MAX, Math.min(FLOAT16_MAX, x))));
}
