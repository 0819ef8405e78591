/**
 * How much of a query the corpus's vocabulary knows: the share of its distinct search
 * terms that occur in the keyword index. A query in the corpus's language scores near 1;
 * a Japanese question over English literature shares only its numbers and Latin-script
 * words (HbA1c, PD-1, mg) with it, and scores near 0.
 *
 * It matters to the hybrid: on such a query both rankers see only the shared terms, and
 * BM25 matches them exactly while the corpus-trained embedding, built from the unknown
 * rest, is close to noise (measured on Japanese ↔ English exam questions: vector search
 * far below BM25, and any fixed share of it pulls the fused ranking down). Pseudo-queries
 * drawn from the corpus are always in its language, so the calibration cannot see this;
 * the fusion lowers the embedding's share for queries less covered than the corpus's own
 * sentences are (fusion.ts, `coverageShare`).
 */
import { scanTerms } from './analyze.ts';
import type { Bm25Index } from './bm25-index.ts';
import { normalizeText } from './normalize.ts';

/** Share of the query's distinct terms in the index's vocabulary, 1 for a query with no terms. */
export function queryCoverage(index: Bm25Index, query: string): number {
  const s = normalizeText(query);
  const seen = new Set<string>();
  let known = 0;
  scanTerms(s, (start, end) => {
    const t = s.slice(start, end);
    if (seen.has(t)) return;
    seen.add(t);
    if (index.vocabulary.has(t)) known++;
  });
  return seen.size === 0 ? 1 : known / seen.size;
}
