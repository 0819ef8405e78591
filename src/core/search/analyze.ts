/**
 * The analyser: text → search terms, the same for indexed text and for queries, in
 * Japanese and English, with no dictionary.
 *
 * - Normalisation: NFKC (full-width Latin → ASCII, half-width katakana → full-width),
 *   then lower case.
 * - Runs of kanji, kana (with ー and 々) and hangul become overlapping character bigrams,
 *   as Lucene's CJKAnalyzer does ("医療モデル" → 医療 療モ モデ デル); a run of one
 *   character stays a unigram. Bigrams may cross a kanji/kana boundary.
 * - Words of other scripts split on anything that is not a letter or digit, except that
 *   parts joined by "-", ".", "_", "/" or an apostrophe also give the whole compound, and
 *   parts mixing letters and digits also give their letter and digit pieces:
 *   "qwen2.5-72b" → qwen2.5-72b, qwen2, 5, 72b, qwen, 2, 72, b. So "Qwen2.5-72B",
 *   "qwen 2.5", "llama-2", "Llama 2" and "llama2" find one another, and the exact
 *   compound scores highest because it matches every token.
 * - A short English stop list (Lucene's) is dropped; terms longer than MAX_TERM_LENGTH are
 *   dropped (hashes and base64 blobs would only bloat the vocabulary).
 */
import * as classes from './char-classes.ts';
import { normalizeText } from './normalize.ts';

// Module-local copies: under some loaders (esbuild's CommonJS output, used by tsx) every
// use of an imported binding is a getter call, too slow for a loop over every character.
const { CJK, CJK_HIGH, DIGIT, JOINER, LETTER, charClasses } = classes;

export const MAX_TERM_LENGTH = 64;

/** Lucene's English stop set (EnglishAnalyzer.ENGLISH_STOP_WORDS_SET). */
export const STOP_WORDS: ReadonlySet<string> = new Set(
  'a an and are as at be but by for if in into is it no not of on or such that the their then there these they this to was will with'.split(' '),
);

/** Stop words by length, so that a range is compared in place instead of being sliced. */
const STOP_BY_LENGTH: string[][] = [];
for (const w of STOP_WORDS) (STOP_BY_LENGTH[w.length] ??= []).push(w);

function isStopWord(s: string, start: number, end: number): boolean {
  const candidates = STOP_BY_LENGTH[end - start];
  if (candidates === undefined) return false;
  for (const w of candidates) if (s.startsWith(w, start)) return true;
  return false;
}

/** Receives each term as a range of the normalised string, to spare an allocation per term. */
export type TermSink = (start: number, end: number) => void;

// Part boundaries of the compound word being scanned, reused across calls.
let partStarts: Int32Array = new Int32Array(16);
let partEnds: Int32Array = new Int32Array(16);
// Start of each character of the CJK run being scanned.
let runStarts: Int32Array = new Int32Array(64);

/**
 * Emits the terms of already normalised text as [start, end) ranges, in reading order
 * (for a compound: the whole first, then each part followed by its pieces).
 * Stop words and over-long terms are not emitted.
 */
export function scanTerms(s: string, emit: TermSink): void {
  const cls = charClasses();
  const n = s.length;
  let i = 0;
  while (i < n) {
    const c = cls[s.charCodeAt(i)]!;
    if (c === CJK || (c === CJK_HIGH && i + 1 < n && isLow(s.charCodeAt(i + 1)))) {
      i = scanCjkRun(s, i, cls, emit);
    } else if (c === LETTER || c === DIGIT) {
      i = scanWord(s, i, cls, emit);
    } else {
      i++;
    }
  }
}

function scanCjkRun(s: string, start: number, cls: Uint8Array, emit: TermSink): number {
  const n = s.length;
  let count = 0;
  let j = start;
  while (j < n) {
    const c = cls[s.charCodeAt(j)]!;
    let width: number;
    if (c === CJK) width = 1;
    else if (c === CJK_HIGH && j + 1 < n && isLow(s.charCodeAt(j + 1))) width = 2;
    else break;
    if (count === runStarts.length) runStarts = grow(runStarts);
    runStarts[count++] = j;
    j += width;
  }
  if (count === 1) {
    emit(start, j);
  } else {
    for (let k = 0; k + 1 < count; k++) emit(runStarts[k]!, k + 2 < count ? runStarts[k + 2]! : j);
  }
  return j;
}

function scanWord(s: string, start: number, cls: Uint8Array, emit: TermSink): number {
  const n = s.length;
  let parts = 0;
  let j = start;
  for (;;) {
    if (parts === partStarts.length) {
      partStarts = grow(partStarts);
      partEnds = grow(partEnds);
    }
    partStarts[parts] = j;
    while (j < n && isWordClass(cls[s.charCodeAt(j)]!)) j++;
    partEnds[parts++] = j;
    // A single joiner between two word characters continues the compound.
    if (j + 1 < n && cls[s.charCodeAt(j)] === JOINER && isWordClass(cls[s.charCodeAt(j + 1)]!)) j++;
    else break;
  }
  if (parts > 1) emitWord(s, start, j, emit);
  for (let p = 0; p < parts; p++) {
    const ps = partStarts[p]!;
    const pe = partEnds[p]!;
    emitWord(s, ps, pe, emit);
    emitPieces(s, ps, pe, cls, emit);
  }
  return j;
}

/** The letter and digit runs of a part that mixes both ("72b" → 72, b); nothing otherwise. */
function emitPieces(s: string, start: number, end: number, cls: Uint8Array, emit: TermSink): void {
  let pieceStart = start;
  let prevDigit = cls[s.charCodeAt(start)] === DIGIT;
  for (let k = start + 1; k < end; k++) {
    const digit = cls[s.charCodeAt(k)] === DIGIT;
    if (digit !== prevDigit) {
      emitWord(s, pieceStart, k, emit);
      pieceStart = k;
      prevDigit = digit;
    }
  }
  if (pieceStart !== start) emitWord(s, pieceStart, end, emit);
}

function emitWord(s: string, start: number, end: number, emit: TermSink): void {
  const len = end - start;
  if (len > MAX_TERM_LENGTH) return;
  if (isStopWord(s, start, end)) return;
  emit(start, end);
}

function isWordClass(c: number): boolean {
  return c === LETTER || c === DIGIT;
}

function isLow(c: number): boolean {
  return c >= 0xdc00 && c <= 0xdfff;
}

function grow(a: Int32Array): Int32Array {
  const b = new Int32Array(a.length * 2);
  b.set(a);
  return b;
}

/** The terms of `text`, normalised, in reading order (duplicates kept). */
export function tokenize(text: string): string[] {
  const s = normalizeText(text);
  const out: string[] = [];
  scanTerms(s, (start, end) => out.push(s.slice(start, end)));
  return out;
}

/** True when a term is one CJK character: a query for it needs expanding (the index holds bigrams). */
export function isSingleCjkChar(term: string): boolean {
  const cls = charClasses();
  const c = cls[term.charCodeAt(0)];
  return (term.length === 1 && c === CJK) || (term.length === 2 && c === CJK_HIGH && isLow(term.charCodeAt(1)));
}

/** True when the term holds a letter outside CJK: only such terms are worth prefix completion. */
export function hasWordLetter(term: string): boolean {
  const cls = charClasses();
  for (let i = 0; i < term.length; i++) if (cls[term.charCodeAt(i)] === LETTER) return true;
  return false;
}
