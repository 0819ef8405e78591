/**
 * graph-bench.html: the explorer's queries in this browser, through the app's own snapshot
 * worker (the same messages the explorer sends, so the figures include the worker round
 * trip and the structured clone of each answer), on any snapshot of this site.
 *
 *   graph-bench.html?snapshot=<manifest url>&queries=<queries.json url>
 *
 * queries.json: { starts: string[], pairs: [string, string][], impact: string, search: string[] }
 * (written by `npm run bench:browser`). The figures are left as the User Timing mark
 * `raireki:graph-bench` (its detail). Everything is written with textContent.
 */
import { quantile } from '../core/search/quantile.ts';
import { createSnapshotClient } from '../workers/clients.ts';

export interface GraphBenchQueries {
  starts: string[];
  pairs: [string, string][];
  impact: string;
  search: string[];
}

export interface LatencyFigures {
  p50: number;
  p95: number;
  n: number;
}

/** The detail of the `raireki:graph-bench` mark. */
export interface GraphBenchFigures {
  layout: 'json' | 'binary';
  nodes: number;
  loadMs: number;
  searchReadyMs: number;
  subgraph: LatencyFigures;
  impact: LatencyFigures & { total: number };
  path: LatencyFigures;
  /** Hits from the keyword index (what the list shows first). */
  search: LatencyFigures;
  /** Then the snippets of the hits that came without one (a binary snapshot reads their details chunks). */
  snippets: LatencyFigures;
}

const latency = (xs: readonly number[]): LatencyFigures => ({ p50: quantile(xs, 0.5), p95: quantile(xs, 0.95), n: xs.length });

function row(label: string, value: string): void {
  const dt = document.createElement('dt');
  dt.textContent = label;
  const dd = document.createElement('dd');
  dd.textContent = value;
  document.getElementById('results')!.append(dt, dd);
}

async function timed<T>(items: readonly T[], run: (item: T) => Promise<unknown>): Promise<number[]> {
  const times: number[] = [];
  for (const item of items) {
    const t0 = performance.now();
    await run(item);
    times.push(performance.now() - t0);
  }
  return times;
}

async function main(): Promise<void> {
  const params = new URLSearchParams(location.search);
  const status = document.getElementById('status')!;
  const snapshot = params.get('snapshot');
  const queriesUrl = params.get('queries');
  if (!snapshot || !queriesUrl) throw new Error('give ?snapshot=<manifest url>&queries=<queries.json url>');
  const queries = (await (await fetch(queriesUrl)).json()) as GraphBenchQueries;
  const client = createSnapshotClient();

  status.textContent = 'Loading the snapshot…';
  const t0 = performance.now();
  // The worker resolves URLs against its own script's location: give it an absolute one.
  const summary = await client.call('loadUrl', { url: new URL(snapshot, location.href).href });
  const loadMs = performance.now() - t0;
  await client.call('searchReady', {});
  const searchReadyMs = performance.now() - t0;

  status.textContent = 'Timing queries…';
  const subgraph = (focus: string, pathTo: string | null) =>
    client.call('subgraph', { focus, depth: pathTo ? 1 : 2, direction: 'both', kinds: null, expanded: [], pathTo, maxNodes: 400 });
  await timed(queries.starts.slice(0, 10), (s) => subgraph(s, null)); // warm-up
  const subgraphMs = await timed(queries.starts, (s) => subgraph(s, null));
  let total = 0;
  const impactMs = await timed(Array.from({ length: 7 }, () => queries.impact), async (id) => {
    total = (await client.call('impact', { id, kinds: null, limit: 200 }))?.total ?? 0;
  });
  const pathMs = await timed(queries.pairs, ([a, b]) => subgraph(a, b));
  const searchMs: number[] = [];
  const snippetMs: number[] = [];
  for (const q of [...queries.search, ...queries.search, ...queries.search]) {
    const s0 = performance.now();
    const hits = await client.call('search', { query: q, limit: 20, kinds: null });
    const s1 = performance.now();
    const missing = hits.filter((h) => h.snippet === null).map((h) => h.node.id);
    if (missing.length > 0) await client.call('searchSnippets', { query: q, ids: missing });
    searchMs.push(s1 - s0);
    snippetMs.push(performance.now() - s1);
  }

  const figures: GraphBenchFigures = {
    layout: summary.layout,
    nodes: summary.nodeCount,
    loadMs,
    searchReadyMs,
    subgraph: latency(subgraphMs),
    impact: { ...latency(impactMs), total },
    path: latency(pathMs),
    search: latency(searchMs),
    snippets: latency(snippetMs),
  };
  for (const [label, f] of [['subgraph, depth 2', figures.subgraph], ['impact (first 200 rows)', figures.impact], ['path', figures.path], ['keyword search', figures.search], ['then their snippets', figures.snippets]] as const) {
    row(label, `p50 ${f.p50.toFixed(2)} ms, p95 ${f.p95.toFixed(2)} ms over ${f.n}`);
  }
  row('snapshot', `${summary.nodeCount} nodes, ${summary.layout} layout, loaded in ${loadMs.toFixed(0)} ms, search ready at ${searchReadyMs.toFixed(0)} ms`);
  status.textContent = 'Done.';
  performance.mark('raireki:graph-bench', { detail: figures });
}

main().catch((err: unknown) => {
  document.getElementById('status')!.textContent = `Failed: ${err instanceof Error ? err.message : String(err)}`;
  performance.mark('raireki:graph-bench', { detail: { error: err instanceof Error ? err.message : String(err) } });
});
