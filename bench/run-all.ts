/**
 * `npm run bench`: the Node benchmark over generated snapshots of 10k, 100k and 1M nodes,
 * then the browser benchmark (navigation → first interactive graph, sample and 100k).
 * Arguments go to the Node benchmark, e.g. `npm run bench -- --sizes 10000,100000`;
 * `npm run bench:browser` runs the browser part alone.
 */
import { spawnSync } from 'node:child_process';

const BENCHMARKS: [script: string, passArgs: boolean][] = [
  ['bench/graph.ts', true],
  ['bench/browser.ts', false],
];

for (const [script, passArgs] of BENCHMARKS) {
  console.log(`\n▶ ${script}`);
  const r = spawnSync(process.execPath, ['--import', 'tsx', script, ...(passArgs ? process.argv.slice(2) : [])], { stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}
