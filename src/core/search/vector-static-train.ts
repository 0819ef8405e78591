/**
 * Trains the tables of the corpus-built static embedding model (`raireki-static-ngram-*`):
 * hashed word / character n-gram features → dense vectors, learnt from the corpus that is
 * being indexed by a truncated SVD of its idf-weighted document–feature matrix (LSA).
 *
 * A text's vector is Σ idf(f) · T[f] over its distinct features f, then L2-normalised,
 * which for a training document is its LSA vector U·Σ^power. Classic LSA uses power 1;
 * power 0 ("whitened" LSA: every kept direction counts equally) was clearly better on all
 * five development sets (e.g. nDCG@10 0.29 vs 0.21 on HealthVer, 0.31 vs 0.24 on Japanese
 * clinical text), because the first few directions only say "this is a medical abstract"
 * and drown the topical detail of the later ones.
 */
import { refineContrastive, type ContrastiveOptions, type ContrastivePair, type ContrastiveResult } from './vector-contrastive.ts';
import { quantizeInt8 } from './vector-quantize.ts';
import { truncatedSvd, type CsrMatrix } from './vector-truncated-svd.ts';

export interface StaticModelTables {
  readonly buckets: number;
  readonly dims: number;
  /** Row of the embedding table for each hash bucket; row 0 is the zero vector (unknown / padding). */
  readonly bucketRows: Int32Array;
  /** rows × dims int8 codes. */
  readonly rowCodes: Int8Array;
  /** Per-row weight: idf × the row's quantisation scale. */
  readonly rowWeights: Float32Array;
  readonly rows: number;
}

export interface StaticTrainOptions {
  readonly buckets: number;
  readonly dims: number;
  /** Embedding-table rows kept (most frequent features first). */
  readonly maxRows: number;
  /** Singular-value exponent of the document vectors (1: classic LSA). */
  readonly sigmaPower: number;
  readonly random: () => number;
  readonly onProgress?: (done: number, total: number) => void;
  /** Second stage (vector-contrastive.ts): pairs as feature bucket ids, like `docs`. */
  readonly contrastive?: {
    readonly pairsForEpoch: (epoch: number) => readonly ContrastivePair[];
    readonly heldOut: readonly ContrastivePair[];
    /** Indices into `docs` of documents the held-out pairs are ranked among (none their source). */
    readonly distractorDocs: readonly number[];
    readonly options: Omit<ContrastiveOptions, 'random'>;
    readonly onResult?: (result: ContrastiveResult) => void;
  };
}

export const DEFAULT_STATIC_TRAIN: Omit<StaticTrainOptions, 'random'> = {
  buckets: 1 << 19,
  dims: 256,
  maxRows: 60_000,
  sigmaPower: 0,
};

/** `docs`: each document's distinct feature bucket ids (see vector-ngram-features.ts). */
export function trainStaticModel(docs: readonly Int32Array[], options: StaticTrainOptions): StaticModelTables {
  const { buckets, dims, maxRows } = options;
  const n = docs.length;
  const df = new Int32Array(buckets);
  for (const d of docs) for (const b of d) df[b]!++;
  const candidates: number[] = [];
  for (let b = 1; b < buckets; b++) if (df[b]! > 0) candidates.push(b);
  candidates.sort((a, b) => df[b]! - df[a]! || a - b);
  const kept = candidates.slice(0, maxRows - 1);
  const rows = kept.length + 1;
  const bucketRows = new Int32Array(buckets);
  const idf = new Float64Array(rows);
  kept.forEach((b, i) => {
    bucketRows[b] = i + 1;
    idf[i + 1] = Math.log(1 + n / df[b]!);
  });

  const rowPtr = new Int32Array(n + 1);
  let nnz = 0;
  for (let r = 0; r < n; r++) {
    for (const b of docs[r]!) if (bucketRows[b]! > 0) nnz++;
    rowPtr[r + 1] = nnz;
  }
  const colIdx = new Int32Array(nnz);
  const values = new Float32Array(nnz);
  for (let r = 0, p = 0; r < n; r++) {
    const start = p;
    let norm = 0;
    for (const b of docs[r]!) {
      const row = bucketRows[b]!;
      if (row === 0) continue;
      colIdx[p] = row;
      values[p] = idf[row]!;
      norm += idf[row]! * idf[row]!;
      p++;
    }
    // Unit-length rows give long and short documents equal say in the learnt directions.
    const inv = norm > 0 ? 1 / Math.sqrt(norm) : 0;
    for (let q = start; q < p; q++) values[q]! *= inv;
  }
  const x: CsrMatrix = { rows: n, cols: rows, rowPtr, colIdx, values };
  const svd = truncatedSvd(x, dims, {
    power: options.sigmaPower,
    random: options.random,
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
  });

  // A corpus of fewer documents than `dims` has fewer directions to give (svd.k): the
  // table is that wide, rather than padded with columns that are zero in every vector.
  const width = svd.k;
  // Float32 for training speed; a table the contrastive stage did not change is quantised
  // from the SVD's own float64 rows, as before the stage existed.
  let refined: Float32Array | null = null;
  const c = options.contrastive;
  if (c) {
    const table = new Float32Array(rows * width);
    for (let row = 1; row < rows; row++) for (let j = 0; j < width; j++) table[row * width + j] = svd.v[row * width + j]!;
    const asRows = (pair: ContrastivePair): ContrastivePair => ({ query: toRows(pair.query, bucketRows), passage: toRows(pair.passage, bucketRows) });
    const heldOut = { pairs: c.heldOut.map(asRows), distractors: c.distractorDocs.map((d) => toRows(docs[d]!, bucketRows)) };
    const result = refineContrastive(table, width, idf, (e) => c.pairsForEpoch(e).map(asRows), heldOut, { ...c.options, random: options.random });
    c.onResult?.(result);
    if (result.keptEpochs > 0) refined = table;
  }

  const rowCodes = new Int8Array(rows * width);
  const rowWeights = new Float32Array(rows);
  const vec = new Float64Array(width);
  for (let row = 1; row < rows; row++) {
    if (refined) vec.set(refined.subarray(row * width, (row + 1) * width));
    else for (let j = 0; j < width; j++) vec[j] = svd.v[row * width + j]!;
    const q = quantizeInt8(vec);
    rowCodes.set(q.codes, row * width);
    rowWeights[row] = idf[row]! * q.scale;
  }
  return { buckets, dims: width, bucketRows, rowCodes, rowWeights, rows };
}

/** Feature buckets → table rows, unknown ones (row 0) left out. */
function toRows(buckets: Int32Array, bucketRows: Int32Array): Int32Array {
  let n = 0;
  for (const b of buckets) if (bucketRows[b]! > 0) n++;
  const out = new Int32Array(n);
  let i = 0;
  for (const b of buckets) {
    const r = bucketRows[b]!;
    if (r > 0) out[i++] = r;
  }
  return out;
}

/** The model's output for a feature list, computed in plain TypeScript (reference for tests). */
export function staticEmbedReference(tables: StaticModelTables, featureIds: ArrayLike<number>): Float32Array {
  const { dims, bucketRows, rowCodes, rowWeights } = tables;
  const acc = new Float32Array(dims);
  for (let i = 0; i < featureIds.length; i++) {
    const row = bucketRows[featureIds[i]!]!;
    const w = rowWeights[row]!;
    if (row === 0 || w === 0) continue;
    for (let d = 0; d < dims; d++) acc[d]! += rowCodes[row * dims + d]! * w;
  }
  let s = 0;
  for (let d = 0; d < dims; d++) s += acc[d]! * acc[d]!;
  const inv = s > 0 ? 1 / Math.sqrt(s) : 0;
  for (let d = 0; d < dims; d++) acc[d]! *= inv;
  return acc;
}
