/**
 * Symmetric int8 quantisation with one scale per vector: code = round(x / scale),
 * scale = max|x| / 127. Per-vector (not per-dimension) scales keep the scan a plain int8
 * dot product times one float, and for unit vectors the error is far below ranking noise.
 */

export interface QuantizedVector {
  readonly codes: Int8Array;
  readonly scale: number;
}

export function quantizeInt8(v: ArrayLike<number>): QuantizedVector {
  let max = 0;
  for (let i = 0; i < v.length; i++) max = Math.max(max, Math.abs(v[i]!));
  const codes = new Int8Array(v.length);
  if (max === 0) return { codes, scale: 0 };
  const scale = max / 127;
  for (let i = 0; i < v.length; i++) codes[i] = Math.max(-127, Math.min(127, Math.round(v[i]! / scale)));
  // Stored as float32 in the index: round here so a vector quantised now and one read back
  // from disk give the same scores.
  return { codes, scale: Math.fround(scale) };
}

export function dequantizeInt8(q: QuantizedVector): Float32Array {
  const out = new Float32Array(q.codes.length);
  for (let i = 0; i < out.length; i++) out[i] = q.codes[i]! * q.scale;
  return out;
}

/** A matrix of quantised rows laid out for a scan: codes row-major, one scale per row. */
export interface Int8Matrix {
  readonly rows: number;
  readonly dims: number;
  readonly codes: Int8Array;
  readonly scales: Float32Array;
}

export function quantizeRows(vectors: readonly ArrayLike<number>[], dims: number): Int8Matrix {
  const codes = new Int8Array(vectors.length * dims);
  const scales = new Float32Array(vectors.length);
  vectors.forEach((v, r) => {
    if (v.length !== dims) throw new Error(`vector ${r} has ${v.length} dimensions, expected ${dims}`);
    const q = quantizeInt8(v);
    codes.set(q.codes, r * dims);
    scales[r] = q.scale;
  });
  return { rows: vectors.length, dims, codes, scales };
}
