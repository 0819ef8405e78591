/**
 * Hybrid ranking: a convex combination of per-query min-max-normalised scores.
 *
 * Why not reciprocal rank fusion: RRF gives the weaker ranker the same say as the stronger
 * one, and with a corpus-trained dense model that is weaker than BM25 on some sets (short
 * Japanese clinical sentences) it ranks below BM25 alone. Normalised scores keep how *much*
 * better the top hit is, and the weight lets keyword search lead.
 */
import type { ScoredDoc } from './top-k.ts';

export interface RankedList {
  /** The candidates this ranker returned (its top N), any order. */
  readonly hits: readonly ScoredDoc[];
  /** Share of the fused score, ≥ 0; weights are used as given (callers make them sum to 1). */
  readonly weight: number;
}

export interface FusedHit {
  readonly doc: number;
  readonly score: number;
  /** Each list's normalised score for this document (0 where the list did not return it). */
  readonly parts: readonly number[];
}

/**
 * A fixed weight of BM25 for callers that want one (e.g. a pack built with a strong model
 * and a validated weight). With the default model, 0.7 beats BM25 on four development sets
 * but is 0.0008 below it on PubMedQA claims and below the dense ranking on HealthVer.
 */
export const DEFAULT_KEYWORD_WEIGHT = 0.7;

/**
 * The per-query rule's default parameters, used by packs built before the fusion was
 * calibrated on the corpus at index time (fusion-calibration.ts). They were chosen on the
 * five development sets, and on corpora the project had not seen the fused ranking fell
 * below its better member (issue 11); a calibrated pack stores its own.
 */
export const ADAPTIVE_BASE_WEIGHT = 0.5;
/** How fast BM25's margin moves its weight from the base towards the cap. */
export const MARGIN_GAIN = 1.5;
/** The adaptive weight never reaches 1: the vector ranking must still order the rest. */
export const MAX_KEYWORD_WEIGHT = 0.95;

/**
 * How BM25's weight is chosen per query: w = base + (1 − base) · min(1, gain · margin),
 * capped at max(cap, base). gain 0 is a fixed weight `base`; base 1 is keyword search.
 * With `coverage`, the embedding's share 1 − w is then scaled by coverageShare.
 */
export interface FusionRule {
  readonly base: number;
  readonly gain: number;
  readonly cap: number;
  /**
   * Query coverage (query-coverage.ts) that the corpus's own sentences reach (a low
   * quantile of the pseudo-queries'): a query covered less gets a proportionally smaller
   * embedding share. Absent: no scaling.
   */
  readonly coverage?: number;
}

export const DEFAULT_FUSION_RULE: FusionRule = { base: ADAPTIVE_BASE_WEIGHT, gain: MARGIN_GAIN, cap: MAX_KEYWORD_WEIGHT };

/**
 * How clearly BM25's best candidate stands out: (s₁ − s₂) / (s₁ − s_last) over its
 * candidate list, in [0, 1]; 0 with fewer than two candidates (no evidence either way).
 */
export function keywordMargin(hits: readonly ScoredDoc[]): number {
  if (hits.length < 2) return 0;
  let s1 = -Infinity, s2 = -Infinity, last = Infinity;
  for (const h of hits) {
    if (h.score > s1) [s1, s2] = [h.score, s1];
    else if (h.score > s2) s2 = h.score;
    last = Math.min(last, h.score);
  }
  return s1 > last ? (s1 - s2) / (s1 - last) : 0;
}

/**
 * Per-query weight of BM25 under a rule. When a query shares many rare words with one
 * document (a claim and the abstract it came from), BM25's top score stands far above the
 * rest and is almost always right, so it gets more of the say; when BM25's candidates are
 * bunched (short or paraphrased queries), the embedding weighs more. How much more, and
 * where to start, depends on how good each ranker is on the corpus: that is what the
 * calibration measures.
 */
export function ruleKeywordWeight(keyword: readonly ScoredDoc[], rule: FusionRule, coverage = 1): number {
  const w =
    rule.gain === 0
      ? rule.base
      : Math.max(rule.base, Math.min(Math.max(rule.cap, rule.base), rule.base + (1 - rule.base) * Math.min(1, rule.gain * keywordMargin(keyword))));
  const share = coverageShare(coverage, rule.coverage);
  return share === 1 ? w : 1 - (1 - w) * share;
}

/** The factor on the embedding's share for a query's coverage: min(1, coverage / reference). */
export function coverageShare(coverage: number, reference: number | undefined): number {
  if (reference === undefined || !(reference > 0)) return 1;
  return Math.min(1, Math.max(0, coverage) / reference);
}

/** The default rule's weight (packs without a calibrated rule). */
export function adaptiveKeywordWeight(keyword: readonly ScoredDoc[], base = ADAPTIVE_BASE_WEIGHT): number {
  return ruleKeywordWeight(keyword, { ...DEFAULT_FUSION_RULE, base });
}

/** Maps scores to [0, 1] by the list's own min and max; a flat list maps to 1 (all tie). */
export function minMaxNormalize(hits: readonly ScoredDoc[]): Map<number, number> {
  let min = Infinity, max = -Infinity;
  for (const h of hits) {
    min = Math.min(min, h.score);
    max = Math.max(max, h.score);
  }
  const span = max - min;
  const out = new Map<number, number>();
  for (const h of hits) out.set(h.doc, span > 0 ? (h.score - min) / span : 1);
  return out;
}

/**
 * Fuses ranked lists; a document missing from a list counts as that list's minimum (0), which is
 * what it would get had the list been longer. Ties break by document id for a stable order.
 */
export function fuseScores(lists: readonly RankedList[], k: number): FusedHit[] {
  const normalised = lists.map((l) => minMaxNormalize(l.hits));
  const docs = new Set<number>();
  for (const l of lists) for (const h of l.hits) docs.add(h.doc);
  const fused: FusedHit[] = [];
  for (const doc of docs) {
    const parts = normalised.map((m) => m.get(doc) ?? 0);
    let score = 0;
    parts.forEach((p, i) => (score += p * lists[i]!.weight));
    fused.push({ doc, score, parts });
  }
  fused.sort((a, b) => b.score - a.score || a.doc - b.doc);
  return fused.slice(0, k);
}

/** The two-member hybrid: keyword weighted by `keywordWeight`, vector by the rest. */
export function fuseKeywordAndVector(
  keyword: readonly ScoredDoc[],
  vector: readonly ScoredDoc[],
  k: number,
  keywordWeight = DEFAULT_KEYWORD_WEIGHT,
): FusedHit[] {
  if (keywordWeight < 0 || keywordWeight > 1) throw new Error(`keyword weight ${keywordWeight} is outside [0, 1]`);
  return fuseScores([{ hits: keyword, weight: keywordWeight }, { hits: vector, weight: 1 - keywordWeight }], k);
}
