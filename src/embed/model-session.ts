/**
 * What every model folder's runtime does the same way, whatever its task (an embedder, an
 * NLI cross-encoder): start an ONNX session and check that the graph takes the inputs and
 * gives the output the manifest names, and, for `backend: 'auto'`, start WASM, try WebGPU
 * against it and keep the faster (choose-backend.ts).
 */
import { chooseBackend, type BackendChoice } from './choose-backend.ts';
import type { AnyModelManifest } from './model-manifest.ts';
import { createOnnxSession, type Backend, type OnnxSession, type RuntimeOptions } from './ort-session.ts';
import { timeQueries, TRIAL_QUERIES, type QueryEmbedder } from './query-timing.ts';
import { probeWebGpu, type WebGpuProbe } from './webgpu-probe.ts';

/** How the model runs here: the backend (and, for `auto`, why) and the WASM threads in use. */
export interface RuntimeReport extends BackendChoice {
  readonly numThreads: number;
}

export interface ModelRuntimeOptions extends RuntimeOptions {
  /** For `backend: 'auto'`: whether WebGPU has an adapter (default: ask `navigator.gpu`). */
  readonly probeWebGpu?: () => Promise<WebGpuProbe>;
}

/**
 * `auto` times this many warm single queries per backend, taking them in turn, within
 * TRIAL_BUDGET_MS once every trial query has run on both: enough for a stable median on a
 * real GPU, and a bound on what a hopeless one (a software adapter) costs the model's start.
 */
const TRIAL_RUNS = 12;
const TRIAL_BUDGET_MS = 3000;
/** WebGPU must give WASM's outputs to the tolerance the browser–Node parity check uses. */
const BACKEND_TOLERANCE = 1e-4;

/** An ONNX session on `backend` whose graph takes exactly the manifest's inputs and gives its output. */
export async function startModelSession(manifest: AnyModelManifest, model: Uint8Array, options: RuntimeOptions, backend: Backend): Promise<OnnxSession> {
  const session = await createOnnxSession(model, options, backend);
  const missing = manifest.inputs.filter((i) => !session.inputNames.includes(i));
  const unfed = session.inputNames.filter((i) => !(manifest.inputs as readonly string[]).includes(i));
  if (missing.length || unfed.length || !session.outputNames.includes(manifest.output)) {
    await session.release();
    throw new Error(
      `${manifest.name}: the manifest does not match the ONNX graph (graph inputs ${session.inputNames.join(', ')}; ` +
        `outputs ${session.outputNames.join(', ')}; manifest inputs ${manifest.inputs.join(', ')}, output ${manifest.output})`,
    );
  }
  return session;
}

/**
 * Starts a model on the backend the options ask for; for `auto`, on WASM and (where there is
 * an adapter) WebGPU, timed on the same trial queries through `asQueries`, whose outputs
 * must agree to BACKEND_TOLERANCE. The result's `runtime` says what was chosen and why.
 */
export async function startOnBackend<T extends { readonly runtime: RuntimeReport; release(): Promise<void> }>(
  options: ModelRuntimeOptions,
  start: (backend: Backend) => Promise<T>,
  asQueries: (model: T) => QueryEmbedder,
): Promise<T> {
  const backend = options.backend ?? 'wasm';
  if (backend !== 'auto') return start(backend);
  const { chosen, choice } = await chooseBackend({
    probeWebGpu: options.probeWebGpu ?? (() => probeWebGpu()),
    start,
    trial: (candidates) => timeQueries(candidates.map(asQueries), TRIAL_QUERIES, { runs: TRIAL_RUNS, budgetMs: TRIAL_BUDGET_MS }),
    release: (m) => m.release(),
    tolerance: BACKEND_TOLERANCE,
  });
  return { ...chosen, runtime: { ...choice, numThreads: chosen.runtime.numThreads } };
}
