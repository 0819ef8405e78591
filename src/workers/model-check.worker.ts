/// <reference lib="webworker" />
/**
 * Worker for the model check page: loads a model folder with the app's own code and runtime
 * settings (threads, backend choice) and reports what it computes — an embedding model's
 * vectors, an NLI model's probabilities for sentence pairs — how it runs and its latency per
 * query (or pair), so an operator can confirm that the browser computes what the Node tools
 * computed (and how fast).
 */
import { z } from 'zod';
import {
  createEmbedderFromFolder,
  createNliModelFromFolder,
  fetchModelFolderIo,
  loadModelFolder,
  NLI_LABELS,
  type Backend,
  type ModelFolder,
  type NliPair,
  type NliScores,
  type RuntimeOptions,
  type RuntimeReport,
  type TextRole,
  type Timing,
} from '../embed/index.ts';
import { browserRuntimeOptions } from '../embed/browser-runtime.ts';
import { timingOf } from '../embed/choose-backend.ts';
import { timeQueries } from '../embed/query-timing.ts';
import { sameOriginUrl } from './fetch-io.ts';
import { serve } from './rpc.ts';

z.config({ jitless: true });

export interface ModelCheckArgs {
  modelUrl: string;
  /** Texts an embedding model embeds (as queries and as passages). */
  texts: string[];
  /** Pairs an NLI model classifies. */
  pairs: NliPair[];
  timingRuns: number;
  /** Default `auto`, as the literature worker runs. */
  backend?: Backend | 'auto';
  /** Default: what the app would use here (`thread-count.ts`). */
  threads?: number;
}

interface CheckedModel {
  model: string;
  loadMs: number;
  /** Latency of one text (embedding) or one pair (NLI) on the backend in use. */
  embedMs: Timing;
  runtime: RuntimeReport;
  threadsAsked: number;
  /** As the worker sees them (threads depend on the worker's isolation, not the page's). */
  isolated: boolean;
  cores: number;
}

export interface EmbeddingCheckResult extends CheckedModel {
  task: 'embedding';
  dims: number;
  vectors: Record<TextRole, number[][]>;
}

export interface NliCheckResult extends CheckedModel {
  task: 'nli';
  /** What each output index means, in the model's order. */
  labels: string[];
  probabilities: NliScores[];
}

export type ModelCheckResult = EmbeddingCheckResult | NliCheckResult;

function timed(outcome: Awaited<ReturnType<typeof timeQueries>>[number] | undefined): Timing {
  if (!outcome || 'error' in outcome) throw new Error(`timing failed: ${outcome?.error}`);
  return timingOf(outcome.times);
}

async function checkEmbedding(folder: ModelFolder, args: ModelCheckArgs, runtime: RuntimeOptions, t0: number): Promise<EmbeddingCheckResult> {
  const embedder = await createEmbedderFromFolder(folder, runtime);
  const loadMs = performance.now() - t0;
  try {
    const vectors: Record<TextRole, number[][]> = { query: [], passage: [] };
    for (const role of ['query', 'passage'] as const) vectors[role] = (await embedder.embed(args.texts, role)).map((v) => Array.from(v));
    const [timing] = await timeQueries([embedder], args.texts, { runs: args.timingRuns });
    return {
      task: 'embedding',
      model: embedder.manifest.name,
      dims: embedder.manifest.dimensions,
      loadMs,
      vectors,
      embedMs: timed(timing),
      runtime: embedder.runtime,
      threadsAsked: runtime.numThreads ?? 1,
      isolated: self.crossOriginIsolated,
      cores: navigator.hardwareConcurrency,
    };
  } finally {
    await embedder.release();
  }
}

async function checkNli(folder: ModelFolder, args: ModelCheckArgs, runtime: RuntimeOptions, t0: number): Promise<NliCheckResult> {
  const nli = await createNliModelFromFolder(folder, runtime);
  const loadMs = performance.now() - t0;
  try {
    const probabilities = await nli.classify(args.pairs);
    // One pair per timed run: each premise with its own hypothesis.
    const hypothesis = new Map(args.pairs.map((p) => [p.premise, p.hypothesis]));
    const onePair = { embed: async (premises: readonly string[]) => (await nli.classify(premises.map((premise) => ({ premise, hypothesis: hypothesis.get(premise)! })))).map((s) => Float32Array.from(NLI_LABELS, (l) => s[l])) };
    const [timing] = await timeQueries([onePair], [...hypothesis.keys()], { runs: args.timingRuns });
    return {
      task: 'nli',
      model: nli.manifest.name,
      labels: Object.keys(nli.manifest.labels).sort((a, b) => Number(a) - Number(b)).map((i) => nli.manifest.labels[i]!),
      loadMs,
      probabilities,
      embedMs: timed(timing),
      runtime: nli.runtime,
      threadsAsked: runtime.numThreads ?? 1,
      isolated: self.crossOriginIsolated,
      cores: navigator.hardwareConcurrency,
    };
  } finally {
    await nli.release();
  }
}

const api = {
  async check(args: ModelCheckArgs): Promise<ModelCheckResult> {
    const url = sameOriginUrl(args.modelUrl, self.location.href, self.location.origin);
    const runtime = browserRuntimeOptions({ ...(args.backend && { backend: args.backend }), ...(args.threads && { numThreads: args.threads }) });
    const t0 = performance.now();
    // The folder says what it is (raireki-model.json's task); each task has its own check.
    const folder = await loadModelFolder(fetchModelFolderIo(url, self.location.origin));
    return folder.manifest.task === 'nli' ? checkNli(folder, args, runtime, t0) : checkEmbedding(folder, args, runtime, t0);
  },
};

export type ModelCheckApi = typeof api;

serve(api, (err) => ({ message: err instanceof Error ? err.message : String(err) }));
