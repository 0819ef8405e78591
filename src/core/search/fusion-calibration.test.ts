import { describe, expect, it } from 'vitest';
import { Prng } from '../../testing/prng.ts';
import { calibrationCases } from './calibration-cases.ts';
import {
  calibrateFusion,
  CANDIDATE_BASES,
  CANDIDATE_GAINS,
  coverageReference,
  COVERAGE_QUANTILE,
  MIN_CALIBRATION_QUERIES,
  ruleScores,
  SPREAD_RESAMPLES,
  surestRule,
  type CalibrationCase,
  type Grid,
} from './fusion-calibration.ts';
import type { ScoredDoc } from './top-k.ts';
import { DEFAULT_FUSION_RULE, ruleKeywordWeight, type FusionRule } from './fusion.ts';
import { drawPseudoQueries } from './pseudo-queries.ts';
import { quantizeRows } from './vector-quantize.ts';

const FIELDS = [{ weight: 1 }, { weight: 1 }];
const DIMS = 32;

/** A made-up word, e.g. "kotavu": random syllables, so documents share only what we decide. */
function word(prng: Prng): string {
  const syllables = ['ka', 'to', 'vu', 'mi', 're', 'sa', 'no', 'hi', 'lu', 'pe', 'zo', 'gi', 'bra', 'qen', 'dox'];
  let w = '';
  for (let i = prng.between(2, 4); i > 0; i--) w += prng.pick(syllables);
  return w;
}

function unit(prng: Prng, dims: number): Float32Array {
  const v = Float32Array.from({ length: dims }, () => prng.next() * 2 - 1);
  const n = Math.hypot(...v);
  return v.map((x) => x / n);
}

function noisy(prng: Prng, v: Float32Array, amount: number): Float32Array {
  const w = v.map((x) => x + amount * (prng.next() * 2 - 1));
  const n = Math.hypot(...w);
  return w.map((x) => x / n);
}

/**
 * Documents of three sentences. `sharedWords`: each document repeats its own topic words
 * in every sentence, so a sentence taken out still matches what remains by keyword; without
 * them every sentence has words of its own and keyword search cannot find the rest.
 */
function corpus(prng: Prng, docs: number, sharedWords: boolean): { title: string; text: string }[] {
  return Array.from({ length: docs }, () => {
    const topic = [word(prng), word(prng), word(prng)];
    const sentence = () => [...(sharedWords ? topic : []), ...Array.from({ length: 6 }, () => word(prng))].join(' ') + '.';
    return { title: '', text: `${sentence()} ${sentence()} ${sentence()}` };
  });
}

/** Runs the calibration over `docs` with vectors that either know each document (informative) or are random. */
async function calibrate(docs: { title: string; text: string }[], informative: boolean, seed: number) {
  const prng = new Prng(seed);
  const pseudo = drawPseudoQueries(docs, 200, () => prng.next());
  const topics = docs.map(() => unit(prng, DIMS));
  const vectors = quantizeRows(topics, DIMS);
  const near = (doc: number) => (informative ? noisy(prng, topics[doc]!, 0.1) : unit(prng, DIMS));
  const cases = await calibrationCases({
    docs,
    fields: FIELDS,
    vectors,
    pseudoQueries: pseudo,
    remainderVectors: pseudo.map((q) => near(q.doc)),
    embedQueries: async () => pseudo.map((q) => near(q.doc)),
    candidates: 100,
  });
  return { cases, result: calibrateFusion(cases) };
}

/** BM25's weight under the rule, averaged over the pseudo-queries. */
const meanWeight = (cases: CalibrationCase[], rule: FusionRule) =>
  cases.reduce((s, c) => s + ruleKeywordWeight(c.keyword, rule, c.coverage), 0) / cases.length;

describe('fusion calibrated on pseudo-queries drawn from the corpus', () => {
  it('gives BM25 nearly all the weight when the vector ranker is useless', async () => {
    const docs = corpus(new Prng(1), 300, true);
    const { cases, result } = await calibrate(docs, false, 2);
    expect(result.queries).toBeGreaterThanOrEqual(MIN_CALIBRATION_QUERIES);
    expect(result.ndcg.keyword).toBeGreaterThan(0.8);
    expect(result.ndcg.vector).toBeLessThan(0.2);
    expect(result.rule.base).toBeGreaterThanOrEqual(0.8);
    // Not all: the vector ranking still orders what BM25 ties.
    expect(result.rule.base).toBeLessThan(1);
    expect(meanWeight(cases, result.rule)).toBeGreaterThanOrEqual(0.9);
    expect(result.ndcg.hybrid).toBeGreaterThanOrEqual(result.ndcg.keyword - 0.05);
  });

  it('gives the vector ranker most of the weight when keyword search cannot find the documents', async () => {
    const docs = corpus(new Prng(3), 300, false);
    const { cases, result } = await calibrate(docs, true, 4);
    expect(result.ndcg.keyword).toBeLessThan(0.1);
    expect(result.ndcg.vector).toBeGreaterThan(0.8);
    expect(result.rule.base).toBeLessThanOrEqual(0.2);
    expect(meanWeight(cases, result.rule)).toBeLessThanOrEqual(0.2);
    expect(result.ndcg.hybrid).toBeGreaterThanOrEqual(result.ndcg.vector - 0.05);
  });

  it('takes the coverage reference from the pseudo-queries (a low quantile)', async () => {
    const docs = corpus(new Prng(7), 120, true);
    const { cases, result } = await calibrate(docs, true, 8);
    const sorted = cases.map((c) => c.coverage).sort((a, b) => a - b);
    expect(result.rule.coverage).toBe(sorted[Math.ceil(COVERAGE_QUANTILE * sorted.length) - 1]);
  });

  it('keeps the default rule when there are too few pseudo-queries to judge', () => {
    const few: CalibrationCase[] = Array.from({ length: MIN_CALIBRATION_QUERIES - 1 }, (_, i) => ({
      keyword: [{ doc: i, score: 1 }],
      vector: [],
      relevant: i,
      coverage: 1,
    }));
    expect(calibrateFusion(few).rule).toEqual(DEFAULT_FUSION_RULE);
  });

  it('keeps the default rule when neither ranker finds the pseudo-queries\' documents (no evidence)', () => {
    const prng = new Prng(9);
    const lost: CalibrationCase[] = Array.from({ length: 400 }, (_, i) => ({
      keyword: Array.from({ length: 20 }, (_, j) => ({ doc: 1000 + j, score: prng.next() })),
      vector: Array.from({ length: 20 }, (_, j) => ({ doc: 2000 + j, score: prng.next() })),
      relevant: i,
      coverage: 1,
    }));
    // One lucky hit must not decide the rule either.
    lost[0] = { ...lost[0]!, vector: [{ doc: 0, score: 1 }] };
    expect(calibrateFusion(lost).rule).toEqual(DEFAULT_FUSION_RULE);
  });
});

describe('fusion calibrated with cross-lingual pseudo-queries', () => {
  // Same-language pseudo-queries that both rankers find (the vector ranker a little better),
  // and crossed ones that only BM25 finds, through translated terms: the model ranks the
  // query's own language first and misses the answer.
  const prng = new Prng(21);
  const list = (relevant: number, rank: number, base: number): ScoredDoc[] =>
    Array.from({ length: 20 }, (_, j) => ({ doc: j === rank ? relevant : base + j, score: 20 - j + prng.next() * 0.5 }));
  const same: CalibrationCase[] = Array.from({ length: 200 }, (_, i) => ({
    keyword: list(i, i % 3, 10_000),
    vector: list(i, i % 2, 20_000),
    relevant: i,
    coverage: 0.9,
  }));
  const crossed: CalibrationCase[] = Array.from({ length: 120 }, (_, i) => ({
    keyword: list(1000 + i, i % 2, 10_000),
    vector: list(-1, 99, 20_000),
    relevant: 1000 + i,
    coverage: 0.3,
    crossed: true,
  }));

  it('gives BM25 more weight when the vector ranker fails across languages', () => {
    const alone = calibrateFusion(same);
    const both = calibrateFusion([...same, ...crossed]);
    expect(both.rule.base).toBeGreaterThan(alone.rule.base);
    expect(both.ndcg.vector).toBeLessThan(alone.ndcg.vector);
  });

  it('counts a case of weight w as w cases: crossed queries that stand for dropped ones weigh in', () => {
    const few = crossed.slice(0, 30);
    const weighted = calibrateFusion([...same, ...few.map((c) => ({ ...c, weight: 4 }))]);
    const repeated = calibrateFusion([...same, ...few, ...few, ...few, ...few]);
    expect(weighted.rule).toEqual(repeated.rule);
    expect(weighted.ndcg.hybrid).toBeCloseTo(repeated.ndcg.hybrid, 12);
    expect(weighted.ndcg.vector).toBeCloseTo(repeated.ndcg.vector, 12);
    // And the weight matters: unweighted, the 30 crossed queries, which the vector ranker
    // misses, count for less.
    expect(weighted.ndcg.vector).toBeLessThan(calibrateFusion([...same, ...few]).ndcg.vector - 0.05);
  });

  it('does not scale down the embedding of a query read from its known parts, as the search does not', () => {
    // A crossed query whose vector ranks its answer first and BM25 ninth or tenth: with
    // coverage 0.3 of a reference 0.9, BM25 takes two thirds of the embedding's share,
    // and the fused ranking follows it. Read from its known parts, the query is fused as a
    // covered one.
    const found = crossed.map((c, i) => ({ ...c, vector: list(c.relevant, 0, 20_000), keyword: list(c.relevant, 8 + (i % 2), 10_000) }));
    const rule = { base: 0.2, gain: 0, cap: 0.95, coverage: 0.9 };
    const known = ruleScores(found.map((c) => ({ ...c, knownOnly: true })), rule);
    expect(Array.from(known)).toEqual(Array.from(ruleScores(found.map((c) => ({ ...c, coverage: 1 })), rule)));
    expect(Array.from(known)).not.toEqual(Array.from(ruleScores(found, rule)));
  });

  it('takes the coverage reference from the pseudo-queries that stayed in their language', () => {
    expect(coverageReference([...same, ...crossed])).toBe(0.9);
    expect(calibrateFusion([...same, ...crossed]).rule.coverage).toBe(0.9);
  });
});

describe('which rule is chosen: the surest gain over the better ranker', () => {
  // Per-case nDCG@10 made up directly: BM25 is the better ranker (0.6 on every case, the
  // vector ranking 0.4), and every rule of the grid ties with BM25 except two.
  const n = 400;
  const at = (base: number, gain: number) => ({ b: CANDIDATE_BASES.indexOf(base), g: CANDIDATE_GAINS.indexOf(gain) });
  function grid(cells: ReadonlyMap<string, (i: number) => number>): Grid {
    const keyword = new Float64Array(n).fill(0.6);
    return {
      keyword,
      vector: new Float64Array(n).fill(0.4),
      rules: CANDIDATE_BASES.map((base) => CANDIDATE_GAINS.map((gain) => {
        const f = cells.get(`${base}/${gain}`);
        return f ? Float64Array.from({ length: n }, (_, i) => f(i)) : keyword.slice();
      })),
    };
  }

  it('prefers a rule a little better on every query to one better on average through a few', () => {
    // 0/3 gains 0.6 on one query in twenty and loses 0.02 on the rest: +0.011 on average, but
    // a resample with fewer of those queries finds it below BM25. 0.7/0 gains 0.008 on each.
    const g = grid(new Map<string, (i: number) => number>([
      ['0/3', (i) => (i % 20 === 0 ? 1.2 : 0.58)],
      ['0.7/0', () => 0.608],
    ]));
    const mean = (xs: Float64Array) => xs.reduce((s, x) => s + x, 0) / xs.length;
    expect(mean(g.rules[at(0, 3).b]![at(0, 3).g]!)).toBeGreaterThan(mean(g.rules[at(0.7, 0).b]![at(0.7, 0).g]!));
    expect(surestRule(g)).toEqual(at(0.7, 0));
    // Where the few queries' gain is large enough to be sure of, it is chosen.
    const surer = grid(new Map<string, (i: number) => number>([['0/3', (i) => (i % 4 === 0 ? 1.2 : 0.58)], ['0.7/0', () => 0.608]]));
    expect(surestRule(surer)).toEqual(at(0, 3));
  });

  it('never leaves a ranker no say, even where every fused rule is below the better one', () => {
    const worse = grid(new Map(CANDIDATE_BASES.filter((b) => b < 1).flatMap((base) => CANDIDATE_GAINS.map((gain) => [`${base}/${gain}`, () => 0.6 - 0.1 * (1 - base)] as const))));
    const pick = surestRule(worse);
    expect(CANDIDATE_BASES[pick.b]).toBe(0.9);
    // Nor the vector ranking alone (base 0, gain 0) where the vector ranker is the better one
    // and that rule is it.
    const vectorBetter: Grid = {
      keyword: new Float64Array(n).fill(0.4),
      vector: new Float64Array(n).fill(0.6),
      rules: CANDIDATE_BASES.map((base) => CANDIDATE_GAINS.map((gain) => new Float64Array(n).fill(base === 0 && gain === 0 ? 0.6 : 0.55))),
    };
    const other = surestRule(vectorBetter);
    expect([CANDIDATE_BASES[other.b], CANDIDATE_GAINS[other.g]]).not.toEqual([0, 0]);
    expect(CANDIDATE_BASES[other.b]).toBe(0);
  });
});

describe('how sure the calibration is', () => {
  // Each ranker finds the answer at a random rank of the first ten, or misses it; BM25's
  // scores fall off steeply or gently at random, so every rule of the grid ranks some cases
  // better than its neighbours do and the best rule is decided by the sample.
  function cases(n: number, seed: number): CalibrationCase[] {
    const prng = new Prng(seed);
    const list = (relevant: number, base: number, steep: boolean): ScoredDoc[] => {
      const rank = prng.next() < 0.75 ? prng.between(0, 9) : -1;
      return Array.from({ length: 30 }, (_, j) => ({ doc: j === rank ? relevant : base + j, score: steep ? 30 / (j + 1) : 30 - j + prng.next() }));
    };
    return Array.from({ length: n }, (_, i) => ({ keyword: list(i, 100_000, prng.next() < 0.5), vector: list(i, 200_000, false), relevant: i, coverage: 1 }));
  }

  it('gives the spread of the rule over resamples of the pseudo-queries, narrower the more there are', () => {
    const small = calibrateFusion(cases(60, 31)).spread!;
    const large = calibrateFusion(cases(3000, 31)).spread!;
    expect(small.resamples).toBe(SPREAD_RESAMPLES);
    const width = (s: typeof small) => s.base[1] - s.base[0] + (s.gain[1] - s.gain[0]) / 3;
    expect(width(large)).toBeLessThan(width(small));
    expect(large.sameRule).toBeGreaterThan(small.sameRule);
    expect(large.overBetter[1] - large.overBetter[0]).toBeLessThan(small.overBetter[1] - small.overBetter[0]);
  });

  it('brackets the chosen rule, and its gain over the better ranker measured on the whole sample', () => {
    for (const seed of [41, 42, 43]) {
      const result = calibrateFusion(cases(400, seed));
      const { base, gain, overBetter } = result.spread!;
      expect(result.rule.base).toBeGreaterThanOrEqual(base[0]);
      expect(result.rule.base).toBeLessThanOrEqual(base[1]);
      expect(result.rule.gain).toBeGreaterThanOrEqual(gain[0]);
      expect(result.rule.gain).toBeLessThanOrEqual(gain[1]);
      const whole = result.ndcg.hybrid - Math.max(result.ndcg.keyword, result.ndcg.vector);
      expect(whole).toBeGreaterThanOrEqual(overBetter[0]);
      expect(whole).toBeLessThanOrEqual(overBetter[1]);
    }
  });

  it('is sure where one ranker is useless, and reports the same spread on every rebuild', async () => {
    const docs = corpus(new Prng(1), 300, true);
    const { result } = await calibrate(docs, false, 2);
    expect(result.spread!.base[0]).toBeGreaterThanOrEqual(0.7);
    expect(calibrateFusion(cases(200, 5)).spread).toEqual(calibrateFusion(cases(200, 5)).spread);
  });

  it('has no spread where the default rule was kept', () => {
    const few: CalibrationCase[] = Array.from({ length: MIN_CALIBRATION_QUERIES - 1 }, (_, i) => ({ keyword: [{ doc: i, score: 1 }], vector: [], relevant: i, coverage: 1 }));
    expect(calibrateFusion(few).spread).toBeUndefined();
  });
});
