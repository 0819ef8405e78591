/**
 * literature-bench.html: how fast this browser searches a literature pack with the app's
 * own code (the literature worker's LiteratureSession), for an operator or a benchmark.
 *
 *   literature-bench.html?pack=literature/sample/[&rounds=5][&k=10]
 *
 * Times pack opening, the first model load, and each query of a fixed list (Japanese and
 * English; short keywords, phrases and whole sentences) keyword-only and hybrid, and shows
 * p50/p95 of query embedding and of search (the worker's own figures, as the app's search
 * reports them). The figures are also left as the User Timing mark `raireki:literature-bench`
 * (its detail), which `bench/browser-literature.ts` reads. Everything is written with
 * textContent: no HTML from files.
 */
import { quantile } from '../core/search/quantile.ts';
import { QUERIES } from './literature-bench-queries.ts';
import { CHECK_BENCH_TEXT } from './check-bench-text.ts';
import { WorkerClient } from '../workers/rpc.ts';
import type { BenchQuery, LiteratureBenchApi, ModeTimings } from '../workers/literature-bench.worker.ts';
import type { SearchPhases } from '../core/search/literature-partitioned.ts';


/** The aims for the default model: query embedding under 10 ms, search over 100k documents under 20 ms. */
const EMBED_AIM_MS = 10;
const SEARCH_AIM_MS = 20;

export interface Percentiles {
  p50: number;
  p95: number;
  n: number;
}

export interface ModeFigures {
  embedMs: Percentiles;
  searchMs: Percentiles;
  callMs: Percentiles;
  semantic: boolean;
  modelError?: string;
  /** Raw figures, so that a benchmark can pool several page loads. */
  raw: { embedMs: number[]; searchMs: number[]; callMs: number[] };
}

/** The detail of the `raireki:literature-bench` mark. */
export interface LiteratureBenchFigures {
  pack: string;
  docs: number;
  model: string;
  openMs: number;
  modelLoadMs: number;
  rounds: number;
  k: number;
  isolated: boolean;
  keyword: ModeFigures;
  hybrid: ModeFigures;
  queries: QueryFigures[];
  /** Checking a 10-sentence output: the first call (which also calibrates) and later ones. */
  check: { firstMs: number; callMs: Percentiles; raw: number[]; sentences: number; contradicted: number };
  /** With `cold=1`: each hybrid query once with none of the index's parts fetched yet (partitioned indexes). */
  cold?: ColdFigures;
  /** The same, keyword-only. */
  coldKeyword?: ColdFigures;
}

export interface ColdFigures {
  searchMs: Percentiles;
  bytes: Percentiles;
  raw: { searchMs: number[]; callMs: number[]; bytes: number[]; wireBytes: number[]; requests?: number[]; files: number[]; phases: SearchPhases[] };
}

export interface QueryFigures {
  query: string;
  lang: 'ja' | 'en';
  keywordHits: number;
  hybridHits: number;
  topTitle: string | null;
  /** Median search time of this query over the rounds: which queries are the slow ones. */
  keywordSearchP50: number;
  hybridSearchP50: number;
}

const percentiles = (xs: readonly number[]): Percentiles => ({ p50: quantile(xs, 0.5), p95: quantile(xs, 0.95), n: xs.length });

function mode(t: ModeTimings): ModeFigures {
  const f: ModeFigures = {
    embedMs: percentiles(t.embedMs),
    searchMs: percentiles(t.searchMs),
    callMs: percentiles(t.callMs),
    semantic: t.semantic,
    raw: { embedMs: t.embedMs, searchMs: t.searchMs, callMs: t.callMs },
  };
  if (t.modelError) f.modelError = t.modelError;
  return f;
}

const ms = (p: Percentiles) => `p50 ${p.p50.toFixed(2)} ms, p95 ${p.p95.toFixed(2)} ms over ${p.n} searches`;

function row(label: string, value: string, testId: string): void {
  const dt = document.createElement('dt');
  dt.textContent = label;
  const dd = document.createElement('dd');
  dd.textContent = value;
  dd.dataset.testid = testId;
  document.getElementById('results')!.append(dt, dd);
}

/** The worker times the query list round after round: entry i is query i mod (number of queries). */
function perQueryMedian(times: readonly number[], query: number, queries: number): number {
  return quantile(times.filter((_, i) => i % queries === query), 0.5);
}

function queryRow(q: QueryFigures): void {
  const tr = document.createElement('tr');
  tr.dataset.testid = 'query-row';
  for (const text of [q.query, String(q.keywordHits), String(q.hybridHits), q.keywordSearchP50.toFixed(2), q.hybridSearchP50.toFixed(2), q.topTitle ?? '—']) {
    const td = document.createElement('td');
    td.textContent = text;
    tr.append(td);
  }
  document.getElementById('queries')!.append(tr);
}

/** A positive integer query parameter, clamped so a typo cannot run for hours. */
function intParam(params: URLSearchParams, name: string, fallback: number, max: number): number {
  const n = Number(params.get(name) ?? fallback);
  return Number.isInteger(n) && n > 0 ? Math.min(n, max) : fallback;
}

async function main(): Promise<void> {
  const params = new URLSearchParams(location.search);
  const pack = params.get('pack') ?? 'literature/sample/';
  const rounds = intParam(params, 'rounds', 5, 100);
  const k = intParam(params, 'k', 10, 100);
  const status = document.getElementById('status')!;
  status.textContent = `Opening ${pack} …`;
  const client = new WorkerClient<LiteratureBenchApi>(new Worker(new URL('../workers/literature-bench.worker.ts', import.meta.url), { type: 'module' }));
  try {
    const opened = await client.call('open', { url: new URL(pack, document.baseURI).href });
    row('Pack', pack, 'pack');
    row('Documents', String(opened.docCount), 'docs');
    row('Model', opened.model, 'model');
    row('Pack open (fetch, SHA-256 of every file, index)', `${opened.openMs.toFixed(0)} ms`, 'open-ms');
    status.textContent = `Searching ${opened.docCount} documents: ${QUERIES.length} queries × ${rounds} rounds, keyword-only and hybrid …`;
    const run = await client.call('run', { queries: [...QUERIES], k, rounds });
    // Cold passes, hybrid then keyword-only: what the keyword ranker costs alone, and beside the lists.
    const coldPass = async (semantic: boolean): Promise<ColdFigures | null> => {
      if (params.get('cold') !== '1') return null;
      const raw = await client.call('cold', { queries: [...QUERIES], k, semantic });
      return { searchMs: percentiles(raw.searchMs), bytes: percentiles(raw.bytes), raw };
    };
    const cold = await coldPass(true);
    const coldKeyword = await coldPass(false);
    status.textContent = `Checking a ${CHECK_BENCH_TEXT.length}-character output against ${opened.docCount} documents …`;
    const checked = await client.call('check', { text: CHECK_BENCH_TEXT, rounds });
    const figures: LiteratureBenchFigures = {
      pack,
      docs: opened.docCount,
      model: opened.model,
      openMs: opened.openMs,
      modelLoadMs: run.modelLoadMs,
      rounds,
      k,
      isolated: crossOriginIsolated,
      keyword: mode(run.timings.keyword),
      hybrid: mode(run.timings.hybrid),
      check: { firstMs: checked.firstMs, callMs: percentiles(checked.callMs), raw: checked.callMs, sentences: checked.sentences, contradicted: checked.contradicted },
      ...(cold ? { cold } : {}),
      ...(coldKeyword ? { coldKeyword } : {}),
      queries: run.outcomes.map((o, i) => ({
        ...o,
        keywordSearchP50: perQueryMedian(run.timings.keyword.searchMs, i, QUERIES.length),
        hybridSearchP50: perQueryMedian(run.timings.hybrid.searchMs, i, QUERIES.length),
      })),
    };
    row('Model load (first semantic search)', `${figures.modelLoadMs.toFixed(0)} ms`, 'model-load-ms');
    row('Keyword-only search', ms(figures.keyword.searchMs), 'keyword-search-ms');
    row('Hybrid: query embedding', ms(figures.hybrid.embedMs), 'hybrid-embed-ms');
    row('Hybrid: search (keyword + vector scan + fusion)', ms(figures.hybrid.searchMs), 'hybrid-search-ms');
    row('Whole search call, keyword-only / hybrid (p50, with passages)', `${figures.keyword.callMs.p50.toFixed(2)} ms / ${figures.hybrid.callMs.p50.toFixed(2)} ms`, 'call-ms');
    row(
      'Against the aims (p95 ÷ aim)',
      `embedding ${(figures.hybrid.embedMs.p95 / EMBED_AIM_MS).toFixed(2)}× of ${EMBED_AIM_MS} ms; hybrid search ${(figures.hybrid.searchMs.p95 / SEARCH_AIM_MS).toFixed(2)}× of ${SEARCH_AIM_MS} ms`,
      'aims',
    );
    const withHits = (pick: (q: QueryFigures) => number) => figures.queries.filter((q) => pick(q) > 0).length;
    row('Queries with hits (keyword / hybrid)', `${withHits((q) => q.keywordHits)} / ${withHits((q) => q.hybridHits)} of ${figures.queries.length}`, 'hits');
    row(
      `Check a ${figures.check.sentences}-sentence output`,
      `first ${figures.check.firstMs.toFixed(0)} ms (with the threshold's calibration), then ${ms(figures.check.callMs).replace('searches', 'checks')}`,
      'check-ms',
    );
    const coldRow = (label: string, c: ColdFigures, id: string) =>
      row(label, `${ms(c.searchMs)}; ${(c.bytes.p50 / 1e3).toFixed(0)} kB p50, ${(c.bytes.p95 / 1e3).toFixed(0)} kB p95`, id);
    if (figures.cold) coldRow('Cold hybrid search (parts not yet fetched): time; bytes fetched', figures.cold, 'cold');
    if (figures.coldKeyword) coldRow('Cold keyword-only search: time; bytes fetched', figures.coldKeyword, 'cold-keyword');
    row('Cross-origin isolated', String(crossOriginIsolated), 'isolated');
    for (const q of figures.queries) queryRow(q);
    performance.mark('raireki:literature-bench', { detail: figures });
    if (figures.hybrid.semantic) {
      status.textContent = `Done: ${figures.docs} documents searched.`;
      status.dataset.result = 'ok';
    } else {
      status.textContent = `Done, keyword-only: the embedding model could not be loaded (${figures.hybrid.modelError ?? 'unknown reason'}).`;
      status.dataset.result = 'no-model';
    }
  } catch (err) {
    status.textContent = `The benchmark could not run: ${err instanceof Error ? err.message : String(err)}`;
    status.dataset.result = 'error';
  } finally {
    client.terminate();
  }
}

void main();
