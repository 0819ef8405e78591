import { describe, expect, it } from 'vitest';
import { ENGLISH, JAPANESE } from './text-language.ts';
import { rankVectorScores, topKWithinLanguages } from './vector-languages.ts';
import { topK } from './vector-scan.ts';

describe('the vector ranking of a corpus in two languages', () => {
  // Documents 0–2 English, 3–5 Japanese; a Japanese query scores every Japanese document
  // above every English one, as the corpus-trained model does.
  const languages = Uint8Array.from([ENGLISH, ENGLISH, ENGLISH, JAPANESE, JAPANESE, JAPANESE]);
  const scores = Float32Array.from([0.1, 0.3, 0.2, 0.9, 0.7, 0.8]);

  it('puts the best document of each language at the top, whatever the other language scores', () => {
    const hits = topKWithinLanguages(scores, languages, 10);
    expect(hits.slice(0, 2).map((h) => h.doc)).toEqual([1, 3]);
    expect(hits.slice(0, 2).map((h) => h.score)).toEqual([1, 1]);
    // Within each language the model's order stands.
    expect(hits.filter((h) => languages[h.doc] === ENGLISH).map((h) => h.doc)).toEqual([1, 2, 0]);
    expect(hits.filter((h) => languages[h.doc] === JAPANESE).map((h) => h.doc)).toEqual([3, 5, 4]);
    expect(hits.every((h) => h.score >= 0 && h.score <= 1)).toBe(true);
  });

  it('takes k candidates from each language', () => {
    const hits = topKWithinLanguages(scores, languages, 2);
    expect(hits.map((h) => h.doc).sort()).toEqual([1, 2, 3, 5]);
  });

  it('ranks a corpus of one language as before', () => {
    expect(rankVectorScores(scores, null, 3)).toEqual(topK(scores, 3));
  });
});
