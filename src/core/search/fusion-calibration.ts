/**
 * Choosing the hybrid's fusion rule for a corpus, at index time, with no human labels.
 *
 * A weight fixed on some corpora fails on others: where the embedding model is much weaker
 * than BM25 (a large corpus, a model that does not know the queries' language) the fused
 * ranking falls below BM25, and where it is stronger, below the model (issue 11). So the
 * indexer draws pseudo-queries from the corpus (pseudo-queries.ts), runs both rankers on
 * them, and scores every candidate rule (fusion.ts: a base weight of BM25 and how fast its
 * margin raises it) by nDCG@10 of the fused ranking; the rule chosen is stored in the pack's
 * manifest and used by every search.
 *
 * Which rule: the one whose gain over the better single ranker is surest — the highest
 * 5th percentile (CHOICE_QUANTILE), over bootstrap resamples of the pseudo-queries, of its
 * nDCG@10 minus the better ranker's in that resample. Pseudo-queries are a few hundred
 * sentences, and on most corpora the rules' means differ by less than the sample's noise:
 * the grid is a broad plateau. The rule of the best mean lands anywhere on it, edges
 * included, and real queries can fall off steeply at an edge (measured: on a corpus of
 * English and Japanese documents, base 0 / gain 3 had the best smoothed mean and was
 * 0.0065 below BM25 on the labelled queries; the surest rule, 0.8 / 0, is 0.0085 above).
 * A rule that beats the better ranker on nearly every resample does so on most kinds of
 * query, not on a few that happened to be drawn. Rules that leave a ranker no say (base 1;
 * base 0 with gain 0) are not candidates: their margin cannot be above zero, and they are
 * where a misjudged better ranker costs most (measured: the pure vector ranking on English
 * questions over Japanese documents, 0.053 below BM25). Before, the rule of the best mean
 * smoothed with its grid neighbours was chosen; `npx tsx bench/fusion-rules.ts` compares the
 * two, and others, on every set's labelled queries (docs/embedding-models.md).
 *
 * How sure the choice is (`spread`): the pseudo-queries are resampled with replacement
 * again and the choice made again on each resample (with its own resamples of that one).
 * On a corpus of a few hundred documents the resamples scatter over much of the grid, and a
 * rebuild after a small change may well pick another rule; on thousands they agree. The
 * spread is reported (the indexer prints it, the manifest keeps it).
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

/** Bootstrap resamples behind the choice (each costs one pass over the rule grid's per-case scores). */
export const CHOICE_RESAMPLES = 200;
/** The quantile of a rule's margin over the better ranker, over the resamples, that the choice maximises. */
export const CHOICE_QUANTILE = 0.05;
/**
 * Resamples for the spread, each choosing again on SPREAD_INNER_RESAMPLES resamples of its
 * own (a nested bootstrap: the spread of a choice that is itself made on resamples).
 */
export const SPREAD_RESAMPLES = 100;
const SPREAD_INNER_RESAMPLES = 100;

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

/** The mean of per-case values, case i counted weights[i] times. */
function weightedMean(weights: ArrayLike<number>, xs: ArrayLike<number>): number {
  let s = 0, n = 0;
  for (let i = 0; i < xs.length; i++) {
    const w = weights[i]!;
    if (w === 0) continue;
    s += w * xs[i]!;
    n += w;
  }
  return n > 0 ? s / n : 0;
}

export function calibrateFusion(cases: readonly CalibrationCase[], cap = DEFAULT_FUSION_RULE.cap): FusionCalibration {
  const weights = Float64Array.from(cases, (c) => c.weight ?? 1);
  const mean = (xs: ArrayLike<number>) => weightedMean(weights, xs);
  const keywordScores = Float64Array.from(cases, (c) => ndcgOne(c.keyword, c.relevant));
  const vectorScores = Float64Array.from(cases, (c) => ndcgOne(c.vector, c.relevant));
  const keyword = mean(keywordScores);
  const vector = mean(vectorScores);
  const defaultRule = mean(ruleScores(cases, DEFAULT_FUSION_RULE));
  const informative = cases.filter((_, i) => keywordScores[i]! > 0 || vectorScores[i]! > 0).length;
  if (informative < MIN_CALIBRATION_QUERIES) {
    return { rule: DEFAULT_FUSION_RULE, queries: cases.length, ndcg: { keyword, vector, hybrid: defaultRule, defaultRule } };
  }
  const coverage = coverageReference(cases);
  const grid: Grid = {
    keyword: keywordScores,
    vector: vectorScores,
    rules: CANDIDATE_BASES.map((base) => CANDIDATE_GAINS.map((gain) => ruleScores(cases, { base, gain, cap, coverage }))),
  };
  const table = tableOf(grid);
  const whole = surestRule(grid, weights, table);
  const rule = { base: CANDIDATE_BASES[whole.b]!, gain: CANDIDATE_GAINS[whole.g]!, cap, coverage };
  const hybrid = mean(grid.rules[whole.b]![whole.g]!);
  return { rule, queries: cases.length, ndcg: { keyword, vector, hybrid, defaultRule }, spread: resampledSpread(weights, table, whole) };
}

/**
 * The grid position ([base][gain] indices) of the fusing rule whose margin over the better
 * ranker is surest on `grid`'s cases (each counted weights[i] times), on CHOICE_RESAMPLES
 * resamples seeded by the number of cases: a rebuild chooses the same.
 */
export function surestRule(grid: Grid, weights: ArrayLike<number> = new Float64Array(grid.keyword.length).fill(1), table = tableOf(grid)): { b: number; g: number } {
  const { b, g } = choose(table, weights, bootstrapCounts(weights, CHOICE_RESAMPLES, mulberry32(0xc401ce ^ grid.keyword.length)));
  return { b, g };
}

/** Per-case nDCG@10 of each ranker alone and of every rule of the grid ([base][gain]). */
export interface Grid {
  readonly keyword: Float64Array;
  readonly vector: Float64Array;
  readonly rules: readonly (readonly Float64Array[])[];
}

/**
 * The grid's per-case scores case by case (keyword, vector, then the rules base-major), so
 * that one pass over a resample's counts gives every column's mean: the bootstrap takes
 * tens of thousands of such means.
 */
interface Table {
  readonly columns: number;
  readonly cells: Float64Array;
}

function tableOf(grid: Grid): Table {
  const columns = [grid.keyword, grid.vector, ...grid.rules.flat()];
  const n = grid.keyword.length;
  const cells = new Float64Array(n * columns.length);
  columns.forEach((xs, c) => {
    for (let i = 0; i < n; i++) cells[i * columns.length + c] = xs[i]!;
  });
  return { columns: columns.length, cells };
}

/** Every column's mean, case i counted counts[i] times. */
function columnMeans(table: Table, counts: ArrayLike<number>): Float64Array {
  const { columns, cells } = table;
  const sums = new Float64Array(columns);
  let total = 0;
  for (let i = 0; i < counts.length; i++) {
    const w = counts[i]!;
    if (w === 0) continue;
    total += w;
    const row = i * columns;
    for (let c = 0; c < columns; c++) sums[c]! += w * cells[row + c]!;
  }
  for (let c = 0; c < columns; c++) sums[c] = total > 0 ? sums[c]! / total : 0;
  return sums;
}

/** Whether the grid's rule [b][g] leaves one ranker no say on a covered query: keyword search, or the vector ranking. */
export const isPureRule = (b: number, g: number) => CANDIDATE_BASES[b] === 1 || (CANDIDATE_BASES[b] === 0 && CANDIDATE_GAINS[g] === 0);

/**
 * The fusing rule with the highest CHOICE_QUANTILE, over the resamples, of its nDCG@10 minus
 * the better ranker's. Ties (rules that rank the pseudo-queries alike) go to the rule that
 * leans on the ranker that did better alone: the bases are visited from that end.
 */
function choose(table: Table, weights: ArrayLike<number>, draws: readonly Float64Array[]): { b: number; g: number } {
  const means = draws.map((w) => columnMeans(table, w));
  const whole = columnMeans(table, weights);
  const bases = CANDIDATE_BASES.map((_, b) => b);
  if (whole[0]! >= whole[1]!) bases.reverse();
  let best = { b: 0, g: 0, score: -Infinity };
  for (const b of bases) {
    CANDIDATE_GAINS.forEach((_, g) => {
      if (isPureRule(b, g)) return;
      const column = 2 + b * CANDIDATE_GAINS.length + g;
      const score = quantile(means.map((m) => m[column]! - Math.max(m[0]!, m[1]!)), CHOICE_QUANTILE);
      if (score > best.score) best = { b, g, score };
    });
  }
  return best;
}

/**
 * `times` resamples of n cases drawn with replacement in proportion to `weights`, each as the
 * number of times every case was drawn.
 */
export function bootstrapCounts(weights: ArrayLike<number>, times: number, random: () => number): Float64Array[] {
  const n = weights.length;
  const cumulative = new Float64Array(n);
  let total = 0;
  for (let i = 0; i < n; i++) cumulative[i] = total += weights[i]!;
  return Array.from({ length: times }, () => {
    const counts = new Float64Array(n);
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
    return counts;
  });
}

/**
 * The choice made again on SPREAD_RESAMPLES resamples of the cases (drawn in proportion to
 * their weights), each from resamples of its own (seeded by the number of cases: a rebuild
 * reports the same).
 */
function resampledSpread(weights: Float64Array, table: Table, whole: { b: number; g: number }): CalibrationSpread {
  const column = 2 + whole.b * CANDIDATE_GAINS.length + whole.g;
  const random = mulberry32(0x5eed ^ weights.length);
  const bases: number[] = [];
  const gains: number[] = [];
  const overBetter: number[] = [];
  let same = 0;
  for (const counts of bootstrapCounts(weights, SPREAD_RESAMPLES, random)) {
    const pick = choose(table, counts, bootstrapCounts(counts, SPREAD_INNER_RESAMPLES, random));
    if (pick.b === whole.b && pick.g === whole.g) same++;
    bases.push(CANDIDATE_BASES[pick.b]!);
    gains.push(CANDIDATE_GAINS[pick.g]!);
    const m = columnMeans(table, counts);
    overBetter.push(m[column]! - Math.max(m[0]!, m[1]!));
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
