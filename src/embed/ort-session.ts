/**
 * The one module that owns onnxruntime-web: where its .wasm files come from, which
 * execution provider runs, how sessions are created. The same import resolves to ORT's
 * Node-compatible build under Node (the literature indexer) and to the browser bundle in a
 * worker, so both compute vectors with the same WASM kernels.
 *
 * The .wasm location is always set explicitly: onnxruntime-web's default would fall back
 * to a public CDN, and a hospital intranet has none (nor should it leak requests).
 */
import * as ort from 'onnxruntime-web';
import type { ModelInput } from './model-manifest.ts';

export type Backend = 'wasm' | 'webgpu';
export const SUPPORTED_BACKENDS: readonly Backend[] = ['wasm', 'webgpu'];

export interface RuntimeOptions {
  /**
   * Which execution provider runs the model: `wasm` (the default, and what the Node indexer
   * uses), `webgpu`, or `auto`: WebGPU where it is available, agrees with WASM and is
   * measured faster on this machine (`choose-backend.ts`), WASM otherwise.
   */
  readonly backend?: Backend | 'auto';
  /**
   * Where ORT's `ort-wasm-simd-threaded.jsep.{wasm,mjs}` live: a folder URL ending in `/`
   * (`node_modules/onnxruntime-web/dist/` in Node), or the URLs separately (the browser's
   * own assets, `browser-runtime.ts`). Threads need `mjs`: the pool's workers start from it.
   */
  readonly wasmPaths: string | { readonly wasm: string; readonly mjs?: string };
  /** WASM threads (default 1); more than 1 only works when the page is cross-origin isolated (`thread-count.ts`). */
  readonly numThreads?: number;
}

export interface TensorOut {
  readonly data: Float32Array;
  readonly dims: readonly number[];
}

export interface OnnxSession {
  readonly inputNames: readonly string[];
  readonly outputNames: readonly string[];
  run(feeds: ReadonlyMap<ModelInput, BigInt64Array>, dims: readonly number[], output: string): Promise<TensorOut>;
  release(): Promise<void>;
}

// ORT's environment is global to the page/process: configure once, refuse conflicting
// settings instead of silently keeping the first.
let configured: string | null = null;
let sessionQueue: Promise<unknown> = Promise.resolve();

function configure(options: RuntimeOptions): void {
  const key = JSON.stringify([options.wasmPaths, options.numThreads ?? 1]);
  if (configured !== null && configured !== key) {
    throw new Error('onnxruntime-web is already configured with other wasm paths or thread count');
  }
  if (configured === null) {
    ort.env.wasm.wasmPaths = options.wasmPaths as typeof ort.env.wasm.wasmPaths;
    ort.env.wasm.numThreads = options.numThreads ?? 1;
    configured = key;
  }
}

/**
 * WASM threads ORT actually runs with: read after a session has started, because ORT sets
 * it back to 1 (with only a console warning) when it cannot use threads here.
 */
export function wasmThreadsInUse(): number {
  return ort.env.wasm.numThreads ?? 1;
}

export async function createOnnxSession(model: Uint8Array, options: RuntimeOptions, backend: Backend): Promise<OnnxSession> {
  if (!SUPPORTED_BACKENDS.includes(backend)) {
    throw new Error(`unknown backend "${backend}"; supported: ${SUPPORTED_BACKENDS.join(', ')}`);
  }
  configure(options);
  // Session starts are serialised: concurrent creates race on ORT's one-time WASM init.
  // Errors only: on WebGPU, ORT otherwise prints (through console.error) that shape
  // operators stay on the CPU, which it does by design.
  const created = sessionQueue.then(() => ort.InferenceSession.create(model, { executionProviders: [backend], logSeverityLevel: 3 }));
  sessionQueue = created.catch(() => undefined);
  const session = await created;
  return {
    inputNames: session.inputNames,
    outputNames: session.outputNames,
    async run(feeds, dims, output) {
      const tensors: Record<string, ort.Tensor> = {};
      for (const [name, data] of feeds) tensors[name] = new ort.Tensor('int64', data, [...dims]);
      const result = await session.run(tensors, [output]);
      const t = result[output];
      if (!t || t.type !== 'float32') throw new Error(`model output ${output} is missing or not float32`);
      const out = { data: t.data as Float32Array, dims: t.dims };
      t.dispose();
      return out;
    },
    release: () => session.release(),
  };
}
