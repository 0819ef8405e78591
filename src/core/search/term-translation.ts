/**
 * Translating a query's medical terms between Japanese and English
 * (bilingual-medical-terms.ts), so that a Japanese question finds English literature and
 * the reverse. Both rankers use them: BM25 matches them as words, at a lower weight than
 * the words typed, and the embedding model reads the query with the translations appended
 * (`text`) when the corpus does not know the query's own words (literature-search.ts).
 *
 * Only translations the corpus can match are added (every term of the translation is in
 * the keyword index's vocabulary): a Japanese query over Japanese literature gains nothing
 * from English words its documents never use, and the list of what was added is returned
 * so that the page can say that results came through translation.
 */
import { tokenize } from './analyze.ts';
import type { Bm25Index } from './bm25-index.ts';
import { BILINGUAL_MEDICAL_TERMS } from './bilingual-medical-terms.ts';
import { normalizeText } from './normalize.ts';

export interface TermTranslation {
  /** The term as found in the query (normalised). */
  readonly from: string;
  readonly to: string;
}

export interface TranslatedQuery {
  /** The query followed by the translations, or the query itself when there are none. */
  readonly text: string;
  readonly translations: readonly TermTranslation[];
}

interface Entry {
  readonly from: string;
  readonly to: string;
  /** English side: matched as whole words (and their plural). */
  readonly english: boolean;
}

let entries: Entry[] | null = null;

/** Both directions, longest first, so that 2型糖尿病's 糖尿病 wins over a shorter term inside it. */
function allEntries(): Entry[] {
  if (!entries) {
    entries = [];
    for (const [ja, en] of BILINGUAL_MEDICAL_TERMS) {
      entries.push({ from: normalizeText(ja), to: en, english: false }, { from: en, to: ja, english: true });
    }
    entries.sort((a, b) => b.from.length - a.from.length);
  }
  return entries;
}

const isWordChar = (c: string | undefined) => c !== undefined && /[\p{L}\p{N}]/u.test(c);

/** Where `term` occurs in `s` as whole words (an English term may take a plural s/es), or -1. */
function findWords(s: string, term: string, from = 0): { start: number; end: number } | null {
  for (let i = s.indexOf(term, from); i >= 0; i = s.indexOf(term, i + 1)) {
    let end = i + term.length;
    if (s.startsWith('es', end) && !isWordChar(s[end + 2])) end += 2;
    else if (s[end] === 's' && !isWordChar(s[end + 1])) end += 1;
    if (!isWordChar(s[i - 1]) && !isWordChar(s[end])) return { start: i, end };
  }
  return null;
}

export function translateQueryTerms(index: Bm25Index, query: string): TranslatedQuery {
  const translations = findTranslations(query, (to) => {
    const terms = tokenize(to);
    return terms.length > 0 && terms.every((t) => index.vocabulary.has(t));
  });
  return { text: withTranslations(query, translations), translations };
}

/**
 * The listed terms of `query` with their translations, longest first, each span of the
 * query translated once; `accept` says whether a translation is usable (an unusable one
 * leaves its span free for another translation of it); `from` keeps to one source language.
 */
export function findTranslations(query: string, accept: (to: string) => boolean, from?: 'ja' | 'en'): TermTranslation[] {
  const s = normalizeText(query);
  const used = new Uint8Array(s.length);
  const translations: TermTranslation[] = [];
  const seen = new Set<string>();
  for (const e of allEntries()) {
    if (seen.has(e.to) || (from !== undefined && e.english !== (from === 'en'))) continue;
    let span: { start: number; end: number } | null = null;
    if (e.english) {
      for (let f = 0; (span = findWords(s, e.from, f)) && used.subarray(span.start, span.end).some((x) => x); ) f = span.start + 1;
    } else {
      for (let i = s.indexOf(e.from); i >= 0; i = s.indexOf(e.from, i + 1)) {
        if (!used.subarray(i, i + e.from.length).some((x) => x)) {
          span = { start: i, end: i + e.from.length };
          break;
        }
      }
    }
    if (!span) continue;
    // Unmatchable: the span stays free for another translation of it (antibiotics → 抗生物質).
    if (!accept(e.to)) continue;
    used.fill(1, span.start, span.end);
    seen.add(e.to);
    translations.push({ from: s.slice(span.start, span.end), to: e.to });
  }
  return translations;
}

/** The query followed by its translations: the text the embedding model reads. */
export function withTranslations(query: string, translations: readonly TermTranslation[]): string {
  return translations.length === 0 ? query : `${query}\n${translations.map((t) => t.to).join(' ')}`;
}
