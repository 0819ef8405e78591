import { describe, expect, it } from 'vitest';
import { backendText, threadsText, timingsText } from './runtime-text.ts';

const t = (p50: number, p95: number, runs = 12) => ({ p50, p95, runs });

describe('model check runtime text', () => {
  it('says which backend runs and why', () => {
    expect(backendText({ backend: 'wasm', numThreads: 2 })).toBe('wasm, as asked');
    expect(backendText({ backend: 'wasm', numThreads: 2, webgpuRejected: 'WebGPU gave no adapter' })).toBe('wasm; WebGPU not used: WebGPU gave no adapter');
    expect(backendText({ backend: 'webgpu', numThreads: 1, webgpuAdapter: 'nvidia ampere', wasm: t(9, 12), webgpu: t(3, 4) })).toBe(
      'webgpu (adapter: nvidia ampere), measured faster than WASM',
    );
    expect(backendText({ backend: 'webgpu', numThreads: 1 })).toBe('webgpu, as asked');
  });

  it('gives both timings when auto compared them, the WASM one alone when WebGPU failed, none otherwise', () => {
    expect(timingsText({ backend: 'wasm', numThreads: 2, wasm: t(0.5, 1.25), webgpu: t(90, 120) })).toBe(
      'WASM p50 0.50 ms, p95 1.25 ms; WebGPU p50 90.00 ms, p95 120.00 ms (12 runs each)',
    );
    expect(timingsText({ backend: 'wasm', numThreads: 2, wasm: t(0.5, 1.25) })).toBe('WASM p50 0.50 ms, p95 1.25 ms (12 runs)');
    expect(timingsText({ backend: 'wasm', numThreads: 2 })).toBeNull();
  });

  it('explains the thread count', () => {
    expect(threadsText({ runtime: { backend: 'wasm', numThreads: 4 }, threadsAsked: 4, isolated: true, cores: 8 })).toBe(
      '4 (asked for 4; cross-origin isolated; 8 logical cores)',
    );
    expect(threadsText({ runtime: { backend: 'wasm', numThreads: 1 }, threadsAsked: 1, isolated: false, cores: 8 })).toBe(
      '1 (asked for 1; not cross-origin isolated, so one; 8 logical cores)',
    );
  });
});
