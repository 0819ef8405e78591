/**
 * The vector ranking of a corpus written in both Japanese and English: the best
 * candidates of each language, each list's scores min-max normalised on its own, merged.
 *
 * The corpus-trained static model never sees the two languages side by side, so the
 * cosine of a Japanese query with any Japanese document is higher than with any English
 * one, whatever they say: over English exam questions among Japanese distractors, the
 * vector ranking of Japanese questions put the distractors first and found almost none
 * of the English originals (0.06 nDCG@10; BM25 0.31), and every share of it pulled the
 * fused ranking below BM25. Its scores order the documents *within* a language; across
 * languages they measure the language. This is the merging problem of cross-language
 * retrieval, met by searching each language's documents separately and normalising each
 * list before merging them (as multilingual retrieval merges per-collection results):
 * the vector ranking then says which documents are best in each language, and BM25's
 * weight in the fusion decides between languages. A corpus in one language ranks as
 * before.
 */
import type { ScoredDoc } from './top-k.ts';
import { topK } from './vector-scan.ts';

/** The k best documents of each language (`languages[doc]`), scores normalised to [0, 1] within each, best first. */
export function topKWithinLanguages(scores: Float32Array, languages: Uint8Array, k: number): ScoredDoc[] {
  const out: ScoredDoc[] = [];
  for (const lang of [0, 1]) {
    const masked = scores.map((s, i) => (languages[i] === lang ? s : Number.NaN));
    const hits = topK(masked, k);
    if (hits.length === 0) continue;
    const max = hits[0]!.score, min = hits[hits.length - 1]!.score;
    for (const h of hits) out.push({ doc: h.doc, score: max > min ? (h.score - min) / (max - min) : 1 });
  }
  return out.sort((a, b) => b.score - a.score || a.doc - b.doc);
}

/** The vector ranking: within each language where the corpus has two (`languages`), else the k nearest. */
export function rankVectorScores(scores: Float32Array, languages: Uint8Array | null, k: number): ScoredDoc[] {
  return languages ? topKWithinLanguages(scores, languages, k) : topK(scores, k);
}
