import type * as Ort from 'onnxruntime-web';
import { describe, expect, it } from 'vitest';
import { browserBuildLoader, browserRuntimeOptions, type BrowserScope, type OrtImports } from './browser-runtime.ts';
import type { GpuLike } from './webgpu-probe.ts';

const scope = (crossOriginIsolated: boolean, hardwareConcurrency: number, gpu?: GpuLike): BrowserScope => ({
  location: { href: 'https://intranet.example/raireki/assets/literature.worker-abc.js' },
  crossOriginIsolated,
  navigator: gpu ? { hardwareConcurrency, gpu } : { hardwareConcurrency },
});

const adapter: GpuLike = { requestAdapter: async () => ({ info: { vendor: 'test', architecture: 'gpu' } }) };
const noAdapter: GpuLike = { requestAdapter: async () => null };

/** Stand-ins for the two builds, recording which were imported. */
function fakeImports(): { imports: OrtImports; imported: string[]; modules: Record<string, typeof Ort> } {
  const modules = { wasm: { build: 'wasm' } as unknown as typeof Ort, webgpu: { build: 'webgpu' } as unknown as typeof Ort };
  const imported: string[] = [];
  return {
    imported,
    modules,
    imports: {
      wasm: async () => (imported.push('wasm'), modules.wasm),
      webgpu: async () => (imported.push('webgpu'), modules.webgpu),
    },
  };
}

function paths(build: { wasmPaths: string | { wasm: string; mjs?: string } }): { wasm: string; mjs: string } {
  if (typeof build.wasmPaths === 'string' || !build.wasmPaths.mjs) throw new Error('expected both files named');
  return { wasm: build.wasmPaths.wasm, mjs: build.wasmPaths.mjs };
}

describe('browserBuildLoader', () => {
  it('runs WASM on the WASM-only build, with its own files as absolute URLs on the page origin (threads start from the .mjs)', async () => {
    const { imports, imported, modules } = fakeImports();
    const build = await browserBuildLoader(scope(true, 8, adapter), imports)('wasm');
    expect(build.ort).toBe(modules.wasm);
    expect(imported).toEqual(['wasm']);
    const { wasm, mjs } = paths(build);
    for (const [url, ext] of [[wasm, 'wasm'], [mjs, 'mjs']] as const) {
      expect(new URL(url).origin).toBe('https://intranet.example');
      // The plain file (hashed by Vite in a build), not the .jsep or .asyncify variant.
      expect(new URL(url).pathname).toMatch(new RegExp(`/ort-wasm-simd-threaded(-[^/.]+)?\\.${ext}$`));
    }
  });

  it('imports the WebGPU build, with its own files, once a probe found an adapter', async () => {
    const { imports, imported, modules } = fakeImports();
    const build = await browserBuildLoader(scope(true, 8, adapter), imports)('webgpu');
    expect(build.ort).toBe(modules.webgpu);
    expect(imported).toEqual(['webgpu']);
    const { wasm, mjs } = paths(build);
    expect(new URL(wasm).pathname).toMatch(/\/ort-wasm-simd-threaded\.asyncify(-[^/.]+)?\.wasm$/);
    expect(new URL(mjs).pathname).toMatch(/\/ort-wasm-simd-threaded\.asyncify(-[^/.]+)?\.mjs$/);
  });

  it('never imports the WebGPU build without an adapter, and says why', async () => {
    for (const [gpu, why] of [
      [undefined, 'navigator.gpu is missing'],
      [noAdapter, 'WebGPU gave no adapter'],
    ] as const) {
      const { imports, imported } = fakeImports();
      await expect(browserBuildLoader(scope(true, 8, gpu), imports)('webgpu')).rejects.toThrow(
        new RegExp(`^the WebGPU build of onnxruntime-web was not loaded: .*${why.replace('.', '\\.')}`),
      );
      expect(imported).toEqual([]);
    }
  });

  it('imports nothing until a session asks for a build', () => {
    const { imports, imported } = fakeImports();
    browserRuntimeOptions({}, scope(true, 8, adapter), imports);
    expect(imported).toEqual([]);
  });
});

describe('browserRuntimeOptions', () => {
  it('asks for threads only when isolated, and for auto backend selection', () => {
    expect(browserRuntimeOptions({}, scope(true, 8))).toMatchObject({ numThreads: 4, backend: 'auto' });
    expect(browserRuntimeOptions({}, scope(false, 8))).toMatchObject({ numThreads: 1, backend: 'auto' });
  });

  it('lets the model check override the backend and thread count', () => {
    expect(browserRuntimeOptions({ backend: 'wasm', numThreads: 1 }, scope(true, 8))).toMatchObject({ numThreads: 1, backend: 'wasm' });
  });
});
