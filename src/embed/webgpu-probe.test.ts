import { describe, expect, it } from 'vitest';
import { probeWebGpu } from './webgpu-probe.ts';

describe('probeWebGpu', () => {
  it('says why when there is no navigator.gpu or no adapter', async () => {
    expect(await probeWebGpu(undefined)).toEqual({ unavailable: 'no WebGPU here (navigator.gpu is missing)' });
    expect(await probeWebGpu({})).toEqual({ unavailable: 'no WebGPU here (navigator.gpu is missing)' });
    expect(await probeWebGpu({ gpu: { requestAdapter: async () => null } })).toEqual({ unavailable: 'WebGPU gave no adapter' });
  });

  it('names the adapter, and marks a software fallback', async () => {
    const gpu = (info: object) => ({ gpu: { requestAdapter: async () => ({ info }) } });
    expect(await probeWebGpu(gpu({ vendor: 'nvidia', architecture: 'ampere', description: '' }))).toEqual({ adapter: 'nvidia ampere' });
    expect(await probeWebGpu(gpu({ vendor: 'google', architecture: 'swiftshader', isFallbackAdapter: true }))).toEqual({
      adapter: 'google swiftshader (software fallback)',
    });
    expect(await probeWebGpu(gpu({}))).toEqual({ adapter: 'unnamed adapter' });
  });
});
