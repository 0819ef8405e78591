/**
 * Scoring a query against a BM25F index: term-at-a-time accumulation into a per-index
 * score array, then the k best through a bounded heap. Postings already hold length-
 * normalised pseudo-frequencies, so a posting costs one saturation and one add.
 *
 * A query is a list of term groups, one per query word. A group holds the word's term and
 * its alternatives (completions of a prefix, the bigrams around a single kanji), each
 * with a weight; per document their weighted frequencies are summed and scored as ONE
 * term with the document frequency of the group's most frequent member (as Lucene's
 * blended/synonym queries do). So a word that expands to fifty completions still counts
 * as one word against the other words of the query. Groups are OR'ed; scores add up.
 */
import { docFrequency, idf, perIndex, saturate, type Bm25Index } from './bm25-index.ts';
import { TopK, type ScoredDoc } from './top-k.ts';

export interface TermGroup {
  /** Term ids of the alternatives. */
  readonly terms: readonly number[];
  /** Weight of each alternative (default 1). */
  readonly weights?: readonly number[];
  /**
   * Document frequency to score the group with (default: groupDocFrequency of the index
   * scored). A partitioned index scores a view holding only the postings it read, so it
   * passes the dictionary's.
   */
  readonly df?: number;
}

/** Per-index work arrays, made on the first query and reused: one query runs at a time. */
interface Scratch {
  /** Accumulated score per document; zero for documents not touched by the query so far. */
  scores: Float32Array;
  touched: Int32Array;
  /** Summed frequency of the current group per document, and the documents it touched. */
  groupTf: Float32Array;
  groupTouched: Int32Array;
}

const scratch = perIndex<Scratch>((n) => ({ scores: new Float32Array(n), touched: new Int32Array(n), groupTf: new Float32Array(n), groupTouched: new Int32Array(n) }));

/** Document frequency a group is scored with: that of its most frequent member. */
export function groupDocFrequency(index: Bm25Index, group: TermGroup): number {
  let df = 0;
  for (const t of group.terms) df = Math.max(df, docFrequency(index, t));
  return df;
}

/**
 * The k best documents for the query, best first (ties: lower doc id first).
 * `accept` filters documents (e.g. by kind); it is only asked about documents that would
 * enter the top k.
 */
export function bm25TopK(index: Bm25Index, query: readonly TermGroup[], k: number, accept?: (doc: number) => boolean): ScoredDoc[] {
  k = Math.min(Math.floor(k), index.docCount);
  if (!(k > 0)) return [];
  const top = new TopK(k);
  bm25EachScore(index, query, (d, score) => {
    if (top.wouldKeep(score, d) && (!accept || accept(d))) top.push(score, d);
  });
  return top.sorted();
}

/** Calls `each` with the score of every document the query matches, in no particular order. */
export function bm25EachScore(index: Bm25Index, query: readonly TermGroup[], each: (doc: number, score: number) => void): void {
  const s = scratch(index);
  const { scores, touched } = s;
  let touchedCount = 0;
  for (const group of query) touchedCount = accumulateGroup(index, s, group, touchedCount);
  for (let i = 0; i < touchedCount; i++) {
    const d = touched[i]!;
    const score = scores[d]!;
    scores[d] = 0;
    each(d, score);
  }
}

/**
 * The documents the query matches and their scores, written to `docs` and `scores` (each
 * at least docCount long), in the order bm25EachScore gives them; returns how many. For
 * callers that go over every match more than once, without a call per document.
 */
export function bm25AllScores(index: Bm25Index, query: readonly TermGroup[], docs: Int32Array, scores: Float32Array): number {
  const s = scratch(index);
  let touchedCount = 0;
  for (const group of query) touchedCount = accumulateGroup(index, s, group, touchedCount);
  for (let i = 0; i < touchedCount; i++) {
    const d = s.touched[i]!;
    docs[i] = d;
    scores[i] = s.scores[d]!;
    s.scores[d] = 0;
  }
  return touchedCount;
}

function accumulateGroup(index: Bm25Index, s: Scratch, group: TermGroup, touchedCount: number): number {
  if (group.terms.length === 0) return touchedCount;
  const { postingOffsets: offsets, postingDocs: docs, postingTfs: tfs } = index;
  const { scores, touched } = s;
  const k1 = index.k1;
  const w = idf(index.docCount, group.df ?? groupDocFrequency(index, group)) * (k1 + 1);

  if (group.terms.length === 1 && (group.weights?.[0] ?? 1) === 1) {
    // The common case, one term: score straight from its postings.
    const t = group.terms[0]!;
    for (let p = offsets[t]!, end = offsets[t + 1]!; p < end; p++) {
      const d = docs[p]!;
      const tf = tfs[p]!;
      if (scores[d] === 0) touched[touchedCount++] = d;
      scores[d]! += (w * tf) / (tf + k1);
    }
    return touchedCount;
  }

  const { groupTf, groupTouched } = s;
  let groupCount = 0;
  for (let m = 0; m < group.terms.length; m++) {
    const t = group.terms[m]!;
    const weight = group.weights?.[m] ?? 1;
    // Alternatives add up before saturation.
    for (let p = offsets[t]!, end = offsets[t + 1]!; p < end; p++) {
      const d = docs[p]!;
      if (groupTf[d] === 0) groupTouched[groupCount++] = d;
      groupTf[d]! += weight * tfs[p]!;
    }
  }
  for (let i = 0; i < groupCount; i++) {
    const d = groupTouched[i]!;
    const tf = groupTf[d]!;
    groupTf[d] = 0;
    if (scores[d] === 0) touched[touchedCount++] = d;
    scores[d]! += (w * tf) / (tf + k1);
  }
  return touchedCount;
}

/** The score of one document for the query (0 if it matches nothing), without a full search. */
export function bm25ScoreDoc(index: Bm25Index, query: readonly TermGroup[], doc: number): number {
  let score = 0;
  for (const group of query) {
    let tf = 0;
    for (let m = 0; m < group.terms.length; m++) tf += (group.weights?.[m] ?? 1) * termFrequency(index, group.terms[m]!, doc);
    if (tf > 0) score += idf(index.docCount, group.df ?? groupDocFrequency(index, group)) * saturate(tf, index.k1);
  }
  return score;
}

/** BM25F pseudo-frequency of a term in a document (0 if absent), by binary search in its posting list. */
export function termFrequency(index: Bm25Index, term: number, doc: number): number {
  const p = postingOf(index, term, doc);
  return p < 0 ? 0 : index.postingTfs[p]!;
}

/** Position of (term, doc) in the postings, or -1. */
function postingOf(index: Bm25Index, term: number, doc: number): number {
  const docs = index.postingDocs;
  let lo = index.postingOffsets[term]!;
  let hi = index.postingOffsets[term + 1]!;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const d = docs[mid]!;
    if (d === doc) return mid;
    if (d < doc) lo = mid + 1;
    else hi = mid;
  }
  return -1;
}
