/** How the model runs, in the words of the model check page (pure, tested in Node). */
import type { RuntimeReport, Timing } from '../embed/index.ts';

export function backendText(rt: RuntimeReport): string {
  const adapter = rt.webgpuAdapter ? ` (adapter: ${rt.webgpuAdapter})` : '';
  if (rt.backend === 'webgpu') return rt.wasm ? `webgpu${adapter}, measured faster than WASM` : `webgpu${adapter}, as asked`;
  return rt.webgpuRejected ? `wasm; WebGPU not used: ${rt.webgpuRejected}${adapter}` : 'wasm, as asked';
}

export function threadsText(r: { runtime: RuntimeReport; threadsAsked: number; isolated: boolean; cores: number }): string {
  const why = r.isolated ? 'cross-origin isolated' : 'not cross-origin isolated, so one';
  return `${r.runtime.numThreads} (asked for ${r.threadsAsked}; ${why}; ${r.cores} logical cores)`;
}

function timing(name: string, t: Timing): string {
  return `${name} p50 ${t.p50.toFixed(2)} ms, p95 ${t.p95.toFixed(2)} ms`;
}

/** The timings `auto` compared, or null when nothing was compared. */
export function timingsText(rt: RuntimeReport): string | null {
  if (!rt.wasm) return null;
  const parts = [timing('WASM', rt.wasm)];
  if (rt.webgpu) parts.push(timing('WebGPU', rt.webgpu));
  return `${parts.join('; ')} (${rt.wasm.runs} runs${rt.webgpu ? ' each' : ''})`;
}
