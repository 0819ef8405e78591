/**
 * Graph benchmark: loading and indexing generated snapshots, memory, and the traversal
 * queries the explorer makes (neighbourhood, impact closure, shortest path), plus keyword
 * search from src/core/search.
 *
 *   npx tsx bench/graph.ts [--sizes 10000,100000,1000000] [--seed 1]
 *
 * Snapshots are generated once under .tmp/bench/gen-<size>-<seed>/ by the same code as
 * `npm run gen:snapshot` and reused. Each size is measured in its own Node process,
 * started with `--expose-gc` (for clean memory figures) and `--max-old-space-size=8192`
 * (a million-node snapshot holds ~2–3 GB of JavaScript objects while it is validated), so
 * NODE_OPTIONS need not be set. Prints a table and writes bench/out/graph.json.
 *
 * Aims reported against, not asserted: a 100k-node snapshot loaded and indexed in under
 * 2 s; neighbourhood and search under 50 ms (p95) on a million nodes.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { ensureGeneratedSnapshot } from './generated-snapshots.ts';
import type { GraphFigures, MainFigures, PhaseFigures } from './lib/graph-figures.ts';
import { formatGraphTable } from './lib/graph-table.ts';

const CHILD_FLAGS = ['--expose-gc', '--max-old-space-size=8192', '--import', 'tsx'];

function parseArgs(argv: string[]): { sizes: number[]; seed: number } {
  let sizes = [10_000, 100_000, 1_000_000];
  let seed = 1;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--sizes' && argv[i + 1]) sizes = argv[++i]!.split(',').map(Number);
    else if (arg === '--seed' && argv[i + 1]) seed = Number(argv[++i]);
    else {
      console.error(`unknown argument ${JSON.stringify(arg)}\nusage: npx tsx bench/graph.ts [--sizes 10000,100000,1000000] [--seed 1]`);
      process.exit(2);
    }
  }
  if (sizes.some((n) => !Number.isInteger(n) || n < 200) || !Number.isInteger(seed)) {
    console.error('--sizes takes whole numbers of at least 200, separated by commas; --seed an integer');
    process.exit(2);
  }
  return { sizes, seed };
}

/** Runs bench/graph-run.ts for one size in a fresh process and reads the figures it wrote. */
function measure<T>(dir: string, size: number, extra: string[]): T {
  const out = join('bench/out', `graph-${size}${extra.length ? '-phases' : ''}.json`);
  const run = spawnSync(process.execPath, [...CHILD_FLAGS, 'bench/graph-run.ts', dir, String(size), out, ...extra], { stdio: 'inherit' });
  if (run.status !== 0) {
    console.error(`measuring ${dir} ${extra.join(' ')} failed (exit ${run.status ?? run.signal})`);
    process.exit(1);
  }
  return JSON.parse(readFileSync(out, 'utf8')) as T;
}

const { sizes, seed } = parseArgs(process.argv.slice(2));
mkdirSync('bench/out', { recursive: true });
const results: GraphFigures[] = [];
for (const size of sizes) {
  const dir = ensureGeneratedSnapshot(size, seed);
  console.error(`measuring ${dir} …`);
  const main = measure<MainFigures>(dir, size, []);
  const phases = measure<PhaseFigures>(dir, size, ['--phases']);
  results.push({ ...main, ...phases });
}

const machine = { cpu: cpus()[0]?.model ?? 'unknown', cores: cpus().length, memoryGiB: Math.round(totalmem() / 2 ** 30), node: process.version };
console.log(`\nGraph benchmark — ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGiB} GiB, Node ${machine.node}\n`);
console.log(formatGraphTable(results));
writeFileSync('bench/out/graph.json', JSON.stringify({ date: new Date().toISOString(), machine, seed, sizes: results }, null, 2) + '\n');
console.log('\nwrote bench/out/graph.json');
