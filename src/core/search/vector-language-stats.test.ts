import { describe, expect, it } from 'vitest';
import { Prng } from '../../testing/prng.ts';
import { decodeLanguageMoments, encodeLanguageMoments, languageMoments, scoreSpread } from './vector-language-stats.ts';
import { quantizeRows } from './vector-quantize.ts';
import { scoreAllRows } from './vector-scan.ts';

// Generated rows: two languages, each a cloud around its own direction.
const DIMS = 16;
const prng = new Prng(5);
const languages = Uint8Array.from({ length: 3000 }, (_, i) => (i % 4 === 0 ? 1 : 0));
const centre = [0, 1].map(() => Array.from({ length: DIMS }, () => prng.next() - 0.5));
const matrix = quantizeRows(
  Array.from(languages, (l) => centre[l]!.map((x) => x + 0.6 * (prng.next() - 0.5))),
  DIMS,
);
const queries = Array.from({ length: 20 }, () => Float32Array.from({ length: DIMS }, () => prng.next() - 0.5));

/** The mean and standard deviation of a query's scores over a language's rows, from the scores themselves. */
function exactSpread(q: Float32Array, lang: number) {
  const s = scoreAllRows(matrix, q).filter((_, i) => languages[i] === lang);
  const mean = s.reduce((a, b) => a + b, 0) / s.length;
  return { mean, sd: Math.sqrt(s.reduce((a, b) => a + (b - mean) ** 2, 0) / s.length) };
}

describe('the moments of each language’s vectors', () => {
  it('give the mean and spread of any query’s scores over a language, as scoring every row does', () => {
    const moments = languageMoments(matrix, languages, () => prng.next());
    expect(moments.map((m) => m.count)).toEqual([2250, 750]);
    for (const q of queries) {
      for (const lang of [0, 1]) {
        const got = scoreSpread(moments[lang]!, q), want = exactSpread(q, lang);
        expect(got.mean).toBeCloseTo(want.mean, 4);
        expect(got.sd).toBeCloseTo(want.sd, 4);
      }
    }
  });

  it('estimate the spread from a sample of rows to within a few per cent', () => {
    const r = new Prng(2);
    const moments = languageMoments(matrix, languages, () => r.next(), 500);
    for (const q of queries) {
      const got = scoreSpread(moments[0]!, q), want = exactSpread(q, 0);
      expect(got.mean).toBeCloseTo(want.mean, 4); // the mean is over every row
      expect(Math.abs(got.sd / want.sd - 1)).toBeLessThan(0.1);
    }
  });

  it('round-trip through their file, and a file of the wrong size says what it should hold', () => {
    const moments = languageMoments(matrix, languages, () => prng.next());
    const bytes = encodeLanguageMoments(moments);
    expect(bytes.byteLength).toBe(4 * 2 * (1 + DIMS + DIMS * DIMS));
    const back = decodeLanguageMoments(new Float32Array(bytes.buffer), DIMS);
    expect(typeof back).not.toBe('string');
    expect(scoreSpread((back as typeof moments)[1]!, queries[0]!)).toEqual(scoreSpread(moments[1]!, queries[0]!));
    expect(decodeLanguageMoments(new Float32Array(bytes.buffer).subarray(1), DIMS)).toMatch(/two languages' moments of 16 dimensions/);
  });
});
