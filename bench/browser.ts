/**
 * Browser benchmark: time from navigation to the first interactive graph, on the sample
 * snapshot and on generated ones, in the system Chromium against the production build.
 *
 *   npm run bench:browser [-- --sizes 100000 --runs 3]
 *
 * Reads the page's User Timing marks (`raireki:snapshot-loaded`, `raireki:graph-drawn`),
 * which count from navigation start, plus the worker's own phase timings. Memory is read
 * with `performance.measureUserAgentSpecificMemory()` (needs cross-origin isolation,
 * which the bundled server provides), which includes the workers.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { chromium } from '@playwright/test';
import { startServer } from '../scripts/serve.ts';
import { CHROMIUM_ARGS, ensureChromium } from '../scripts/system-programs.ts';
import { ensureGeneratedSnapshot } from './generated-snapshots.ts';

const args = process.argv.slice(2);
const opt = (name: string, fallback: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] ? args[i + 1]! : fallback;
};
const sizes = opt('sizes', '100000').split(',').map(Number).filter((n) => n > 0);
const runs = Number(opt('runs', '3'));
const PORT = 4190;

if (!existsSync('dist/index.html')) {
  console.log('building dist/ …');
  if (spawnSync('npx', ['vite', 'build'], { stdio: 'inherit' }).status !== 0) process.exit(1);
}

const mounts = sizes.map((n) => ({ prefix: `bench-${n}`, dir: ensureGeneratedSnapshot(n, 1) }));
const server = await startServer({ dir: 'dist', base: '/raireki/', port: PORT, host: '127.0.0.1', mounts });
const browser = await chromium.launch({ executablePath: ensureChromium(), args: CHROMIUM_ARGS });

interface Figures {
  snapshot: string;
  nodes: number;
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
  await page.waitForFunction(() => performance.getEntriesByName('raireki:graph-drawn').length > 0, null, { timeout: 120_000 });
  await page.waitForFunction(() => performance.getEntriesByName('raireki:search-ready').length > 0, null, { timeout: 120_000 });
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
    loadedMs: figures.loaded,
    drawnMs: figures.drawn,
    searchReadyMs: figures.searchReady,
    worker: { readAndVerifyMs: figures.loadedDetail.readAndVerifyMs, indexMs: figures.loadedDetail.indexMs, searchIndexMs: figures.searchIndexMs },
    drawnNodes: figures.drawnDetail.nodes,
    memoryMB: figures.memoryMB,
  };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const targets: [string, string][] = [['sample', '?lang=en'], ...sizes.map((n): [string, string] => [`generated ${n}`, `?lang=en&snapshot=bench-${n}/manifest.json`])];
const results: Record<string, Figures[]> = {};
for (const [label, query] of targets) {
  results[label] = [];
  for (let i = 0; i < runs; i++) results[label]!.push(await measure(label, query));
}
await browser.close();
server.close();

console.log(`\nNavigation → first interactive graph (Chromium headless, median of ${runs} runs)\n`);
console.log('snapshot            nodes   loaded(ms)  drawn(ms)  search-ready(ms)  read+verify  index  search-index  drawn nodes  memory(MB)  drawn vs 2 s aim');
const summary: Record<string, unknown> = {};
for (const [label, rs] of Object.entries(results)) {
  const m = (f: (r: Figures) => number) => median(rs.map(f));
  const row = {
    nodes: rs[0]!.nodes,
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
  console.log(
    `${label.padEnd(18)} ${String(row.nodes).padStart(6)} ${row.loadedMs.toFixed(0).padStart(11)} ${row.drawnMs.toFixed(0).padStart(10)} ${row.searchReadyMs.toFixed(0).padStart(17)} ${row.readAndVerifyMs.toFixed(0).padStart(12)} ${row.indexMs.toFixed(0).padStart(6)} ${row.searchIndexMs.toFixed(0).padStart(13)} ${String(row.drawnNodes).padStart(12)} ${(row.memoryMB?.toFixed(0) ?? 'n/a').padStart(11)}  ${(row.drawnMs / 2000).toFixed(2)}×`,
  );
}
mkdirSync('bench/out', { recursive: true });
writeFileSync('bench/out/browser.json', JSON.stringify(summary, null, 2));
console.log('\nwritten to bench/out/browser.json');
