/**
 * The one module that runs onnxruntime-web sessions: which build runs a backend, where its
 * .wasm files come from, how sessions are created. It imports no build of ORT itself: the
 * caller's `loadBuild` does, when a session first needs one. Node (the literature indexer)
 * gives ORT's Node build for every backend (cli/lib/literature-node-io.ts); a browser
 * worker gives the WASM-only build, and the WebGPU build only once a WebGPU adapter was
 * found (browser-runtime.ts), so a page that never embeds anything fetches neither.
 *
 * The .wasm location is always set explicitly: onnxruntime-web's default would fall back
 * to a public CDN, and a hospital intranet has none (nor should it leak requests).
 */
import type * as Ort from 'onnxruntime-web';
import type { ModelInput } from './model-manifest.ts';

export type Backend = 'wasm' | 'webgpu';
export const SUPPORTED_BACKENDS: readonly Backend[] = ['wasm', 'webgpu'];

/**
 * One build of onnxruntime-web (its module) and where its runtime files are. Each build is
 * its own copy of ORT, with its own environment and its own WebAssembly instance.
 */
export interface OrtBuild {
  readonly ort: typeof Ort;
  /**
   * Where this build's `.wasm` and `.mjs` live: a folder URL ending in `/`
   * (`node_modules/onnxruntime-web/dist/` in Node), or the URLs separately (the browser's
   * own assets, `browser-runtime.ts`). Threads need `mjs`: the pool's workers start from it.
   */
  readonly wasmPaths: string | { readonly wasm: string; readonly mjs?: string };
}

export interface RuntimeOptions {
  /**
   * Which execution provider runs the model: `wasm` (the default, and what the Node indexer
   * uses), `webgpu`, or `auto`: WebGPU where it is available, agrees with WASM and is
   * measured faster on this machine (`choose-backend.ts`), WASM otherwise.
   */
  readonly backend?: Backend | 'auto';
  /**
   * The build that runs `backend`, asked for whenever a session on that backend starts
   * (in a browser a dynamic import, which fetches the build the first time only).
   */
  loadBuild(backend: Backend): Promise<OrtBuild>;
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
  /**
   * WASM threads ORT actually runs with: read after the session started, because ORT sets
   * it back to 1 (with only a console warning) when it cannot use threads here.
   */
  readonly numThreads: number;
  run(feeds: ReadonlyMap<ModelInput, BigInt64Array>, dims: readonly number[], output: string): Promise<TensorOut>;
  release(): Promise<void>;
}

// Each build's environment is global to the page/process: configure it once, refuse
// conflicting settings instead of silently keeping the first.
const configured = new WeakMap<object, string>();
let sessionQueue: Promise<unknown> = Promise.resolve();

function configure(build: OrtBuild, numThreads: number): void {
  const key = JSON.stringify([build.wasmPaths, numThreads]);
  const before = configured.get(build.ort);
  if (before !== undefined && before !== key) {
    throw new Error('onnxruntime-web is already configured with other wasm paths or thread count');
  }
  if (before === undefined) {
    build.ort.env.wasm.wasmPaths = build.wasmPaths as typeof build.ort.env.wasm.wasmPaths;
    build.ort.env.wasm.numThreads = numThreads;
    configured.set(build.ort, key);
  }
}

export async function createOnnxSession(model: Uint8Array, options: RuntimeOptions, backend: Backend): Promise<OnnxSession> {
  if (!SUPPORTED_BACKENDS.includes(backend)) {
    throw new Error(`unknown backend "${backend}"; supported: ${SUPPORTED_BACKENDS.join(', ')}`);
  }
  const build = await options.loadBuild(backend);
  const { ort } = build;
  configure(build, options.numThreads ?? 1);
  // Session starts are serialised: concurrent creates race on ORT's one-time WASM init.
  // Errors only: on WebGPU, ORT otherwise prints (through console.error) that shape
  // operators stay on the CPU, which it does by design.
  const created = sessionQueue.then(() => ort.InferenceSession.create(model, { executionProviders: [backend], logSeverityLevel: 3 }));
  sessionQueue = created.catch(() => undefined);
  const session = await created;
  return {
    inputNames: session.inputNames,
    outputNames: session.outputNames,
    numThreads: ort.env.wasm.numThreads ?? 1,
    async run(feeds, dims, output) {
      const tensors: Record<string, Ort.Tensor> = {};
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
