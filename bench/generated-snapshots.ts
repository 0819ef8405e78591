/**
 * Generated snapshots shared by the benchmarks, written once under .tmp/bench/ and reused.
 */
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';

export function generatedSnapshotDir(nodes: number, seed: number): string {
  return `.tmp/bench/gen-${nodes}-${seed}`;
}

export function ensureGeneratedSnapshot(nodes: number, seed: number): string {
  const dir = generatedSnapshotDir(nodes, seed);
  if (!existsSync(`${dir}/manifest.json`)) {
    const r = spawnSync('npx', ['tsx', 'cli/gen-snapshot.ts', '--nodes', String(nodes), '--seed', String(seed), '--out', dir], { stdio: 'inherit' });
    if (r.status !== 0) throw new Error(`generating ${dir} failed`);
  }
  return dir;
}
