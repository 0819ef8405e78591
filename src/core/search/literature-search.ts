/**
 * Searching a loaded literature index: BM25 over the keyword index, a scan of the int8
 * vectors with the query's embedding, and their fusion. The query embedding is computed by
 * the caller (src/embed in a worker), so this stays pure and testable.
 */
import { bm25TopK } from './bm25.ts';
import { DEFAULT_FUSION_RULE, fuseKeywordAndVector, ruleKeywordWeight, type FusedHit } from './fusion.ts';
import type { LiteratureIndex } from './literature-pack.ts';
import { queryCoverage } from './query-coverage.ts';
import { queryTerms } from './query-terms.ts';
import type { ScoredDoc } from './top-k.ts';
import { scoreAllRows, topK } from './vector-scan.ts';
import type { Bm25Index } from './bm25-index.ts';

/** Candidates each ranker hands to fusion: deep enough that a document ranked low by one
 *  ranker and high by the other still meets in the union. */
export const FUSION_CANDIDATES = 100;

export function keywordSearch(bm25: Bm25Index, query: string, k: number): ScoredDoc[] {
  return bm25TopK(bm25, queryTerms(bm25, query).groups, k);
}

export interface HybridOptions {
  readonly k: number;
  /** A fixed weight of BM25; by default the pack's, else chosen per query by the pack's calibrated rule (ruleKeywordWeight). */
  readonly keywordWeight?: number;
  readonly candidates?: number;
  /**
   * Scores every document's vector against the query: by default the JavaScript scan; the
   * browser passes the WebAssembly SIMD one (src/embed/vector-scan-wasm.ts), same results.
   */
  readonly scoreRows?: (query: Float32Array) => Float32Array;
}

export function vectorSearch(index: LiteratureIndex, queryVector: Float32Array, k: number, scoreRows?: HybridOptions['scoreRows']): ScoredDoc[] {
  return topK(scoreRows ? scoreRows(queryVector) : scoreAllRows(index.vectors, queryVector), k);
}

/**
 * Hybrid ranking; with no query vector (model not loaded yet, or failed) it is keyword
 * search alone, so search keeps working without the model.
 */
export function hybridSearch(index: LiteratureIndex, query: string, queryVector: Float32Array | null, options: HybridOptions): FusedHit[] {
  const n = Math.max(options.k, options.candidates ?? FUSION_CANDIDATES);
  const keyword = keywordSearch(index.bm25, query, n);
  if (!queryVector) return keyword.slice(0, options.k).map((h) => ({ doc: h.doc, score: h.score, parts: [h.score] }));
  const vector = vectorSearch(index, queryVector, n, options.scoreRows);
  const rule = index.manifest.fusion ?? DEFAULT_FUSION_RULE;
  const weight =
    options.keywordWeight ??
    index.manifest.keywordWeight ??
    ruleKeywordWeight(keyword, rule, rule.coverage !== undefined ? queryCoverage(index.bm25, query) : 1);
  return fuseKeywordAndVector(keyword, vector, options.k, weight);
}
