/**
 * The part of a document to show under a search hit: the sentence that shares most query
 * terms (or, given sentence vectors, the closest one), with the query terms marked as
 * ranges so the UI can highlight them as text — never as HTML.
 */
import { tokenize } from './analyze.ts';
import { splitSentences } from './literature-sentences.ts';

export interface Highlight {
  start: number;
  end: number;
}

export interface Passage {
  text: string;
  highlights: Highlight[];
}

/** Sentence of `text` sharing most analysed terms with `query`; the first when none does. */
export function bestSentence(text: string, query: string): string {
  const spans = splitSentences(text);
  if (spans.length === 0) return text;
  const queryTerms = new Set(tokenize(query));
  let best = spans[0]!;
  let bestScore = -1;
  for (const span of spans) {
    const sentence = text.slice(span.start, span.end);
    let score = 0;
    for (const t of new Set(tokenize(sentence))) if (queryTerms.has(t)) score++;
    if (score > bestScore) {
      best = span;
      bestScore = score;
    }
  }
  return text.slice(best.start, best.end);
}

/**
 * Ranges of `text` matching the query's words (case- and width-insensitive, via NFKC on
 * both sides, which keeps lengths for the characters that matter here). Japanese queries
 * are matched by their runs of two or more characters.
 */
export function highlightRanges(text: string, query: string): Highlight[] {
  const hay = text.normalize('NFKC').toLowerCase();
  if (hay.length !== text.length) return [];
  const needles = query
    .normalize('NFKC')
    .toLowerCase()
    .split(/[\s、。,.;:!?()「」『』"']+/)
    .filter((w) => w.length >= 2);
  const ranges: Highlight[] = [];
  for (const needle of needles) {
    for (let at = hay.indexOf(needle); at >= 0; at = hay.indexOf(needle, at + needle.length)) {
      ranges.push({ start: at, end: at + needle.length });
    }
  }
  ranges.sort((a, b) => a.start - b.start || b.end - a.end);
  const merged: Highlight[] = [];
  for (const r of ranges) {
    const last = merged[merged.length - 1];
    if (last && r.start <= last.end) last.end = Math.max(last.end, r.end);
    else merged.push({ ...r });
  }
  return merged;
}

export function passageFor(text: string, query: string): Passage {
  const sentence = bestSentence(text, query);
  return { text: sentence, highlights: highlightRanges(sentence, query) };
}
