/**
 * Searching a loaded literature index: BM25 over the keyword index, a scan of the int8
 * vectors with the query's embedding, and their fusion. The query embedding is computed by
 * the caller (src/embed in a worker), so this stays pure and testable.
 */
import { bm25TopK, type TermGroup } from './bm25.ts';
import { DEFAULT_FUSION_RULE, fuseKeywordAndVector, ruleKeywordWeight, type FusedHit } from './fusion.ts';
import type { LiteratureIndex } from './literature-pack.ts';
import { queryCoverage } from './query-coverage.ts';
import { scanTerms } from './analyze.ts';
import { normalizeText } from './normalize.ts';
import { queryTerms } from './query-terms.ts';
import type { ScoredDoc } from './top-k.ts';
import { scoreAllRows } from './vector-scan.ts';
import type { Bm25Index } from './bm25-index.ts';
import { withTranslations, type TermTranslation } from './term-translation.ts';
import { rankVectorScores } from './vector-languages.ts';

/** Candidates each ranker hands to fusion: deep enough that a document ranked low by one
 *  ranker and high by the other still meets in the union. */
export const FUSION_CANDIDATES = 100;

/**
 * A translated term (term-translation.ts) counts this much of a term as typed, as a
 * completed prefix does: in bilingual literature, documents in the query's own language
 * that match what was typed come before those matching its translation.
 */
export const TRANSLATION_WEIGHT = 0.5;

/**
 * BM25 over the query's terms, plus each translation as one term group: its terms (the
 * five bigrams of メトホルミン, the words of "chronic kidney disease") are alternatives
 * whose frequencies are averaged and down-weighted, scored with the document frequency of
 * the commonest, so that a translation counts as one word of the query, never as five.
 */
export function keywordSearch(bm25: Bm25Index, query: string, k: number, translations: readonly TermTranslation[] = []): ScoredDoc[] {
  return bm25TopK(bm25, keywordGroups(bm25, query, translations), k);
}

/**
 * The term groups keywordSearch scores: reads only the vocabulary and document
 * frequencies, so a partitioned index knows from them which postings to fetch.
 */
export function keywordGroups(bm25: Bm25Index, query: string, translations: readonly TermTranslation[] = []): TermGroup[] {
  const groups = queryTerms(bm25, query).groups;
  const typed = new Set(groups.flatMap((g) => g.terms));
  for (const t of translations) {
    const ids = [...new Set(queryTerms(bm25, t.to).groups.flatMap((g) => g.terms))].filter((id) => !typed.has(id));
    if (ids.length > 0) groups.push({ terms: ids, weights: ids.map(() => TRANSLATION_WEIGHT / ids.length) });
  }
  return groups;
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
  /**
   * The query's terms translated between Japanese and English (translateQueryTerms):
   * searched by keyword too, and counted as covered. The caller embeds `embeddingText`.
   */
  readonly translations?: readonly TermTranslation[];
}

/**
 * The k nearest documents; in a corpus of both languages, the k nearest of each language,
 * each list normalised on its own (vector-languages.ts).
 */
export function vectorSearch(index: LiteratureIndex, queryVector: Float32Array, k: number, scoreRows?: HybridOptions['scoreRows']): ScoredDoc[] {
  const scores = scoreRows ? scoreRows(queryVector) : scoreAllRows(index.vectors, queryVector);
  return rankVectorScores(scores, index.languages ?? null, k);
}

/**
 * What the embedding model reads for a query. A corpus of one language that covers the
 * query as well as it covers its own sentences (the calibrated reference, fusion.coverage;
 * without one, every term known) gets the query as typed: translations would only blur it.
 *
 * A query the corpus covers less, with translations found (a Japanese question over
 * English papers, or the reverse), is read as **the parts of it the corpus knows and the
 * translations**. Its other words are not in the corpus's vocabulary, so the corpus-trained
 * model has no rows for them: they reach the vector only through their character trigrams,
 * which in the other language's corpus match by chance (and through hash buckets shared
 * with the corpus's features, about one in nine for an unseen feature). Left in, they
 * drowned the few terms both languages share (MMLU English questions over their Japanese
 * translations: vector nDCG@10 0.400 with them, 0.462 without; docs/embedding-models.md).
 *
 * Over literature in both languages the query keeps every word and gains the translations:
 * each language's vector ranking is taken on its own (vector-languages.ts), the documents of
 * the other language are reached only through the translations, and those of the query's
 * own language are still ordered by what was typed.
 */
export interface QueryEmbedding {
  readonly text: string;
  /**
   * Read as its known parts and translations: the embedding is not built from words the
   * corpus does not know, so the fusion does not scale its share down by the query's
   * coverage (fusion.ts, coverageShare).
   */
  readonly knownOnly: boolean;
}

export function queryEmbedding(index: FusionContext, query: string, translations: readonly TermTranslation[]): QueryEmbedding {
  return queryEmbeddingFor(index.bm25, index.manifest.fusion?.coverage, !!index.languages, query, translations);
}

/** The text the model reads for a query (queryEmbedding). */
export function embeddingText(index: FusionContext, query: string, translations: readonly TermTranslation[]): string {
  return queryEmbedding(index, query, translations).text;
}

/** queryEmbedding with the coverage reference given (the calibration's, before there is a manifest). */
export function queryEmbeddingFor(bm25: Bm25Index, reference: number | undefined, bilingual: boolean, query: string, translations: readonly TermTranslation[]): QueryEmbedding {
  if (translations.length === 0) return { text: query, knownOnly: false };
  if (bilingual) return { text: withTranslations(query, translations), knownOnly: false };
  if (queryCoverage(bm25, query) >= (reference ?? 1)) return { text: query, knownOnly: false };
  return { text: withTranslations(knownParts(bm25, query), translations), knownOnly: true };
}

/** The query with every character outside a term of the corpus's vocabulary made a space. */
function knownParts(bm25: Bm25Index, query: string): string {
  const s = normalizeText(query);
  const keep = new Uint8Array(s.length);
  scanTerms(s, (start, end) => {
    if (bm25.vocabulary.has(s.slice(start, end))) keep.fill(1, start, end);
  });
  let out = '';
  for (let i = 0; i < s.length; i++) out += keep[i] ? s[i] : ' ';
  return out.replace(/ {2,}/g, ' ').trim();
}

/**
 * Hybrid ranking; with no query vector (model not loaded yet, or failed) it is keyword
 * search alone, so search keeps working without the model.
 */
export function hybridSearch(index: LiteratureIndex, query: string, queryVector: Float32Array | null, options: HybridOptions): FusedHit[] {
  const n = Math.max(options.k, options.candidates ?? FUSION_CANDIDATES);
  const translations = options.translations ?? [];
  const keyword = keywordSearch(index.bm25, query, n, translations);
  if (!queryVector) return keywordOnly(keyword, options.k);
  return fuseHits(index, query, keyword, vectorSearch(index, queryVector, n, options.scoreRows), options);
}

/** Keyword hits as fused hits, for searches without the vector side. */
export function keywordOnly(keyword: readonly ScoredDoc[], k: number): FusedHit[] {
  return keyword.slice(0, k).map((h) => ({ doc: h.doc, score: h.score, parts: [h.score] }));
}

/**
 * What fusion reads of an index: its manifest's rule, its vocabulary (query coverage) and
 * whether it is written in two languages (what the embedding read).
 */
export type FusionContext = Pick<LiteratureIndex, 'manifest' | 'bm25' | 'languages'>;

/**
 * The two rankers' candidates fused by the pack's rule (or a fixed weight); a partitioned
 * index computes them from the parts it fetched and fuses them here, as hybridSearch does.
 */
export function fuseHits(
  index: FusionContext,
  query: string,
  keyword: readonly ScoredDoc[],
  vector: readonly ScoredDoc[],
  options: Pick<HybridOptions, 'k' | 'keywordWeight' | 'translations'>,
): FusedHit[] {
  // No vector candidates (a partitioned index whose probed lists could not be read): the
  // keyword ranking alone, as without a query vector; fused, a weight chosen for two
  // rankers could scale it to nothing and leave the order to document ids.
  if (vector.length === 0) return keywordOnly(keyword, options.k);
  const rule = index.manifest.fusion ?? DEFAULT_FUSION_RULE;
  const weight =
    options.keywordWeight ??
    index.manifest.keywordWeight ??
    ruleKeywordWeight(keyword, rule, rule.coverage !== undefined ? fusionCoverage(index, query, options.translations ?? []) : 1);
  return fuseKeywordAndVector(keyword, vector, options.k, weight);
}

/**
 * The coverage that scales the embedding's share: the query's with its translations, or 1
 * when the model read only what the corpus knows (queryEmbedding).
 */
export function fusionCoverage(index: FusionContext, query: string, translations: readonly TermTranslation[]): number {
  return queryEmbedding(index, query, translations).knownOnly ? 1 : queryCoverage(index.bm25, withTranslations(query, translations));
}
