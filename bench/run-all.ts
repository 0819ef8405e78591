/**
 * `npm run bench`: every Node benchmark in turn (the browser one is `npm run bench:browser`).
 * Arguments are passed on, e.g. `npm run bench -- --sizes 10000,100000`.
 */
import { spawnSync } from 'node:child_process';

const BENCHMARKS = ['bench/graph.ts'];

for (const script of BENCHMARKS) {
  console.log(`\n▶ ${script}`);
  const r = spawnSync(process.execPath, ['--import', 'tsx', script, ...process.argv.slice(2)], { stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}
