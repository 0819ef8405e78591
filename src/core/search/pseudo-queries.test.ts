import { describe, expect, it } from 'vitest';
import { Prng } from '../../testing/prng.ts';
import { drawPseudoQueries, MIN_PHRASE_TERMS } from './pseudo-queries.ts';
import { tokenize } from './analyze.ts';

// Written for this test.
const docs = [
  { title: 'Metformin dosing in chronic kidney disease', text: 'Metformin is cleared by the kidney. Doses are reduced when eGFR falls below 45. Lactic acidosis is rare but serious.' },
  { title: '', text: '造影CT検査の前にはeGFRを確認する。eGFRが30未満では造影剤の使用を慎重に判断する。検査後は腎機能を再評価する。' },
  { title: '', text: 'Adrenaline given intramuscularly into the thigh is the first-line treatment of anaphylaxis in adults and children alike' },
  { title: '', text: 'Too short.' },
];

describe('pseudo-queries (inverse cloze)', () => {
  const random = () => {
    const p = new Prng(1);
    return () => p.next();
  };

  it('takes the query out of its document, never leaving it there verbatim', () => {
    for (let seed = 1; seed <= 20; seed++) {
      const p = new Prng(seed);
      for (const q of drawPseudoQueries(docs, 10, () => p.next())) {
        const d = docs[q.doc]!;
        expect(`${d.title}\n${d.text}`).toContain(q.query);
        expect(`${q.title}\n${q.text}`).not.toContain(q.query);
        expect(tokenize(q.query).length).toBeGreaterThanOrEqual(MIN_PHRASE_TERMS);
      }
    }
  });

  it('draws each document at most once, and skips documents too short to split', () => {
    const qs = drawPseudoQueries(docs, 10, random());
    expect(new Set(qs.map((q) => q.doc)).size).toBe(qs.length);
    expect(qs.map((q) => q.doc)).not.toContain(3);
    expect(qs.length).toBe(3);
  });

  it('cuts a Japanese sentence out at its full stop, and a one-sentence text into a window of words', () => {
    const p = new Prng(2);
    const qs = drawPseudoQueries(docs, 10, () => p.next());
    const ja = qs.find((q) => q.doc === 1)!;
    expect(ja.query.endsWith('。')).toBe(true);
    const one = qs.find((q) => q.doc === 2)!;
    const words = docs[2]!.text.split(' ').length;
    expect(one.query.split(' ').length).toBe(Math.round(words / 3));
  });

  it('gives the same draw for the same seed', () => {
    expect(drawPseudoQueries(docs, 10, random())).toEqual(drawPseudoQueries(docs, 10, random()));
  });
});

describe('short phrase queries', () => {
  it('are drawn for some documents: a few words of a sentence, as people type', () => {
    const long = Array.from({ length: 60 }, (_, i) => ({
      title: '',
      text: `Patient ${i} received basal insulin every evening for glycaemic control. Fasting glucose improved within two weeks of starting therapy. No hypoglycaemia was recorded during follow-up visits.`,
    }));
    const p = new Prng(3);
    const qs = drawPseudoQueries(long, 60, () => p.next());
    const lengths = qs.map((q) => q.query.split(' ').length);
    expect(lengths.some((n) => n <= 5)).toBe(true);
    expect(lengths.some((n) => n > 5)).toBe(true);
  });
});

describe('drawing among eligible documents only', () => {
  it('never draws a document the filter refuses (e.g. one the model was trained on)', () => {
    const p = new Prng(4);
    const qs = drawPseudoQueries(docs, 10, () => p.next(), (i) => i !== 0);
    expect(qs.length).toBe(2);
    expect(qs.map((q) => q.doc)).not.toContain(0);
  });
});
