/**
 * Query text → term groups for `bm25TopK`: the same analyser as indexing, one group per
 * distinct query term, with the alternatives of term-expansion.ts added where a term
 * alone could not match.
 */
import { hasWordLetter, isSingleCjkChar, scanTerms } from './analyze.ts';
import { normalizeText } from './normalize.ts';
import { charClasses, CJK, CJK_HIGH, DIGIT, LETTER } from './char-classes.ts';
import { docFrequency, type Bm25Index } from './bm25-index.ts';
import { groupDocFrequency, type TermGroup } from './bm25.ts';
import { bigramsContaining, completions } from './term-expansion.ts';

/**
 * Most groups a query keeps per script (CJK, other), and most postings they may read together. A pasted
 * paragraph yields hundreds of bigrams; its rarest terms identify it as well as all of them
 * do, and the commonest add little to any score (low idf) while costing the most to read.
 * So the rarest groups are kept until either limit is reached (the rarest one always).
 *
 * Per script: a Japanese question's Latin-script terms and numbers (eGFR, HbA1c, PD-1,
 * 45) are the only ones an English document can share with it, and in a corpus with
 * Japanese documents too they are commoner than its rarest bigrams: ranked together, a
 * long question kept 32 Japanese bigrams and dropped every one of them (measured on
 * Japanese exam questions over English and Japanese ones).
 */
export const MAX_QUERY_GROUPS = 32;
export const QUERY_POSTINGS_BUDGET = 1_000_000;
/** Completions of a prefix count this much of a full match. */
export const PREFIX_WEIGHT = 0.5;
/** Shortest prefix worth completing. */
export const MIN_PREFIX_LENGTH = 2;

export interface QueryTerms {
  groups: TermGroup[];
  /** The analysed query terms, for callers that explain matches. */
  terms: string[];
}

/**
 * `complete`: treat the query's last word as a prefix being typed, unless the query ends
 * in a space or punctuation (the word is then finished).
 */
export function queryTerms(index: Bm25Index, query: string, opts: { complete?: boolean } = {}): QueryTerms {
  const s = normalizeText(query);
  const cls = charClasses();
  const last = s.length > 0 ? cls[s.charCodeAt(s.length - 1)] : undefined;
  const open = opts.complete === true && (last === LETTER || last === DIGIT);

  const seen = new Set<string>();
  const terms: string[] = [];
  const groups: TermGroup[] = [];
  const cjk: boolean[] = [];
  scanTerms(s, (start, end) => {
    const term = s.slice(start, end);
    if (seen.has(term)) return;
    seen.add(term);
    terms.push(term);
    const members: number[] = [];
    const weights: number[] = [];
    const id = index.vocabulary.get(term);
    if (id !== undefined) {
      members.push(id);
      weights.push(1);
    }
    if (isSingleCjkChar(term)) {
      for (const t of bigramsContaining(index, term)) {
        members.push(t);
        weights.push(1);
      }
    } else if (open && end === s.length && term.length >= MIN_PREFIX_LENGTH && hasWordLetter(term)) {
      for (const t of completions(index, term)) {
        members.push(t);
        weights.push(PREFIX_WEIGHT);
      }
    }
    if (members.length > 0) {
      groups.push({ terms: members, weights });
      cjk.push(cls[s.charCodeAt(start)] === CJK || cls[s.charCodeAt(start)] === CJK_HIGH);
    }
  });
  return { groups: rarest(index, groups, cjk), terms };
}

/** The rarest groups within MAX_QUERY_GROUPS per script (CJK or not) and QUERY_POSTINGS_BUDGET, in query order. */
function rarest(index: Bm25Index, groups: TermGroup[], cjk: readonly boolean[]): TermGroup[] {
  if (groups.length <= MAX_QUERY_GROUPS && groups.reduce((n, g) => n + groupPostings(index, g), 0) <= QUERY_POSTINGS_BUDGET) return groups;
  const ranked = groups.map((g, i) => ({ i, df: groupDocFrequency(index, g), postings: groupPostings(index, g) }));
  ranked.sort((a, b) => a.df - b.df || a.i - b.i);
  const keep = new Set<number>();
  const perScript = [0, 0];
  let postings = 0;
  for (const r of ranked) {
    const script = cjk[r.i] ? 1 : 0;
    if (perScript[script] === MAX_QUERY_GROUPS) continue;
    if (keep.size > 0 && postings + r.postings > QUERY_POSTINGS_BUDGET) break;
    keep.add(r.i);
    perScript[script]!++;
    postings += r.postings;
  }
  return keep.size === groups.length ? groups : groups.filter((_, i) => keep.has(i));
}

function groupPostings(index: Bm25Index, group: TermGroup): number {
  let n = 0;
  for (const t of group.terms) n += docFrequency(index, t);
  return n;
}
