import type * as Ort from 'onnxruntime-web';
import { describe, expect, it } from 'vitest';
import { createOnnxSession, type Backend, type OrtBuild } from './ort-session.ts';

/**
 * A stand-in for one build of ORT: its own environment, and the execution providers its
 * sessions were created with. `threadsAfterStart` plays ORT falling back to one thread.
 */
function fakeBuild(name: string, threadsAfterStart?: number): OrtBuild & { providers: string[][] } {
  const providers: string[][] = [];
  const env = { wasm: {} as { wasmPaths?: unknown; numThreads?: number } };
  const ort = {
    env,
    InferenceSession: {
      create: async (_model: Uint8Array, opts: { executionProviders: string[] }) => {
        providers.push(opts.executionProviders);
        if (threadsAfterStart !== undefined) env.wasm.numThreads = threadsAfterStart;
        return { inputNames: ['input_ids'], outputNames: ['out'], release: async () => undefined };
      },
    },
  } as unknown as typeof Ort;
  return { ort, wasmPaths: { wasm: `https://h/${name}.wasm`, mjs: `https://h/${name}.mjs` }, providers };
}

const MODEL = new Uint8Array([1]);

describe('createOnnxSession', () => {
  it('configures each build on its own: the WebGPU build gets its own files, not the WASM build\'s', async () => {
    const builds = { wasm: fakeBuild('plain'), webgpu: fakeBuild('asyncify') };
    const options = { loadBuild: async (b: Backend) => builds[b], numThreads: 2 };
    const wasm = await createOnnxSession(MODEL, options, 'wasm');
    const gpu = await createOnnxSession(MODEL, options, 'webgpu');
    for (const [backend, build] of Object.entries(builds)) {
      expect(build.ort.env.wasm.wasmPaths).toEqual(build.wasmPaths);
      expect(build.ort.env.wasm.numThreads).toBe(2);
      expect(build.providers).toEqual([[backend]]);
    }
    expect([wasm.numThreads, gpu.numThreads]).toEqual([2, 2]);
  });

  it('reports the threads the build runs with after the start, not those asked for', async () => {
    const build = fakeBuild('single', 1);
    const session = await createOnnxSession(MODEL, { loadBuild: async () => build, numThreads: 4 }, 'wasm');
    expect(session.numThreads).toBe(1);
  });

  it('refuses to configure a build a second time with other settings', async () => {
    const build = fakeBuild('once');
    await createOnnxSession(MODEL, { loadBuild: async () => build, numThreads: 2 }, 'wasm');
    await createOnnxSession(MODEL, { loadBuild: async () => build, numThreads: 2 }, 'wasm');
    await expect(createOnnxSession(MODEL, { loadBuild: async () => build, numThreads: 3 }, 'wasm')).rejects.toThrow(/already configured/);
  });

  it('lets a build that cannot be loaded fail the session start with its reason', async () => {
    const loadBuild = async () => {
      throw new Error('the WebGPU build of onnxruntime-web was not loaded: WebGPU gave no adapter');
    };
    await expect(createOnnxSession(MODEL, { loadBuild }, 'webgpu')).rejects.toThrow(/no adapter/);
  });
});
