/**
 * Cross-lingual pseudo-queries, so that the fusion calibration (fusion-calibration.ts)
 * sees queries whose language differs from their answer's, as a Japanese question over
 * English and Japanese literature is.
 *
 * Pseudo-queries drawn from a corpus are always in the language of their document. On a
 * corpus of one language that is all there is to see; on one with documents in both, a
 * reader asks in either language whichever document answers, and the corpus-trained
 * embedding model, which never sees the two languages side by side, ranks the documents
 * of the query's own language first (measured: Japanese exam questions over their English
 * originals among Japanese distractors, vector search 0.06 nDCG@10 against BM25's 0.31,
 * and a rule calibrated on same-language pseudo-queries fell below BM25).
 *
 * So, with no knowledge of how often readers cross, the calibration assumes they ask in
 * each language as often as the corpus is written in it, whatever the answer: a
 * pseudo-query is crossed into the other language with the probability that a document
 * of the corpus is in that language (none on a corpus of one language: nothing changes
 * there). Crossing keeps what a translation of the query would share with its document:
 * the listed medical terms, translated (bilingual-medical-terms.ts), and what both
 * languages write alike in Latin script — abbreviations, gene and drug codes, numbers.
 * At search time a real query's terms are translated back the same way
 * (term-translation.ts), so both rankers meet the crossed query as they meet a real one.
 * A query that keeps fewer than two such pieces is dropped: nothing but chance could
 * answer it, under any rule. The crossed queries that are kept then stand for the dropped
 * ones too (their `weight`), so the calibration still sees readers crossing as often as
 * assumed: the term list carries few exam questions across (of 400 pseudo-queries drawn
 * over English questions among Japanese distractors, 176 were to cross and 33 kept
 * enough), and unweighted, the crossed queries were 13 % of the calibration instead of
 * 44 %, and the rule it chose leaned on BM25, which cannot cross languages well (fused
 * 0.40 nDCG@10 against the vector ranking's 0.52; weighted, 0.53).
 */
import { normalizeText } from './normalize.ts';
import type { PseudoQuery } from './pseudo-queries.ts';
import { findTranslations } from './term-translation.ts';
import { JAPANESE } from './text-language.ts';

type Language = 'ja' | 'en';

/** Fewest pieces (translated terms and shared Latin-script words) a crossed query keeps. */
export const MIN_CROSSED_PIECES = 2;

/** A Latin-script word, with its joined parts (PD-1, HbA1c, IL-6). */
const LATIN_WORD = /[\p{Script=Latin}\p{N}]+(?:[-.][\p{Script=Latin}\p{N}]+)*/gu;

/**
 * Latin-script words that a text in the other language would write as they are: in
 * Japanese text every one; in English, those with a digit or a capital after their first
 * letter (ATP, mRNA, HbA1c, PD-1, 45), not the words a translation would replace.
 */
function sharedWords(query: string, from: Language): string[] {
  const words = query.normalize('NFKC').match(LATIN_WORD) ?? [];
  return from === 'ja' ? words : words.filter((w) => /\p{N}/u.test(w) || /\p{Lu}/u.test(w.slice(1)));
}

/** The query in the other language, as far as the term list and shared words carry it; null if too little is left. */
export function crossQuery(query: string, from: Language): string | null {
  const translated = findTranslations(query, () => true, from).map((t) => t.to);
  const shared = sharedWords(query, from);
  const pieces = [...new Set([...translated, ...shared.map(normalizeText)])];
  if (pieces.length < MIN_CROSSED_PIECES) return null;
  return pieces.join(from === 'en' ? '、' : ' ');
}

const languageOf = (languages: Uint8Array, doc: number): Language => (languages[doc] === JAPANESE ? 'ja' : 'en');

/**
 * Each pseudo-query crossed into the other language with the probability that a document
 * of the corpus is in that language (`languages[doc]`, text-language.ts; null for a corpus
 * of one language, which is left as it is); crossed queries that keep too little are
 * dropped, and the kept ones of each direction carry the weight of those dropped.
 * `random` is the caller's own seeded stream, so that the draw of the pseudo-queries
 * themselves is the same as on a corpus of one language.
 */
export function crossSomeQueries(queries: readonly PseudoQuery[], languages: Uint8Array | null, random: () => number): PseudoQuery[] {
  if (!languages) return [...queries];
  const jaShare = languages.reduce((n, l) => n + (l === JAPANESE ? 1 : 0), 0) / languages.length;
  const out: PseudoQuery[] = [];
  // Per direction (from Japanese, from English): queries drawn to cross, and those kept.
  const drawn = { ja: 0, en: 0 }, kept = { ja: 0, en: 0 };
  for (const q of queries) {
    const from = languageOf(languages, q.doc);
    if (random() >= (from === 'ja' ? 1 - jaShare : jaShare)) {
      out.push(q);
      continue;
    }
    drawn[from]++;
    const crossed = crossQuery(q.query, from);
    if (crossed !== null) {
      out.push({ ...q, query: crossed, crossed: true });
      kept[from]++;
    }
  }
  // Each kept crossing stands for the dropped ones of its direction.
  return out.map((q) => (q.crossed ? { ...q, weight: drawn[languageOf(languages, q.doc)] / kept[languageOf(languages, q.doc)] } : q));
}
