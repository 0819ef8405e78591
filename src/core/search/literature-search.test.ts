import { describe, expect, it } from 'vitest';
import { buildBm25 } from './bm25-builder.ts';
import type { LiteratureIndex } from './literature-pack.ts';
import { embeddingText, fusionCoverage, keywordSearch, queryEmbedding } from './literature-search.ts';
import { queryCoverage } from './query-coverage.ts';
import { withTranslations } from './term-translation.ts';
import { translateQueryTerms } from './term-translation.ts';
import { corpusLanguages } from './text-language.ts';

// Written for this test: bilingual literature on one drug.
const bm25 = buildBm25([{ weight: 1 }], [
  [[0, 'Metformin dose adjustment by kidney function.']],
  [[0, 'メトホルミンの腎機能別の用量調整。メトホルミンは乳酸アシドーシスに注意する。']],
  [[0, 'Insulin titration in hospital.']],
]);
const indexWith = (coverage?: number) =>
  ({ bm25, manifest: { fusion: coverage === undefined ? undefined : { base: 0.5, gain: 0, cap: 0.95, coverage } } }) as unknown as LiteratureIndex;

describe('keyword search with translated terms', () => {
  it('finds documents in the other language through the translation', () => {
    const t = translateQueryTerms(bm25, 'メトホルミン');
    expect(keywordSearch(bm25, 'メトホルミン', 3).map((h) => h.doc)).toEqual([1]);
    expect(keywordSearch(bm25, 'メトホルミン', 3, t.translations).map((h) => h.doc).sort()).toEqual([0, 1]);
  });

  it('ranks documents matching the words typed before those matching their translation', () => {
    const t = translateQueryTerms(bm25, 'metformin');
    expect(t.translations).toEqual([{ from: 'metformin', to: 'メトホルミン' }]);
    // The Japanese abstract names the drug twice, the English one once: typed words still lead.
    expect(keywordSearch(bm25, 'metformin', 3, t.translations).map((h) => h.doc)).toEqual([0, 1]);
  });
});

describe('the text the embedding model reads', () => {
  it('carries the translations only when the corpus does not know the query as well as its own sentences', () => {
    const ja = translateQueryTerms(bm25, 'インスリンとメトホルミンの併用');
    expect(embeddingText(indexWith(0.6), 'インスリンとメトホルミンの併用', ja.translations)).toContain('metformin');
    const en = translateQueryTerms(bm25, 'metformin');
    expect(embeddingText(indexWith(0.6), 'metformin', en.translations)).toBe('metformin');
    expect(embeddingText(indexWith(), 'metformin', en.translations)).toBe('metformin');
  });

  it('leaves out the words of a query in the other language that the corpus never uses', () => {
    // インスリン and the particles around the drug name occur nowhere in the corpus: a
    // model trained on it has no rows for them, so they would reach the vector only by
    // chance. The drug's name, which the Japanese abstract uses, and its translation stay.
    const query = 'インスリンとメトホルミンの併用';
    const ja = translateQueryTerms(bm25, query);
    const read = queryEmbedding(indexWith(0.6), query, ja.translations);
    expect(read.knownOnly).toBe(true);
    expect(read.text).not.toContain('インスリン');
    expect(read.text).not.toContain('併用');
    expect(read.text).toContain('メトホルミン');
    expect(read.text).toContain('metformin');
    // English words the corpus knows stay too; unknown ones (and stop words, which the
    // keyword index does not hold) go.
    const mixed = 'zolpidem or metformin for kidney function?';
    const en = translateQueryTerms(bm25, mixed);
    expect(queryEmbedding(indexWith(0.95), mixed, en.translations).text).toBe('metformin kidney function\n腎機能 メトホルミン');
  });

  it('keeps a query the corpus covers as typed, and a query with nothing to translate', () => {
    expect(queryEmbedding(indexWith(0.6), 'metformin', []).knownOnly).toBe(false);
    expect(queryEmbedding(indexWith(0.6), 'zolpidem dose', [])).toEqual({ text: 'zolpidem dose', knownOnly: false });
  });

  it('does not scale the embedding share of a query read from its known parts, and scales the others', () => {
    const query = 'インスリンとメトホルミンの併用';
    const ja = translateQueryTerms(bm25, query);
    expect(fusionCoverage(indexWith(0.6), query, ja.translations)).toBe(1);
    const typed = 'zolpidem dose';
    expect(fusionCoverage(indexWith(0.6), typed, [])).toBe(queryCoverage(bm25, withTranslations(typed, [])));
    expect(fusionCoverage(indexWith(0.6), typed, [])).toBeLessThan(1);
  });

  it('carries them over literature in both languages, whose other-language documents only they reach', () => {
    const languages = corpusLanguages([
      { title: '', text: 'Metformin dose adjustment by kidney function.' },
      { title: '', text: 'メトホルミンの腎機能別の用量調整。' },
    ]);
    const en = translateQueryTerms(bm25, 'metformin');
    expect(embeddingText({ ...indexWith(0.6), languages }, 'metformin', en.translations)).toBe('metformin\nメトホルミン');
  });
});
