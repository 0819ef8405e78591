import { describe, expect, it } from 'vitest';
import { splitSentences } from './literature-sentences.ts';

const texts = (s: string) => splitSentences(s).map((x) => x.text);

describe('sentence splitting', () => {
  it('splits English at . ! ? followed by space', () => {
    expect(texts('Insulin lowers glucose. Is it safe? Yes!')).toEqual(['Insulin lowers glucose.', 'Is it safe?', 'Yes!']);
  });

  it('keeps abbreviations, initials and decimals inside a sentence', () => {
    expect(texts('As shown by Smith et al. in 2020, e.g. in Fig. 2, HbA1c fell by 0.5 points. J. Doe agreed.')).toEqual([
      'As shown by Smith et al. in 2020, e.g. in Fig. 2, HbA1c fell by 0.5 points.',
      'J. Doe agreed.',
    ]);
  });

  it('splits Japanese at 。！？ without spaces, keeping closing brackets', () => {
    expect(texts('胸部CTで肺炎を認めた。抗菌薬を投与した（「改善」）。経過は良好か？')).toEqual([
      '胸部CTで肺炎を認めた。',
      '抗菌薬を投与した（「改善」）。',
      '経過は良好か？',
    ]);
  });

  it('treats a blank line as a boundary and reports offsets into the original text', () => {
    const s = '  Title line\n\nBody text here.  ';
    const spans = splitSentences(s);
    expect(spans.map((x) => x.text)).toEqual(['Title line', 'Body text here.']);
    for (const x of spans) expect(s.slice(x.start, x.end)).toBe(x.text);
  });

  it('returns nothing for blank text and the whole text when there is no end mark', () => {
    expect(splitSentences('   ')).toEqual([]);
    expect(texts('no full stop here')).toEqual(['no full stop here']);
  });
});
