/**
 * Model comparison and the unlearning marks of impact analysis on generated snapshots, in the
 * binary layout the app opens (the worker's path: graph core in memory, whole nodes from
 * details chunks on demand). Prints, per size: finding the unlearning records (once per
 * snapshot), the remediation marks against the impact traversal they come with (ratio), and
 * comparing two and five models, cold (chunks read) and warm.
 *
 *   npm run bench:models [-- --sizes 100000,1000000] [-- --dirs <binary dir>,…]
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { webcrypto } from 'node:crypto';
import { CoreGraphIndex, DetailsStore, GRAPH_CORE_FILE, readGraphCore } from '../src/core/columnar/index.ts';
import { closureColumns, kindCode } from '../src/core/graph/index.ts';
import { recordsAt, remediationFrom, unlearningCandidates, type RecordAt } from '../src/core/unlearning/index.ts';
import { buildComparison, comparisonNodes } from '../src/core/compare/index.ts';
import { Prng } from '../src/testing/prng.ts';
import { summarize, time } from './lib/stats.ts';
import { largestPhiDataset } from './lib/largest-phi-dataset.ts';
import { ensureCompiledSnapshot } from './generated-snapshots.ts';

const arg = (name: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
const dirs = arg('dirs')?.split(',') ?? (arg('sizes') ?? '100000,1000000').split(',').map((n) => ensureCompiledSnapshot(Number(n), 1).dir);
/** A record per unlearning activity, from its edges: used model → before, generated model → after. */
function syntheticRecords(index: CoreGraphIndex, activities: readonly number[]): RecordAt[] {
  const MODEL = kindCode('model');
  const out: RecordAt[] = [];
  for (const a of activities) {
    let before = -1;
    let after = -1;
    for (let p = index.outOffsets[a]!; p < index.outOffsets[a + 1]!; p++) if (index.kindCodes[index.outNodes[p]!] === MODEL) before = index.outNodes[p]!;
    for (let p = index.inOffsets[a]!; p < index.inOffsets[a + 1]!; p++) if (index.kindCodes[index.inNodes[p]!] === MODEL) after = index.inNodes[p]!;
    if (before < 0 || after < 0) continue;
    const record = { modelBefore: index.nodeId(before), modelAfter: index.nodeId(after), forgetSet: '', method: 'other' as const, metrics: [] };
    out.push({ activity: a, record, modelBefore: before, modelAfter: after, forgetSet: -1 });
  }
  return out;
}

const sha256 = async (bytes: Uint8Array) => Buffer.from(await webcrypto.subtle.digest('SHA-256', bytes)).toString('hex');
const fmt = (ms: number) => (ms < 10 ? ms.toFixed(2) : ms.toFixed(0));

for (const dir of dirs) {
  const core = readGraphCore(new Uint8Array(readFileSync(join(dir, GRAPH_CORE_FILE))), GRAPH_CORE_FILE);
  const details = new DetailsStore(core, { read: async (p) => new Uint8Array(readFileSync(join(dir, p))), sha256, decodeUtf8: (b) => new TextDecoder().decode(b) });
  const index = new CoreGraphIndex(core, (i) => details.cached(i));
  const n = index.nodeCount;

  const t0 = performance.now();
  const candidates = unlearningCandidates(index);
  await details.load(candidates);
  const records = recordsAt(index, candidates);
  const recordsMs = performance.now() - t0;

  // Generated snapshots carry no records: make one per unlearning activity from its edges (the
  // model it used, a dataset it used as forget set, the model it generated), so that the marks
  // walk all three passes; the forget set is moved into the worst dataset's closure below.
  const synthetic = syntheticRecords(index, candidates);
  const { node: worst, rows } = largestPhiDataset(index);
  const downstream = closureColumns(index, worst, 'down').node;
  for (const r of synthetic) r.forgetSet = downstream.find((v) => index.kindCodes[v] === kindCode('dataset')) ?? worst;
  const withRecords = summarize([0, 1, 2, 3, 4].map(() => time(() => remediationFrom(index, worst, synthetic)).ms)).medianMs;
  const traversal: number[] = [];
  const marks: number[] = [];
  let models = 0;
  for (let r = 0; r < 5; r++) {
    traversal.push(time(() => closureColumns(index, worst, 'down')).ms);
    const m = time(() => remediationFrom(index, worst, records));
    marks.push(m.ms);
    models = m.result.size;
  }
  const tr = summarize(traversal).medianMs;
  const mk = summarize(marks).medianMs;

  // Models with the most upstream: the comparison's worst case among random picks.
  const MODEL = kindCode('model');
  const rng = new Prng(20261206);
  const allModels: number[] = [];
  for (let i = 0; i < n; i++) if (index.kindCodes[i] === MODEL) allModels.push(i);
  const pick = (k: number) => Array.from({ length: k }, () => index.nodeId(allModels[rng.int(allModels.length)]!));
  const compare = async (ids: string[]) => {
    const c0 = performance.now();
    await details.load(comparisonNodes(index, ids));
    const view = buildComparison(index, ids);
    return { ms: performance.now() - c0, view };
  };
  const line = async (k: number) => {
    const ids = pick(k);
    const cold = await compare(ids);
    const warm = summarize(await Promise.all([0, 1, 2].map(async () => (await compare(ids)).ms))).medianMs;
    const data = cold.view.models.reduce((s, m) => s + m.dataTotal, 0);
    return `${k} models: ${fmt(cold.ms)} ms cold (details read), ${fmt(warm)} ms warm; ${data} upstream datasets, ${cold.view.shared.length} shared benchmarks`;
  };
  console.log(`${dir}: ${n.toLocaleString('en')} nodes (binary layout)`);
  console.log(`  unlearning records: ${records.length} found among ${candidates.length} unlearning activities in ${fmt(recordsMs)} ms (once per snapshot)`);
  console.log(`  impact of the largest PHI dataset (${rows.toLocaleString('en')} downstream): traversal ${fmt(tr)} ms, remediation marks of ${models.toLocaleString('en')} models ${fmt(mk)} ms (${(mk / tr).toFixed(2)}× the traversal)`);
  console.log(`  … with ${synthetic.length} synthetic records whose forget set is downstream of it: ${fmt(withRecords)} ms (${(withRecords / tr).toFixed(2)}× the traversal)`);
  console.log(`  compare ${await line(2)}`);
  console.log(`  compare ${await line(5)}`);
}
