/**
 * An inverted-file (IVF) vector index over the int8 rows of vector-quantize.ts: spherical
 * k-means puts every row in the list of its closest centroid, and a query scores only the
 * rows of the `nprobe` lists whose centroids are closest to it. Each list is a static file
 * the browser fetches when a query first probes it (literature-partitioned.ts), so a query
 * reads nprobe lists, not the whole matrix.
 *
 * Why IVF over int8 and not PQ or a graph: the rows of a probed list are scored with the
 * exact scan's own kernel (vector-scan.ts), so every candidate gets exactly the score the
 * exhaustive scan gives it and the "re-rank" is the scan of the probed lists itself; the
 * only approximation is which lists are probed. PQ codes would need a second fetch of the
 * int8 rows of the candidates to re-rank (one request per scattered row), and a graph
 * index (HNSW, NN-descent) walks from node to node, i.e. many dependent round trips over
 * static files. No maintained library builds IVF lists in both Node and the browser as
 * files we can hash and sign (faiss, hnswlib and usearch are native or WASM builds with
 * their own opaque serialisation); the kernel here is k-means and a loop over lists, and
 * the scoring reuses the scan we have (or its WebAssembly SIMD twin, passed in).
 */
import { TopK, type ScoredDoc } from './top-k.ts';
import { quantizeRows, type Int8Matrix } from './vector-quantize.ts';
import { scoreAllRows } from './vector-scan.ts';

/** Scores of every row of a matrix against a query: scoreAllRows, or a faster twin (WASM SIMD). */
export type RowScorer = (matrix: Int8Matrix) => (query: Float32Array) => Float32Array;
export const jsRowScorer: RowScorer = (m) => (q) => scoreAllRows(m, q);

/**
 * Rows per list the indexer aims at: a list file of 256 × (256 + 8) bytes ≈ 68 kB. Smaller
 * lists let a query fetch fewer rows for about the same recall (100,000 generated documents,
 * the contrastive default model, lists per cold query at p50: 512 rows, nprobe 8, recall
 * 0.965, 1.88 MB — the lists queries fall in are the large ones; 256 rows, nprobe 9, 0.950,
 * 0.56 MB; 128 rows, nprobe 17, 0.955, 0.48 MB), while the centroids, read when the index
 * opens, grow (256 bytes a list: 1 MB at a million documents with 256 rows) and so does
 * k-means; 256 is the knee.
 */
export const TARGET_LIST_ROWS = 256;
/** Rows k-means trains on per list (a sample; every row is then assigned). */
const TRAIN_ROWS_PER_LIST = 48;
const KMEANS_ITERATIONS = 8;

export interface IvfLayout {
  /** Centroids (unit vectors, int8 like the rows). */
  readonly centroids: Int8Matrix;
  /** Rows of list l are `order[listOffsets[l] .. listOffsets[l + 1])`, ascending. */
  readonly listOffsets: Int32Array;
  readonly order: Int32Array;
}

export function listCount(rows: number, target = TARGET_LIST_ROWS): number {
  return Math.max(1, Math.round(rows / target));
}

function rowVector(m: Int8Matrix, r: number, out: Float32Array): Float32Array {
  const base = r * m.dims;
  const s = m.scales[r]!;
  for (let d = 0; d < m.dims; d++) out[d] = m.codes[base + d]! * s;
  return out;
}

function normalize(v: Float32Array): void {
  let n = 0;
  for (let d = 0; d < v.length; d++) n += v[d]! * v[d]!;
  n = Math.sqrt(n);
  if (n > 0) for (let d = 0; d < v.length; d++) v[d]! /= n;
}

function argmax(scores: Float32Array): number {
  let best = 0;
  for (let i = 1; i < scores.length; i++) if (scores[i]! > scores[best]!) best = i;
  return best;
}

/**
 * Spherical k-means on a seeded sample of the rows, then every row assigned to its closest
 * centroid. `random` makes it deterministic (the sample, the first centroids, reseeding
 * of empty lists): the same rows and seed give the same lists.
 */
export function buildIvf(matrix: Int8Matrix, options: { lists: number; random: () => number; scorer?: RowScorer; onProgress?: (done: number, total: number) => void }): IvfLayout {
  const { rows, dims } = matrix;
  const scorer = options.scorer ?? jsRowScorer;
  const lists = Math.max(1, Math.min(options.lists, rows));
  const sampleSize = Math.min(rows, lists * TRAIN_ROWS_PER_LIST);
  // A partial Fisher–Yates shuffle: the first sampleSize entries are a uniform sample.
  const perm = Int32Array.from({ length: rows }, (_, i) => i);
  for (let i = 0; i < sampleSize; i++) {
    const j = i + Math.floor(options.random() * (rows - i));
    [perm[i], perm[j]] = [perm[j]!, perm[i]!];
  }
  const sample = perm.subarray(0, sampleSize);
  const v = new Float32Array(dims);
  let centroids: Float32Array[] = Array.from({ length: lists }, (_, l) => Float32Array.from(rowVector(matrix, sample[l]!, v)));
  const progressTotal = KMEANS_ITERATIONS + 1;
  for (let it = 0; it < KMEANS_ITERATIONS; it++) {
    options.onProgress?.(it, progressTotal);
    const score = scorer(quantizeRows(centroids, dims));
    const sums = Array.from({ length: lists }, () => new Float32Array(dims));
    const counts = new Int32Array(lists);
    for (const r of sample) {
      const q = rowVector(matrix, r, v);
      const l = argmax(score(q));
      counts[l]!++;
      const sum = sums[l]!;
      for (let d = 0; d < dims; d++) sum[d]! += q[d]!;
    }
    centroids = sums.map((sum, l) => {
      // An empty list takes a random sample row: k-means must not lose lists.
      if (counts[l] === 0) return Float32Array.from(rowVector(matrix, sample[Math.floor(options.random() * sampleSize)]!, v));
      normalize(sum);
      return sum;
    });
  }
  const centroidMatrix = quantizeRows(centroids, dims);
  const score = scorer(centroidMatrix);
  const listOf = new Int32Array(rows);
  const counts = new Int32Array(lists);
  for (let r = 0; r < rows; r++) {
    if (r % 10_000 === 0) options.onProgress?.(KMEANS_ITERATIONS + r / rows, progressTotal);
    const l = argmax(score(rowVector(matrix, r, v)));
    listOf[r] = l;
    counts[l]!++;
  }
  options.onProgress?.(progressTotal, progressTotal);
  const listOffsets = new Int32Array(lists + 1);
  for (let l = 0; l < lists; l++) listOffsets[l + 1] = listOffsets[l]! + counts[l]!;
  const fill = listOffsets.slice(0, lists);
  const order = new Int32Array(rows);
  for (let r = 0; r < rows; r++) order[fill[listOf[r]!]!++] = r;
  return { centroids: centroidMatrix, listOffsets, order };
}

/** Lists in the order a query probes them: closest centroid first (ties: lower list first). */
export function probeOrder(centroids: Int8Matrix, query: Float32Array, nprobe: number, scorer: RowScorer = jsRowScorer): number[] {
  return topKOf(scorer(centroids)(query), nprobe).map((h) => h.doc);
}

function topKOf(scores: Float32Array, k: number): ScoredDoc[] {
  const top = new TopK(Math.min(k, scores.length));
  for (let i = 0; i < scores.length; i++) top.push(scores[i]!, i);
  return top.sorted();
}

/** One list's rows as stored: document ids, and their int8 rows (a matrix of the list's rows). */
export interface IvfList {
  readonly ids: Int32Array;
  readonly rows: Int8Matrix;
}

/** The k best documents over the given lists, with the exact scan's scores. */
export function searchLists(lists: readonly IvfList[], query: Float32Array, k: number, scorer: RowScorer = jsRowScorer): ScoredDoc[] {
  let total = 0;
  for (const l of lists) total += l.ids.length;
  const top = new TopK(Math.min(k, total));
  for (const list of lists) {
    if (list.ids.length === 0) continue;
    const scores = scorer(list.rows)(query);
    for (let i = 0; i < scores.length; i++) top.push(scores[i]!, list.ids[i]!);
  }
  return top.sorted();
}

/**
 * Recall@k of probing the `nprobe` closest lists, for nprobe = 1 … lists, over sample
 * queries, against the exact scan. Tie-aware, as near-duplicate documents score alike: a
 * query's k results count as found when at least k of the rows scoring at least the exact
 * k-th score are in the probed lists (which row of a tie the exact scan happens to return
 * is not a quality). The query's own row, when it is one of the rows, is left out.
 */
export function recallByNprobe(
  matrix: Int8Matrix,
  ivf: IvfLayout,
  queries: readonly { vector: Float32Array; self?: number }[],
  k: number,
  scorer: RowScorer = jsRowScorer,
): Float64Array {
  const lists = ivf.listOffsets.length - 1;
  const listOf = new Int32Array(matrix.rows);
  for (let l = 0; l < lists; l++) for (let p = ivf.listOffsets[l]!; p < ivf.listOffsets[l + 1]!; p++) listOf[ivf.order[p]!] = l;
  const scan = scorer(matrix);
  const centroidScan = scorer(ivf.centroids);
  const found = new Float64Array(lists + 1);
  for (const q of queries) {
    const scores = scan(q.vector);
    if (q.self !== undefined) scores[q.self] = -Infinity;
    const top = topKOf(scores, k);
    const kk = top.length;
    if (kk === 0) continue;
    const kth = top[kk - 1]!.score;
    const rank = new Int32Array(lists);
    topKOf(centroidScan(q.vector), lists).forEach((h, i) => (rank[h.doc] = i));
    // Probe ranks of the lists holding rows at or above the k-th score, best first.
    const ranks: number[] = [];
    for (let r = 0; r < scores.length; r++) if (scores[r]! >= kth) ranks.push(rank[listOf[r]!]!);
    ranks.sort((a, b) => a - b);
    // With nprobe lists probed, min(k, rows of the tie set found) of k are found.
    for (let i = 0; i < kk; i++) found[ranks[i]! + 1]! += 1 / kk;
  }
  const recall = new Float64Array(lists + 1);
  let acc = 0;
  for (let p = 1; p <= lists; p++) {
    acc += found[p]!;
    recall[p] = queries.length ? acc / queries.length : 1;
  }
  return recall;
}

/** The smallest nprobe whose recall reaches `target` (the last list count if none does). */
export function chooseNprobe(recall: Float64Array, target: number): number {
  for (let p = 1; p < recall.length; p++) if (recall[p]! >= target) return p;
  return recall.length - 1;
}
