/**
 * Generated snapshots shared by the benchmarks, written once under .tmp/bench/ and reused:
 * the JSON snapshot `npm run gen:snapshot` writes, and its binary layout (`npm run compile`).
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
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

export interface CompiledSnapshot {
  dir: string;
  /** Wall time of `npm run compile` for it, and the peak memory of that process (when it ran; remembered otherwise). */
  compileSeconds: number;
  compilePeakMiB: number;
}

/** The binary layout of the generated snapshot, compiled from its JSON by `npm run compile` once. */
export function ensureCompiledSnapshot(nodes: number, seed: number): CompiledSnapshot {
  const json = ensureGeneratedSnapshot(nodes, seed);
  const dir = `${json}-binary`;
  const record = `${dir}.compile.json`;
  if (!existsSync(`${dir}/manifest.json`) || !existsSync(record)) {
    const t0 = performance.now();
    // /usr/bin/time is not on every machine: the child reports its own peak (VmHWM).
    const r = spawnSync(process.execPath, ['--max-old-space-size=16384', '--import', 'tsx', 'bench/compile-child.ts', json, dir], { stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`compiling ${json} failed`);
    const peak = Number(/peakMiB=(\d+(\.\d+)?)/.exec(r.stdout)?.[1] ?? NaN);
    writeFileSync(record, JSON.stringify({ compileSeconds: (performance.now() - t0) / 1000, compilePeakMiB: peak }));
  }
  return { dir, ...(JSON.parse(readFileSync(record, 'utf8')) as Omit<CompiledSnapshot, 'dir'>) };
}
