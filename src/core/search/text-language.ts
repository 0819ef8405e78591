/**
 * Which of the two languages the search knows a text is written in, by its script: a text
 * is Japanese when kanji and kana make up at least a quarter of its letters. Japanese
 * medical text keeps Latin-script names and abbreviations (eGFR, HbA1c, PD-1阻害薬), so a
 * stray Latin word does not make it English, and a kanji carries about as much as a short
 * English word, so a quarter is already a Japanese text.
 */
import { charClasses, CJK, CJK_HIGH, LETTER } from './char-classes.ts';

export const JAPANESE = 1;
export const ENGLISH = 0;

const JAPANESE_SHARE = 0.25;

/** JAPANESE or ENGLISH. */
export function textLanguage(text: string): number {
  const cls = charClasses();
  let cjk = 0, latin = 0;
  for (let i = 0; i < text.length; i++) {
    const c = cls[text.charCodeAt(i)];
    if (c === CJK || c === CJK_HIGH) cjk++;
    else if (c === LETTER) latin++;
  }
  return cjk > 0 && cjk >= JAPANESE_SHARE * (cjk + latin) ? JAPANESE : ENGLISH;
}

const memo = new WeakMap<object, Uint8Array | null>();

/**
 * Each document's language, or null when the corpus is written in one language only (the
 * search then treats it as before: nothing to tell apart). Computed once per document list.
 */
export function corpusLanguages(docs: readonly { readonly title: string; readonly text: string }[]): Uint8Array | null {
  let out = memo.get(docs);
  if (out === undefined) {
    const langs = Uint8Array.from(docs, (d) => textLanguage(`${d.title}\n${d.text}`));
    const ja = langs.reduce((n, l) => n + l, 0);
    out = ja > 0 && ja < langs.length ? langs : null;
    memo.set(docs, out);
  }
  return out;
}
