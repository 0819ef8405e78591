/**
 * Pooling and normalisation of transformer outputs: the maths between an ONNX session's
 * `last_hidden_state` and a sentence vector. Pure functions over typed arrays so the
 * browser worker and the Node indexer share them to the last bit.
 */

export type Pooling = 'mean' | 'cls' | 'none';

/** A row-major [batch, tokens, dims] tensor as it comes out of the session. */
export interface HiddenStates {
  readonly data: Float32Array;
  readonly batch: number;
  readonly tokens: number;
  readonly dims: number;
}

/**
 * Mean of the token vectors whose attention mask is 1 (padding must not pull the mean
 * towards the pad embedding, which is what makes batched and single results differ).
 */
export function meanPool(hidden: HiddenStates, mask: ArrayLike<number | bigint>): Float32Array[] {
  const { data, batch, tokens, dims } = hidden;
  const out: Float32Array[] = [];
  for (let b = 0; b < batch; b++) {
    const acc = new Float64Array(dims);
    let count = 0;
    for (let t = 0; t < tokens; t++) {
      if (Number(mask[b * tokens + t]) === 0) continue;
      count++;
      const base = (b * tokens + t) * dims;
      for (let d = 0; d < dims; d++) acc[d]! += data[base + d]!;
    }
    const v = new Float32Array(dims);
    if (count > 0) for (let d = 0; d < dims; d++) v[d] = acc[d]! / count;
    out.push(v);
  }
  return out;
}

/** The first token's vector ([CLS] for BERT-style models). */
export function clsPool(hidden: HiddenStates): Float32Array[] {
  const { data, batch, tokens, dims } = hidden;
  const out: Float32Array[] = [];
  for (let b = 0; b < batch; b++) out.push(data.slice(b * tokens * dims, b * tokens * dims + dims));
  return out;
}

/** Rows of an already pooled [batch, dims] output (models that pool inside the graph). */
export function splitRows(data: Float32Array, batch: number, dims: number): Float32Array[] {
  const out: Float32Array[] = [];
  for (let b = 0; b < batch; b++) out.push(data.slice(b * dims, (b + 1) * dims));
  return out;
}

export function pool(hidden: HiddenStates, mask: ArrayLike<number | bigint>, pooling: Pooling): Float32Array[] {
  if (pooling === 'mean') return meanPool(hidden, mask);
  if (pooling === 'cls') return clsPool(hidden);
  return splitRows(hidden.data, hidden.batch, hidden.dims);
}

/** Scales `v` to unit Euclidean length in place; a zero vector stays zero. */
export function l2NormalizeInPlace(v: Float32Array): Float32Array {
  let sum = 0;
  for (let i = 0; i < v.length; i++) sum += v[i]! * v[i]!;
  if (sum > 0) {
    const inv = 1 / Math.sqrt(sum);
    for (let i = 0; i < v.length; i++) v[i]! *= inv;
  }
  return v;
}

export function dot(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]! * b[i]!;
  return s;
}
