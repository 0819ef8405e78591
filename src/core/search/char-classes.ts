/**
 * What each UTF-16 code unit is to the analyser, looked up in one 64 KiB table instead of
 * running a Unicode regex per character: the tokenizer visits every character of every
 * searchable string of a million-node snapshot.
 */

export const OTHER = 0;
/** A letter or mark of a script written with spaces (Latin, Greek, Cyrillic…). */
export const LETTER = 1;
export const DIGIT = 2;
/** A kanji, kana or hangul character: these scripts are not written with spaces. */
export const CJK = 3;
/** First half of a surrogate pair in the supplementary CJK ideograph planes (U+20000–U+3FFFF). */
export const CJK_HIGH = 4;
/** Joins word parts into one compound token: "llama-2", "qwen2.5", "epfl-llm/meditron", "crohn's". */
export const JOINER = 5;

let table: Uint8Array | null = null;

function isCjk(c: number): boolean {
  return (
    (c >= 0x3041 && c <= 0x3096) || // hiragana
    (c >= 0x309d && c <= 0x309f) || // ゝ ゞ ゟ
    (c >= 0x30a1 && c <= 0x30fa) || // katakana (ヶ included)
    (c >= 0x30fc && c <= 0x30ff) || // ー ヽ ヾ ヿ (not the middle dot ・, which separates words)
    (c >= 0x31f0 && c <= 0x31ff) || // small katakana for Ainu
    c === 0x3005 || // 々
    c === 0x3006 || // 〆
    c === 0x3007 || // 〇
    c === 0x303b || // 〻
    (c >= 0x3400 && c <= 0x4dbf) || // CJK extension A
    (c >= 0x4e00 && c <= 0x9fff) || // CJK unified ideographs
    (c >= 0xf900 && c <= 0xfaff) || // compatibility ideographs
    (c >= 0xac00 && c <= 0xd7a3) // hangul syllables
  );
}

function build(): Uint8Array {
  const t = new Uint8Array(0x10000);
  const wordChar = /[\p{L}\p{M}\p{N}]/u;
  for (let c = 0x80; c < 0x10000; c++) {
    if (c >= 0xd800 && c <= 0xdfff) continue;
    if (isCjk(c)) t[c] = CJK;
    else if (wordChar.test(String.fromCharCode(c))) t[c] = LETTER;
  }
  for (let c = 0x61; c <= 0x7a; c++) t[c] = LETTER;
  // Upper case only reaches the analyser through code that skipped normalisation; classify it anyway.
  for (let c = 0x41; c <= 0x5a; c++) t[c] = LETTER;
  for (let c = 0x30; c <= 0x39; c++) t[c] = DIGIT;
  for (let c = 0xd840; c <= 0xd8bf; c++) t[c] = CJK_HIGH;
  for (const j of "-._/'\u2019") t[j.charCodeAt(0)] = JOINER;
  return t;
}

/** The class table, built on first use (a few milliseconds). */
export function charClasses(): Uint8Array {
  return (table ??= build());
}
