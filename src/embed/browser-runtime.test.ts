import { describe, expect, it } from 'vitest';
import { browserRuntimeOptions, type BrowserScope } from './browser-runtime.ts';

const scope = (crossOriginIsolated: boolean, hardwareConcurrency: number): BrowserScope => ({
  location: { href: 'https://intranet.example/raireki/assets/literature.worker-abc.js' },
  crossOriginIsolated,
  navigator: { hardwareConcurrency },
});

describe('browserRuntimeOptions', () => {
  it('names both ORT files as absolute URLs on the page origin (threads start from the .mjs)', () => {
    const { wasmPaths } = browserRuntimeOptions({}, scope(true, 8));
    if (typeof wasmPaths === 'string') throw new Error('expected separate URLs');
    for (const [url, ext] of [[wasmPaths.wasm, '.wasm'], [wasmPaths.mjs!, '.mjs']] as const) {
      expect(new URL(url).origin).toBe('https://intranet.example');
      expect(new URL(url).pathname).toMatch(new RegExp(`ort-wasm-simd-threaded\\.jsep.*\\${ext}$`));
    }
  });

  it('asks for threads only when isolated, and for auto backend selection', () => {
    expect(browserRuntimeOptions({}, scope(true, 8))).toMatchObject({ numThreads: 4, backend: 'auto' });
    expect(browserRuntimeOptions({}, scope(false, 8))).toMatchObject({ numThreads: 1, backend: 'auto' });
  });

  it('lets the model check override the backend and thread count', () => {
    expect(browserRuntimeOptions({ backend: 'wasm', numThreads: 1 }, scope(true, 8))).toMatchObject({ numThreads: 1, backend: 'wasm' });
  });
});
