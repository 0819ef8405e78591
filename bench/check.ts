/**
 * How well the check tells a contradicted sentence from a supported one, through the app's
 * own code (src/core/check and the search worker's LiteratureSession):
 *
 * 1. Labelled claim–evidence pairs built from ../shared/data (bench/check-pairs.ts). Each
 *    set's evidence texts are indexed with the default model, trained on them as the indexer
 *    does for a hospital's corpus, and the support threshold is calibrated on that corpus.
 *    The rules' free parameter (how much of a claim's wording the evidence must share
 *    before a negation or a change of direction counts) is chosen on the "choose" half of
 *    the pairs — the highest recall of *contradicted* with precision ≥ 0.8 and false alarms
 *    ≤ 5 % — and the figures are reported on the "report" half.
 * 2. The sample's outputs against the sample literature, as the app checks them: a sentence
 *    table for the outputs a reviewer flagged, and the contradicted sentences among outputs
 *    nobody flagged (false alarms, as far as the sample's review goes).
 * 3. Speed: a 10-sentence output checked against the generated 100k-document corpus of
 *    bench:literature-browser, in Node (the browser figure comes from bench:literature-browser).
 *
 *   npm run bench:check [-- --data ../shared/data] [--limit N]
 *
 * Writes bench/out/check.json.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { nodeFolderIo, nodeRuntimeOptions } from '../cli/lib/literature-node-io.ts';
import { buildLiteraturePack } from '../cli/lib/literature-pack-build.ts';
import { DEFAULT_VERDICT_OPTIONS, judgeClaim, sentenceFacts, type Verdict, type VerdictOptions } from '../src/core/check/index.ts';
import type { LiteratureDoc } from '../src/core/search/literature-pack.ts';
import { splitSentences } from '../src/core/search/literature-sentences.ts';
import { LiteratureSession } from '../src/workers/literature-session.ts';
import { CHECK_BENCH_TEXT } from '../src/diagnostics/check-bench-text.ts';
import { ensureBenchPack } from './lib/literature-bench-corpus.ts';
import { labelledPairs, type Gold, type LabelledPair } from './check-pairs.ts';

const runtime = nodeRuntimeOptions();
const args = process.argv.slice(2);
const flag = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const DATA = flag('--data') ?? join('..', 'shared', 'data');
const LIMIT = Number(flag('--limit') ?? Infinity);
const COVERAGES = [0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.01];

type Matrix = Record<Gold, Record<Verdict, number>>;

const emptyMatrix = (): Matrix => {
  const row = (): Record<Verdict, number> => ({ supported: 0, contradicted: 0, 'no-close-support': 0, 'not-checkable': 0 });
  return { supports: row(), refutes: row(), neutral: row() };
};

interface Figures {
  pairs: number;
  refutes: number;
  supports: number;
  precision: number;
  recall: number;
  falseAlarm: number;
}

function figures(m: Matrix): Figures {
  const flagged = m.supports.contradicted + m.refutes.contradicted + m.neutral.contradicted;
  const refutes = Object.values(m.refutes).reduce((a, b) => a + b, 0);
  const supports = Object.values(m.supports).reduce((a, b) => a + b, 0);
  const neutral = Object.values(m.neutral).reduce((a, b) => a + b, 0);
  return {
    pairs: refutes + supports + neutral,
    refutes,
    supports,
    precision: flagged ? m.refutes.contradicted / flagged : NaN,
    recall: refutes ? m.refutes.contradicted / refutes : NaN,
    falseAlarm: supports ? m.supports.contradicted / supports : NaN,
  };
}

/** A session over an index of the set's evidence texts, built and trained as the indexer does. */
async function sessionFor(pairs: readonly LabelledPair[]): Promise<{ session: LiteratureSession; buildMs: number }> {
  const seen = new Map<string, LiteratureDoc>();
  for (const p of pairs) {
    const text = p.evidence.join(' ');
    if (!seen.has(text)) seen.set(text, { id: `e${seen.size}`, title: '', text });
  }
  const t0 = performance.now();
  const built = await buildLiteraturePack([...seen.values()], { runtime });
  const buildMs = performance.now() - t0;
  const session = new LiteratureSession(runtime);
  await session.open({ read: async (name) => built.files.get(name)! });
  return { session, buildMs };
}

const pct = (x: number) => (Number.isNaN(x) ? '  –  ' : `${(100 * x).toFixed(1).padStart(5)}%`);

async function pairsBench(): Promise<Record<string, unknown>> {
  const all = labelledPairs(DATA);
  if (all.length === 0) {
    console.log(`no labelled pairs under ${DATA} (HealthVer, COVID-Fact, SciFact): skipping part 1`);
    return {};
  }
  const bySet = new Map<string, LabelledPair[]>();
  for (const p of all) bySet.set(p.set, [...(bySet.get(p.set) ?? []), p]);

  // Verdicts for every pair at every candidate coverage, as the app judges (a sentence must be
  // closer than the corpus's off-topic controls for an unanchored conflict) and by the rules
  // alone (the pair taken as on-topic, as the data set says it is).
  const verdicts = new Map<LabelledPair, Verdict[]>();
  const rulesOnly = new Map<LabelledPair, Verdict[]>();
  const thresholds: Record<string, number> = {};
  for (const [set, pairs] of bySet) {
    const use = pairs.slice(0, LIMIT);
    const { session, buildMs } = await sessionFor(use);
    const t0 = performance.now();
    for (const p of use) {
      const sentences = p.evidence.flatMap((e) => splitSentences(e).map((s) => s.text));
      const { threshold, candidates } = await session.scoreEvidence(p.claim, sentences);
      thresholds[set] = threshold;
      const facts = sentenceFacts(p.claim);
      const options = (coverage: number): VerdictOptions => ({ ...DEFAULT_VERDICT_OPTIONS, disagreement: { polarityCoverage: coverage } });
      verdicts.set(p, COVERAGES.map((c) => judgeClaim(p.claim, candidates, threshold, options(c), facts).verdict));
      const onTopic = candidates.map((c) => ({ ...c, score: 1 }));
      rulesOnly.set(p, COVERAGES.map((c) => judgeClaim(p.claim, onTopic, 0, options(c), facts).verdict));
    }
    console.log(`${set}: ${use.length} pairs, index of the evidence built in ${(buildMs / 1000).toFixed(1)} s, judged in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  }
  return { asTheAppJudges: chooseAndReport('as the app judges (similarity gate calibrated on each corpus)', verdicts), rulesAlone: chooseAndReport('by the rules alone (each pair taken as on-topic)', rulesOnly) };

  function chooseAndReport(title: string, verdicts: Map<LabelledPair, Verdict[]>): Record<string, unknown> {
  console.log(`\n=== ${title} ===`);
  const matrixFor = (pairs: readonly LabelledPair[], k: number): Matrix => {
    const m = emptyMatrix();
    for (const p of pairs) {
      const v = verdicts.get(p);
      if (v) m[p.gold][v[k]!]++;
    }
    return m;
  };

  // Choose the coverage on the "choose" half of every set together.
  const choose = all.filter((p) => p.part === 'choose' && verdicts.has(p));
  console.log('\nchoosing the polarity coverage on the "choose" half (all sets together):');
  console.log('coverage  precision  recall  false alarms');
  let chosen = COVERAGES.length - 1;
  let bestRecall = -1;
  for (const [k, coverage] of COVERAGES.entries()) {
    const f = figures(matrixFor(choose, k));
    console.log(`${coverage.toFixed(2).padStart(8)}  ${pct(f.precision)}     ${pct(f.recall)}  ${pct(f.falseAlarm)}`);
    const ok = (Number.isNaN(f.precision) || f.precision >= 0.8) && !(f.falseAlarm > 0.05);
    if (ok && f.recall > bestRecall) [bestRecall, chosen] = [f.recall, k];
  }
  console.log(`chosen: ${COVERAGES[chosen]} (default in src/core/check: ${DEFAULT_VERDICT_OPTIONS.disagreement.polarityCoverage})`);

  console.log('\nreported on the "report" half, at the chosen coverage:');
  console.log('set             pairs  refutes  supports  precision  recall  false alarms  threshold');
  const report: Record<string, unknown> = {};
  const pooled = emptyMatrix();
  for (const [set, pairs] of bySet) {
    const part = pairs.filter((p) => p.part === 'report' && verdicts.has(p));
    const m = matrixFor(part, chosen);
    for (const g of Object.keys(m) as Gold[]) for (const v of Object.keys(m[g]) as Verdict[]) pooled[g][v] += m[g][v];
    const f = figures(m);
    console.log(
      `${set.padEnd(14)} ${String(f.pairs).padStart(6)}  ${String(f.refutes).padStart(7)}  ${String(f.supports).padStart(8)}  ${pct(f.precision).padStart(9)}  ${pct(f.recall)}  ${pct(f.falseAlarm).padStart(12)}  ${thresholds[set]!.toFixed(3)}`,
    );
    report[set] = { ...f, matrix: m, threshold: thresholds[set] };
  }
  const f = figures(pooled);
  console.log(`${'all'.padEnd(14)} ${String(f.pairs).padStart(6)}  ${String(f.refutes).padStart(7)}  ${String(f.supports).padStart(8)}  ${pct(f.precision).padStart(9)}  ${pct(f.recall)}  ${pct(f.falseAlarm).padStart(12)}`);
  console.log('\nconfusion matrix (report half, all sets; rows gold, columns verdict):');
  console.log('gold       supported  contradicted  no-close-support  not-checkable');
  for (const g of ['supports', 'refutes', 'neutral'] as Gold[]) {
    const r = pooled[g];
    console.log(`${g.padEnd(9)} ${String(r.supported).padStart(10)}  ${String(r.contradicted).padStart(12)}  ${String(r['no-close-support']).padStart(16)}  ${String(r['not-checkable']).padStart(13)}`);
  }
  return { coverage: COVERAGES[chosen], report, all: { ...f, matrix: pooled } };
  }
}

interface SampleNode {
  id: string;
  kind: string;
  text?: string;
  attributes?: { reviewFlag?: string };
}

async function sampleBench(): Promise<Record<string, unknown>> {
  const graph = JSON.parse(readFileSync('public/snapshots/sample/graph.json', 'utf8')) as { nodes: SampleNode[] };
  const session = new LiteratureSession(runtime);
  await session.open(nodeFolderIo('public/literature/sample'));
  const outputs = graph.nodes.filter((n) => n.kind === 'output' && n.text);
  const flagged: Record<string, unknown>[] = [];
  const counts = { flaggedOutputs: 0, flaggedCaught: 0, unflaggedSentences: 0, unflaggedContradicted: 0 };
  const falseAlarms: string[] = [];
  console.log('\nsample outputs a reviewer flagged, sentence by sentence (public/literature/sample):');
  for (const n of outputs) {
    const result = await session.check(n.text!);
    if (n.attributes?.reviewFlag) {
      counts.flaggedOutputs++;
      if (result.sentences.some((s) => s.verdict === 'contradicted')) counts.flaggedCaught++;
      for (const s of result.sentences) {
        const reason = s.reasons.map((r) => r.kind + (r.variable ? `:${r.variable}` : '')).join(',');
        console.log(`  ${n.id.padEnd(40)} ${s.verdict.padEnd(16)} ${reason.padEnd(16)} ${s.text.replace(/\s+/g, ' ').slice(0, 60)}`);
        flagged.push({ output: n.id, sentence: s.text, verdict: s.verdict, reasons: s.reasons, evidence: s.evidence[0]?.closestSentence });
      }
    } else {
      for (const s of result.sentences) {
        if (s.verdict === 'not-checkable') continue;
        counts.unflaggedSentences++;
        if (s.verdict === 'contradicted') {
          counts.unflaggedContradicted++;
          falseAlarms.push(`${n.id}: ${s.text.replace(/\s+/g, ' ').slice(0, 70)} ⟂ ${s.evidence[0]?.closestSentence.slice(0, 70)}`);
        }
      }
    }
  }
  console.log(`flagged outputs with a contradicted sentence: ${counts.flaggedCaught} of ${counts.flaggedOutputs}`);
  console.log(`contradicted sentences in outputs nobody flagged: ${counts.unflaggedContradicted} of ${counts.unflaggedSentences} (${pct(counts.unflaggedContradicted / counts.unflaggedSentences)})`);
  for (const f of new Set(falseAlarms)) console.log(`  ${f}`);
  return { ...counts, flagged, falseAlarms: [...new Set(falseAlarms)] };
}

async function speedBench(): Promise<Record<string, unknown>> {
  // The generated 100k-document corpus of bench:literature-browser (built and cached on first use).
  const { dir } = await ensureBenchPack({ docs: 100_000, seed: 1 });
  const session = new LiteratureSession(runtime);
  await session.open(nodeFolderIo(dir));
  const text = CHECK_BENCH_TEXT;
  await session.check('warm-up sentence about metformin.');
  const times: number[] = [];
  for (let i = 0; i < 5; i++) {
    const t0 = performance.now();
    await session.check(text + ' '.repeat(i));
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  console.log(`\nspeed: a 10-sentence output against ${dir} (Node, warm): median ${times[2]!.toFixed(0)} ms, max ${times[4]!.toFixed(0)} ms`);
  return { medianMs: times[2], maxMs: times[4] };
}

const out = { pairs: await pairsBench(), sample: await sampleBench(), speed: await speedBench() };
mkdirSync('bench/out', { recursive: true });
writeFileSync('bench/out/check.json', JSON.stringify(out, null, 2));
console.log('\nwrote bench/out/check.json');
