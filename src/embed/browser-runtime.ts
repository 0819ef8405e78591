/**
 * onnxruntime-web in a browser worker: its runtime files as the app's own assets, threads
 * when the page is cross-origin isolated, and WebGPU when it is measured faster.
 *
 * Both files are named, not just the `.wasm`. The bundled build of `onnxruntime-web`
 * carries a copy of the Emscripten glue (`.mjs`), but with threads that copy would start
 * each pool thread as a worker from `import.meta.url` — which, once Vite has bundled it, is
 * our own worker script, so every thread boots the whole worker again (tried: the model
 * never finished loading). Given `mjs`, ORT imports that file instead (same origin, so no
 * blob: URL, which the nginx CSP does not allow for workers), and the pool threads start
 * from it alone.
 *
 * The `.jsep` variant is the one the default `onnxruntime-web` build runs, WASM or WebGPU
 * (docs/embedding-models.md). Not exported from index.ts: `?url` imports exist only in Vite.
 */
import wasm from 'onnxruntime-web/ort-wasm-simd-threaded.jsep.wasm?url';
import mjs from 'onnxruntime-web/ort-wasm-simd-threaded.jsep.mjs?url';
import type { RuntimeOptions } from './ort-session.ts';
import { wasmThreadCount } from './thread-count.ts';

export interface BrowserScope {
  readonly location: { readonly href: string };
  readonly crossOriginIsolated: boolean;
  readonly navigator: { readonly hardwareConcurrency?: number };
}

/** Runtime options for a worker of this app; `overrides` for the operator's model check. */
export function browserRuntimeOptions(overrides: Partial<Pick<RuntimeOptions, 'backend' | 'numThreads'>> = {}, scope: BrowserScope = self): RuntimeOptions {
  return {
    wasmPaths: { wasm: new URL(wasm, scope.location.href).href, mjs: new URL(mjs, scope.location.href).href },
    numThreads: overrides.numThreads ?? wasmThreadCount(scope.crossOriginIsolated, scope.navigator.hardwareConcurrency),
    backend: overrides.backend ?? 'auto',
  };
}
