/**
 * Vector lists of 4-bit codes, re-ranked on int8 rows (docs/literature-scale.md, "Lists of
 * 4-bit codes").
 *
 * A list's rows are stored as their residuals from the list's centroid, each quantised to
 * −7 … 7 with a step of its own (max |r| / 7), two codes a byte: 128 bytes a row of 256
 * dimensions where int8 takes 256. A query scores a probed list's rows by
 * q·c + step · Σ q_d code_d, which ranks them roughly, then re-ranks its best candidates
 * (RERANK_CANDIDATES) on their int8 rows. Those come from `rows/` files, one per list, the
 * list's int8 rows whole: the best candidates lie in a few of the probed lists (at a
 * million generated documents the best 200 in 6 of 56 at p50), so reading those files whole
 * costs a few files (at most MAX_RERANK_LISTS) and no Range requests, and each is hashed and
 * sealed like any part. A candidate's score is then the exact scan's own.
 *
 * Chosen by the indexer's `--list-codes int4`, not by default: at a million documents a cold
 * query reads about a third fewer bytes, but on the benchmark's 2-core machine, where
 * fetching a megabyte over loopback is cheap and the CPU is not, it was slower (the second
 * round of reads, and unpacking the codes); on a link where bytes are what costs, it pays.
 */
import { TopK, type ScoredDoc } from './top-k.ts';
import type { RowScorer } from './vector-ivf.ts';
import type { Int8Matrix } from './vector-quantize.ts';

/** Codes run from −INT4_LEVELS to INT4_LEVELS (15 values: a nibble, stored biased by 8). */
export const INT4_LEVELS = 7;

/**
 * Candidates (by 4-bit score) whose int8 rows are read and scored exactly. The vector ranker
 * hands fusion its 100 best: at a million generated documents the best 200 by 4-bit codes
 * held 0.995 of the int8 top 100 (0.999 of the top 10 within the best 100).
 */
export const RERANK_CANDIDATES = 200;

/**
 * The 4-bit codes of these int8 rows (`rows` of `matrix`, in order) as residuals from
 * `centroid`: each row's step (float32) and its codes, two a byte (dimension 2j in the low
 * nibble, 2j + 1 in the high one, each plus 8). Dimensions must be even.
 */
export function encodeInt4Rows(matrix: Int8Matrix, rows: ArrayLike<number>, centroid: Float32Array): { steps: Float32Array; packed: Uint8Array } {
  const { dims } = matrix;
  if (dims % 2 !== 0) throw new Error(`4-bit lists need an even number of dimensions, not ${dims}`);
  const steps = new Float32Array(rows.length);
  const packed = new Uint8Array((rows.length * dims) / 2);
  const r = new Float32Array(dims);
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i]!;
    const s = matrix.scales[row]!;
    let max = 0;
    for (let d = 0; d < dims; d++) {
      r[d] = matrix.codes[row * dims + d]! * s - centroid[d]!;
      max = Math.max(max, Math.abs(r[d]!));
    }
    const step = Math.fround(max / INT4_LEVELS);
    steps[i] = step;
    for (let d = 0; d < dims; d += 2) {
      const lo = step > 0 ? Math.max(-INT4_LEVELS, Math.min(INT4_LEVELS, Math.round(r[d]! / step))) : 0;
      const hi = step > 0 ? Math.max(-INT4_LEVELS, Math.min(INT4_LEVELS, Math.round(r[d + 1]! / step))) : 0;
      packed[(i * dims + d) / 2] = (lo + 8) | ((hi + 8) << 4);
    }
  }
  return { steps, packed };
}

/**
 * The 4-bit codes unpacked into an int8 matrix (codes −7 … 7, each row's step as its scale),
 * so that the int8 scan (or its WebAssembly twin) gives step · Σ q_d code_d; the query's
 * score is that plus q·c. Null when a byte holds a nibble outside the codes (0, the bias
 * less 8 is never written).
 */
export function unpackInt4Rows(packed: Uint8Array, steps: Float32Array, dims: number): Int8Matrix | null {
  const rows = steps.length;
  if (packed.length * 2 !== rows * dims) return null;
  const codes = new Int8Array(rows * dims);
  for (let i = 0; i < packed.length; i++) {
    const b = packed[i]!;
    const lo = b & 0x0f;
    const hi = b >>> 4;
    if (lo === 0 || hi === 0) return null;
    codes[2 * i] = lo - 8;
    codes[2 * i + 1] = hi - 8;
  }
  return { rows, dims, codes, scales: steps };
}

/** A probed list of 4-bit codes: its documents, its codes unpacked, and its centroid. */
export interface Int4List {
  readonly ids: Int32Array;
  readonly codes: Int8Matrix;
  readonly centroid: Float32Array;
}

/** A candidate by 4-bit score: its document, and where its row lies (index into the lists given, row in that list). */
export interface Int4Candidate {
  readonly doc: number;
  readonly list: number;
  readonly row: number;
}

/**
 * Lists whose int8 rows one query reads at most. Most queries' best candidates lie in a few
 * lists, but a query far from every document (a question in the other language, say) has
 * them spread over all it probes: at a million generated documents the best 200 lay in 6
 * lists at p50 and 39 at p95. Past this many lists a candidate is left out rather than a
 * list's rows read for it: the lists are taken in the order of their best candidate.
 */
export const MAX_RERANK_LISTS = 8;

/**
 * The n best distinct documents of these lists by 4-bit score (q·c + step · Σ q_d code_d),
 * best first, from at most `maxLists` of the lists (those whose best candidates come first).
 * A spilled document is in two lists with two codes; its better one counts.
 */
export function int4Candidates(lists: readonly Int4List[], query: Float32Array, n: number, scorer: RowScorer, maxLists = Infinity): Int4Candidate[] {
  // Rows are numbered across the lists, so that one TopK holds them; a document is at most
  // in two lists, so the best 2n rows hold its best n documents.
  const starts = new Int32Array(lists.length + 1);
  lists.forEach((l, i) => (starts[i + 1] = starts[i]! + l.ids.length));
  const top = new TopK(Math.min(2 * n, starts[lists.length]!));
  lists.forEach((list, i) => {
    if (list.ids.length === 0) return;
    let qc = 0;
    for (let d = 0; d < query.length; d++) qc += query[d]! * list.centroid[d]!;
    const scores = scorer(list.codes)(query);
    for (let r = 0; r < scores.length; r++) {
      const s = qc + scores[r]!;
      if (top.wouldKeep(s, starts[i]! + r)) top.push(s, starts[i]! + r);
    }
  });
  const out: Int4Candidate[] = [];
  const seen = new Set<number>();
  const chosen = new Set<number>();
  for (const { doc: at } of top.sorted()) {
    let list = 0;
    while (starts[list + 1]! <= at) list++;
    const doc = lists[list]!.ids[at - starts[list]!]!;
    if (seen.has(doc)) continue;
    // A document's row in a list past the cap is passed over, not the document: its other
    // row, in a list already chosen, may still come.
    if (!chosen.has(list)) {
      if (chosen.size >= maxLists) continue;
      chosen.add(list);
    }
    seen.add(doc);
    out.push({ doc, list, row: at - starts[list]! });
    if (out.length === n) break;
  }
  return out;
}

/**
 * The k best candidates by their int8 rows, scored by the exact scan's own kernel over each
 * list's rows (`rowsOf(list)`; a list whose rows could not be read gives none of its
 * candidates, which the caller reports).
 */
export function rerankInt8(candidates: readonly Int4Candidate[], rowsOf: (list: number) => Int8Matrix | undefined, query: Float32Array, k: number, scorer: RowScorer): ScoredDoc[] {
  const byList = new Map<number, Int4Candidate[]>();
  for (const c of candidates) byList.set(c.list, [...(byList.get(c.list) ?? []), c]);
  const top = new TopK(Math.min(k, candidates.length));
  for (const [list, cs] of byList) {
    const rows = rowsOf(list);
    if (!rows) continue;
    const scores = scorer(rows)(query);
    for (const c of cs) top.push(scores[c.row]!, c.doc);
  }
  return top.sorted();
}

