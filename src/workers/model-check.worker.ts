/// <reference lib="webworker" />
/**
 * Worker for the model check page: loads a model folder with the app's own embedding code
 * and runtime settings (threads, backend choice) and reports its vectors, how it runs and
 * its query-embedding latency, so an operator can confirm that the browser computes what
 * the Node indexer computed (and how fast).
 */
import { z } from 'zod';
import { createEmbedder, fetchModelFolderIo, type Backend, type RuntimeReport, type TextRole, type Timing } from '../embed/index.ts';
import { browserRuntimeOptions } from '../embed/browser-runtime.ts';
import { timingOf } from '../embed/choose-backend.ts';
import { timeQueries } from '../embed/query-timing.ts';
import { sameOriginUrl } from './fetch-io.ts';
import { serve } from './rpc.ts';

z.config({ jitless: true });

export interface ModelCheckArgs {
  modelUrl: string;
  texts: string[];
  timingRuns: number;
  /** Default `auto`, as the literature worker runs. */
  backend?: Backend | 'auto';
  /** Default: what the app would use here (`thread-count.ts`). */
  threads?: number;
}

export interface ModelCheckResult {
  model: string;
  dims: number;
  loadMs: number;
  vectors: Record<TextRole, number[][]>;
  /** Single-query latency of the backend in use. */
  embedMs: Timing;
  runtime: RuntimeReport;
  threadsAsked: number;
  /** As the worker sees them (threads depend on the worker's isolation, not the page's). */
  isolated: boolean;
  cores: number;
}

const api = {
  async check(args: ModelCheckArgs): Promise<ModelCheckResult> {
    const url = sameOriginUrl(args.modelUrl, self.location.href, self.location.origin);
    const runtime = browserRuntimeOptions({ ...(args.backend && { backend: args.backend }), ...(args.threads && { numThreads: args.threads }) });
    const t0 = performance.now();
    const embedder = await createEmbedder(fetchModelFolderIo(url, self.location.origin), runtime);
    const loadMs = performance.now() - t0;
    try {
      const vectors: Record<TextRole, number[][]> = { query: [], passage: [] };
      for (const role of ['query', 'passage'] as const) vectors[role] = (await embedder.embed(args.texts, role)).map((v) => Array.from(v));
      const [timed] = await timeQueries([embedder], args.texts, { runs: args.timingRuns });
      if (!timed || 'error' in timed) throw new Error(`timing failed: ${timed?.error}`);
      return {
        model: embedder.manifest.name,
        dims: embedder.manifest.dimensions,
        loadMs,
        vectors,
        embedMs: timingOf(timed.times),
        runtime: embedder.runtime,
        threadsAsked: runtime.numThreads ?? 1,
        isolated: self.crossOriginIsolated,
        cores: navigator.hardwareConcurrency,
      };
    } finally {
      await embedder.release();
    }
  },
};

export type ModelCheckApi = typeof api;

serve(api, (err) => ({ message: err instanceof Error ? err.message : String(err) }));
