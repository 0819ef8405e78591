/**
 * How many WebAssembly threads onnxruntime-web gets.
 *
 * Threads need SharedArrayBuffer, which browsers give only to cross-origin isolated pages
 * (COOP `same-origin` + COEP `require-corp`, see docs/embedding-models.md "Runtime"); without
 * isolation ORT would fall back to one thread anyway, with only a console warning, so we ask
 * for one and report one.
 *
 * With isolation: one per logical core, at most MAX_WASM_THREADS. A query is one short
 * text, and ORT splits only the large operators (matrix products, attention) across its
 * intra-op pool, so there is little to gain past a few threads; ORT's own default stops at
 * four too. Unlike ORT's default (half the cores, so a 2-core machine gets one thread), we
 * take every core up to four: the other workers (graph, layout) are idle while a query is
 * embedded, and on two cores the second thread made a transformer-sized model 1.3–1.45×
 * faster (docs/embedding-models.md, "Runtime").
 */
export const MAX_WASM_THREADS = 4;

export function wasmThreadCount(crossOriginIsolated: boolean, hardwareConcurrency: number | undefined): number {
  if (!crossOriginIsolated) return 1;
  const cores = Number.isInteger(hardwareConcurrency) && hardwareConcurrency! > 0 ? hardwareConcurrency! : 1;
  return Math.min(MAX_WASM_THREADS, cores);
}
