import { describe, expect, it } from 'vitest';
import { ENGLISH, JAPANESE } from './text-language.ts';
import { rankVectorScores, topKWithinLanguages } from './vector-languages.ts';
import { topK } from './vector-scan.ts';

/** n documents of one language with scores spread evenly around `centre`. */
const spread = (n: number, centre: number, width: number) => Array.from({ length: n }, (_, i) => centre + width * (i / (n - 1) - 0.5));

describe('the vector ranking of a corpus in two languages', () => {
  // Documents 0–99 English, 100–199 Japanese; a Japanese query scores every Japanese
  // document above every English one, as the corpus-trained model does. Document 7 (English)
  // stands far above the other English documents: the query's translation.
  const languages = Uint8Array.from({ length: 200 }, (_, i) => (i < 100 ? ENGLISH : JAPANESE));
  const scores = Float32Array.from([...spread(100, 0.2, 0.1), ...spread(100, 0.8, 0.1)]);
  scores[7] = 0.6;

  it('ranks a document that stands out in its language above the best of the other, whatever the cosines', () => {
    const hits = topKWithinLanguages(scores, languages, 10);
    expect(hits[0]!.doc).toBe(7);
    // Next come the Japanese documents, which stand out from their own language only as
    // much as the best of an even spread does, before the rest of the English ones.
    expect(hits[1]!.doc).toBe(199);
    expect(hits[0]!.score).toBeGreaterThan(2 * hits[1]!.score);
  });

  it('does not lift the best of a language when nothing there stands out', () => {
    const plain = scores.slice();
    plain[7] = 0.2; // the translation gone: English is an even spread, as Japanese is
    const hits = topKWithinLanguages(plain, languages, 10);
    // Both languages' best stand out alike, so they meet at the top, and within each
    // language the model's order stands.
    expect(Math.abs(hits[0]!.score - hits[1]!.score)).toBeLessThan(0.05);
    expect(hits.filter((h) => languages[h.doc] === ENGLISH).map((h) => h.doc).slice(0, 3)).toEqual([99, 98, 97]);
    expect(hits.filter((h) => languages[h.doc] === JAPANESE).map((h) => h.doc).slice(0, 3)).toEqual([199, 198, 197]);
  });

  it('takes k candidates from each language', () => {
    const hits = topKWithinLanguages(scores, languages, 2);
    expect(hits.map((h) => h.doc).sort((a, b) => a - b)).toEqual([7, 99, 198, 199]);
  });

  it('gives a language of one document, or of equal scores, no lead', () => {
    const langs = Uint8Array.from([ENGLISH, ENGLISH, ENGLISH, JAPANESE]);
    const hits = topKWithinLanguages(Float32Array.from([0.1, 0.5, 0.3, 0.9]), langs, 10);
    expect(hits[0]!.doc).toBe(1);
    expect(hits.find((h) => h.doc === 3)!.score).toBe(0);
  });

  it('ranks a corpus of one language as before', () => {
    expect(rankVectorScores(scores, null, 3)).toEqual(topK(scores, 3));
  });
});
