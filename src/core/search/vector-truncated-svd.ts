/**
 * Truncated SVD of a sparse matrix by randomised subspace iteration (Halko, Martinsson &
 * Tropp 2011): a few sparse products with a thin dense block, then an exact
 * eigendecomposition of a small (k + oversample)² matrix. Enough for LSA-style models of a
 * literature corpus without a linear-algebra library, in Node or a worker.
 */
import { symmetricEigen } from './vector-symmetric-eigen.ts';

/** Compressed sparse rows: row r holds columns colIdx[rowPtr[r] .. rowPtr[r+1]). */
export interface CsrMatrix {
  readonly rows: number;
  readonly cols: number;
  readonly rowPtr: Int32Array;
  readonly colIdx: Int32Array;
  readonly values: Float32Array;
}

export interface TruncatedSvd {
  /** Number of singular triplets kept (≤ requested when the matrix is smaller). */
  readonly k: number;
  /** Singular values, descending. */
  readonly sigma: Float64Array;
  /** Right singular vectors scaled by σ^power: cols × k, row-major. */
  readonly v: Float64Array;
}

export interface SvdOptions {
  readonly oversample?: number;
  readonly powerIterations?: number;
  /** Right vectors are returned as V·Σ^power (0: plain V). */
  readonly power?: number;
  readonly random?: () => number;
  readonly onProgress?: (done: number, total: number) => void;
}

/** Z (cols × l, row-major) = Xᵀ Y, with Y column-major (l columns of length rows). */
function mulTransposed(x: CsrMatrix, y: Float64Array, l: number): Float64Array {
  const z = new Float64Array(x.cols * l);
  const yr = new Float64Array(l);
  for (let r = 0; r < x.rows; r++) {
    for (let j = 0; j < l; j++) yr[j] = y[j * x.rows + r]!;
    for (let p = x.rowPtr[r]!; p < x.rowPtr[r + 1]!; p++) {
      const base = x.colIdx[p]! * l, val = x.values[p]!;
      for (let j = 0; j < l; j++) z[base + j]! += val * yr[j]!;
    }
  }
  return z;
}

/** Y (column-major, l columns of length rows) = X Z, with Z cols × l row-major. */
function mul(x: CsrMatrix, z: Float64Array, l: number): Float64Array {
  const y = new Float64Array(x.rows * l);
  const acc = new Float64Array(l);
  for (let r = 0; r < x.rows; r++) {
    acc.fill(0);
    for (let p = x.rowPtr[r]!; p < x.rowPtr[r + 1]!; p++) {
      const base = x.colIdx[p]! * l, val = x.values[p]!;
      for (let j = 0; j < l; j++) acc[j]! += val * z[base + j]!;
    }
    for (let j = 0; j < l; j++) y[j * x.rows + r] = acc[j]!;
  }
  return y;
}

/** Modified Gram–Schmidt on l contiguous columns of length n, in place. */
function orthonormalizeColumns(y: Float64Array, n: number, l: number): void {
  for (let j = 0; j < l; j++) {
    const cj = j * n;
    for (let pass = 0; pass < 2; pass++) {
      // Two passes ("twice is enough"): one loses orthogonality on near-dependent columns.
      for (let i = 0; i < j; i++) {
        const ci = i * n;
        let d = 0;
        for (let r = 0; r < n; r++) d += y[ci + r]! * y[cj + r]!;
        for (let r = 0; r < n; r++) y[cj + r]! -= d * y[ci + r]!;
      }
    }
    let norm = 0;
    for (let r = 0; r < n; r++) norm += y[cj + r]! * y[cj + r]!;
    norm = Math.sqrt(norm);
    // A column in the span of the previous ones carries no direction: zero it.
    const inv = norm > 1e-12 ? 1 / norm : 0;
    for (let r = 0; r < n; r++) y[cj + r]! *= inv;
  }
}

function gaussian(random: () => number): number {
  const u = Math.max(random(), 1e-300);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
}

export function truncatedSvd(x: CsrMatrix, k: number, options: SvdOptions = {}): TruncatedSvd {
  const { oversample = 16, powerIterations = 3, power = 0, random = Math.random, onProgress } = options;
  const l = Math.min(k + oversample, x.rows, x.cols);
  const n = x.rows;
  const total = powerIterations + 2;
  // Start from a random block in the row space (X Xᵀ Ω) so the first product is sparse.
  let y: Float64Array = new Float64Array(n * l);
  for (let i = 0; i < y.length; i++) y[i] = gaussian(random);
  let z: Float64Array = new Float64Array(0);
  for (let it = 0; it <= powerIterations; it++) {
    orthonormalizeColumns(y, n, l);
    z = mulTransposed(x, y, l);
    if (it < powerIterations) y = mul(x, z, l);
    onProgress?.(it + 1, total);
  }
  // Now y = Q (orthonormal) and z = Xᵀ Q = Bᵀ. C = B Bᵀ = Qᵀ (X Z) is only l × l.
  const xz = mul(x, z, l);
  const c = new Float64Array(l * l);
  for (let i = 0; i < l; i++)
    for (let j = i; j < l; j++) {
      let s = 0;
      for (let r = 0; r < n; r++) s += y[i * n + r]! * xz[j * n + r]!;
      c[i * l + j] = s;
      c[j * l + i] = s;
    }
  const { values, vectors } = symmetricEigen(c, l);
  const kept = Math.min(k, l);
  const sigma = new Float64Array(kept);
  // V = Bᵀ W Σ⁻¹ = Xᵀ (Q W Σ⁻¹), so V Σ^power = Xᵀ (Q W Σ^(power − 1)). Multiplying the thin
  // dense block first and then the sparse Xᵀ costs (rows · l + nnz) · k instead of the
  // cols · l · k of Z W: with tens of thousands of features, 40× less.
  const coef = new Float64Array(l * kept);
  for (let j = 0; j < kept; j++) {
    sigma[j] = Math.sqrt(Math.max(values[j]!, 0));
    const f = sigma[j]! > 1e-12 ? Math.pow(sigma[j]!, power - 1) : 0;
    for (let i = 0; i < l; i++) coef[i * kept + j] = vectors[i * l + j]! * f;
  }
  const left = new Float64Array(n * kept); // column-major, as mulTransposed takes it
  for (let i = 0; i < l; i++) {
    const qi = i * n;
    for (let j = 0; j < kept; j++) {
      const c = coef[i * kept + j]!;
      if (c === 0) continue;
      const lj = j * n;
      for (let r = 0; r < n; r++) left[lj + r]! += y[qi + r]! * c;
    }
  }
  const v = mulTransposed(x, left, kept);
  onProgress?.(total, total);
  return { k: kept, sigma, v };
}
