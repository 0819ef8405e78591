/// <reference lib="webworker" />
/**
 * Worker for the literature benchmark page: opens a literature pack and searches it with
 * the app's own LiteratureSession, built with the same runtime options as the app's
 * literature worker, so the figures are those of the app's search path (keyword index,
 * embedding model, WASM SIMD vector scan, fusion, passage highlighting). The timing loop
 * runs here rather than in the page so that no message passing is counted.
 */
import { z } from 'zod';
import { browserRuntimeOptions } from '../embed/browser-runtime.ts';
import { LiteratureSession } from './literature-session.ts';
import { sameOriginUrl } from './fetch-io.ts';
import { serve } from './rpc.ts';
import type { SearchPhases } from '../core/search/literature-partitioned.ts';

z.config({ jitless: true });

const session = new LiteratureSession(browserRuntimeOptions());

export interface BenchQuery {
  text: string;
  lang: 'ja' | 'en';
}

/** One search mode's raw figures: one entry per timed search, in run order. */
export interface ModeTimings {
  embedMs: number[];
  searchMs: number[];
  /** The whole LiteratureSession.search call (adds the hits' passages and highlights). */
  callMs: number[];
  /** Whether the model took part in every timed search (false for keyword-only, by design). */
  semantic: boolean;
  modelError?: string;
}

export interface QueryOutcome {
  query: string;
  lang: 'ja' | 'en';
  keywordHits: number;
  hybridHits: number;
  /** Title of the first hybrid hit (of the keyword one without the model). */
  topTitle: string | null;
}

const api = {
  async open(args: { url: string }) {
    const url = sameOriginUrl(args.url, self.location.href, self.location.origin);
    const t0 = performance.now();
    const summary = await session.open(url);
    return { ...summary, openMs: performance.now() - t0 };
  },

  /**
   * Every query `rounds` times in each mode, after one untimed pass per mode: that pass
   * loads the model (timed apart, as modelLoadMs: it happens once per session in the app)
   * and lets the JIT compile the search code, which a session does within its first queries.
   */
  async run(args: { queries: BenchQuery[]; k: number; rounds: number }) {
    const modes = { keyword: false, hybrid: true } as const;
    const timings: Record<keyof typeof modes, ModeTimings> = {
      keyword: { embedMs: [], searchMs: [], callMs: [], semantic: false },
      hybrid: { embedMs: [], searchMs: [], callMs: [], semantic: true },
    };
    const outcomes: QueryOutcome[] = args.queries.map((q) => ({ query: q.text, lang: q.lang, keywordHits: 0, hybridHits: 0, topTitle: null }));
    let modelLoadMs = 0;
    for (const [mode, semantic] of Object.entries(modes) as [keyof typeof modes, boolean][]) {
      for (const [i, q] of args.queries.entries()) {
        const t0 = performance.now();
        const r = await session.search(q.text, args.k, semantic);
        const callMs = performance.now() - t0;
        if (semantic && i === 0) modelLoadMs = callMs - r.timings.embedMs - r.timings.searchMs;
        const outcome = outcomes[i]!;
        if (semantic) outcome.hybridHits = r.hits.length;
        else outcome.keywordHits = r.hits.length;
        if (semantic || outcome.topTitle === null) outcome.topTitle = r.hits[0]?.title ?? outcome.topTitle;
      }
      const t = timings[mode];
      for (let round = 0; round < args.rounds; round++) {
        for (const q of args.queries) {
          const t0 = performance.now();
          const r = await session.search(q.text, args.k, semantic);
          t.callMs.push(performance.now() - t0);
          t.embedMs.push(r.timings.embedMs);
          t.searchMs.push(r.timings.searchMs);
          t.semantic &&= r.semantic;
          if (r.modelError) t.modelError = r.modelError;
        }
      }
    }
    return { timings, outcomes, modelLoadMs };
  },

  /**
   * Each query once, hybrid, after the parts of a partitioned index read so far are
   * forgotten: what a query costs when none of the lists, postings or documents it needs
   * has been fetched yet (the dictionary, centroids and model stay loaded). Bytes fetched
   * per query too, as the index's parts (`bytes`, `files`) and over the wire (`wireBytes`: what the
   * server sent, gzipped or not; `requests`). Call after `run`, which loads the model. `semantic: false`: keyword-only,
   * to tell the keyword ranker's own cold time from what it shares with the vector ranker.
   */
  async cold(args: { queries: BenchQuery[]; k: number; semantic: boolean }) {
    const out = { searchMs: [] as number[], callMs: [] as number[], bytes: [] as number[], wireBytes: [] as number[], requests: [] as number[], files: [] as number[], phases: [] as SearchPhases[] };
    // Bytes over the wire (after any gzip the server applies): the fetches' resource timings.
    performance.setResourceTimingBufferSize(100_000);
    for (const q of args.queries) {
      session.forgetParts();
      performance.clearResourceTimings();
      const before = session.partsFetched() ?? { bytes: 0, files: 0 };
      const t0 = performance.now();
      const r = await session.search(q.text, args.k, args.semantic);
      out.callMs.push(performance.now() - t0);
      out.searchMs.push(r.timings.searchMs);
      if (r.timings.phases) out.phases.push(r.timings.phases);
      await new Promise((resolve) => setTimeout(resolve, 0)); // the last fetch's timing entry is queued, not synchronous
      const fetches = performance.getEntriesByType('resource');
      out.wireBytes.push(fetches.reduce((n, e) => n + (e as PerformanceResourceTiming).encodedBodySize, 0));
      // Requests, against `files` (parts): a bundle's request brings many parts.
      out.requests.push(fetches.length);
      const after = session.partsFetched() ?? { bytes: 0, files: 0 };
      out.bytes.push(after.bytes - before.bytes);
      out.files.push(after.files - before.files);
    }
    return out;
  },

  /** The check of one output, `rounds` times after a first call that also calibrates the threshold. */
  async check(args: { text: string; rounds: number }) {
    let t0 = performance.now();
    const first = await session.check(args.text);
    const firstMs = performance.now() - t0;
    const callMs: number[] = [];
    for (let round = 0; round < args.rounds; round++) {
      t0 = performance.now();
      // A different text each round: nothing the session caches per output is reused.
      await session.check(args.text + ' '.repeat(round + 1));
      callMs.push(performance.now() - t0);
    }
    return { firstMs, callMs, sentences: first.sentences.length, contradicted: first.sentences.filter((s) => s.verdict === 'contradicted').length };
  },
};

export type LiteratureBenchApi = typeof api;

serve(api, (err) => ({ message: err instanceof Error ? err.message : String(err) }));
