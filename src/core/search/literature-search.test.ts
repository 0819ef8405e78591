import { describe, expect, it } from 'vitest';
import { buildBm25 } from './bm25-builder.ts';
import type { LiteratureIndex } from './literature-pack.ts';
import { embeddingText, keywordSearch } from './literature-search.ts';
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

  it('carries them over literature in both languages, whose other-language documents only they reach', () => {
    const languages = corpusLanguages([
      { title: '', text: 'Metformin dose adjustment by kidney function.' },
      { title: '', text: 'メトホルミンの腎機能別の用量調整。' },
    ]);
    const en = translateQueryTerms(bm25, 'metformin');
    expect(embeddingText({ ...indexWith(0.6), languages }, 'metformin', en.translations)).toBe('metformin\nメトホルミン');
  });
});
