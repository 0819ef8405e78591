/**
 * Snapshot diff (issue 12, item 4): time and memory of `npm run diff`'s comparison on
 * generated snapshots and a changed copy of each (bench/diff-changed-copy.ts), in both
 * layouts, each run in a fresh process. Printed, not asserted.
 *
 *   npm run bench:diff [-- --sizes 100000,1000000 --layouts binary,json]
 *
 * open = reading and verifying both snapshots (the binary layout: the graph cores only);
 * diff = everything after (the binary layout reads every details chunk that differs);
 * peak = the process's peak resident memory (VmHWM), after opening and at the end.
 */
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { ensureCompiledSnapshot, ensureGeneratedSnapshot } from './generated-snapshots.ts';

const args = process.argv.slice(2);
const opt = (name: string, fallback: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] ? args[i + 1]! : fallback;
};
const sizes = opt('sizes', '100000,1000000').split(',').map(Number);
const layouts = opt('layouts', 'binary,json').split(',') as ('binary' | 'json')[];
const SEED = 1;

function child(script: string, argv: string[]): string {
  const r = spawnSync(process.execPath, ['--max-old-space-size=16384', '--import', 'tsx', script, ...argv], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 1 << 26 });
  if (r.status !== 0) throw new Error(`${script} ${argv.join(' ')} failed (exit ${r.status})`);
  return r.stdout.trim().split('\n').pop()!;
}

const rows: string[] = [];
for (const size of sizes) {
  const json = ensureGeneratedSnapshot(size, SEED);
  const binary = ensureCompiledSnapshot(size, SEED).dir;
  const changed = `${json}-changed`;
  if (!existsSync(`${changed}-json/manifest.json`) || !existsSync(`${changed}-binary/manifest.json`)) {
    console.log(`writing the changed copy of ${json} …`);
    console.log(`  changes: ${child('bench/diff-changed-copy.ts', [json, changed])}`);
  }
  for (const layout of layouts) {
    const [a, b] = layout === 'binary' ? [binary, `${changed}-binary`] : [json, `${changed}-json`];
    const r = JSON.parse(child('bench/diff-child.ts', [a, b])) as {
      openMs: number;
      diffMs: number;
      peakOpenMiB: number;
      peakMiB: number;
      heapMiB: number;
      nodes: Record<string, number>;
      relations: Record<string, number>;
      reclassified: number;
      newOutputs: number;
      nodeCount: number[];
      relationCount: number[];
    };
    const c = (x: Record<string, number>, k: string) => x[k] ?? 0;
    rows.push(
      `| ${size.toLocaleString('en')} nodes, ${r.relationCount[0]!.toLocaleString('en')} relations | ${layout} | ${(r.openMs / 1000).toFixed(2)} s | ${(r.diffMs / 1000).toFixed(2)} s | ${Math.round(r.peakOpenMiB)} → ${Math.round(r.peakMiB)} MiB | ` +
        `nodes +${c(r.nodes, 'added')} −${c(r.nodes, 'removed')} ~${c(r.nodes, 'changed')} ⇄${c(r.nodes, 'renamed')}; relations +${c(r.relations, 'added')} −${c(r.relations, 'removed')} ~${c(r.relations, 'changed')}; ${r.reclassified} re-classified, ${r.newOutputs} new outputs |`,
    );
    console.log(rows.at(-1));
  }
}
console.log('\n| snapshot | layout | open both | diff | peak memory (after open → end) | changes found |\n|---|---|---:|---:|---:|---|');
for (const row of rows) console.log(row);
