/**
 * Text in, unit vectors out: manifest-driven prefixes, tokenisation, the ONNX session,
 * pooling and normalisation. The browser worker and the Node indexer both go through
 * `createEmbedder`, so a vector computed at index time and one computed for a query are
 * the same function of the text.
 */
import { l2NormalizeInPlace, pool } from '../core/search/vector-pooling.ts';
import { createHfEncoder } from './hf-tokenizer.ts';
import { loadModelFolder, type ModelFolder, type ModelFolderIo } from './model-folder.ts';
import type { ModelManifest } from './model-manifest.ts';
import { createNgramEncoder } from './ngram-encoder.ts';
import { chooseBackend, type BackendChoice } from './choose-backend.ts';
import { createOnnxSession, type Backend, type RuntimeOptions } from './ort-session.ts';
import { timeQueries, TRIAL_QUERIES } from './query-timing.ts';
import type { TextInputEncoder } from './text-inputs.ts';
import { probeWebGpu, type WebGpuProbe } from './webgpu-probe.ts';

export type TextRole = 'query' | 'passage';

/** How the model runs here: the backend (and, for `auto`, why) and the WASM threads in use. */
export interface RuntimeReport extends BackendChoice {
  readonly numThreads: number;
}

export interface Embedder {
  readonly manifest: ModelManifest;
  readonly encoder: TextInputEncoder;
  readonly runtime: RuntimeReport;
  /** One vector of `manifest.dimensions` per text (unit length when `normalize`). */
  embed(texts: readonly string[], role: TextRole): Promise<Float32Array[]>;
  release(): Promise<void>;
}

export interface EmbedderOptions extends RuntimeOptions {
  /** Texts per session run; padding makes very large batches of mixed lengths wasteful. */
  readonly batchSize?: number;
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
/** WebGPU must give WASM's vectors to the tolerance the browser–Node parity check uses. */
const BACKEND_TOLERANCE = 1e-4;

function createEncoder(folder: ModelFolder): TextInputEncoder {
  const m = folder.manifest;
  if (m.tokenizer.kind === 'tokenizer.json') {
    return createHfEncoder(folder.tokenizerJson, folder.tokenizerConfig, m.maxLength, m.inputs);
  }
  return createNgramEncoder(m.tokenizer.buckets, Math.min(m.tokenizer.maxFeatures, m.maxLength), m.inputs);
}

export async function createEmbedderFromFolder(folder: ModelFolder, options: EmbedderOptions): Promise<Embedder> {
  const backend = options.backend ?? 'wasm';
  if (backend !== 'auto') return startEmbedder(folder, options, backend);
  const { chosen, choice } = await chooseBackend({
    probeWebGpu: options.probeWebGpu ?? (() => probeWebGpu()),
    start: (b) => startEmbedder(folder, options, b),
    trial: (candidates) => timeQueries(candidates, TRIAL_QUERIES, { runs: TRIAL_RUNS, budgetMs: TRIAL_BUDGET_MS }),
    release: (e) => e.release(),
    tolerance: BACKEND_TOLERANCE,
  });
  return { ...chosen, runtime: { ...choice, numThreads: chosen.runtime.numThreads } };
}

async function startEmbedder(folder: ModelFolder, options: EmbedderOptions, backend: Backend): Promise<Embedder> {
  const { manifest } = folder;
  const encoder = createEncoder(folder);
  const session = await createOnnxSession(folder.model, options, backend);
  const missing = manifest.inputs.filter((i) => !session.inputNames.includes(i));
  const unfed = session.inputNames.filter((i) => !(manifest.inputs as readonly string[]).includes(i));
  if (missing.length || unfed.length || !session.outputNames.includes(manifest.output)) {
    await session.release();
    throw new Error(
      `${manifest.name}: the manifest does not match the ONNX graph (graph inputs ${session.inputNames.join(', ')}; ` +
        `outputs ${session.outputNames.join(', ')}; manifest inputs ${manifest.inputs.join(', ')}, output ${manifest.output})`,
    );
  }
  const batchSize = options.batchSize ?? 16;

  async function embedBatch(texts: readonly string[]): Promise<Float32Array[]> {
    const enc = encoder.encode(texts);
    const out = await session.run(enc.feeds, [enc.batch, enc.length], manifest.output);
    const dims = out.dims[out.dims.length - 1]!;
    if (dims !== manifest.dimensions) {
      throw new Error(`${manifest.name}: the model gives ${dims} dimensions, the manifest says ${manifest.dimensions}`);
    }
    const tokens = out.dims.length === 3 ? out.dims[1]! : 1;
    const vectors = pool({ data: out.data, batch: enc.batch, tokens, dims }, enc.mask, manifest.pooling);
    if (manifest.normalize) vectors.forEach(l2NormalizeInPlace);
    return vectors;
  }

  return {
    manifest,
    encoder,
    runtime: { backend, numThreads: session.numThreads },
    async embed(texts, role) {
      const prefix = manifest.prefixes[role];
      const out: Float32Array[] = [];
      for (let i = 0; i < texts.length; i += batchSize) {
        out.push(...(await embedBatch(texts.slice(i, i + batchSize).map((t) => prefix + t))));
      }
      return out;
    },
    release: () => session.release(),
  };
}

/** Loads (and hash-checks) a model folder, then starts its session. */
export async function createEmbedder(io: ModelFolderIo, options: EmbedderOptions): Promise<Embedder> {
  return createEmbedderFromFolder(await loadModelFolder(io), options);
}
