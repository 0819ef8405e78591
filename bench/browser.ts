/**
 * Browser benchmark: time from navigation to the first interactive graph, memory, and the
 * explorer's queries, on the sample and on generated snapshots in both layouts (JSON graph
 * files and the binary layout compiled from them), in the system Chromium against the
 * production build.
 *
 *   npm run bench:browser [-- --sizes 100000,1000000 --runs 2]
 *
 * Reads the page's User Timing marks (`raireki:snapshot-loaded`, `raireki:graph-drawn`,
 * `raireki:search-ready`), which count from navigation start, plus the worker's own phase
 * timings. Memory is read with `performance.measureUserAgentSpecificMemory()` (needs
 * cross-origin isolation, which the bundled server provides); it includes the workers.
 * Queries are timed by graph-bench.html through the app's own snapshot worker. Prints
 * figures, ratios binary/JSON measured in the same run, and ratios to the aims of issue 9.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { chromium, type Browser } from '@playwright/test';
import { startServer } from '../scripts/serve.ts';
import { CHROMIUM_ARGS, ensureChromium } from '../scripts/system-programs.ts';
import { ensureCompiledSnapshot, ensureGeneratedSnapshot } from './generated-snapshots.ts';
import { CoreGraphIndex, GRAPH_CORE_FILE, readGraphCore } from '../src/core/columnar/index.ts';
import { largestPhiDataset } from './lib/largest-phi-dataset.ts';
import { Prng } from '../src/testing/prng.ts';
import { SEARCH_QUERIES } from './lib/search-queries.ts';
import type { GraphBenchFigures, GraphBenchQueries } from '../src/diagnostics/graph-bench-page.ts';

const args = process.argv.slice(2);
const opt = (name: string, fallback: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] ? args[i + 1]! : fallback;
};
const sizes = opt('sizes', '100000,1000000').split(',').map(Number).filter((n) => n > 0);
const runs = Number(opt('runs', '2'));
const PORT = 4190;
/** Aims of issue 9: first interactive graph, worker memory at a million nodes, query p95 at a million. */
const DRAWN_AIM_MS: Record<number, number> = { 100_000: 1000, 1_000_000: 4000 };
const MEMORY_AIM_MB = 600;
const QUERY_AIM_MS = 50;

if (!existsSync('dist/index.html') || !existsSync('dist/graph-bench.html')) {
  console.log('building dist/ …');
  if (spawnSync('npx', ['vite', 'build'], { stdio: 'inherit' }).status !== 0) process.exit(1);
}

/** Random starts, path pairs and the PHI dataset with the most downstream, read from the binary core. */
function writeQueries(dir: string, out: string): void {
  const core = readGraphCore(new Uint8Array(readFileSync(join(dir, GRAPH_CORE_FILE))), GRAPH_CORE_FILE);
  const index = new CoreGraphIndex(core);
  const n = index.nodeCount;
  const rng = new Prng(20261206);
  const queries: GraphBenchQueries = {
    starts: Array.from({ length: 100 }, () => index.nodeId(rng.int(n))),
    pairs: Array.from({ length: 100 }, () => [index.nodeId(rng.int(n)), index.nodeId(rng.int(n))]),
    impact: index.nodeId(Math.max(0, largestPhiDataset(index).node)),
    search: SEARCH_QUERIES,
  };
  writeFileSync(out, JSON.stringify(queries));
}

mkdirSync('.tmp/bench', { recursive: true });
const mounts: { prefix: string; dir: string }[] = [{ prefix: 'bench-queries', dir: '.tmp/bench' }];
for (const n of sizes) {
  mounts.push({ prefix: `bench-${n}`, dir: ensureGeneratedSnapshot(n, 1) });
  const binary = ensureCompiledSnapshot(n, 1).dir;
  mounts.push({ prefix: `bench-${n}-binary`, dir: binary });
  writeQueries(binary, `.tmp/bench/queries-${n}.json`);
}
const server = await startServer({ dir: 'dist', base: '/raireki/', port: PORT, host: '127.0.0.1', mounts });
const browser: Browser = await chromium.launch({ executablePath: ensureChromium(), args: CHROMIUM_ARGS });

interface Figures {
  snapshot: string;
  nodes: number;
  layout: string;
  loadedMs: number;
  drawnMs: number;
  searchReadyMs: number;
  worker: { readAndVerifyMs: number; indexMs: number; searchIndexMs: number };
  drawnNodes: number;
  memoryMB: number | null;
}

async function measure(label: string, query: string): Promise<Figures> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  await page.goto(`http://127.0.0.1:${PORT}/raireki/${query}`);
  await page.waitForFunction(() => performance.getEntriesByName('raireki:graph-drawn').length > 0, null, { timeout: 180_000 });
  await page.waitForFunction(() => performance.getEntriesByName('raireki:search-ready').length > 0, null, { timeout: 180_000 });
  const figures = await page.evaluate(async () => {
    const loaded = performance.getEntriesByName('raireki:snapshot-loaded')[0] as PerformanceMark;
    const drawn = performance.getEntriesByName('raireki:graph-drawn')[0] as PerformanceMark;
    const searchReady = performance.getEntriesByName('raireki:search-ready')[0] as PerformanceMark;
    let memoryMB: number | null = null;
    const measureMemory = (performance as unknown as { measureUserAgentSpecificMemory?: () => Promise<{ bytes: number }> }).measureUserAgentSpecificMemory;
    if (crossOriginIsolated && measureMemory) {
      try {
        memoryMB = (await measureMemory.call(performance)).bytes / 2 ** 20;
      } catch {
        memoryMB = null;
      }
    }
    return { loaded: loaded.startTime, loadedDetail: loaded.detail, drawn: drawn.startTime, drawnDetail: drawn.detail, searchReady: searchReady.startTime, searchIndexMs: searchReady.detail.searchIndexMs, memoryMB };
  });
  await context.close();
  return {
    snapshot: label,
    nodes: figures.loadedDetail.nodes,
    layout: figures.loadedDetail.layout ?? '?',
    loadedMs: figures.loaded,
    drawnMs: figures.drawn,
    searchReadyMs: figures.searchReady,
    worker: { readAndVerifyMs: figures.loadedDetail.readAndVerifyMs, indexMs: figures.loadedDetail.indexMs, searchIndexMs: figures.searchIndexMs },
    drawnNodes: figures.drawnDetail.nodes,
    memoryMB: figures.memoryMB,
  };
}

async function queries(snapshot: string, queriesFile: string): Promise<GraphBenchFigures> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`http://127.0.0.1:${PORT}/raireki/graph-bench.html?snapshot=${encodeURIComponent(snapshot)}&queries=${encodeURIComponent(queriesFile)}`);
  await page.waitForFunction(() => performance.getEntriesByName('raireki:graph-bench').length > 0, null, { timeout: 600_000 });
  const detail = await page.evaluate(() => (performance.getEntriesByName('raireki:graph-bench')[0] as PerformanceMark).detail as GraphBenchFigures & { error?: string });
  await context.close();
  if (detail.error) throw new Error(`graph-bench.html: ${detail.error}`);
  return detail;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const targets: [label: string, query: string, size: number | null][] = [['sample (binary)', '?lang=en', null]];
for (const n of sizes) {
  targets.push([`${n} JSON`, `?lang=en&snapshot=bench-${n}/manifest.json`, n]);
  targets.push([`${n} binary`, `?lang=en&snapshot=bench-${n}-binary/manifest.json`, n]);
}
const results: Record<string, Figures[]> = {};
for (const [label, query] of targets) {
  console.error(`loading ${label} …`);
  results[label] = [];
  for (let i = 0; i < runs; i++) results[label]!.push(await measure(label, query));
}

const f0 = (x: number | null | undefined) => (x === null || x === undefined ? 'n/a' : x.toFixed(0));
const f2 = (x: number) => x.toFixed(2);
console.log(`\nNavigation → first interactive graph (Chromium headless, median of ${runs} runs)\n`);
console.log('snapshot            nodes   loaded(ms)  drawn(ms)  search-ready(ms)  read+verify  index  search-index  drawn nodes  memory(MB)  drawn vs aim   memory vs aim');
const summary: Record<string, unknown> = {};
for (const [label, rs] of Object.entries(results)) {
  const m = (f: (r: Figures) => number) => median(rs.map(f));
  const size = targets.find((t) => t[0] === label)![2];
  const aim = size ? DRAWN_AIM_MS[size] : undefined;
  const row = {
    nodes: rs[0]!.nodes,
    layout: rs[0]!.layout,
    loadedMs: m((r) => r.loadedMs),
    drawnMs: m((r) => r.drawnMs),
    searchReadyMs: m((r) => r.searchReadyMs),
    readAndVerifyMs: m((r) => r.worker.readAndVerifyMs),
    indexMs: m((r) => r.worker.indexMs),
    searchIndexMs: m((r) => r.worker.searchIndexMs),
    drawnNodes: rs[0]!.drawnNodes,
    memoryMB: rs[0]!.memoryMB,
  };
  summary[label] = row;
  const memoryAim = size && size >= 1_000_000 && row.memoryMB !== null ? `${(row.memoryMB / MEMORY_AIM_MB).toFixed(2)}× of ${MEMORY_AIM_MB}` : '';
  console.log(
    `${label.padEnd(18)} ${String(row.nodes).padStart(7)} ${f0(row.loadedMs).padStart(11)} ${f0(row.drawnMs).padStart(10)} ${f0(row.searchReadyMs).padStart(17)} ${f0(row.readAndVerifyMs).padStart(12)} ${f0(row.indexMs).padStart(6)} ${f0(row.searchIndexMs).padStart(13)} ${String(row.drawnNodes).padStart(12)} ${f0(row.memoryMB).padStart(11)}  ${aim ? `${(row.drawnMs / aim).toFixed(2)}× of ${aim}` : ''.padEnd(12)}   ${memoryAim}`,
  );
}
console.log('\nRatios binary / JSON (same run):');
for (const n of sizes) {
  const j = summary[`${n} JSON`] as { drawnMs: number; searchReadyMs: number; memoryMB: number | null };
  const b = summary[`${n} binary`] as { drawnMs: number; searchReadyMs: number; memoryMB: number | null };
  const mem = j.memoryMB && b.memoryMB ? `, memory ${(b.memoryMB / j.memoryMB).toFixed(2)}` : '';
  console.log(`  ${n} nodes: first graph ${(b.drawnMs / j.drawnMs).toFixed(3)}, search ready ${(b.searchReadyMs / j.searchReadyMs).toFixed(3)}${mem}`);
}

const queryResults: Record<string, GraphBenchFigures> = {};
for (const n of sizes) {
  for (const layout of ['JSON', 'binary'] as const) {
    console.error(`timing queries on ${n} ${layout} …`);
    queryResults[`${n} ${layout}`] = await queries(`bench-${n}${layout === 'binary' ? '-binary' : ''}/manifest.json`, `bench-queries/queries-${n}.json`);
  }
}
await browser.close();
server.close();

console.log(`\nExplorer queries through the snapshot worker (graph-bench.html; p95 ms, aim ${QUERY_AIM_MS} ms at a million nodes)\n`);
console.log('snapshot            subgraph d2   impact page (rows)     path    search   then snippets');
for (const [label, q] of Object.entries(queryResults)) {
  const aim = (x: number) => (q.nodes >= 1_000_000 ? ` ${(x / QUERY_AIM_MS).toFixed(2)}×` : '');
  console.log(
    `${label.padEnd(18)} ${(f2(q.subgraph.p95) + aim(q.subgraph.p95)).padStart(13)} ${(f2(q.impact.p95) + aim(q.impact.p95) + ` (${q.impact.total})`).padStart(20)} ${(f2(q.path.p95) + aim(q.path.p95)).padStart(9)} ${(f2(q.search.p95) + aim(q.search.p95)).padStart(9)} ${f2(q.snippets.p95).padStart(15)}`,
  );
}
mkdirSync('bench/out', { recursive: true });
writeFileSync('bench/out/browser.json', JSON.stringify({ loads: summary, queries: queryResults }, null, 2));
console.log('\nwritten to bench/out/browser.json');
