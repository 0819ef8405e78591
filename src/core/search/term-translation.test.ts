import { describe, expect, it } from 'vitest';
import { buildBm25 } from './bm25-builder.ts';
import { BILINGUAL_MEDICAL_TERMS } from './bilingual-medical-terms.ts';
import { translateQueryTerms } from './term-translation.ts';

// Written for this test: English and Japanese literature.
const bilingual = buildBm25([{ weight: 1 }], [
  [[0, 'Metformin in type 2 diabetes with chronic kidney disease.']],
  [[0, 'Heart failure and atrial fibrillation in the elderly.']],
  [[0, '市中肺炎の抗菌薬治療。']],
]);
const englishOnly = buildBm25([{ weight: 1 }], [[[0, 'Metformin in type 2 diabetes.']]]);

describe('translating query terms between Japanese and English', () => {
  it('adds the English of the Japanese terms, and says which', () => {
    const t = translateQueryTerms(bilingual, '糖尿病と慢性腎臓病でのメトホルミン');
    expect(t.translations).toEqual(
      expect.arrayContaining([
        { from: '糖尿病', to: 'diabetes' },
        { from: '慢性腎臓病', to: 'chronic kidney disease' },
        { from: 'メトホルミン', to: 'metformin' },
      ]),
    );
    expect(t.text.startsWith('糖尿病と慢性腎臓病でのメトホルミン')).toBe(true);
    expect(t.text).toContain('chronic kidney disease');
  });

  it('adds the Japanese of English terms, plurals included', () => {
    const t = translateQueryTerms(bilingual, 'Antibiotics for pneumonia');
    expect(t.translations.map((x) => x.to).sort()).toEqual(['抗菌薬', '肺炎']);
  });

  it('prefers the longest term: 心房細動 is atrial fibrillation, not a heart chamber', () => {
    const t = translateQueryTerms(bilingual, '心房細動と心不全');
    expect(t.translations.map((x) => x.to).sort()).toEqual(['atrial fibrillation', 'heart failure']);
  });

  it('tries the next translation of a term when the corpus cannot match the first', () => {
    const other = buildBm25([{ weight: 1 }], [[[0, '抗生物質の適正使用']]]);
    expect(translateQueryTerms(other, 'antibiotics').translations).toEqual([{ from: 'antibiotics', to: '抗生物質' }]);
  });

  it('matches English terms as whole words only', () => {
    expect(translateQueryTerms(bilingual, 'cardiopneumonia').translations).toEqual([]);
  });

  it('adds nothing the corpus could not match, and leaves such a query unchanged', () => {
    const t = translateQueryTerms(englishOnly, 'heart failure in diabetes');
    expect(t.translations).toEqual([]);
    expect(t.text).toBe('heart failure in diabetes');
    expect(translateQueryTerms(englishOnly, '糖尿病の心不全').translations).toEqual([{ from: '糖尿病', to: 'diabetes' }]);
  });

  it('holds each Japanese and English term once, in lower case', () => {
    const ja = BILINGUAL_MEDICAL_TERMS.map(([j]) => j);
    expect(new Set(ja).size).toBe(ja.length);
    for (const [, en] of BILINGUAL_MEDICAL_TERMS) expect(en).toBe(en.toLowerCase());
  });
});
