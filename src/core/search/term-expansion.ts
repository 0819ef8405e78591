/**
 * Alternatives for query terms the index cannot match as they are:
 * - a prefix being typed ("medit") → indexed terms it begins (meditron, meditron-70b);
 * - one kanji or kana ("肺") → the indexed bigrams holding it (肺炎, 中肺…), because CJK
 *   text is indexed as bigrams.
 * Both pick the members with the most documents first and stop at a count and a postings
 * budget, so that a one-letter-too-short prefix or a common kana cannot make a query read
 * most of the index.
 */
import { isSingleCjkChar } from './analyze.ts';
import { docFrequency, type Bm25Index } from './bm25-index.ts';

export const MAX_EXPANSIONS = 48;
/** Postings an expansion may add up to (it always keeps at least its first member). */
export const EXPANSION_POSTINGS_BUDGET = 250_000;
/** Candidates looked at in the sorted prefix list before choosing the most frequent. */
const MAX_PREFIX_SCAN = 4096;

/** Terms of the prefix list beginning with `prefix` (the prefix itself excluded). */
export function completions(index: Bm25Index, prefix: string): number[] {
  const { prefixTerms, terms } = index;
  let lo = 0;
  let hi = prefixTerms.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (terms.at(prefixTerms[mid]!)! < prefix) lo = mid + 1;
    else hi = mid;
  }
  const found: number[] = [];
  for (let i = lo; i < prefixTerms.length && found.length < MAX_PREFIX_SCAN; i++) {
    const t = prefixTerms[i]!;
    const term = terms.at(t)!;
    if (!term.startsWith(prefix)) break;
    if (term !== prefix) found.push(t);
  }
  return mostFrequent(index, found);
}

const cjkIndexOf = new WeakMap<Bm25Index, Map<string, number[]>>();

/** Bigram terms holding the character, from a character → bigrams map derived once per index. */
export function bigramsContaining(index: Bm25Index, char: string): number[] {
  let byChar = cjkIndexOf.get(index);
  if (!byChar) {
    byChar = new Map();
    const { terms } = index;
    for (let t = 0; t < terms.length; t++) {
      const term = terms.at(t)!;
      if (term.length > 4) continue; // two characters, each one or two code units
      const chars = Array.from(term);
      if (chars.length !== 2 || !isSingleCjkChar(chars[0]!) || !isSingleCjkChar(chars[1]!)) continue;
      for (const c of chars[0] === chars[1] ? [chars[0]!] : chars) {
        const list = byChar.get(c);
        if (list) list.push(t);
        else byChar.set(c, [t]);
      }
    }
    cjkIndexOf.set(index, byChar);
  }
  return mostFrequent(index, byChar.get(char) ?? []);
}

function mostFrequent(index: Bm25Index, candidates: number[]): number[] {
  candidates.sort((a, b) => docFrequency(index, b) - docFrequency(index, a) || a - b);
  const out: number[] = [];
  let postings = 0;
  for (const t of candidates) {
    const df = docFrequency(index, t);
    if (out.length >= MAX_EXPANSIONS || (out.length > 0 && postings + df > EXPANSION_POSTINGS_BUDGET)) break;
    out.push(t);
    postings += df;
  }
  return out;
}
