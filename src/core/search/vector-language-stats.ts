/**
 * What a partitioned index needs to rank a bilingual corpus's vectors as a whole index
 * does (vector-languages.ts) without scoring every document: the mean and spread of a
 * query's scores over each language's documents.
 *
 * A whole index scores every row and takes each language's mean and standard deviation of
 * the scores. A partitioned one scores only the probed lists, the rows nearest the query,
 * whose scores say nothing of the rest. But the mean of the scores q·xᵢ is q·x̄, and their
 * mean square is qᵀ M q with M = mean of xᵢxᵢᵀ: two moments per language, stored with the
 * centroids, give both for any query. The mean is over every row; M over a seeded sample
 * of at most MOMENT_SAMPLE rows (the spread of 20,000 rows' scores is that of a million
 * to within about 1 %; every row would cost 65,536 multiply-adds each, a minute at a
 * million). Rows are taken as the scan scores them: int8 codes times their scale.
 *
 * File (float32, little-endian): for language 0 then 1, its row count, then x̄ (dims),
 * then M (dims × dims, row-major): 4 × 2 × (1 + dims + dims²) bytes, 526 kB at 256 dims.
 */
import type { Int8Matrix } from './vector-quantize.ts';

/** Rows M is averaged over, per language, at most. */
export const MOMENT_SAMPLE = 20_000;

export interface LanguageMoments {
  readonly count: number;
  readonly mean: Float32Array;
  /** The covariance, dims × dims, row-major. */
  readonly covariance: Float32Array;
}

/** Each language's moments (0 English, 1 Japanese, as `languages[row]`); `random` picks M's sample. */
export function languageMoments(matrix: Int8Matrix, languages: Uint8Array, random: () => number, sample = MOMENT_SAMPLE): LanguageMoments[] {
  const { dims } = matrix;
  return [0, 1].map((lang) => {
    const rows: number[] = [];
    for (let r = 0; r < matrix.rows; r++) if (languages[r] === lang) rows.push(r);
    const mean = new Float64Array(dims);
    for (const r of rows) {
      const s = matrix.scales[r]!;
      for (let d = 0; d < dims; d++) mean[d]! += matrix.codes[r * dims + d]! * s;
    }
    // A partial Fisher–Yates shuffle: the first `take` rows are a uniform sample.
    const take = Math.min(sample, rows.length);
    for (let i = 0; i < take; i++) {
      const j = i + Math.floor(random() * (rows.length - i));
      [rows[i], rows[j]] = [rows[j]!, rows[i]!];
    }
    const sampleMean = new Float64Array(dims);
    for (let i = 0; i < take; i++) {
      const r = rows[i]!, s = matrix.scales[r]!;
      for (let d = 0; d < dims; d++) sampleMean[d]! += (matrix.codes[r * dims + d]! * s) / take;
    }
    const covariance = new Float64Array(dims * dims);
    const x = new Float64Array(dims);
    for (let i = 0; i < take; i++) {
      const r = rows[i]!, s = matrix.scales[r]!;
      for (let d = 0; d < dims; d++) x[d] = matrix.codes[r * dims + d]! * s - sampleMean[d]!;
      for (let a = 0; a < dims; a++) {
        const xa = x[a]!;
        const row = a * dims;
        for (let b = 0; b < dims; b++) covariance[row + b]! += xa * x[b]!;
      }
    }
    return {
      count: rows.length,
      mean: Float32Array.from(mean, (v) => (rows.length ? v / rows.length : 0)),
      covariance: Float32Array.from(covariance, (v) => (take ? v / take : 0)),
    };
  });
}

export function encodeLanguageMoments(moments: readonly LanguageMoments[]): Uint8Array {
  const dims = moments[0]!.mean.length;
  const out = new Float32Array(2 * (1 + dims + dims * dims));
  let at = 0;
  for (const m of moments) {
    out[at++] = m.count;
    out.set(m.mean, at);
    at += dims;
    out.set(m.covariance, at);
    at += dims * dims;
  }
  return new Uint8Array(out.buffer);
}

/** The two languages' moments from their file; a message saying what is wrong if it is not one. */
export function decodeLanguageMoments(values: Float32Array, dims: number): LanguageMoments[] | string {
  const per = 1 + dims + dims * dims;
  if (values.length !== 2 * per) return `${values.length} numbers, but two languages' moments of ${dims} dimensions are ${2 * per}`;
  return [0, 1].map((lang) => {
    const at = lang * per;
    return { count: values[at]!, mean: values.subarray(at + 1, at + 1 + dims), covariance: values.subarray(at + 1 + dims, at + per) };
  });
}

/** The mean and standard deviation of the query's scores over a language's rows. */
export function scoreSpread(m: LanguageMoments, query: Float32Array): { mean: number; sd: number } {
  const dims = m.mean.length;
  let mean = 0, variance = 0;
  for (let a = 0; a < dims; a++) {
    const qa = query[a]!;
    mean += qa * m.mean[a]!;
    if (qa === 0) continue;
    let row = 0;
    for (let b = 0, at = a * dims; b < dims; b++) row += m.covariance[at + b]! * query[b]!;
    variance += qa * row;
  }
  return { mean, sd: Math.sqrt(Math.max(0, variance)) };
}
