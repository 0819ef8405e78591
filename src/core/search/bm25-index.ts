/**
 * The BM25 index as plain data: a vocabulary and postings in compressed sparse row (CSR)
 * form. Nothing in it is specific to snapshot nodes; a document is anything that was
 * given text in weighted fields. Every array is a typed array or a string list, so the
 * index can be written to static files and read back without parsing postings
 * (`vocabulary` is derived from `terms`).
 *
 * Scoring is BM25F (Robertson, Zaragoza & Taylor 2004): each field's term frequency is
 * normalised by that field's own length against its own average, weighted, and summed
 * into one pseudo-frequency per (term, document), which BM25's saturation then applies
 * to. Per-field normalisation matters here: a model with a long description and a
 * Japanese label must not lose a name match to a node with a bare name. The field
 * lengths are known only once every document is in, so the builder stores each posting's
 * finished pseudo-frequency, and a query reads nothing per document but postings.
 */

export interface Bm25FieldSpec {
  /** How much one occurrence here counts against one in a weight-1 field. */
  weight: number;
  /** Length normalisation of this field, 0 (none) … 1 (full); default 0.75. */
  b?: number;
  /** The field's terms may be completed from a prefix (names, titles: what people type). */
  prefix?: boolean;
  /** Skip terms made only of digits (serial numbers in identifiers would bloat the vocabulary). */
  skipNumbers?: boolean;
}

export const DEFAULT_K1 = 1.2;
export const DEFAULT_B = 0.75;

/** Term → term id: a Map, or the builder's TermDictionary (lighter for millions of terms). */
export interface TermLookup {
  get(term: string): number | undefined;
  has(term: string): boolean;
  readonly size: number;
}

/** Terms by id; `at(id)` for 0 ≤ id < length. A string array is one. */
export interface TermList {
  readonly length: number;
  at(id: number): string | undefined;
}

export interface Bm25Index {
  /** Term-frequency saturation. */
  readonly k1: number;
  readonly fields: readonly Readonly<Bm25FieldSpec>[];
  /** Mean length (terms) of each field over the documents that have it, as used for normalisation. */
  readonly fieldAvgLengths: Float64Array;
  readonly docCount: number;
  /** Term of each term id: an array, or a binary snapshot's term table decoded on demand. */
  readonly terms: TermList;
  /** Term id of each term (the inverse of `terms`). */
  readonly vocabulary: TermLookup;
  /**
   * Postings of term t: documents `postingDocs[postingOffsets[t] .. postingOffsets[t + 1])`,
   * ascending, with their BM25F pseudo-frequencies at the same positions in `postingTfs`:
   * Σ over fields of weight × occurrences / (1 − b + b · fieldLength / fieldAvgLength).
   */
  readonly postingOffsets: Int32Array;
  readonly postingDocs: Int32Array;
  readonly postingTfs: Float32Array;
  /** Ids of the terms open to prefix completion, sorted by term (UTF-16 code unit order). */
  readonly prefixTerms: Int32Array;
}

/** Number of documents containing term t. */
export function docFrequency(index: Bm25Index, term: number): number {
  return index.postingOffsets[term + 1]! - index.postingOffsets[term]!;
}

/** BM25's idf with the +1 inside the log (Lucene's), so that it never goes negative. */
export function idf(docCount: number, df: number): number {
  return Math.log(1 + (docCount - df + 0.5) / (df + 0.5));
}

/** BM25's saturation of a (pseudo-)frequency, times k1 + 1 as in the usual formula. */
export function saturate(tf: number, k1: number): number {
  return (tf * (k1 + 1)) / (tf + k1);
}

/**
 * Work arrays sized to an index's documents, made on its first query and reused by every
 * later one (searches run one at a time): `perIndex(make)` gives a function from an index to
 * its arrays, kept as long as the index is.
 */
export function perIndex<T>(make: (docCount: number) => T): (index: Bm25Index) => T {
  const made = new WeakMap<Bm25Index, T>();
  return (index) => {
    let t = made.get(index);
    if (t === undefined) made.set(index, (t = make(index.docCount)));
    return t;
  };
}
