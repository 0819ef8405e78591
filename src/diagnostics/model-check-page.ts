/**
 * model-check.html: an operator's check of an embedding model folder in this browser.
 *
 *   model-check.html?model=literature/sample/model/[&golden=path/to/golden.json]
 *                   [&backend=auto|wasm|webgpu][&threads=N][&runs=N]
 *
 * Shows the model's name and size, load time, how it runs here (backend, and for `auto`
 * the WebGPU/WASM timings that chose it; WASM threads), query-embedding latency, and —
 * given golden vectors written by the Node tools — the largest difference from them (the
 * browser and the indexer must agree to 1e-4). `backend` and `threads` override what the
 * app would choose, to measure one against the other. Everything is written with
 * textContent: no HTML from files.
 */
import { WorkerClient } from '../workers/rpc.ts';
import type { ModelCheckApi, ModelCheckArgs } from '../workers/model-check.worker.ts';
import { maxVectorDiff } from '../embed/vector-diff.ts';
import { PARITY_TOLERANCE, type GoldenVectors } from './golden.ts';
import { backendText, threadsText, timingsText } from './runtime-text.ts';

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
    let golden: GoldenVectors | null = null;
    if (goldenPath) {
      const res = await fetch(new URL(goldenPath, document.baseURI), { credentials: 'same-origin' });
      if (!res.ok) throw new Error(`${goldenPath}: HTTP ${res.status}`);
      golden = (await res.json()) as GoldenVectors;
    }
    const client = new WorkerClient<ModelCheckApi>(new Worker(new URL('../workers/model-check.worker.ts', import.meta.url), { type: 'module' }));
    const args: ModelCheckArgs = { modelUrl: new URL(model, document.baseURI).href, texts: golden?.texts ?? SAMPLE_TEXTS, timingRuns: Number.isInteger(runs) && runs > 0 ? runs : TIMING_RUNS };
    if (backend === 'auto' || backend === 'wasm' || backend === 'webgpu') args.backend = backend;
    else if (backend !== null) throw new Error(`backend=${backend}: use auto, wasm or webgpu`);
    if (Number.isInteger(threads) && threads > 0) args.threads = threads;
    const result = await client.call('check', args);
    const rt = result.runtime;
    row('Model', `${result.model} (${result.dims} dimensions)`, 'model');
    row('Load time', `${result.loadMs.toFixed(0)} ms`, 'load-ms');
    row('Backend', backendText(rt), 'backend', { value: rt.backend });
    row('WASM threads', threadsText(result), 'threads', { value: String(rt.numThreads) });
    const timings = timingsText(rt);
    if (timings) row('Backend choice, warm single queries', timings, 'backend-timings');
    const e = result.embedMs;
    row(`Query embedding (one text, ${rt.backend})`, `p50 ${e.p50.toFixed(2)} ms, p95 ${e.p95.toFixed(2)} ms over ${e.runs} runs`, 'embed-ms');
    row('Cross-origin isolated', String(crossOriginIsolated), 'isolated');
    if (golden) {
      const diff = Math.max(maxVectorDiff(result.vectors.query, golden.query), maxVectorDiff(result.vectors.passage, golden.passage));
      row('Largest difference from the golden vectors', diff.toExponential(2), 'max-diff');
      status.textContent = diff <= PARITY_TOLERANCE ? `Match: this browser computes the golden vectors (to ${PARITY_TOLERANCE}).` : 'Mismatch: this browser does not compute the golden vectors.';
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
