import { describe, expect, it } from 'vitest';
import { chooseBackend, timingOf, type BackendTrialDeps, type QueryTrial, type TrialOutcome } from './choose-backend.ts';
import type { Backend } from './ort-session.ts';
import type { WebGpuProbe } from './webgpu-probe.ts';

interface Fake {
  backend: Backend;
  released: boolean;
}

const vec = (...xs: number[]) => new Float32Array(xs);
const SAME = [vec(0.6, 0.8), vec(1, 0)];

interface Script {
  probe?: () => Promise<WebGpuProbe>;
  startFails?: Partial<Record<Backend, string>>;
  trials?: Partial<Record<Backend, QueryTrial | string>>;
}

/** Deps whose sessions are plain records, with a log of what was started and released. */
function fakeDeps(script: Script) {
  const log: string[] = [];
  const started: Fake[] = [];
  const deps: BackendTrialDeps<Fake> = {
    probeWebGpu: script.probe ?? (async () => ({ adapter: 'test adapter' })),
    async start(backend) {
      log.push(`start ${backend}`);
      const fail = script.startFails?.[backend];
      if (fail) throw new Error(fail);
      const fake = { backend, released: false };
      started.push(fake);
      return fake;
    },
    async trial(candidates) {
      log.push(`trial ${candidates.map((c) => c.backend).join('+')}`);
      return candidates.map((c): TrialOutcome => {
        const t = script.trials?.[c.backend];
        if (t === undefined) throw new Error(`no trial scripted for ${c.backend}`);
        return typeof t === 'string' ? { error: t } : t;
      });
    },
    async release(c) {
      log.push(`release ${c.backend}`);
      c.released = true;
    },
    tolerance: 1e-4,
  };
  return { deps, log, started };
}

const trial = (times: number[], vectors = SAME): QueryTrial => ({ times, vectors });

describe('chooseBackend', () => {
  it('keeps WASM without timing anything when there is no WebGPU adapter', async () => {
    const { deps, log } = fakeDeps({ probe: async () => ({ unavailable: 'WebGPU gave no adapter' }) });
    const { chosen, choice } = await chooseBackend(deps);
    expect(chosen.backend).toBe('wasm');
    expect(choice).toEqual({ backend: 'wasm', webgpuRejected: 'WebGPU gave no adapter' });
    expect(log).toEqual(['start wasm']);
  });

  it('treats a probe that throws as no WebGPU, with the reason', async () => {
    const { deps } = fakeDeps({ probe: () => Promise.reject(new Error('adapter lost')) });
    const { choice } = await chooseBackend(deps);
    expect(choice.backend).toBe('wasm');
    expect(choice.webgpuRejected).toBe('the WebGPU probe failed: adapter lost');
  });

  it('chooses WebGPU when it agrees and its median is lower, releasing WASM', async () => {
    const { deps, started, log } = fakeDeps({ trials: { wasm: trial([4, 5, 6]), webgpu: trial([1, 2, 3]) } });
    const { chosen, choice } = await chooseBackend(deps);
    expect(chosen.backend).toBe('webgpu');
    expect(choice).toEqual({
      backend: 'webgpu',
      webgpuAdapter: 'test adapter',
      wasm: { p50: 5, p95: 6, runs: 3 },
      webgpu: { p50: 2, p95: 3, runs: 3 },
    });
    expect(started.map((s) => [s.backend, s.released])).toEqual([['wasm', true], ['webgpu', false]]);
    // Both timed in one trial (interleaved), after both sessions started.
    expect(log).toEqual(['start wasm', 'start webgpu', 'trial wasm+webgpu', 'release wasm']);
  });

  it('keeps WASM when WebGPU is slower, with both timings, releasing WebGPU', async () => {
    const { deps, started } = fakeDeps({ trials: { wasm: trial([1, 1, 2]), webgpu: trial([80, 90, 95]) } });
    const { chosen, choice } = await chooseBackend(deps);
    expect(chosen.backend).toBe('wasm');
    expect(choice.wasm?.p50).toBe(1);
    expect(choice.webgpu?.p50).toBe(90);
    expect(choice.webgpuRejected).toBe('WebGPU was not faster (p50 90.00 ms against 1.00 ms)');
    expect(started.map((s) => [s.backend, s.released])).toEqual([['wasm', false], ['webgpu', true]]);
  });

  it('needs WebGPU to be strictly faster: a tie keeps WASM', async () => {
    const { deps } = fakeDeps({ trials: { wasm: trial([3, 3, 3]), webgpu: trial([3, 3, 3]) } });
    expect((await chooseBackend(deps)).choice.backend).toBe('wasm');
  });

  it('decides by the median, so one slow run does not cost WebGPU the choice', async () => {
    const { deps } = fakeDeps({ trials: { wasm: trial([2, 2, 2, 2, 2]), webgpu: trial([1, 1, 1, 1, 50]) } });
    expect((await chooseBackend(deps)).choice.backend).toBe('webgpu');
  });

  it('keeps WASM when WebGPU is faster but computes other vectors', async () => {
    const { deps, started } = fakeDeps({ trials: { wasm: trial([5]), webgpu: trial([1], [vec(0.6, 0.8), vec(0.99, 0.01)]) } });
    const { chosen, choice } = await chooseBackend(deps);
    expect(chosen.backend).toBe('wasm');
    expect(choice.webgpuRejected).toMatch(/^WebGPU vectors differ from WASM by 1\.00e-2 \(allowed 0\.0001\)$/);
    expect(started.find((s) => s.backend === 'webgpu')?.released).toBe(true);
  });

  it('refuses WebGPU vectors of another shape', async () => {
    const { deps } = fakeDeps({ trials: { wasm: trial([5]), webgpu: trial([1], [vec(0.6, 0.8)]) } });
    expect((await chooseBackend(deps)).choice.webgpuRejected).toMatch(/differ from WASM by Infinity/);
  });

  it('falls back to WASM, timing nothing, when the WebGPU session does not start', async () => {
    const { deps, log } = fakeDeps({ startFails: { webgpu: 'no available backend found' }, trials: { wasm: trial([2]) } });
    const { chosen, choice } = await chooseBackend(deps);
    expect(chosen.backend).toBe('wasm');
    expect(choice).toEqual({
      backend: 'wasm',
      webgpuAdapter: 'test adapter',
      webgpuRejected: 'the WebGPU session did not start: no available backend found',
    });
    expect(log).toEqual(['start wasm', 'start webgpu']);
  });

  it('falls back to WASM when WebGPU fails to embed, keeping the WASM timing and releasing WebGPU', async () => {
    const { deps, started } = fakeDeps({ trials: { wasm: trial([2]), webgpu: 'device lost' } });
    const { chosen, choice } = await chooseBackend(deps);
    expect(chosen.backend).toBe('wasm');
    expect(choice).toEqual({ backend: 'wasm', webgpuAdapter: 'test adapter', webgpuRejected: 'WebGPU failed to embed: device lost', wasm: { p50: 2, p95: 2, runs: 1 } });
    expect(started.map((s) => [s.backend, s.released])).toEqual([['wasm', false], ['webgpu', true]]);
  });

  it('lets a WASM failure through, releasing both sessions: there is nothing to fall back to', async () => {
    await expect(chooseBackend(fakeDeps({ startFails: { wasm: 'bad model' } }).deps)).rejects.toThrow('bad model');
    const { deps, started } = fakeDeps({ trials: { wasm: 'wasm broke', webgpu: trial([1]) } });
    await expect(chooseBackend(deps)).rejects.toThrow('wasm broke');
    expect(started.map((s) => [s.backend, s.released])).toEqual([['wasm', true], ['webgpu', true]]);
  });
});

describe('timingOf', () => {
  it('gives nearest-rank p50 and p95 and the number of runs', () => {
    const times = Array.from({ length: 20 }, (_, i) => 20 - i);
    expect(timingOf(times)).toEqual({ p50: 10, p95: 19, runs: 20 });
  });
});
