/**
 * Ways of choosing the fusion rule, compared offline on the cases that
 * `npm run bench:retrieval -- <sets> --dump-cases <folder>` wrote: each set's pseudo-queries (what the
 * indexer chooses on) and its labelled queries (what the choice is judged on). Seconds instead
 * of a rebuild of every pack, so a change to the choice can be measured on every set.
 *
 *   npx tsx bench/fusion-rules.ts <folder> [--check <set>]
 *
 * Prints, for each way, each set's hybrid nDCG@10 on the labelled queries and its margin over the
 * better member, then the mean and the worst margin over the sets other than the check set
 * (medical-mix unless --check names another: choose on the others, report the check). The
 * first way is the indexer's (calibrateFusion); "best smoothed mean" is how it chose before.
 * Every way sees only the pseudo-queries; the labelled queries only judge.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { bootstrapCounts, calibrateFusion, CANDIDATE_BASES, CANDIDATE_GAINS, coverageReference, isPureRule, ruleScores, type CalibrationCase } from '../src/core/search/fusion-calibration.ts';
import { quantile } from '../src/core/search/quantile.ts';
import { mulberry32 } from '../src/core/random/index.ts';
import { DEFAULT_FUSION_RULE, fuseKeywordAndVector, ruleKeywordWeight, type FusionRule } from '../src/core/search/fusion.ts';
import type { ScoredDoc } from '../src/core/search/top-k.ts';
import type { FusionCaseDump } from './retrieval.ts';

interface Labelled {
  readonly keyword: ScoredDoc[];
  readonly vector: ScoredDoc[];
  readonly coverage: number;
  readonly relevant: ReadonlyMap<number, number>;
  readonly idcg: number;
}

interface SetCases {
  readonly set: string;
  readonly calibration: CalibrationCase[];
  readonly labelled: Labelled[];
}

const K = 10;
const hits = (pairs: readonly [number, number][]): ScoredDoc[] => pairs.map(([doc, score]) => ({ doc, score }));

function load(path: string): SetCases {
  const dump = JSON.parse(readFileSync(path, 'utf8')) as FusionCaseDump;
  return {
    set: dump.set,
    calibration: dump.calibration.map((c) => ({ ...c, keyword: hits(c.keyword), vector: hits(c.vector) })),
    labelled: dump.labelled.map((q) => {
      const grades = q.relevant.map(([, g]) => g).filter((g) => g > 0).sort((a, b) => b - a).slice(0, K);
      return {
        keyword: hits(q.keyword),
        vector: hits(q.vector),
        coverage: q.coverage,
        relevant: new Map(q.relevant.filter(([d]) => d >= 0)),
        idcg: grades.reduce((s, g, i) => s + g / Math.log2(i + 2), 0),
      };
    }),
  };
}

/** Graded nDCG@10 of a ranking, as bench/retrieval-metrics.ts computes it. */
function ndcg(ranked: readonly { doc: number }[], q: Labelled): number {
  let dcg = 0;
  for (let i = 0; i < Math.min(K, ranked.length); i++) dcg += (q.relevant.get(ranked[i]!.doc) ?? 0) / Math.log2(i + 2);
  return q.idcg > 0 ? dcg / q.idcg : 0;
}

const mean = (xs: readonly number[]) => xs.reduce((s, x) => s + x, 0) / Math.max(1, xs.length);

function labelledScores(s: SetCases, rule: FusionRule): { keyword: number; vector: number; hybrid: number } {
  return {
    keyword: mean(s.labelled.map((q) => ndcg(q.keyword, q))),
    vector: mean(s.labelled.map((q) => ndcg(q.vector, q))),
    hybrid: mean(s.labelled.map((q) => ndcg(fuseKeywordAndVector(q.keyword, q.vector, K, ruleKeywordWeight(q.keyword, rule, rule.coverage !== undefined ? q.coverage : 1)), q))),
  };
}

/** A way of choosing the rule from the pseudo-queries alone. */
type Chooser = (cases: readonly CalibrationCase[]) => FusionRule;

const cap = DEFAULT_FUSION_RULE.cap;
const weightOf = (c: CalibrationCase) => c.weight ?? 1;

/** nDCG@depth of a ranking with one relevant document. */
function ndcgOne(ranked: readonly { doc: number }[], relevant: number, depth = K): number {
  for (let i = 0; i < Math.min(depth, ranked.length); i++) if (ranked[i]!.doc === relevant) return 1 / Math.log2(i + 2);
  return 0;
}

/** Per-case nDCG@10 of every rule on the grid, and of each ranker alone. */
function grid(cases: readonly CalibrationCase[]) {
  const coverage = coverageReference(cases);
  return {
    coverage,
    keyword: Float64Array.from(cases, (c) => ndcgOne(c.keyword, c.relevant)),
    vector: Float64Array.from(cases, (c) => ndcgOne(c.vector, c.relevant)),
    rules: CANDIDATE_BASES.map((base) => CANDIDATE_GAINS.map((gain) => ruleScores(cases, { base, gain, cap, coverage }))),
  };
}

/** Resample weights (counts) of the cases, drawn in proportion to their weights (seeded apart from the indexer's by default). */
const resamples = (cases: readonly CalibrationCase[], n: number, seed = 0x5eed): Float64Array[] =>
  bootstrapCounts(Float64Array.from(cases, weightOf), n, mulberry32(seed ^ cases.length));

/** Each grid rule's mean averaged with its neighbours' (base ± one step, gain ± one step), as the indexer once chose. */
function smoothGrid(means: readonly (readonly number[])[]): number[][] {
  return means.map((row, b) =>
    row.map((_, g) => {
      let s = 0, n = 0;
      for (const [db, dg] of [[0, 0], [-1, 0], [1, 0], [0, -1], [0, 1]] as const) {
        const x = means[b + db]?.[g + dg];
        if (x !== undefined) (s += x), n++;
      }
      return s / n;
    }),
  );
}

const weighted = (w: ArrayLike<number>, xs: ArrayLike<number>) => {
  let s = 0, n = 0;
  for (let i = 0; i < xs.length; i++) (s += w[i]! * xs[i]!), (n += w[i]!);
  return s / n;
};

/** The rule maximising score(b, g), optionally averaged with its grid neighbours. */
function argmax(score: (b: number, g: number) => number, smooth: boolean): FusionRule & { b: number; g: number } {
  const raw = CANDIDATE_BASES.map((_, b) => CANDIDATE_GAINS.map((__, g) => score(b, g)));
  const at = smooth ? smoothGrid(raw) : raw;
  let best = { b: 0, g: 0, v: -Infinity };
  CANDIDATE_BASES.forEach((_, b) => CANDIDATE_GAINS.forEach((__, g) => {
    if (at[b]![g]! > best.v + 1e-12) best = { b, g, v: at[b]![g]! };
  }));
  return { b: best.b, g: best.g, base: CANDIDATE_BASES[best.b]!, gain: CANDIDATE_GAINS[best.g]!, cap };
}

/** Lower bound of each rule's margin over the better ranker: its q-quantile over bootstrap resamples. */
function lowerBound(q: number, smooth: boolean, fusedOnly = false, seed = 0x5eed): Chooser {
  return (cases) => {
    const g = grid(cases);
    const draws = resamples(cases, 200, seed);
    const better = draws.map((w) => Math.max(weighted(w, g.keyword), weighted(w, g.vector)));
    const bound = g.rules.map((row, b) => row.map((xs, gg) => (fusedOnly && isPureRule(b, gg) ? -Infinity : quantile(draws.map((w, r) => weighted(w, xs) - better[r]!), q))));
    return { ...argmax((b, gg) => bound[b]![gg]!, smooth), coverage: g.coverage };
  };
}

/** Mean minus z standard errors of the per-case difference from the better ranker (by the whole sample). */
function pairedBound(z: number, smooth: boolean): Chooser {
  return (cases) => {
    const g = grid(cases);
    const w = Float64Array.from(cases, weightOf);
    const better = weighted(w, g.keyword) >= weighted(w, g.vector) ? g.keyword : g.vector;
    const total = w.reduce((s, x) => s + x, 0);
    const bound = g.rules.map((row) => row.map((xs) => {
      const d = Array.from(xs, (x, i) => x - better[i]!);
      const m = weighted(w, d);
      const v = d.reduce((s, x, i) => s + w[i]! * (x - m) ** 2, 0) / total;
      return m - z * Math.sqrt(v / cases.length);
    }));
    return { ...argmax((b, gg) => bound[b]![gg]!, smooth), coverage: g.coverage };
  };
}

/** The rule the most resamples choose (bagging the choice of before). */
const mode: Chooser = (cases) => {
  const g = grid(cases);
  const votes = new Map<string, number>();
  let top = { key: '', n: 0, rule: DEFAULT_FUSION_RULE };
  for (const w of resamples(cases, 200)) {
    const means = g.rules.map((row) => row.map((xs) => weighted(w, xs)));
    const rule = argmax((b, gg) => means[b]![gg]!, true);
    const key = `${rule.b}/${rule.g}`;
    const n = (votes.get(key) ?? 0) + 1;
    votes.set(key, n);
    if (n > top.n) top = { key, n, rule: { ...rule, coverage: g.coverage } };
  }
  return top.rule;
};

/**
 * Minimax regret over how often readers cross languages: the calibration assumes they cross as
 * often as the corpus is written in the other language, but cannot know. Each scenario scales
 * the crossed pseudo-queries' weights; a rule's regret in a scenario is how far its smoothed mean
 * falls below that scenario's best; the rule with the least worst regret is chosen. A corpus of
 * one language has no crossed queries: one scenario, the best smoothed mean.
 */
function minimaxCrossing(factors: readonly number[]): Chooser {
  return (cases) => {
    const g = grid(cases);
    if (!cases.some((c) => c.crossed)) return deeper(10)(cases);
    const regrets = factors.map((f) => {
      const w = Float64Array.from(cases, (c) => weightOf(c) * (c.crossed ? f : 1));
      const smoothed = smoothGrid(g.rules.map((row) => row.map((xs) => weighted(w, xs))));
      const best = Math.max(...smoothed.flat());
      return smoothed.map((row) => row.map((x) => best - x));
    });
    const rule = argmax((b, gg) => -Math.max(...regrets.map((r) => r[b]![gg]!)), false);
    return { ...rule, coverage: g.coverage };
  };
}

/** The choice of before (best smoothed mean, the same tie-break) on nDCG@depth of the pseudo-queries; depth 10 is that choice itself. */
function deeper(depth: number): Chooser {
  return (cases) => {
    const coverage = coverageReference(cases);
    const score = (ranked: readonly { doc: number }[], relevant: number) => ndcgOne(ranked, relevant, depth);
    const w = Float64Array.from(cases, weightOf);
    const means = CANDIDATE_BASES.map((base) => CANDIDATE_GAINS.map((g) => {
      const rule = { base, gain: g, cap, coverage };
      return weighted(w, cases.map((c) => score(fuseKeywordAndVector(c.keyword, c.vector, depth, ruleKeywordWeight(c.keyword, rule, c.knownOnly ? 1 : c.coverage)), c.relevant)));
    }));
    const keywordBetter = weighted(w, cases.map((c) => score(c.keyword, c.relevant))) >= weighted(w, cases.map((c) => score(c.vector, c.relevant)));
    return { ...smoothedChoice(means, keywordBetter), coverage };
  };
}

/** As fusion-calibration.ts chose before: the best mean smoothed with its grid neighbours, ties to the better ranker's end. */
function smoothedChoice(means: readonly (readonly number[])[], keywordBetter: boolean): FusionRule {
  const smoothed = smoothGrid(means);
  const bases = CANDIDATE_BASES.map((_, b) => b);
  if (keywordBetter) bases.reverse();
  let best = { b: 0, g: 0, v: -Infinity };
  for (const b of bases) CANDIDATE_GAINS.forEach((_, g) => {
    const v = smoothed[b]![g]!;
    if (v > best.v) best = { b, g, v };
  });
  return { base: CANDIDATE_BASES[best.b]!, gain: CANDIDATE_GAINS[best.g]!, cap };
}

function describeCases(s: SetCases): string {
  const crossed = s.calibration.filter((c) => c.crossed);
  const w = (cs: readonly CalibrationCase[]) => cs.reduce((t, c) => t + weightOf(c), 0);
  const m = (cs: readonly CalibrationCase[], side: 'keyword' | 'vector') => cs.reduce((t, c) => t + weightOf(c) * ndcgOne(c[side], c.relevant), 0) / Math.max(1e-9, w(cs));
  const own = s.calibration.filter((c) => !c.crossed);
  return `${s.set}: ${s.calibration.length} pseudo-queries (${crossed.length} crossed, weight share ${(w(crossed) / w(s.calibration)).toFixed(2)}); own keyword ${m(own, 'keyword').toFixed(3)} vector ${m(own, 'vector').toFixed(3)}; crossed keyword ${m(crossed, 'keyword').toFixed(3)} vector ${m(crossed, 'vector').toFixed(3)}`;
}

const choosers: Record<string, Chooser> = {
  /** What the indexer does (fusion-calibration.ts): the highest 5th percentile of the margin, fusing rules only. */
  'surest (the indexer)': (cases) => calibrateFusion(cases).rule,
  /** What it did before: the best mean nDCG@10 smoothed with its grid neighbours. */
  'best smoothed mean (before)': deeper(10),
  'default rule (0.5/1.5)': () => DEFAULT_FUSION_RULE,
  'surest, another bootstrap seed': lowerBound(0.05, false, true),
  'surest, pure rules allowed': lowerBound(0.05, false),
  'surest, smoothed, pure rules allowed': lowerBound(0.05, true),
  'surest at the 10th percentile': lowerBound(0.1, false, true),
  'mean − 1.645 standard errors, smoothed': pairedBound(1.645, true),
  'best smoothed mean of nDCG@20': deeper(20),
  'best smoothed mean of nDCG@100': deeper(100),
  'most often chosen by best smoothed mean (bagging)': mode,
  'least worst regret, crossing ×0 or ×1': minimaxCrossing([0, 1]),
};

function main(): void {
  const argv = process.argv.slice(2);
  const folder = argv.find((a) => !a.startsWith('--'));
  const checkAt = argv.indexOf('--check');
  const check = checkAt >= 0 ? argv[checkAt + 1] : 'medical-mix';
  if (!folder) throw new Error('usage: bench/fusion-rules.ts <folder written by --dump-cases> [--check <set>]');
  const sets = readdirSync(folder).filter((f) => f.endsWith('.json')).sort().map((f) => load(join(folder, f)));
  for (const s of sets) console.log(describeCases(s));
  for (const [name, choose] of Object.entries(choosers)) {
    console.log(`\n${name}`);
    const margins: number[] = [], overKeyword: number[] = [];
    for (const s of sets) {
      const rule = choose(s.calibration);
      const r = labelledScores(s, rule);
      const margin = r.hybrid - Math.max(r.keyword, r.vector);
      if (s.set !== check) margins.push(margin), overKeyword.push(r.hybrid - r.keyword);
      console.log(
        `  ${s.set.padEnd(28)} keyword ${r.keyword.toFixed(4)} vector ${r.vector.toFixed(4)} hybrid ${r.hybrid.toFixed(4)} margin ${(margin >= 0 ? '+' : '') + margin.toFixed(4)}${margin < -0.005 ? ' BELOW' : ''}  rule ${rule.base}/${rule.gain}${s.set === check ? '  (check set)' : ''}`,
      );
    }
    console.log(`  over ${margins.length} sets: worst margin ${Math.min(...margins).toFixed(4)}, mean margin ${mean(margins).toFixed(4)}, mean over keyword ${mean(overKeyword).toFixed(4)}, below −0.005 on ${margins.filter((m) => m < -0.005).length}`);
  }
}

main();
