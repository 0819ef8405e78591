import { describe, expect, it } from 'vitest';
import { corpusLanguages, ENGLISH, JAPANESE, textLanguage } from './text-language.ts';

// Written for this test.
describe('the language of a text', () => {
  it('reads Japanese with Latin-script names and abbreviations in it as Japanese', () => {
    expect(textLanguage('eGFRが30未満ではメトホルミンは禁忌である。HbA1c 7.0%を目標とする。')).toBe(JAPANESE);
    expect(textLanguage('PD-1阻害薬の有害事象')).toBe(JAPANESE);
  });

  it('reads English that quotes a Japanese term as English', () => {
    expect(textLanguage('Kampo medicine (漢方) in the treatment of functional dyspepsia: a randomised trial')).toBe(ENGLISH);
    expect(textLanguage('')).toBe(ENGLISH);
  });

  it('tells the languages of a corpus apart only when it has both', () => {
    const mixed = [{ title: 'Metformin and the kidney', text: 'Doses are reduced by eGFR.' }, { title: '', text: '腎機能に応じてメトホルミンを減量する。' }];
    expect(Array.from(corpusLanguages(mixed)!)).toEqual([ENGLISH, JAPANESE]);
    expect(corpusLanguages([mixed[0]!, { title: 'Insulin', text: 'Titration in hospital.' }])).toBeNull();
    expect(corpusLanguages([mixed[1]!])).toBeNull();
  });
});
