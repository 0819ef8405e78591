/**
 * onnxruntime-web in a browser worker: which build runs which backend, its runtime files as
 * the app's own assets, threads when the page is cross-origin isolated.
 *
 * Two builds, each loaded by dynamic import when a session first needs it, so that neither
 * is part of any worker's own script (a page that never embeds anything fetches no ORT):
 * - WASM: `onnxruntime-web/wasm` with `ort-wasm-simd-threaded.{wasm,mjs}` (14 MB), the same
 *   WebAssembly build the Node indexer runs (ORT's Node build uses it too);
 * - WebGPU: `onnxruntime-web/webgpu` with `ort-wasm-simd-threaded.asyncify.{wasm,mjs}`
 *   (27 MB), imported only after a probe found a WebGPU adapter here. `backend: 'auto'`
 *   then still has to show it computes WASM's vectors, faster (choose-backend.ts).
 * The default `onnxruntime-web` export (the JSEP build, 28 MB, deprecated upstream since
 * 1.29) is not used by the browser at all.
 *
 * Both files of a build are named, not just the `.wasm`. The bundled builds carry a copy of
 * the Emscripten glue (`.mjs`), but with threads that copy would start each pool thread as a
 * worker from `import.meta.url` — which, once Vite has bundled it, is our own script, so
 * every thread boots the whole worker again (tried: the model never finished loading).
 * Given `mjs`, ORT imports that file instead (same origin, so no blob: URL, which the nginx
 * CSP does not allow for workers), and the pool threads start from it alone.
 *
 * Not exported from index.ts: `?url` imports exist only in Vite.
 */
import type * as Ort from 'onnxruntime-web';
import wasmFile from 'onnxruntime-web/ort-wasm-simd-threaded.wasm?url';
import wasmGlue from 'onnxruntime-web/ort-wasm-simd-threaded.mjs?url';
import webgpuWasmFile from 'onnxruntime-web/ort-wasm-simd-threaded.asyncify.wasm?url';
import webgpuWasmGlue from 'onnxruntime-web/ort-wasm-simd-threaded.asyncify.mjs?url';
import type { Backend, OrtBuild, RuntimeOptions } from './ort-session.ts';
import { wasmThreadCount } from './thread-count.ts';
import { probeWebGpu, type GpuLike } from './webgpu-probe.ts';

export interface BrowserScope {
  readonly location: { readonly href: string };
  readonly crossOriginIsolated: boolean;
  readonly navigator: { readonly hardwareConcurrency?: number; readonly gpu?: GpuLike };
}

/** The builds' modules; injected in tests, where nothing may be imported for real. */
export type OrtImports = Record<Backend, () => Promise<typeof Ort>>;

// Literal specifiers: Vite turns each into a chunk of its own, fetched on the first call.
const ORT_IMPORTS: OrtImports = {
  wasm: () => import('onnxruntime-web/wasm'),
  webgpu: () => import('onnxruntime-web/webgpu'),
};

const FILES: Record<Backend, { wasm: string; mjs: string }> = {
  wasm: { wasm: wasmFile, mjs: wasmGlue },
  webgpu: { wasm: webgpuWasmFile, mjs: webgpuWasmGlue },
};

/**
 * Loads the build that runs a backend (`import()` fetches a module once per worker). The
 * WebGPU build is imported only where WebGPU has an adapter: asked for WebGPU without one
 * (`backend=webgpu` on the model check page), it says why instead of fetching 27 MB that
 * cannot run; `auto` probes before it asks (choose-backend.ts).
 */
export function browserBuildLoader(scope: BrowserScope = self, imports: OrtImports = ORT_IMPORTS): (backend: Backend) => Promise<OrtBuild> {
  return async (backend) => {
    if (backend === 'webgpu') {
      const probe = await probeWebGpu(scope.navigator);
      if ('unavailable' in probe) throw new Error(`the WebGPU build of onnxruntime-web was not loaded: ${probe.unavailable}`);
    }
    const files = FILES[backend];
    const ort = await imports[backend]();
    return { ort, wasmPaths: { wasm: new URL(files.wasm, scope.location.href).href, mjs: new URL(files.mjs, scope.location.href).href } };
  };
}

/** Runtime options for a worker of this app; `overrides` for the operator's model check. */
export function browserRuntimeOptions(
  overrides: Partial<Pick<RuntimeOptions, 'backend' | 'numThreads'>> = {},
  scope: BrowserScope = self,
  imports: OrtImports = ORT_IMPORTS,
): RuntimeOptions {
  return {
    loadBuild: browserBuildLoader(scope, imports),
    numThreads: overrides.numThreads ?? wasmThreadCount(scope.crossOriginIsolated, scope.navigator.hardwareConcurrency),
    backend: overrides.backend ?? 'auto',
  };
}
