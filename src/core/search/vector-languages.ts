/**
 * The vector ranking of a corpus written in both Japanese and English: the best
 * candidates of each language, each scored by how far it stands above the other
 * documents of its own language (a z-score), merged.
 *
 * The corpus-trained static model never sees the two languages side by side, so the
 * cosine of a Japanese query with any Japanese document is higher than with any English
 * one, whatever they say: over English exam questions among Japanese distractors, the
 * vector ranking of Japanese questions put the distractors first and found almost none
 * of the English originals (0.06 nDCG@10; BM25 0.31), and every share of it pulled the
 * fused ranking below BM25. Its scores order the documents *within* a language; across
 * languages they measure the language. This is the merging problem of cross-language
 * retrieval, met by searching each language's documents separately and normalising each
 * list before merging them, as multilingual retrieval merges per-collection results.
 *
 * Normalised how: min-max over each language's candidates gives the best document of
 * each language the same score, 1, so every query had the other language's best document
 * beside its own best, however poor a match it was. Standardising each language's scores
 * by the mean and spread of *all* its documents' scores keeps what the cosines say within
 * a language and compares the languages by how clearly a document stands out from its
 * own: the best of ~1,000 unrelated documents stands about 3 spreads above their mean, a
 * translation of the query well above that. Measured (nDCG@10 of the vector ranking,
 * `npm run bench:retrieval`): English questions among Japanese distractors 0.4827 →
 * 0.5222; a bilingual corpus whose queries want documents in their own language
 * (bilingual-union) 0.5263 → 0.5664. A corpus in one language ranks as before.
 */
import type { ScoredDoc } from './top-k.ts';
import { topK } from './vector-scan.ts';

/**
 * The k best documents of each language (`languages[doc]`), each scored as its language's
 * z-score (score − mean) / standard deviation over all that language's documents, best
 * first. A language whose documents all score alike (or that has one document) gives its
 * documents 0: nothing stands out there.
 */
export function topKWithinLanguages(scores: Float32Array, languages: Uint8Array, k: number): ScoredDoc[] {
  const count = [0, 0], sum = [0, 0], squares = [0, 0];
  for (let i = 0; i < scores.length; i++) {
    const l = languages[i]!, s = scores[i]!;
    count[l]!++;
    sum[l]! += s;
    squares[l]! += s * s;
  }
  return mergeLanguages(
    [0, 1].map((lang) => {
      const n = count[lang]!;
      const mean = n ? sum[lang]! / n : 0;
      const sd = n ? Math.sqrt(Math.max(0, squares[lang]! / n - mean * mean)) : 0;
      return { hits: topK(scores.map((s, i) => (languages[i] === lang ? s : Number.NaN)), k), mean, sd };
    }),
  );
}

/** Each language's best documents, scored as z-scores with that language's mean and standard deviation of the query's scores, merged best first. */
function mergeLanguages(languages: readonly { readonly hits: readonly ScoredDoc[]; readonly mean: number; readonly sd: number }[]): ScoredDoc[] {
  const out: ScoredDoc[] = [];
  for (const { hits, mean, sd } of languages) for (const h of hits) out.push({ doc: h.doc, score: sd > 1e-9 ? (h.score - mean) / sd : 0 });
  return out.sort((a, b) => b.score - a.score || a.doc - b.doc);
}

/** The vector ranking: within each language where the corpus has two (`languages`), else the k nearest. */
export function rankVectorScores(scores: Float32Array, languages: Uint8Array | null, k: number): ScoredDoc[] {
  return languages ? topKWithinLanguages(scores, languages, k) : topK(scores, k);
}
