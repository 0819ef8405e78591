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
 */
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
}

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
  const keyword = mean(cases.map((c) => ndcgOne(c.keyword, c.relevant)));
  const vector = mean(cases.map((c) => ndcgOne(c.vector, c.relevant)));
  const defaultRule = mean(ruleScores(cases, DEFAULT_FUSION_RULE));
  const informative = cases.filter((c) => ndcgOne(c.keyword, c.relevant) > 0 || ndcgOne(c.vector, c.relevant) > 0).length;
  if (informative < MIN_CALIBRATION_QUERIES) {
    return { rule: DEFAULT_FUSION_RULE, queries: cases.length, ndcg: { keyword, vector, hybrid: defaultRule, defaultRule } };
  }
  const coverage = coverageReference(cases);
  const means = CANDIDATE_BASES.map((base) => CANDIDATE_GAINS.map((gain) => mean(ruleScores(cases, { base, gain, cap, coverage }))));
  // Smoothed: each rule with its grid neighbours (base ± one step, gain ± one step).
  const smoothed = (b: number, g: number) => {
    let s = 0, n = 0;
    for (const [db, dg] of [[0, 0], [-1, 0], [1, 0], [0, -1], [0, 1]] as const) {
      const x = means[b + db]?.[g + dg];
      if (x !== undefined) (s += x), n++;
    }
    return s / n;
  };
  // Ties (rules that rank the pseudo-queries alike) go to the rule that leans on the
  // ranker that did better alone: the bases are visited from that end.
  const bases = CANDIDATE_BASES.map((_, b) => b);
  if (keyword >= vector) bases.reverse();
  let best = { b: 0, g: 0, score: -Infinity };
  for (const b of bases) {
    CANDIDATE_GAINS.forEach((_, g) => {
      const score = smoothed(b, g);
      if (score > best.score) best = { b, g, score };
    });
  }
  const rule = { base: CANDIDATE_BASES[best.b]!, gain: CANDIDATE_GAINS[best.g]!, cap, coverage };
  return { rule, queries: cases.length, ndcg: { keyword, vector, hybrid: means[best.b]![best.g]!, defaultRule } };
}
