/**
 * Exhaustive top-k search over an int8 matrix: one pass over the codes, which is the
 * memory-bound optimum for the corpus sizes of a hospital literature pack (100k × 256
 * bytes = 25.6 MB). Scores are dot products, i.e. cosine similarity for unit vectors.
 */
import { TopK, type ScoredDoc } from './top-k.ts';
import type { Int8Matrix } from './vector-quantize.ts';

/**
 * The query is scaled to integers so the inner loop is int8 × int32 with 32-bit integer
 * accumulation, which V8 runs about twice as fast as float multiply-adds (measured in
 * bench/retrieval-scale.ts), and which the WebAssembly SIMD scan reproduces exactly. The
 * range is int16 (the SIMD kernel multiplies int16 lanes) and small enough that a full dot
 * product, dims · 127 · range, cannot overflow int32: ±32767 up to 516 dimensions (the
 * rounding costs a relative 2e-5 of a score), less beyond.
 */
export function queryIntRange(dims: number): number {
  return Math.min(32767, Math.floor(0x7fffffff / (dims * 127)));
}

/** Scores of every row against a float query (cosine when both sides are unit vectors). */
export function scoreAllRows(matrix: Int8Matrix, query: Float32Array): Float32Array {
  const { rows, dims, codes, scales } = matrix;
  if (query.length !== dims) throw new Error(`query has ${query.length} dimensions, index has ${dims}`);
  if (dims > 65536) throw new Error(`${dims} dimensions are more than the integer scan supports`);
  let qMax = 0;
  for (let d = 0; d < dims; d++) qMax = Math.max(qMax, Math.abs(query[d]!));
  const out = new Float32Array(rows);
  if (qMax === 0) return out;
  const qScale = queryIntRange(dims) / qMax;
  const q = Int32Array.from(query, (x) => Math.round(x * qScale));
  const inv = 1 / qScale;
  const body = dims & ~3;
  for (let r = 0, base = 0; r < rows; r++, base += dims) {
    let s = 0;
    let d = 0;
    for (; d < body; d += 4) {
      const b = base + d;
      s = (s + codes[b]! * q[d]! + codes[b + 1]! * q[d + 1]! + codes[b + 2]! * q[d + 2]! + codes[b + 3]! * q[d + 3]!) | 0;
    }
    for (; d < dims; d++) s = (s + codes[base + d]! * q[d]!) | 0;
    out[r] = s * scales[r]! * inv;
  }
  return out;
}

/** The k best rows, best first; ties keep the lower row first (the keyword side's TopK). */
export function topK(scores: ArrayLike<number>, k: number): ScoredDoc[] {
  const top = new TopK(Math.min(k, scores.length));
  for (let row = 0; row < scores.length; row++) {
    const s = scores[row]!;
    if (!Number.isNaN(s)) top.push(s, row);
  }
  return top.sorted();
}

export function searchInt8(matrix: Int8Matrix, query: Float32Array, k: number): ScoredDoc[] {
  return topK(scoreAllRows(matrix, query), k);
}
