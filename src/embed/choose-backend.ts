/**
 * WASM or WebGPU: WebGPU only where this browser has an adapter, the WebGPU session starts,
 * computes the same vectors as WASM, and embeds a query faster than WASM does here.
 *
 * A GPU is not automatically faster: a small model (the default static n-gram model is a
 * few lookups and a sum) spends its time in dispatch and read-back, and a software adapter
 * (SwiftShader) is slower than WASM for everything. So both are timed on the same warm
 * queries and the median decides. WASM is the reference the index was built with: any
 * WebGPU failure, or vectors that differ from it, keeps WASM and says why.
 *
 * Pure decision logic: sessions, probing and timing are injected (tested without a browser).
 */
import { quantile } from '../core/search/quantile.ts';
import type { Backend } from './ort-session.ts';
import { maxVectorDiff } from './vector-diff.ts';
import type { WebGpuProbe } from './webgpu-probe.ts';

/** Latency of single-query embeddings, in milliseconds. */
export interface Timing {
  readonly p50: number;
  readonly p95: number;
  readonly runs: number;
}

/** What was tried, for the operator: the chosen backend and the evidence for it. */
export interface BackendChoice {
  readonly backend: Backend;
  /** WASM timing, measured only when there was a WebGPU session to compare with. */
  readonly wasm?: Timing;
  readonly webgpu?: Timing;
  /** The WebGPU adapter tried, when there was one. */
  readonly webgpuAdapter?: string;
  /** Why WebGPU is not used, when it is not (absent, no adapter, failed, differs, slower). */
  readonly webgpuRejected?: string;
}

export interface QueryTrial {
  /** Milliseconds per warm single-query embedding. */
  readonly times: readonly number[];
  /** The vectors computed, compared between backends. */
  readonly vectors: readonly Float32Array[];
}

/** A candidate's trial, or why it failed. */
export type TrialOutcome = QueryTrial | { readonly error: string };

export interface BackendTrialDeps<T> {
  probeWebGpu(): Promise<WebGpuProbe>;
  start(backend: Backend): Promise<T>;
  /**
   * Times the candidates on the same queries, one outcome per candidate in order. They
   * should be interleaved run by run: for seconds after loading, the browser is still
   * compiling WASM's hot code in the background, and whichever ran first would pay for it.
   */
  trial(candidates: readonly T[]): Promise<readonly TrialOutcome[]>;
  release(candidate: T): Promise<void>;
  /** Largest difference allowed between the backends' vectors. */
  readonly tolerance: number;
}

export function timingOf(times: readonly number[]): Timing {
  return { p50: quantile(times, 0.5), p95: quantile(times, 0.95), runs: times.length };
}

function message(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/**
 * Starts WASM (its failure is the caller's: there is nothing to fall back to), then, if
 * WebGPU is there, starts it too, times both, keeps the faster and releases the other.
 */
export async function chooseBackend<T>(deps: BackendTrialDeps<T>): Promise<{ chosen: T; choice: BackendChoice }> {
  const wasm = await deps.start('wasm');
  let probe: WebGpuProbe;
  try {
    probe = await deps.probeWebGpu();
  } catch (err) {
    probe = { unavailable: `the WebGPU probe failed: ${message(err)}` };
  }
  if ('unavailable' in probe) return { chosen: wasm, choice: { backend: 'wasm', webgpuRejected: probe.unavailable } };
  const webgpuAdapter = probe.adapter;

  let gpu: T;
  try {
    gpu = await deps.start('webgpu');
  } catch (err) {
    return { chosen: wasm, choice: { backend: 'wasm', webgpuAdapter, webgpuRejected: `the WebGPU session did not start: ${message(err)}` } };
  }
  const keepWasm = async (why: string, wasmTiming: Timing, webgpuTiming?: Timing) => {
    await deps.release(gpu).catch(() => undefined);
    const choice: BackendChoice = { backend: 'wasm', webgpuAdapter, webgpuRejected: why, wasm: wasmTiming };
    return { chosen: wasm, choice: webgpuTiming ? { ...choice, webgpu: webgpuTiming } : choice };
  };

  let outcomes: readonly TrialOutcome[];
  try {
    outcomes = await deps.trial([wasm, gpu]);
  } catch (err) {
    outcomes = [{ error: message(err) }, { error: message(err) }];
  }
  const [wasmTrial, gpuTrial] = outcomes;
  if (!wasmTrial || 'error' in wasmTrial) {
    await Promise.all([deps.release(gpu), deps.release(wasm)].map((p) => p.catch(() => undefined)));
    throw new Error(wasmTrial ? wasmTrial.error : 'the backend trial gave no WASM outcome');
  }
  const wasmTiming = timingOf(wasmTrial.times);
  if (!gpuTrial || 'error' in gpuTrial) return keepWasm(`WebGPU failed to embed: ${gpuTrial?.error ?? 'no outcome'}`, wasmTiming);
  const gpuTiming = timingOf(gpuTrial.times);
  const diff = maxVectorDiff(wasmTrial.vectors, gpuTrial.vectors);
  if (!(diff <= deps.tolerance)) {
    return keepWasm(`WebGPU vectors differ from WASM by ${diff.toExponential(2)} (allowed ${deps.tolerance})`, wasmTiming, gpuTiming);
  }
  if (!(gpuTiming.p50 < wasmTiming.p50)) {
    return keepWasm(`WebGPU was not faster (p50 ${gpuTiming.p50.toFixed(2)} ms against ${wasmTiming.p50.toFixed(2)} ms)`, wasmTiming, gpuTiming);
  }
  await deps.release(wasm).catch(() => undefined);
  return { chosen: gpu, choice: { backend: 'webgpu', webgpuAdapter, wasm: wasmTiming, webgpu: gpuTiming } };
}
