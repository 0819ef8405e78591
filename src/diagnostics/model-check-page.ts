/**
 * model-check.html: an operator's check of a model folder in this browser — an embedding
 * model, or an NLI cross-encoder (`task: "nli"` in raireki-model.json).
 *
 *   model-check.html?model=literature/sample/model/[&golden=path/to/golden.json]
 *                   [&backend=auto|wasm|webgpu][&threads=N][&runs=N]
 *
 * Shows the model's name and size, load time, how it runs here (backend, and for `auto`
 * the WebGPU/WASM timings that chose it; WASM threads), query-embedding latency, and —
 * given golden vectors written by the Node tools — the largest difference from them (the
 * browser and the indexer must agree to 1e-4). For an NLI model: the label order, the
 * latency of one pair, and the largest difference from the golden probabilities. `backend` and `threads` override what the
 * app would choose, to measure one against the other. Everything is written with
 * textContent: no HTML from files.
 */
import { WorkerClient } from '../workers/rpc.ts';
import type { ModelCheckApi, ModelCheckArgs } from '../workers/model-check.worker.ts';
import { maxVectorDiff } from '../embed/vector-diff.ts';
import { isGoldenNli, maxScoreDiff, PARITY_TOLERANCE, type Golden } from './golden.ts';
import type { NliPair } from '../embed/index.ts';
import { backendText, threadsText, timingsText } from './runtime-text.ts';

const SAMPLE_PAIRS: NliPair[] = [
  { premise: 'Reduce metformin to 750 mg per day when eGFR is between 30 and 44.', hypothesis: 'Dose adjustment is enough once eGFR falls below 30.' },
  { premise: 'eGFRが30未満の患者にはメトホルミンは禁忌である。', hypothesis: 'eGFRが30未満でもメトホルミンを投与できる。' },
];
const SAMPLE_TEXTS = ['Is metformin safe at an eGFR of 38?', '腎機能が低下した患者へのメトホルミン投与', 'Intramuscular adrenaline for anaphylaxis.', '退院サマリーを作成してください。'];
/** Timed single-query runs; `&runs=N` for more (the first seconds after a load run baseline-compiled WASM). */
const TIMING_RUNS = 50;

function row(label: string, value: string, testId: string, data: Record<string, string> = {}): void {
  const dt = document.createElement('dt');
  dt.textContent = label;
  const dd = document.createElement('dd');
  dd.textContent = value;
  dd.dataset.testid = testId;
  Object.assign(dd.dataset, data);
  document.getElementById('results')!.append(dt, dd);
}

async function main(): Promise<void> {
  const params = new URLSearchParams(location.search);
  const model = params.get('model') ?? 'literature/sample/model/';
  const goldenPath = params.get('golden');
  const backend = params.get('backend');
  const threads = Number(params.get('threads') ?? '');
  const runs = Number(params.get('runs') ?? TIMING_RUNS);
  const status = document.getElementById('status')!;
  status.textContent = `Checking ${model} …`;
  try {
    let golden: Golden | null = null;
    if (goldenPath) {
      const res = await fetch(new URL(goldenPath, document.baseURI), { credentials: 'same-origin' });
      if (!res.ok) throw new Error(`${goldenPath}: HTTP ${res.status}`);
      golden = (await res.json()) as Golden;
    }
    const client = new WorkerClient<ModelCheckApi>(new Worker(new URL('../workers/model-check.worker.ts', import.meta.url), { type: 'module' }));
    const args: ModelCheckArgs = {
      modelUrl: new URL(model, document.baseURI).href,
      texts: golden && !isGoldenNli(golden) ? golden.texts : SAMPLE_TEXTS,
      pairs: golden && isGoldenNli(golden) ? golden.pairs : SAMPLE_PAIRS,
      timingRuns: Number.isInteger(runs) && runs > 0 ? runs : TIMING_RUNS,
    };
    if (backend === 'auto' || backend === 'wasm' || backend === 'webgpu') args.backend = backend;
    else if (backend !== null) throw new Error(`backend=${backend}: use auto, wasm or webgpu`);
    if (Number.isInteger(threads) && threads > 0) args.threads = threads;
    const result = await client.call('check', args);
    const rt = result.runtime;
    const nli = result.task === 'nli';
    row('Model', nli ? `${result.model} (NLI; outputs ${result.labels.join(', ')})` : `${result.model} (${result.dims} dimensions)`, 'model', { task: result.task });
    row('Load time', `${result.loadMs.toFixed(0)} ms`, 'load-ms');
    row('Backend', backendText(rt), 'backend', { value: rt.backend });
    row('WASM threads', threadsText(result), 'threads', { value: String(rt.numThreads) });
    const timings = timingsText(rt);
    if (timings) row(nli ? 'Backend choice, warm single pairs' : 'Backend choice, warm single queries', timings, 'backend-timings');
    const e = result.embedMs;
    row(nli ? `Pair classification (one pair, ${rt.backend})` : `Query embedding (one text, ${rt.backend})`, `p50 ${e.p50.toFixed(2)} ms, p95 ${e.p95.toFixed(2)} ms over ${e.runs} runs`, 'embed-ms');
    row('Cross-origin isolated', String(crossOriginIsolated), 'isolated');
    if (golden) {
      let diff: number;
      if (result.task === 'nli') {
        if (!isGoldenNli(golden)) throw new Error(`${goldenPath} holds vectors, but ${result.model} is an NLI model`);
        diff = maxScoreDiff(result.probabilities, golden.probabilities);
      } else {
        if (isGoldenNli(golden)) throw new Error(`${goldenPath} holds NLI probabilities, but ${result.model} is an embedding model`);
        diff = Math.max(maxVectorDiff(result.vectors.query, golden.query), maxVectorDiff(result.vectors.passage, golden.passage));
      }
      const what = nli ? 'probabilities' : 'vectors';
      row(`Largest difference from the golden ${what}`, diff.toExponential(2), 'max-diff');
      status.textContent = diff <= PARITY_TOLERANCE ? `Match: this browser computes the golden ${what} (to ${PARITY_TOLERANCE}).` : `Mismatch: this browser does not compute the golden ${what}.`;
      status.dataset.result = diff <= PARITY_TOLERANCE ? 'match' : 'mismatch';
    } else {
      status.textContent = 'Model loaded and running.';
      status.dataset.result = 'ok';
    }
    client.terminate();
  } catch (err) {
    status.textContent = `The model could not be checked: ${err instanceof Error ? err.message : String(err)}`;
    status.dataset.result = 'error';
  }
}

void main();
