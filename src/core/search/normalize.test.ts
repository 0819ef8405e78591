import { describe, expect, it } from 'vitest';
import { normalizeText } from './normalize.ts';

const builtIn = (s: string) => s.normalize('NFKC').toLowerCase();

/** Deterministic pseudo-random generator (mulberry32). */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('normalizeText', () => {
  it('equals NFKC + toLowerCase on characters that change or combine', () => {
    const cases = [
      'ＬＬａｍａ', // full-width Latin
      'ﾒﾃﾞｨﾄﾛﾝ', // half-width katakana with a sound mark that must combine
      'カ\u3099', // kana + combining voiced mark → ガ
      'e\u0301', // e + combining acute → é
      'ΟΔΟΣ', // final sigma: lower case depends on context
      '\u03f9Σ', // lunate sigma folds to Σ
      '㍿', // expands to 株式会社
      'ﬁle', // ligature
      '①②', // circled digits
      'İstanbul', // lower case longer than upper
      '\u1100\u1161', // conjoining jamo → 가
      '日本語の医療文書', // unchanged
      'plain ascii',
      'Mixed ASCII',
      '',
    ];
    for (const s of cases) expect(normalizeText(s), JSON.stringify(s)).toBe(builtIn(s));
  });

  it('returns a string it does not change as it is', () => {
    const s = '日本語の医療文書で継続事前学習したモデル';
    expect(normalizeText(s)).toBe(s);
  });

  it('equals the built-in calls on random text of every BMP character class', () => {
    const next = random(42);
    // Bias towards the ranges where folding is subtle: ASCII, Latin-1, Greek, kana, jamo, full/half-width forms.
    const ranges: [number, number][] = [
      [0x20, 0x7e],
      [0xa0, 0x24f],
      [0x300, 0x36f],
      [0x370, 0x3ff],
      [0x1100, 0x11ff],
      [0x3000, 0x30ff],
      [0x3130, 0x318f],
      [0x4e00, 0x4fff],
      [0xff00, 0xffef],
      [0x0, 0xffff],
    ];
    for (let k = 0; k < 20_000; k++) {
      let s = '';
      const len = 1 + Math.floor(next() * 8);
      for (let j = 0; j < len; j++) {
        const [lo, hi] = ranges[Math.floor(next() * ranges.length)]!;
        s += String.fromCharCode(lo + Math.floor(next() * (hi - lo + 1)));
      }
      if (normalizeText(s) !== builtIn(s)) expect(normalizeText(s), JSON.stringify(s)).toBe(builtIn(s));
    }
  });
});
