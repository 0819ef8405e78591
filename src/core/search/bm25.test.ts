import { describe, expect, it } from 'vitest';
import { tokenize } from './analyze.ts';
import { Bm25Builder, buildBm25, type FieldTexts } from './bm25-builder.ts';
import { docFrequency, idf, saturate, type Bm25FieldSpec } from './bm25-index.ts';
import { bm25ScoreDoc, bm25TopK, termFrequency, type TermGroup } from './bm25.ts';
import { queryTerms } from './query-terms.ts';
import { roundToFloat16 } from '../arrays/float16.ts';

const TITLE = 0;
const BODY = 1;
const FIELDS: Bm25FieldSpec[] = [{ weight: 8, prefix: true }, { weight: 1 }];

/** BM25F written out plainly, from token lists, to check the typed-array implementation against. */
function referenceScores(fields: Bm25FieldSpec[], docs: FieldTexts[], query: string[], k1 = 1.2): number[] {
  const analysed = docs.map((doc) => fields.map((_, f) => doc.filter(([g]) => g === f).flatMap(([, text]) => tokenize(text))));
  const avg = fields.map((_, f) => {
    const having = analysed.filter((d) => d[f]!.length > 0);
    return having.reduce((s, d) => s + d[f]!.length, 0) / having.length || 1;
  });
  const pseudoTf = (d: string[][], term: string) =>
    fields.reduce((sum, spec, f) => {
      const count = d[f]!.filter((t) => t === term).length;
      const b = spec.b ?? 0.75;
      return sum + (spec.weight * count) / (1 - b + (b * d[f]!.length) / avg[f]!);
    }, 0);
  return analysed.map((d) => {
    let score = 0;
    for (const q of new Set(query)) {
      const tf = pseudoTf(d, q);
      if (tf === 0) continue;
      const df = analysed.filter((e) => e.some((tokens) => tokens.includes(q))).length;
      score += idf(docs.length, df) * saturate(tf, k1);
    }
    return score;
  });
}

function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS = ['llama', 'meditron', 'qwen', 'clinical', 'notes', 'pneumonia', '医療', 'モデル', '肺炎', 'benchmark', 'fine-tuning', 'dataset'];

function randomCorpus(n: number, seed: number): FieldTexts[] {
  const next = random(seed);
  const pick = (count: number) => Array.from({ length: count }, () => WORDS[Math.floor(next() * WORDS.length)]).join(' ');
  return Array.from({ length: n }, () => [
    [TITLE, pick(1 + Math.floor(next() * 3))],
    [BODY, pick(Math.floor(next() * 12))],
  ]);
}

type Index = ReturnType<typeof buildBm25>;
const groupsOf = (index: Index, terms: string[]): TermGroup[] =>
  terms.flatMap((t) => {
    const id = index.vocabulary.get(t);
    return id === undefined ? [] : [{ terms: [id] }];
  });
const postings = (index: Index, t: number) => Array.from(index.postingDocs.subarray(index.postingOffsets[t]!, index.postingOffsets[t + 1]!));

describe('Bm25Builder', () => {
  it('lays postings out as CSR, sorted by document, with BM25F pseudo-frequencies', () => {
    const index = buildBm25(FIELDS, [
      [[TITLE, 'llama model']],
      [[BODY, 'model'], [BODY, 'model card']],
      [],
      [[BODY, 'llama llama']],
    ]);
    expect(index.docCount).toBe(4);
    // Average lengths over the documents having the field: title 2/1 terms, body 5/2.
    expect(Array.from(index.fieldAvgLengths)).toEqual([2, 2.5]);
    const model = index.vocabulary.get('model')!;
    const llama = index.vocabulary.get('llama')!;
    expect(postings(index, model)).toEqual([0, 1]);
    expect(postings(index, llama)).toEqual([0, 3]);
    const norm = (len: number, avg: number) => 1 - 0.75 + (0.75 * len) / avg;
    // Kept to half precision (0.05 %), which a partitioned index's postings store exactly.
    expect(termFrequency(index, model, 0)).toBe(roundToFloat16(8 / norm(2, 2)));
    expect(termFrequency(index, model, 1)).toBe(roundToFloat16(2 / norm(3, 2.5)));
    expect(termFrequency(index, llama, 3)).toBe(roundToFloat16(2 / norm(2, 2.5)));
    expect(Math.abs(termFrequency(index, model, 1) - 2 / norm(3, 2.5))).toBeLessThan((2 / norm(3, 2.5)) * 2 ** -11);
    expect(termFrequency(index, model, 3)).toBe(0);
    expect(index.postingOffsets[index.terms.length]).toBe(index.postingDocs.length);
  });

  it('normalises each field by its own length, so a long body does not dilute a title match', () => {
    const index = buildBm25(FIELDS, [
      [[TITLE, 'meditron'], [BODY, 'a very long description of many words that say other things entirely here']],
      [[TITLE, 'meditron']],
    ]);
    const t = index.vocabulary.get('meditron')!;
    expect(termFrequency(index, t, 0)).toBeCloseTo(termFrequency(index, t, 1), 6);
  });

  it('skips digit-only terms in skipNumbers fields only', () => {
    const index = buildBm25([{ weight: 2, skipNumbers: true }, { weight: 1 }], [[[0, 'session:0026316']], [[1, 'session 0026316']]]);
    expect(index.vocabulary.get('session')).toBeDefined();
    expect(docFrequency(index, index.vocabulary.get('0026316')!)).toBe(1);
  });

  it('rejects bad field specs and unknown fields', () => {
    expect(() => new Bm25Builder([])).toThrow(RangeError);
    expect(() => new Bm25Builder([{ weight: 0 }])).toThrow(RangeError);
    expect(() => new Bm25Builder([{ weight: 1, b: 2 }])).toThrow(RangeError);
    expect(() => new Bm25Builder(FIELDS).addText(2, 'x')).toThrow(RangeError);
  });

  it('counts a text repeated in another field again (replayed, not re-analysed)', () => {
    const text = '日本語の医療文書';
    const b = new Bm25Builder([{ weight: 8, b: 0 }, { weight: 1, b: 0 }]);
    b.addText(0, text);
    b.addText(1, text);
    b.endDocument();
    b.addText(1, text);
    b.endDocument();
    const index = b.finish();
    const t = index.vocabulary.get('医療')!;
    expect(termFrequency(index, t, 0)).toBe(9);
    expect(termFrequency(index, t, 1)).toBe(1);
  });

  it('completes only terms of prefix fields that hold a letter, in sorted order', () => {
    const index = buildBm25(FIELDS, [[[TITLE, 'Zeta alpha-2 42 医療']], [[BODY, 'beta']]]);
    expect(Array.from(index.prefixTerms, (t) => index.terms.at(t))).toEqual(['alpha', 'alpha-2', 'zeta']);
  });
});

describe('bm25TopK', () => {
  it('scores as the BM25 formula does and returns the best k in order', () => {
    const docs = randomCorpus(300, 7);
    const index = buildBm25(FIELDS, docs);
    for (const query of [['llama'], ['meditron', 'notes'], ['医療', 'モデル', 'pneumonia'], ['fine-tuning', 'fine', 'tuning']]) {
      const expected = referenceScores(FIELDS, docs, query)
        .map((score, doc) => ({ doc, score }))
        .filter((h) => h.score > 0)
        .sort((a, b) => b.score - a.score || a.doc - b.doc);
      const got = bm25TopK(index, groupsOf(index, query), 10);
      expect(got.map((h) => h.doc)).toEqual(expected.slice(0, 10).map((h) => h.doc));
      // Frequencies are half precision: each term's score within 0.05 % of the formula's.
      got.forEach((h, i) => expect(Math.abs(h.score - expected[i]!.score)).toBeLessThan(expected[i]!.score * 5e-4));
      for (const h of got) expect(bm25ScoreDoc(index, groupsOf(index, query), h.doc)).toBeCloseTo(h.score, 4);
    }
  });

  it('breaks ties by document id and is the same on every call', () => {
    const docs: FieldTexts[] = Array.from({ length: 50 }, () => [[BODY, 'same text']]);
    const index = buildBm25(FIELDS, docs);
    const q = groupsOf(index, ['same']);
    const first = bm25TopK(index, q, 7);
    expect(first.map((h) => h.doc)).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(bm25TopK(index, q, 7)).toEqual(first);
  });

  it('filters with accept, and still returns k documents when enough pass', () => {
    const index = buildBm25(FIELDS, randomCorpus(200, 3));
    const q = groupsOf(index, ['llama', 'notes']);
    const even = bm25TopK(index, q, 5, (d) => d % 2 === 0);
    expect(even).toHaveLength(5);
    expect(even.every((h) => h.doc % 2 === 0)).toBe(true);
    const all = bm25TopK(index, q, 1000).filter((h) => h.doc % 2 === 0);
    expect(even).toEqual(all.slice(0, 5));
  });

  it("sums a group's alternatives as one term, scored with its most frequent member's df", () => {
    // No length normalisation: only the summed frequencies differ.
    const index = buildBm25([{ weight: 1, b: 0 }], [[[0, 'meditron']], [[0, 'meditron-70b']], [[0, 'meditation']], [[0, 'other']]]);
    const ids = ['meditron', 'meditron-70b', 'meditation'].map((t) => index.vocabulary.get(t)!);
    const group: TermGroup = { terms: ids, weights: [1, 1, 1] };
    const hits = bm25TopK(index, [group], 10);
    expect(hits.map((h) => h.doc).sort()).toEqual([0, 1, 2]);
    // Doc 1 holds both "meditron-70b" and "meditron": a summed frequency of 2, so it leads,
    // scored with the df of "meditron" (2 documents), the group's most frequent member.
    expect(hits[0]!.doc).toBe(1);
    expect(hits[0]!.score).toBeCloseTo((idf(4, 2) * 2 * 2.2) / (2 + 1.2), 5);
    expect(hits[1]!.score).toBeCloseTo((idf(4, 2) * 1 * 2.2) / (1 + 1.2), 5);
    const single = bm25TopK(index, [{ terms: [ids[0]!] }], 10);
    expect(single.map((h) => h.doc)).toEqual([0, 1]);
  });

  it('leaves no state behind between queries', () => {
    const index = buildBm25(FIELDS, randomCorpus(100, 11));
    const a = bm25TopK(index, groupsOf(index, ['llama']), 10);
    bm25TopK(index, groupsOf(index, ['notes', 'qwen']), 10);
    expect(bm25TopK(index, groupsOf(index, ['llama']), 10)).toEqual(a);
  });

  it('returns nothing for k ≤ 0, an empty query or an empty index', () => {
    const index = buildBm25(FIELDS, randomCorpus(20, 1));
    expect(bm25TopK(index, groupsOf(index, ['llama']), 0)).toEqual([]);
    expect(bm25TopK(index, [], 10)).toEqual([]);
    expect(bm25TopK(buildBm25(FIELDS, []), [], 10)).toEqual([]);
    expect(bm25TopK(buildBm25(FIELDS, [[], []]), [], 10)).toEqual([]);
  });
});

describe('queryTerms', () => {
  const index = buildBm25(FIELDS, [
    [[TITLE, 'Meditron-70B']],
    [[TITLE, 'Meditation app']],
    [[BODY, 'meditron mentioned in a description']],
    [[BODY, '市中肺炎の治療']],
  ]);

  it('completes the last word from prefix fields only while it is being typed', () => {
    const [typing] = queryTerms(index, 'medit', { complete: true }).groups;
    expect(typing!.terms.map((t) => index.terms.at(t)).sort()).toEqual(['meditation', 'meditron', 'meditron-70b']);
    expect(queryTerms(index, 'medit ', { complete: true }).groups).toEqual([]);
    expect(queryTerms(index, 'medit', { complete: false }).groups).toEqual([]);
  });

  it('expands a single kanji to the bigrams holding it', () => {
    const [group] = queryTerms(index, '肺').groups;
    expect(group!.terms.map((t) => index.terms.at(t)).sort()).toEqual(['中肺', '肺炎']);
  });

  it('keeps at most the rarest groups of a very long query', () => {
    const long = queryTerms(index, 'meditron 市中肺炎の治療 '.repeat(1000) + Array.from({ length: 100 }, (_, i) => `w${i}`).join(' '));
    expect(long.groups.length).toBeLessThanOrEqual(32);
    expect(long.groups.length).toBeGreaterThan(0);
  });

  it("keeps a Japanese question's Latin-script terms and numbers however many rarer bigrams it has", () => {
    // A bilingual corpus: Japanese documents make the question's bigrams rare (df 1), the
    // English documents make its Latin terms commoner; only those can find an English answer.
    const bigrams = Array.from({ length: 40 }, (_, i) => String.fromCharCode(0x4e00 + 2 * i, 0x4e01 + 2 * i));
    const mixed = buildBm25([{ weight: 1 }], [
      ...bigrams.map((b) => [[0, b]] as FieldTexts),
      ...Array.from({ length: 5 }, () => [[0, 'egfr 45 metformin']] as FieldTexts),
    ]);
    const question = `${bigrams.join('、')} eGFR 45`;
    const kept = queryTerms(mixed, question).groups.map((g) => mixed.terms.at(g.terms[0]!));
    expect(kept).toContain('egfr');
    expect(kept).toContain('45');
    expect(kept.filter((t) => /^[\u4e00-\u9fff]+$/.test(t!)).length).toBe(32);
  });
});
