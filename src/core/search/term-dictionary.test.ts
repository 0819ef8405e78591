import { describe, expect, it } from 'vitest';
import { TermDictionary, hashRange } from './term-dictionary.ts';

describe('TermDictionary', () => {
  it('gives ids in order of first sight, looked up from ranges of longer strings', () => {
    const dict = new TermDictionary();
    const s = 'llama 医療 llama meditron';
    expect(dict.add(s, 0, 5)).toBe(0);
    expect(dict.add(s, 6, 8)).toBe(1);
    expect(dict.add(s, 9, 14)).toBe(0);
    expect(dict.add(s, 15, 23)).toBe(2);
    expect(dict.terms).toEqual(['llama', '医療', 'meditron']);
    expect(dict.get('医療')).toBe(1);
    expect(dict.get('llam')).toBeUndefined();
    expect(dict.has('meditron')).toBe(true);
    expect(dict.size).toBe(3);
  });

  it('keeps every term findable as it grows', () => {
    const dict = new TermDictionary(4);
    for (let i = 0; i < 20_000; i++) expect(dict.add(`t${i}`, 0, `t${i}`.length)).toBe(i);
    for (let i = 0; i < 20_000; i += 997) expect(dict.get(`t${i}`)).toBe(i);
    const copy = TermDictionary.fromTerms(dict.terms);
    expect(copy.get('t19999')).toBe(19_999);
  });

  it('keeps two-character terms (their own table) findable as it grows, alongside longer ones', () => {
    const dict = new TermDictionary();
    const bigrams: string[] = [];
    for (let a = 0x4e00; a < 0x4e00 + 60; a++) for (let b = 0x3041; b < 0x3041 + 60; b++) bigrams.push(String.fromCharCode(a, b));
    bigrams.forEach((t, i) => {
      expect(dict.add(`x${t}y`, 1, 3)).toBe(2 * i);
      expect(dict.add(`${t}…`, 0, 3)).toBe(2 * i + 1);
    });
    bigrams.forEach((t, i) => expect(dict.get(t)).toBe(2 * i));
    expect(dict.terms[2 * 17]).toBe(bigrams[17]);
    expect(dict.get('丁丁')).toBeUndefined();
  });

  it('hashes a range like the same string on its own', () => {
    expect(hashRange('xxabcxx', 2, 5)).toBe(hashRange('abc', 0, 3));
    expect(hashRange('abc', 0, 3)).not.toBe(hashRange('abd', 0, 3));
  });
});
