/**
 * The pre-tokeniser of the corpus-trained static model (`raireki-static-ngram-*`): text →
 * hashed feature ids. It is part of the model format, not of keyword search: a model
 * trained with one feature function must be run with exactly the same one, so it lives
 * here, versioned by `NGRAM_FEATURES_VERSION`, rather than reusing the keyword analyser
 * (which may change for search reasons without retraining every model).
 *
 * Version 1:
 *  1. NFKC, lower case (full-width Latin and half-width kana become their usual forms).
 *  2. Runs of letters/digits that are not CJK → word feature `w:<word>`, plus the
 *     character trigrams of `<word>` (`t:<ab`, `t:abc`, …; fastText-style boundary marks),
 *     which let related word forms (diabetes / diabetic) share vectors.
 *  3. Runs of kanji/kana → overlapping character bigrams `b:xy` (the dictionary-free
 *     segmentation of Lucene's CJK analyser) and single characters `u:x`.
 *  4. Each distinct feature once per text (binary weighting: repetition in an abstract
 *     says little about its topic), hashed with 32-bit FNV-1a over UTF-16 code units to
 *     1 + (hash mod (buckets − 1)). Id 0 is padding.
 */

export const NGRAM_FEATURES_VERSION = 1;

const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}ー々〆]/u;
const TOKEN = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}ー々〆]+|[\p{L}\p{N}]+/gu;

export function ngramFeatureStrings(text: string): string[] {
  const seen = new Set<string>();
  const lower = text.normalize('NFKC').toLowerCase();
  for (const match of lower.matchAll(TOKEN)) {
    const run = match[0];
    if (CJK.test(run[0]!)) {
      const chars = Array.from(run);
      for (let i = 0; i < chars.length; i++) {
        seen.add('u:' + chars[i]);
        if (i + 1 < chars.length) seen.add('b:' + chars[i] + chars[i + 1]);
      }
    } else {
      seen.add('w:' + run);
      const marked = Array.from('<' + run + '>');
      for (let i = 0; i + 3 <= marked.length; i++) seen.add('t:' + marked[i] + marked[i + 1] + marked[i + 2]);
    }
  }
  return [...seen];
}

/** 32-bit FNV-1a over UTF-16 code units. */
export function fnv1a32(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

export function featureBucket(feature: string, buckets: number): number {
  return 1 + (fnv1a32(feature) % (buckets - 1));
}

/** Distinct bucket ids of a text, in first-seen order, at most `maxFeatures`. */
export function ngramFeatureIds(text: string, buckets: number, maxFeatures: number): Int32Array {
  const ids = new Set<number>();
  for (const f of ngramFeatureStrings(text)) {
    if (ids.size >= maxFeatures) break;
    ids.add(featureBucket(f, buckets));
  }
  return Int32Array.from(ids);
}
