/// <reference lib="webworker" />
/**
 * Worker for the model check page: loads a model folder with the app's own embedding code
 * and reports its vectors and query-embedding latency, so an operator can confirm that the
 * browser computes what the Node indexer computed (and how fast).
 */
import wasm from 'onnxruntime-web/ort-wasm-simd-threaded.jsep.wasm?url';
import { z } from 'zod';
import { createEmbedder, fetchModelFolderIo, type TextRole } from '../embed/index.ts';
import { quantile } from '../core/search/quantile.ts';
import { sameOriginUrl } from './fetch-io.ts';
import { serve } from './rpc.ts';

z.config({ jitless: true });

const api = {
  async check(args: { modelUrl: string; texts: string[]; timingRuns: number }) {
    const url = sameOriginUrl(args.modelUrl, self.location.href, self.location.origin);
    const t0 = performance.now();
    const embedder = await createEmbedder(fetchModelFolderIo(url, self.location.origin), { wasmPaths: { wasm: new URL(wasm, self.location.href).href } });
    const loadMs = performance.now() - t0;
    try {
      const vectors: Record<TextRole, number[][]> = { query: [], passage: [] };
      for (const role of ['query', 'passage'] as const) vectors[role] = (await embedder.embed(args.texts, role)).map((v) => Array.from(v));
      const times: number[] = [];
      for (let i = 0; i < args.timingRuns; i++) {
        const text = args.texts[i % args.texts.length]!;
        const start = performance.now();
        await embedder.embed([text], 'query');
        times.push(performance.now() - start);
      }
      return { model: embedder.manifest.name, dims: embedder.manifest.dimensions, loadMs, vectors, embedMs: { p50: quantile(times, 0.5), p95: quantile(times, 0.95) } };
    } finally {
      await embedder.release();
    }
  },
};

export type ModelCheckApi = typeof api;

serve(api, (err) => ({ message: err instanceof Error ? err.message : String(err) }));
