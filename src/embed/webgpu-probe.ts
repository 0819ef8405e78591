/**
 * Whether this browser (or worker) can give WebGPU an adapter. Only the few members used
 * here are typed: the DOM library of TypeScript has no WebGPU types yet.
 */
export type WebGpuProbe = { readonly adapter: string } | { readonly unavailable: string };

interface AdapterLike {
  readonly info?: { readonly vendor?: string; readonly architecture?: string; readonly description?: string; readonly isFallbackAdapter?: boolean };
}
export interface GpuLike {
  requestAdapter(): Promise<AdapterLike | null>;
}

export async function probeWebGpu(nav: { readonly gpu?: GpuLike } | undefined = globalThis.navigator as { gpu?: GpuLike } | undefined): Promise<WebGpuProbe> {
  if (!nav?.gpu) return { unavailable: 'no WebGPU here (navigator.gpu is missing)' };
  const adapter = await nav.gpu.requestAdapter();
  if (!adapter) return { unavailable: 'WebGPU gave no adapter' };
  const info = adapter.info ?? {};
  const name = [info.vendor, info.architecture, info.description].filter((s) => s).join(' ') || 'unnamed adapter';
  // A fallback adapter is a software rasteriser (SwiftShader): it works, and is slow.
  return { adapter: info.isFallbackAdapter ? `${name} (software fallback)` : name };
}
