import { describe, expect, it } from 'vitest';
import { crossQuery, crossSomeQueries } from './cross-lingual-queries.ts';
import type { PseudoQuery } from './pseudo-queries.ts';
import { Prng } from '../../testing/prng.ts';
import { ENGLISH, JAPANESE } from './text-language.ts';

// Written for this test.
describe('pseudo-queries crossed into the other language', () => {
  it('keeps the listed terms, translated, and what Japanese writes in Latin script', () => {
    const q = crossQuery('Metformin dosing in chronic kidney disease when eGFR falls below 45', 'en')!;
    expect(q.split('、').sort()).toEqual(['45', 'egfr', 'メトホルミン', '慢性腎臓病'].sort());
  });

  it('crosses Japanese into English the same way, keeping its Latin-script words', () => {
    const q = crossQuery('HbA1c 7%未満を目標に糖尿病患者のインスリンを調整する', 'ja')!;
    expect(q.split(' ').sort()).toEqual(['7', 'diabetes', 'hba1c', 'insulin'].sort());
  });

  it('gives nothing for a query that keeps too little (nothing but chance could answer it)', () => {
    expect(crossQuery('Which of the following is most likely', 'en')).toBeNull();
    expect(crossQuery('Patients with diabetes', 'en')).toBeNull();
  });

  const queries: PseudoQuery[] = Array.from({ length: 400 }, (_, i) => ({
    doc: i,
    query: i % 2 ? 'インスリンと糖尿病の管理' : 'Insulin in diabetes and hypertension',
    title: '',
    text: 'rest',
  }));

  it('leaves the pseudo-queries of a corpus in one language as they are', () => {
    const p = new Prng(1);
    expect(crossSomeQueries(queries, null, () => p.next())).toEqual(queries);
  });

  it('crosses about as many as the corpus has documents in the other language', () => {
    // A quarter of the corpus Japanese (the odd documents among the first 200).
    const languages = Uint8Array.from(queries, (_, i) => (i % 2 && i < 200 ? JAPANESE : ENGLISH));
    const p = new Prng(2);
    const out = crossSomeQueries(queries, languages, () => p.next());
    const crossedFromEnglish = out.filter((q) => q.crossed && languages[q.doc] === ENGLISH).length;
    const crossedFromJapanese = out.filter((q) => q.crossed && languages[q.doc] === JAPANESE).length;
    expect(crossedFromEnglish / 300).toBeGreaterThan(0.15);
    expect(crossedFromEnglish / 300).toBeLessThan(0.35);
    expect(crossedFromJapanese / 100).toBeGreaterThan(0.6);
    expect(crossedFromJapanese / 100).toBeLessThan(0.9);
    expect(out.filter((q) => !q.crossed).every((q) => q.weight === undefined)).toBe(true);
    for (const q of out.filter((x) => x.crossed)) {
      const pieces = languages[q.doc] === JAPANESE ? q.query.split(' ') : q.query.split('、');
      expect(pieces.sort()).toEqual(languages[q.doc] === JAPANESE ? ['diabetes', 'insulin'] : ['インスリン', '糖尿病', '高血圧'].sort());
    }
  });

  it('lets the crossed queries kept stand for those that kept too little, per direction', () => {
    // English documents alternate between a query that crosses and one that keeps too little.
    const mixed: PseudoQuery[] = queries.map((q, i) => (i % 4 === 0 ? { ...q, query: 'Which of the following is most likely' } : q));
    const languages = Uint8Array.from(mixed, (_, i) => (i % 2 ? JAPANESE : ENGLISH));
    let drawnFromEnglish = 0;
    const p = new Prng(3);
    // The same stream, to count the English queries drawn to cross (those of the even documents that fell under the Japanese share).
    const q = new Prng(3);
    for (const x of mixed) if (q.next() < 0.5 && languages[x.doc] === ENGLISH) drawnFromEnglish++;
    const out = crossSomeQueries(mixed, languages, () => p.next());
    const fromEnglish = out.filter((x) => x.crossed && languages[x.doc] === ENGLISH);
    const fromJapanese = out.filter((x) => x.crossed && languages[x.doc] === JAPANESE);
    expect(fromEnglish.length).toBeLessThan(drawnFromEnglish * 0.75);
    // Together they weigh as much as every English query that was drawn to cross.
    expect(fromEnglish.reduce((s, x) => s + x.weight!, 0)).toBeCloseTo(drawnFromEnglish, 9);
    expect(fromEnglish[0]!.weight).toBeGreaterThan(1.5);
    // Every Japanese query kept enough: its crossings stand for themselves.
    expect(fromJapanese.length).toBeGreaterThan(50);
    expect(fromJapanese.every((x) => x.weight === 1)).toBe(true);
  });
});
