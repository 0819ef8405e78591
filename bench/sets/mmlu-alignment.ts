/**
 * Aligning JMMLU's Japanese questions with their English MMLU originals, subject by
 * subject. JMMLU kept MMLU's order but dropped (and edited) some questions, so the rows
 * are matched by position with gaps: a monotone alignment (dynamic programming, as
 * sentence aligners of parallel text do) whose match score uses what survives
 * translation: the answer letter, numbers and Latin-script words (drug names,
 * abbreviations, units) in the question and choices, and the relative lengths of the four
 * choices (translators keep the choice order, and a long choice stays long).
 */
import { normalizeText } from '../../src/core/search/normalize.ts';

export interface McqRow {
  readonly question: string;
  readonly choices: readonly string[];
  readonly answer: string;
}

export interface AlignedPair {
  readonly ja: number;
  readonly en: number;
  readonly score: number;
}

/** Numbers and Latin-script words of two letters or more, lower case. */
export function anchors(text: string): Set<string> {
  return new Set(normalizeText(text).match(/[a-z][a-z0-9]+|\d+(?:\.\d+)?/g) ?? []);
}

function pearson(a: readonly number[], b: readonly number[]): number {
  const n = a.length;
  const ma = a.reduce((s, x) => s + x, 0) / n, mb = b.reduce((s, x) => s + x, 0) / n;
  let num = 0, da = 0, db = 0;
  for (let i = 0; i < n; i++) {
    num += (a[i]! - ma) * (b[i]! - mb);
    da += (a[i]! - ma) ** 2;
    db += (b[i]! - mb) ** 2;
  }
  return da > 0 && db > 0 ? num / Math.sqrt(da * db) : 0;
}

const rowText = (r: McqRow) => [r.question, ...r.choices].join('\n');

/** How likely `ja` is a translation of `en`; about 0 for an unrelated pair of rows. */
export function matchScore(ja: McqRow, en: McqRow): number {
  let s = ja.answer.trim() === en.answer.trim() ? 1 : -1.5;
  const aj = anchors(rowText(ja)), ae = anchors(rowText(en));
  if (aj.size > 0) {
    let shared = 0;
    for (const t of aj) if (ae.has(t)) shared++;
    s += 3 * (shared / aj.size) - (shared === 0 ? 1 : 0);
  }
  if (ja.choices.length === en.choices.length && ja.choices.length > 1) {
    const len = (c: string) => Math.log(1 + c.trim().length);
    s += 2 * pearson(ja.choices.map(len), en.choices.map(len));
  }
  return s;
}

const SKIP_JA = 1;
const SKIP_EN = 0.4;

/**
 * The best monotone alignment; English rows before the first and after the last match
 * are free to skip (JMMLU took a contiguous part of some subjects), other skips cost.
 */
export function alignRows(ja: readonly McqRow[], en: readonly McqRow[]): AlignedPair[] {
  const m = ja.length, n = en.length;
  const score = (i: number, j: number) => matchScore(ja[i]!, en[j]!);
  // dp[i][j]: best total for ja[0..i) and en[0..j); move 0 match, 1 skip ja, 2 skip en.
  const dp = Array.from({ length: m + 1 }, () => new Float64Array(n + 1));
  const move = Array.from({ length: m + 1 }, () => new Uint8Array(n + 1));
  for (let i = 1; i <= m; i++) {
    dp[i]![0] = dp[i - 1]![0]! - SKIP_JA;
    move[i]![0] = 1;
  }
  for (let j = 1; j <= n; j++) move[0]![j] = 2; // leading English rows: free
  for (let i = 1; i <= m; i++) {
    for (let j = 1; j <= n; j++) {
      const a = dp[i - 1]![j - 1]! + score(i - 1, j - 1);
      const b = dp[i - 1]![j]! - SKIP_JA;
      const c = dp[i]![j - 1]! - (i === m ? 0 : SKIP_EN); // trailing English rows: free
      if (a >= b && a >= c) [dp[i]![j], move[i]![j]] = [a, 0];
      else if (b >= c) [dp[i]![j], move[i]![j]] = [b, 1];
      else [dp[i]![j], move[i]![j]] = [c, 2];
    }
  }
  const out: AlignedPair[] = [];
  let i = m, j = n;
  while (i > 0 && j > 0) {
    const mv = move[i]![j]!;
    if (mv === 0) {
      out.push({ ja: i - 1, en: j - 1, score: score(i - 1, j - 1) });
      i--, j--;
    } else if (mv === 1) i--;
    else j--;
  }
  return out.reverse();
}

/**
 * Which aligned pairs to trust: those scoring at least `minScore`, and weaker ones lying
 * inside a run of the alignment with no gap (the nearest trusted pairs before and after
 * sit at the same offset between the two lists), where position alone pins them down.
 * Questions without numbers or Latin words score low even when right (checked by eye).
 */
export function trustedPairs(pairs: readonly AlignedPair[], minScore: number): AlignedPair[] {
  const offset = (p: AlignedPair) => p.en - p.ja;
  const confident = pairs.map((p) => p.score >= minScore);
  return pairs.filter((p, k) => {
    if (confident[k]) return true;
    let a = k - 1, b = k + 1;
    while (a >= 0 && !confident[a]) a--;
    while (b < pairs.length && !confident[b]) b++;
    if (a < 0 || b >= pairs.length) return false;
    const o = offset(p);
    return offset(pairs[a]!) === o && offset(pairs[b]!) === o && pairs[b]!.ja - pairs[a]!.ja === b - a;
  });
}
