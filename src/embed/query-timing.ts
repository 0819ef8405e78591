/**
 * Timing single-query embeddings the way search uses them: one short text per run, after a
 * warm-up run of each text (the first run of a session, and on WebGPU the first of each
 * input length, pays for allocation and shader compilation, which later queries do not).
 */
import type { TrialOutcome } from './choose-backend.ts';

/** Short queries in both languages the app serves (the trial's vectors are compared too). */
export const TRIAL_QUERIES: readonly string[] = [
  'Is metformin safe at an eGFR of 38?',
  '腎機能が低下した患者へのメトホルミン投与',
  'intramuscular adrenaline for anaphylaxis',
  '退院サマリーの作成',
];

export interface QueryEmbedder {
  embed(texts: readonly string[], role: 'query'): Promise<Float32Array[]>;
}

export interface TimingLimits {
  /** Timed runs per embedder. */
  readonly runs: number;
  /**
   * Stop timing once this many milliseconds have passed — but never before every text has
   * been timed once on every embedder. Keeps a slow candidate (a software GPU takes seconds
   * per query on a transformer) from holding up the model's start for minutes.
   */
  readonly budgetMs?: number;
}

function message(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/**
 * Warms each embedder up on every text (keeping those vectors), then times single-text runs
 * cycling through the texts, taking the embedders in turn run by run so that they share
 * whatever the machine is doing meanwhile. Returns, per embedder, its times and vectors,
 * or the error it failed with (it is then left out).
 */
export async function timeQueries(embedders: readonly QueryEmbedder[], texts: readonly string[], limits: TimingLimits): Promise<TrialOutcome[]> {
  if (texts.length === 0) throw new Error('timing needs at least one text');
  const runs = Math.max(limits.runs, texts.length);
  const state = embedders.map((e) => ({ e, times: [] as number[], vectors: [] as Float32Array[], error: null as string | null }));
  // Each embedder in turn on one text; a failure takes that embedder out.
  const round = async (text: string, record: (s: (typeof state)[number], v: Float32Array, ms: number) => void) => {
    for (const s of state) {
      if (s.error !== null) continue;
      try {
        const start = performance.now();
        const [v] = await s.e.embed([text], 'query');
        const ms = performance.now() - start;
        if (!v) throw new Error('the embedder returned no vector');
        record(s, v, ms);
      } catch (err) {
        s.error = message(err);
      }
    }
  };
  for (const text of texts) await round(text, (s, v) => s.vectors.push(v));
  const t0 = performance.now();
  for (let i = 0; i < runs; i++) {
    if (i >= texts.length && limits.budgetMs !== undefined && performance.now() - t0 > limits.budgetMs) break;
    await round(texts[i % texts.length]!, (s, _v, ms) => s.times.push(ms));
  }
  return state.map((s) => (s.error !== null ? { error: s.error } : { times: s.times, vectors: s.vectors }));
}
