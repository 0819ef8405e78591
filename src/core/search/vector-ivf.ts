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
 * only approximation is which lists are probed. Coarser codes need a second fetch of the
 * candidates' int8 rows to re-rank (vector-int4.ts does it, as an option, by reading the
 * int8 rows of the few lists the best candidates lie in), and a graph
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
 * Rows per list the indexer aims at: the rows whose closest centroid is the list's, 256 ×
 * (256 + 8) bytes ≈ 68 kB (spilled, a list file holds about as many again from other lists,
 * ≈ 135 kB). Smaller lists let a query fetch fewer rows for about the same recall (measured
 * before spilling, 100,000 generated documents, the contrastive default model, lists per
 * cold query at p50: 512 rows, nprobe 8, recall 0.965, 1.88 MB — the lists queries fall in
 * are the large ones; 256 rows, nprobe 9, 0.950, 0.56 MB; 128 rows, nprobe 17, 0.955, 0.48
 * MB), while the centroids, read when the index opens, grow (256 bytes a list: 1 MB at a
 * million documents with 256 rows) and so does k-means; 256 is the knee.
 */
export const TARGET_LIST_ROWS = 256;
/** Rows k-means trains on per list (a sample; every row is then assigned). */
const TRAIN_ROWS_PER_LIST = 48;
const KMEANS_ITERATIONS = 8;

export interface IvfLayout {
  /** Centroids (unit vectors, int8 like the rows). */
  readonly centroids: Int8Matrix;
  /**
   * Rows of list l are `order[listOffsets[l] .. listOffsets[l + 1])`, ascending. A row is in
   * the list of its closest centroid and, when spilled, in a second one (spillLists).
   */
  readonly listOffsets: Int32Array;
  readonly order: Int32Array;
}

/**
 * How much SOAR's loss weighs the part of a row's distance to its second centroid that lies
 * along its residual from the first (λ in Sun et al. 2023, who use about 1; 1 was measured).
 */
const SOAR_LAMBDA = 1;

export function listCount(rows: number, target = TARGET_LIST_ROWS): number {
  return Math.max(1, Math.round(rows / target));
}

/** Row r of an int8 matrix as floats (code × scale), into `out`: a row, a centroid. */
export function rowVector(m: Int8Matrix, r: number, out = new Float32Array(m.dims)): Float32Array {
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
 * centroid and, with `spill`, also to SOAR's second list (spillLists). `random` makes it
 * deterministic (the sample, the first centroids, reseeding of empty lists): the same rows
 * and seed give the same lists.
 */
export function buildIvf(matrix: Int8Matrix, options: { lists: number; random: () => number; spill?: boolean; scorer?: RowScorer; onProgress?: (done: number, total: number) => void }): IvfLayout {
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
  const progressTotal = KMEANS_ITERATIONS + (options.spill ? 2 : 1);
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
  for (let r = 0; r < rows; r++) {
    if (r % 10_000 === 0) options.onProgress?.(KMEANS_ITERATIONS + r / rows, progressTotal);
    listOf[r] = argmax(score(rowVector(matrix, r, v)));
  }
  const second =
    options.spill && lists > 1
      ? spillLists(matrix, centroidMatrix, listOf, scorer, (done) => options.onProgress?.(KMEANS_ITERATIONS + 1 + done / rows, progressTotal))
      : null;
  options.onProgress?.(progressTotal, progressTotal);
  const counts = new Int32Array(lists);
  for (let r = 0; r < rows; r++) {
    counts[listOf[r]!]!++;
    if (second) counts[second[r]!]!++;
  }
  const listOffsets = new Int32Array(lists + 1);
  for (let l = 0; l < lists; l++) listOffsets[l + 1] = listOffsets[l]! + counts[l]!;
  const fill = listOffsets.slice(0, lists);
  const order = new Int32Array(listOffsets[lists]!);
  // Rows in ascending order, so each list's rows are ascending.
  for (let r = 0; r < rows; r++) {
    order[fill[listOf[r]!]!++] = r;
    if (second) order[fill[second[r]!]!++] = r;
  }
  return { centroids: centroidMatrix, listOffsets, order };
}

/**
 * Each row's second list, as SOAR chooses it (Sun et al., "SOAR: Improved Indexing for
 * Approximate Nearest Neighbor Search", NeurIPS 2023): not the second-closest centroid, but
 * the one whose error is least along the row's residual r = x − c₁ from its own centroid,
 * i.e. least ‖x − c‖² + λ⟨r, x − c⟩² / ‖r‖². A query that misses a row's first list does so
 * mostly when it lies along r; the second list then covers the row from the other side.
 * On 100,000 generated documents (docs/literature-scale.md) this reached recall 0.966 of the
 * exact top 10 probing 8 of 391 lists (5,102 rows read) where one list a row needed 32
 * (7,861 rows) for 0.959, and the second-closest list 0.961 at 8 (5,876 rows).
 *
 * Every term comes from scores the scan gives anyway (⟨x, c⟩ for every c, ⟨c₁, c⟩ for every
 * c once per list) and norms: ‖x − c‖² = ‖x‖² + ‖c‖² − 2⟨x, c⟩, ⟨r, x − c⟩ = ‖x‖² − ⟨x, c⟩ −
 * ⟨x, c₁⟩ + ⟨c₁, c⟩ and ‖r‖² = ‖x‖² − 2⟨x, c₁⟩ + ‖c₁‖², so it costs one more scan of the
 * centroids per row. Rows are taken list by list, so ⟨c₁, ·⟩ is scanned once per list.
 */
export function spillLists(matrix: Int8Matrix, centroids: Int8Matrix, listOf: Int32Array, scorer: RowScorer = jsRowScorer, onProgress?: (done: number) => void): Int32Array {
  const lists = centroids.rows;
  const score = scorer(centroids);
  const c = new Float32Array(centroids.dims);
  const norms = Float64Array.from({ length: lists }, (_, l) => {
    rowVector(centroids, l, c);
    let n = 0;
    for (let d = 0; d < c.length; d++) n += c[d]! * c[d]!;
    return n;
  });
  // Rows grouped by their first list, ascending within it.
  const starts = new Int32Array(lists + 1);
  for (let r = 0; r < matrix.rows; r++) starts[listOf[r]! + 1]!++;
  for (let l = 0; l < lists; l++) starts[l + 1]! += starts[l]!;
  const fill = starts.slice(0, lists);
  const byList = new Int32Array(matrix.rows);
  for (let r = 0; r < matrix.rows; r++) byList[fill[listOf[r]!]!++] = r;
  const second = new Int32Array(matrix.rows);
  const x = new Float32Array(matrix.dims);
  let done = 0;
  for (let l1 = 0; l1 < lists; l1++) {
    if (starts[l1] === starts[l1 + 1]) continue;
    const gram = score(rowVector(centroids, l1, c)).slice();
    for (let p = starts[l1]!; p < starts[l1 + 1]!; p++) {
      const r = byList[p]!;
      rowVector(matrix, r, x);
      let xx = 0;
      for (let d = 0; d < x.length; d++) xx += x[d]! * x[d]!;
      const s = score(x);
      const s1 = s[l1]!;
      const rr = xx - 2 * s1 + norms[l1]!;
      // A row on its centroid has no residual: its second list is then simply the closest other.
      const weight = rr > 1e-9 ? SOAR_LAMBDA / rr : 0;
      let best = -1;
      let bestLoss = Infinity;
      for (let l = 0; l < lists; l++) {
        if (l === l1) continue;
        const along = xx - s[l]! - s1 + gram[l]!;
        const loss = xx + norms[l]! - 2 * s[l]! + weight * along * along;
        if (loss < bestLoss) (bestLoss = loss), (best = l);
      }
      second[r] = best;
      if (++done % 10_000 === 0) onProgress?.(done);
    }
  }
  return second;
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

/**
 * The k best documents over the given lists, with the exact scan's scores. A spilled row is
 * in two lists and may be in two probed ones; it is kept once. Only rows good enough to
 * enter the k best are looked up among those kept: a row kept and later pushed out cannot
 * come back with the same score, so a row seen again that would enter is still in.
 */
export function searchLists(lists: readonly IvfList[], query: Float32Array, k: number, scorer: RowScorer = jsRowScorer): ScoredDoc[] {
  let total = 0;
  for (const l of lists) total += l.ids.length;
  const top = new TopK(Math.min(k, total));
  const kept = new Set<number>();
  for (const list of lists) {
    if (list.ids.length === 0) continue;
    const scores = scorer(list.rows)(query);
    for (let i = 0; i < scores.length; i++) {
      const doc = list.ids[i]!;
      if (!top.wouldKeep(scores[i]!, doc) || kept.has(doc)) continue;
      kept.add(doc);
      top.push(scores[i]!, doc);
    }
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
  // The lists holding each row, in list order (not closest first): one, or two when spilled (-1: none).
  const first = new Int32Array(matrix.rows).fill(-1);
  const second = new Int32Array(matrix.rows).fill(-1);
  for (let l = 0; l < lists; l++) {
    for (let p = ivf.listOffsets[l]!; p < ivf.listOffsets[l + 1]!; p++) {
      const r = ivf.order[p]!;
      if (first[r]! < 0) first[r] = l;
      else second[r] = l;
    }
  }
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
    // The probe rank at which each row at or above the k-th score is first found, best first.
    const ranks: number[] = [];
    for (let r = 0; r < scores.length; r++) if (scores[r]! >= kth) ranks.push(second[r]! < 0 ? rank[first[r]!]! : Math.min(rank[first[r]!]!, rank[second[r]!]!));
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
