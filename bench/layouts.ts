/**
 * The two snapshot layouts side by side, in Node: opening (read, hash, check or parse, index)
 * and memory, then the explorer's queries as its worker answers them, on the same generated
 * snapshots in both layouts, each measured in a fresh process.
 *
 *   npm run bench:layouts [-- --sizes 100000,1000000 --seed 1]
 *
 * Prints figures, ratios binary/JSON and ratios to the aims of issue 9 (queries on a million
 * nodes under 50 ms p95), and writes bench/out/layouts.json. Compiling is `npm run compile`
 * from the JSON snapshot; its time and peak memory are printed too.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { ensureCompiledSnapshot, ensureGeneratedSnapshot } from './generated-snapshots.ts';
import type { LayoutFigures } from './layout-run.ts';

const args = process.argv.slice(2);
const opt = (name: string, fallback: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] ? args[i + 1]! : fallback;
};
const sizes = opt('sizes', '100000,1000000').split(',').map(Number);
const seed = Number(opt('seed', '1'));
if (sizes.some((n) => !Number.isInteger(n) || n < 200) || !Number.isInteger(seed)) {
  console.error('usage: npm run bench:layouts [-- --sizes 100000,1000000 --seed 1]');
  process.exit(2);
}
const QUERY_AIM_MS = 50;

mkdirSync('bench/out', { recursive: true });
const rows: { size: number; compile: { seconds: number; peakMiB: number }; json: LayoutFigures; binary: LayoutFigures }[] = [];
for (const size of sizes) {
  const json = ensureGeneratedSnapshot(size, seed);
  console.error(`compiling ${json} (or reusing) …`);
  const compiled = ensureCompiledSnapshot(size, seed);
  const run = (layout: 'json' | 'binary'): LayoutFigures => {
    const out = `bench/out/layout-${size}-${layout}.json`;
    console.error(`measuring ${size} nodes, ${layout} layout …`);
    const r = spawnSync(process.execPath, ['--expose-gc', '--max-old-space-size=8192', '--import', 'tsx', 'bench/layout-run.ts', json, compiled.dir, layout, out], { stdio: 'inherit' });
    if (r.status !== 0) throw new Error(`measuring ${size} ${layout} failed`);
    return JSON.parse(readFileSync(out, 'utf8')) as LayoutFigures;
  };
  rows.push({ size, compile: { seconds: compiled.compileSeconds, peakMiB: compiled.compilePeakMiB }, json: run('json'), binary: run('binary') });
}

const f0 = (x: number) => x.toFixed(0);
const f1 = (x: number) => x.toFixed(1);
const f2 = (x: number) => x.toFixed(2);
console.log(`\nSnapshot layouts in Node — ${cpus()[0]?.model ?? 'cpu'}, ${cpus().length} cores, ${process.version}\n`);
for (const { size, compile, json, binary } of rows) {
  console.log(`${size.toLocaleString('en')} nodes, ${json.edges.toLocaleString('en')} edges — compile ${f1(compile.seconds)} s, peak ${f0(compile.peakMiB)} MiB`);
  console.log('                                   JSON        binary    binary/JSON   binary vs aim');
  const line = (what: string, a: number, b: number, aim?: number) =>
    console.log(`  ${what.padEnd(30)} ${f2(a).padStart(10)} ${f2(b).padStart(12)} ${(b / a).toFixed(3).padStart(12)}   ${aim ? `${(b / aim).toFixed(2)}× of ${aim} ms ${b <= aim ? '(met)' : '(not met)'}` : ''}`);
  line('open (ms)', json.openMs, binary.openMs);
  line('open + search ready (ms)', json.searchReadyMs, binary.searchReadyMs);
  line('heap (MiB)', json.memoryMiB.heap, binary.memoryMiB.heap);
  line('array buffers (MiB)', json.memoryMiB.arrayBuffers, binary.memoryMiB.arrayBuffers);
  line('RSS (MiB)', json.memoryMiB.rss, binary.memoryMiB.rss);
  const aim = size >= 1_000_000 ? QUERY_AIM_MS : undefined;
  line('subgraph depth 2, p95 (ms)', json.subgraph.p95Ms, binary.subgraph.p95Ms, aim);
  line(`impact traversal p95 (${binary.impactTraversal.rows} rows)`, json.impactTraversal.p95Ms, binary.impactTraversal.p95Ms, aim);
  line('impact view with rows, p95 (ms)', json.impactView.p95Ms, binary.impactView.p95Ms, aim);
  line('path view, p95 (ms)', json.path.p95Ms, binary.path.p95Ms, aim);
  line('keyword search rank, p95 (ms)', json.searchRank.p95Ms, binary.searchRank.p95Ms, aim);
  line('search + snippets, p95 (ms)', json.searchWithSnippets.p95Ms, binary.searchWithSnippets.p95Ms);
  console.log('');
}
writeFileSync('bench/out/layouts.json', JSON.stringify({ date: new Date().toISOString(), seed, rows }, null, 2) + '\n');
console.log('wrote bench/out/layouts.json');
