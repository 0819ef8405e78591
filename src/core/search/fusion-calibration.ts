/**
 * Choosing the hybrid's fusion rule for a corpus, at index time, with no human labels.
 *
 * A weight fixed on some corpora fails on others: where the embedding model is much weaker
 * than BM25 (a large corpus, a model that does not know the queries' language) the fused
 * ranking falls below BM25, and where it is stronger, below the model (issue 11). So the
 * indexer draws pseudo-queries from the corpus (pseudo-queries.ts), runs both rankers on
 * them, and scores every candidate rule (fusion.ts: a base weight of BM25 and how fast its
 * margin raises it) by nDCG@10 of the fused ranking; the best is stored in the pack's
 * manifest and used by every search.
 *
 * Pseudo-queries are a sample: neighbouring rules differ by less than its noise. So each
 * rule is judged by the mean of itself and its neighbours on the grid (base ± 0.1, the
 * next gain either way), which picks the middle of a broad optimum rather than a spike.
 * (Tried on the development sets: preferring, among rules within one standard error of
 * the best, the one nearest the old default gave back most of what calibration gained.)
 *
 * How sure the choice is (`spread`): the pseudo-queries are resampled with replacement
 * (a bootstrap) and the choice made again on each resample. On a corpus of a few hundred
 * documents the resamples scatter over much of the grid, and a rebuild after a small change
 * may well pick another rule; on thousands they agree. The spread is reported (the indexer
 * prints it, the manifest keeps it), not used to pick: the rule is still the full sample's.
 */
import { mulberry32 } from '../random/index.ts';
import { DEFAULT_FUSION_RULE, fuseKeywordAndVector, ruleKeywordWeight, type FusionRule } from './fusion.ts';
import { quantile } from './quantile.ts';
import type { ScoredDoc } from './top-k.ts';

/** One pseudo-query: each ranker's candidates and the document that answers it. */
export interface CalibrationCase {
  readonly keyword: readonly ScoredDoc[];
  readonly vector: readonly ScoredDoc[];
  readonly relevant: number;
  /** The pseudo-query's coverage by the calibration index's vocabulary (query-coverage.ts). */
  readonly coverage: number;
  /**
   * Embedded from its known parts and translations (literature-search.ts, queryEmbedding):
   * its coverage does not scale the embedding's share, as in the search.
   */
  readonly knownOnly?: boolean;
  /** Crossed into the corpus's other language (cross-lingual-queries.ts). */
  readonly crossed?: boolean;
  /** How many pseudo-queries it stands for in every mean (default 1; cross-lingual-queries.ts). */
  readonly weight?: number;
}

export interface FusionCalibration {
  readonly rule: FusionRule;
  readonly queries: number;
  /** nDCG@10 on the pseudo-queries of each ranker, the chosen rule and the default rule. */
  readonly ndcg: { readonly keyword: number; readonly vector: number; readonly hybrid: number; readonly defaultRule: number };
  /** How much the choice moves when the pseudo-queries are resampled (absent when the default rule was kept). */
  readonly spread?: CalibrationSpread;
}

/** The calibration made again on bootstrap resamples of its pseudo-queries. */
export interface CalibrationSpread {
  readonly resamples: number;
  /** Share of resamples that chose the very rule the whole sample chose. */
  readonly sameRule: number;
  /** 5th and 95th percentiles of the BM25 base weight, and of the margin gain, the resamples chose. */
  readonly base: readonly [number, number];
  readonly gain: readonly [number, number];
  /**
   * 5th and 95th percentiles, over the resamples, of the chosen rule's nDCG@10 minus the
   * better single ranker's: below zero at the 5th, the fusion may not beat that ranker here.
   */
  readonly overBetter: readonly [number, number];
}

/** Bootstrap resamples of the pseudo-queries (each costs one pass over the rule grid's per-case scores). */
export const SPREAD_RESAMPLES = 200;

export const CANDIDATE_BASES: readonly number[] = [0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1];
export const CANDIDATE_GAINS: readonly number[] = [0, 0.5, 1, 1.5, 2, 3];
/**
 * The coverage reference is the quantile of the pseudo-queries' coverage below which only
 * this share of the corpus's own sentences fall: a query covered less than nearly all of
 * them is not in the corpus's language, whatever the corpus.
 */
export const COVERAGE_QUANTILE = 0.05;
/**
 * Fewer informative pseudo-queries than this say too little: the default rule is kept. A
 * pseudo-query informs only if a ranker finds its document in the top ten (on a corpus of
 * near-duplicates none does, and every rule would be chosen on noise).
 */
export const MIN_CALIBRATION_QUERIES = 30;

const K = 10;

/**
 * The coverage the corpus's own sentences reach: COVERAGE_QUANTILE of the pseudo-queries'
 * that stayed in their document's language (crossed ones are what it tells apart).
 */
export function coverageReference(cases: readonly Pick<CalibrationCase, 'coverage' | 'crossed'>[]): number {
  const own = cases.filter((c) => !c.crossed);
  return quantile((own.length > 0 ? own : cases).map((c) => c.coverage), COVERAGE_QUANTILE);
}

/** nDCG@10 of a ranking with one relevant document. */
function ndcgOne(ranked: readonly { doc: number }[], relevant: number): number {
  for (let i = 0; i < Math.min(K, ranked.length); i++) if (ranked[i]!.doc === relevant) return 1 / Math.log2(i + 2);
  return 0;
}

function fusedNdcg(c: CalibrationCase, rule: FusionRule): number {
  return ndcgOne(fuseKeywordAndVector(c.keyword, c.vector, K, ruleKeywordWeight(c.keyword, rule, c.knownOnly ? 1 : c.coverage)), c.relevant);
}

/** Per-case nDCG@10 of a rule (exported for the benchmark's report). */
export function ruleScores(cases: readonly CalibrationCase[], rule: FusionRule): Float64Array {
  return Float64Array.from(cases, (c) => fusedNdcg(c, rule));
}

/** The mean of per-case values, each case counted `weight` times. */
function weightedMean(cases: readonly CalibrationCase[], xs: ArrayLike<number>): number {
  let s = 0, n = 0;
  for (let i = 0; i < xs.length; i++) {
    const w = cases[i]!.weight ?? 1;
    s += w * xs[i]!;
    n += w;
  }
  return n > 0 ? s / n : 0;
}

export function calibrateFusion(cases: readonly CalibrationCase[], cap = DEFAULT_FUSION_RULE.cap): FusionCalibration {
  const mean = (xs: ArrayLike<number>) => weightedMean(cases, xs);
  const keywordScores = cases.map((c) => ndcgOne(c.keyword, c.relevant));
  const vectorScores = cases.map((c) => ndcgOne(c.vector, c.relevant));
  const keyword = mean(keywordScores);
  const vector = mean(vectorScores);
  const defaultRule = mean(ruleScores(cases, DEFAULT_FUSION_RULE));
  const informative = cases.filter((_, i) => keywordScores[i]! > 0 || vectorScores[i]! > 0).length;
  if (informative < MIN_CALIBRATION_QUERIES) {
    return { rule: DEFAULT_FUSION_RULE, queries: cases.length, ndcg: { keyword, vector, hybrid: defaultRule, defaultRule } };
  }
  const coverage = coverageReference(cases);
  const perCase = CANDIDATE_BASES.map((base) => CANDIDATE_GAINS.map((gain) => ruleScores(cases, { base, gain, cap, coverage })));
  const whole = choose(perCase.map((row) => row.map(mean)), keyword >= vector);
  const rule = { base: CANDIDATE_BASES[whole.b]!, gain: CANDIDATE_GAINS[whole.g]!, cap, coverage };
  const hybrid = mean(perCase[whole.b]![whole.g]!);
  const spread = resampledSpread(cases, perCase, keywordScores, vectorScores, whole);
  return { rule, queries: cases.length, ndcg: { keyword, vector, hybrid, defaultRule }, spread };
}

/**
 * The rule with the best mean nDCG@10 smoothed with its grid neighbours (base ± one step,
 * gain ± one step). Ties (rules that rank the pseudo-queries alike) go to the rule that
 * leans on the ranker that did better alone: the bases are visited from that end.
 */
function choose(means: readonly (readonly number[])[], keywordBetter: boolean): { b: number; g: number } {
  const smoothed = (b: number, g: number) => {
    let s = 0, n = 0;
    for (const [db, dg] of [[0, 0], [-1, 0], [1, 0], [0, -1], [0, 1]] as const) {
      const x = means[b + db]?.[g + dg];
      if (x !== undefined) (s += x), n++;
    }
    return s / n;
  };
  const bases = CANDIDATE_BASES.map((_, b) => b);
  if (keywordBetter) bases.reverse();
  let best = { b: 0, g: 0, score: -Infinity };
  for (const b of bases) {
    CANDIDATE_GAINS.forEach((_, g) => {
      const score = smoothed(b, g);
      if (score > best.score) best = { b, g, score };
    });
  }
  return best;
}

/**
 * The choice made again on SPREAD_RESAMPLES resamples of the cases, drawn with replacement
 * in proportion to their weights (seeded by the number of cases: a rebuild reports the same).
 */
function resampledSpread(
  cases: readonly CalibrationCase[],
  perCase: readonly (readonly Float64Array[])[],
  keywordScores: readonly number[],
  vectorScores: readonly number[],
  whole: { b: number; g: number },
): CalibrationSpread {
  const n = cases.length;
  const cumulative = new Float64Array(n);
  let total = 0;
  cases.forEach((c, i) => (cumulative[i] = total += c.weight ?? 1));
  const random = mulberry32(0x5eed ^ n);
  const counts = new Int32Array(n);
  const bases: number[] = [];
  const gains: number[] = [];
  const overBetter: number[] = [];
  let same = 0;
  for (let r = 0; r < SPREAD_RESAMPLES; r++) {
    counts.fill(0);
    for (let j = 0; j < n; j++) {
      // The first case whose cumulative weight passes a uniform draw (binary search).
      const x = random() * total;
      let lo = 0, hi = n - 1;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (cumulative[mid]! > x) hi = mid;
        else lo = mid + 1;
      }
      counts[lo]!++;
    }
    const mean = (xs: ArrayLike<number>) => {
      let s = 0;
      for (let i = 0; i < n; i++) if (counts[i]! > 0) s += counts[i]! * xs[i]!;
      return s / n;
    };
    const k = mean(keywordScores);
    const v = mean(vectorScores);
    const pick = choose(perCase.map((row) => row.map(mean)), k >= v);
    if (pick.b === whole.b && pick.g === whole.g) same++;
    bases.push(CANDIDATE_BASES[pick.b]!);
    gains.push(CANDIDATE_GAINS[pick.g]!);
    overBetter.push(mean(perCase[whole.b]![whole.g]!) - Math.max(k, v));
  }
  const range = (xs: number[]): [number, number] => [quantile(xs, 0.05), quantile(xs, 0.95)];
  return { resamples: SPREAD_RESAMPLES, sameRule: same / SPREAD_RESAMPLES, base: range(bases), gain: range(gains), overBetter: range(overBetter) };
}

const span = ([lo, hi]: readonly [number, number]) => (lo === hi ? `${lo}` : `${lo}–${hi}`);
const signed = (x: number) => (x >= 0 ? '+' : '') + x.toFixed(3);

/** The spread in words, for the indexer's report. */
export function describeSpread(spread: CalibrationSpread): string {
  return (
    `${Math.round(spread.sameRule * 100)} % of ${spread.resamples} resamples of the pseudo-queries chose the same rule ` +
    `(base ${span(spread.base)}, gain ${span(spread.gain)}); hybrid − better ranker ${signed(spread.overBetter[0])} to ${signed(spread.overBetter[1])} (5th–95th percentile)`
  );
}

/** The spread in a few characters, for the benchmark's one line per set. */
export function spreadBrief(spread: CalibrationSpread): string {
  return `${Math.round(spread.sameRule * 100)} % same, base ${span(spread.base)}, gain ${span(spread.gain)}, over better ${signed(spread.overBetter[0])}…${signed(spread.overBetter[1])}`;
}
