import { describe, expect, it } from 'vitest';
import { MAX_TERM_LENGTH, isSingleCjkChar, tokenize } from './analyze.ts';

describe('tokenize', () => {
  it('tokenises Latin-script terms inside Japanese text as it does in English text', () => {
    // Japanese medical text writes names, abbreviations and values next to kanji and kana
    // with no space; each must give the terms an English document about the same gives.
    const pairs: [string, string, string[]][] = [
      ['Gaucher病の酵素補充療法', 'enzyme replacement in Gaucher disease', ['gaucher']],
      ['eGFR値が45未満', 'eGFR below 45', ['egfr', '45']],
      ['HbA1cは7.0%未満を目標', 'target HbA1c below 7.0%', ['hba1c', '7.0']],
      ['PD-1阻害薬による免疫関連有害事象', 'immune-related adverse events of PD-1 inhibitors', ['pd-1', 'pd', '1']],
      ['Sjögren症候群', "Sjögren's syndrome", ['sjögren']],
      ['ＣＤ４陽性Ｔ細胞数', 'CD4 T cell count', ['cd4', 't']],
      ['SARS-CoV-2感染症', 'SARS-CoV-2 infection', ['sars-cov-2', 'sars', 'cov', '2']],
    ];
    for (const [ja, en, shared] of pairs) {
      const enTerms = new Set(tokenize(en));
      const jaLatin = tokenize(ja).filter((t) => /[a-z0-9]/.test(t));
      expect(jaLatin, ja).toEqual(expect.arrayContaining(shared));
      for (const t of jaLatin) expect(enTerms.has(t), `${ja}: ${t}`).toBe(true);
    }
  });

  it('splits mixed Latin and Japanese text, CJK runs into overlapping bigrams', () => {
    expect(tokenize('Llama 2ベースの医療モデル')).toEqual(['llama', '2', 'ベー', 'ース', 'スの', 'の医', '医療', '療モ', 'モデ', 'デル']);
  });

  it('keeps the long vowel mark and 々 inside runs, and bigrams across kanji/kana boundaries', () => {
    expect(tokenize('メディトロン')).toEqual(['メデ', 'ディ', 'ィト', 'トロ', 'ロン']);
    expect(tokenize('スーパー')).toEqual(['スー', 'ーパ', 'パー']);
    expect(tokenize('人々')).toEqual(['人々']);
    expect(tokenize('みどりヶ丘')).toEqual(['みど', 'どり', 'りヶ', 'ヶ丘']);
  });

  it('gives a one-character run as a unigram, and ends runs at punctuation and spaces', () => {
    expect(tokenize('肺')).toEqual(['肺']);
    expect(tokenize('左 肺、右肺。')).toEqual(['左', '肺', '右肺']);
    // The katakana middle dot separates words.
    expect(tokenize('ジョン・スミス')).toEqual(['ジョ', 'ョン', 'スミ', 'ミス']);
  });

  it('treats supplementary-plane kanji as one character', () => {
    expect(tokenize('𠮷野家')).toEqual(['𠮷野', '野家']);
    expect(tokenize('𠮷')).toEqual(['𠮷']);
  });

  it('folds full-width Latin and half-width katakana (NFKC) and lower-cases', () => {
    expect(tokenize('ＬＬａｍａ ２')).toEqual(['llama', '2']);
    expect(tokenize('ﾒﾃﾞｨﾄﾛﾝ')).toEqual(tokenize('メディトロン'));
    expect(tokenize('ＭＥＤＩＴＲＯＮ－７０Ｂ')).toEqual(tokenize('meditron-70b'));
  });

  it('indexes joined compounds whole, by part, and by letter/digit piece', () => {
    expect(tokenize('Qwen2.5-72B')).toEqual(['qwen2.5-72b', 'qwen2', 'qwen', '2', '5', '72b', '72', 'b']);
    expect(tokenize('llama-2')).toEqual(['llama-2', 'llama', '2']);
    expect(tokenize('epfl-llm/meditron-70b')).toEqual(['epfl-llm/meditron-70b', 'epfl', 'llm', 'meditron', '70b', '70', 'b']);
    // So that the spellings people use meet: every one shares "llama" and "2".
    for (const spelling of ['Llama 2', 'llama2', 'LLaMA-2', 'llama_2']) expect(tokenize(spelling)).toEqual(expect.arrayContaining(['llama', '2']));
  });

  it('does not join across doubled or trailing joiners', () => {
    expect(tokenize('a--b')).toEqual(['b']); // "a" is a stop word
    expect(tokenize('model-')).toEqual(['model']);
    expect(tokenize('https://example.org/x')).toEqual(['https', 'example.org/x', 'example', 'org', 'x']);
  });

  it('drops English stop words but not content words', () => {
    expect(tokenize('The patient is in a state of shock')).toEqual(['patient', 'state', 'shock']);
    expect(tokenize('Then there were these')).toEqual(['were']);
  });

  it('drops terms longer than MAX_TERM_LENGTH, keeping the parts of a long compound', () => {
    const long = 'x'.repeat(MAX_TERM_LENGTH + 1);
    expect(tokenize(long)).toEqual([]);
    expect(tokenize('x'.repeat(MAX_TERM_LENGTH))).toEqual(['x'.repeat(MAX_TERM_LENGTH)]);
    const parts = Array.from({ length: 20 }, (_, i) => `part${i}`).join('-');
    const terms = tokenize(parts);
    expect(terms).not.toContain(parts);
    expect(terms).toContain('part19');
  });

  it('returns nothing for empty, blank or punctuation-only text', () => {
    for (const text of ['', '   ', '\t\n', '!!!', '…、。・「」', '---']) expect(tokenize(text)).toEqual([]);
  });

  it('keeps accented Latin letters inside words', () => {
    expect(tokenize('Ünïcödé café-au-lait')).toEqual(['ünïcödé', 'café-au-lait', 'café', 'au', 'lait']);
  });

  it('handles very long input: a million characters give the terms of their pieces', () => {
    const piece = '日本語の医療文書で継続事前学習したモデル Meditron-70B ';
    const terms = tokenize(piece.repeat(20_000));
    expect(terms.length).toBe(20_000 * tokenize(piece).length);
    expect(terms.slice(-5)).toEqual(['meditron-70b', 'meditron', '70b', '70', 'b']);
  });
});

describe('isSingleCjkChar', () => {
  it('recognises one kanji or kana, including supplementary kanji', () => {
    expect(isSingleCjkChar('肺')).toBe(true);
    expect(isSingleCjkChar('の')).toBe(true);
    expect(isSingleCjkChar('𠮷')).toBe(true);
    expect(isSingleCjkChar('肺炎')).toBe(false);
    expect(isSingleCjkChar('a')).toBe(false);
  });
});
