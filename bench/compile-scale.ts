/**
 * Writing the binary layout of a snapshot far larger than memory holds as JSON objects: a
 * generated snapshot streamed node by node into the writer (src/core/columnar), then the
 * core opened again as the app's worker would (read, SHA-256, every structural check) and a
 * few queries. Prints time, peak memory and sizes.
 *
 *   npm run bench:compile [-- --nodes 10000000 --seed 1 --out .tmp/bench/stream-10000000-1]
 *
 * (The npm script gives Node a 20 GB heap limit: the id table and the keyword index's
 * staging arrays of ten million nodes are several gigabytes.)
 */
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CoreGraphIndex, CoreSnapshotWriter, GRAPH_CORE_FILE, readGraphCore } from '../src/core/columnar/index.ts';
import { BINARY_MANIFEST_VERSION, MANIFEST_FORMAT, type Manifest } from '../src/core/format/index.ts';
import { neighbourhood, shortestPath } from '../src/core/graph/index.ts';
import { streamGeneratedSnapshot } from '../src/testing/generate-snapshot.ts';
import { Prng } from '../src/testing/prng.ts';
import { folderCoreIo, sha256Hex } from '../cli/lib/snapshot-files.ts';
import { folderBytes } from '../cli/lib/folder-files.ts';
import { progressBar } from '../cli/lib/literature-progress.ts';
import { MiB, summarize } from './lib/stats.ts';

const args = process.argv.slice(2);
const opt = (name: string, fallback: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] ? args[i + 1]! : fallback;
};
const nodes = Number(opt('nodes', '10000000'));
const seed = Number(opt('seed', '1'));
const out = opt('out', `.tmp/bench/stream-${nodes}-${seed}`);
if (!Number.isInteger(nodes) || nodes < 200 || !Number.isInteger(seed)) {
  console.error('usage: npm run bench:compile [-- --nodes 10000000 --seed 1 --out <dir>]');
  process.exit(2);
}

/** Peak resident memory of this process so far (Linux), else the current RSS. */
function peakMiB(): number {
  try {
    const kb = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'))?.[1];
    if (kb) return Number(kb) / 1024;
  } catch {
    // not Linux
  }
  return process.memoryUsage().rss / MiB;
}


rmSync(out, { recursive: true, force: true });
const t0 = performance.now();
const writer = new CoreSnapshotWriter(folderCoreIo(out), { expectedNodes: nodes, expectedRelations: Math.round(nodes * 2.7) });
const bar = progressBar();
let added = 0;
streamGeneratedSnapshot(
  { nodes, seed },
  {
    node(n) {
      writer.addNode(n);
      if ((++added & 0xffff) === 0) bar.update('nodes written', added, nodes);
    },
    relation: (r) => writer.addRelation(r),
  },
);
bar.done();
const tStream = performance.now();
console.error('writing the cores …');
const written = writer.finish();
const tFinish = performance.now();
const manifest: Manifest = {
  format: MANIFEST_FORMAT,
  version: BINARY_MANIFEST_VERSION,
  snapshot: { id: `stream-${nodes}-${seed}`, title: { en: `Generated lineage (${nodes} nodes, streamed)` }, createdAt: '2025-10-01T00:00:00Z', generator: 'raireki bench:compile' },
  files: written.files,
};
writeFileSync(join(out, 'manifest.json'), JSON.stringify(manifest, null, 2) + '\n');
const writePeak = peakMiB();

// Opening the graph core as the worker does: read, hash against the manifest, check, index.
const o0 = performance.now();
const bytes = new Uint8Array(readFileSync(join(out, GRAPH_CORE_FILE)));
const o1 = performance.now();
const digest = sha256Hex(bytes);
if (digest !== written.files[0]!.sha256) throw new Error('graph core hash mismatch');
const o2 = performance.now();
const index = new CoreGraphIndex(readGraphCore(bytes, GRAPH_CORE_FILE));
const o3 = performance.now();
const rng = new Prng(7);
const hood = summarize(Array.from({ length: 100 }, () => {
  const s = rng.int(index.nodeCount);
  const t = performance.now();
  neighbourhood(index, s, { direction: 'both', depth: 2, maxNodes: 400 });
  return performance.now() - t;
}));
const path = summarize(Array.from({ length: 100 }, () => {
  const a = rng.int(index.nodeCount);
  const b = rng.int(index.nodeCount);
  const t = performance.now();
  shortestPath(index, a, b);
  return performance.now() - t;
}));

const mb = (n: number) => (n / 1e6).toFixed(0);
const s = (ms: number) => (ms / 1000).toFixed(1);
console.log(`\nStreamed ${written.meta.nodeCount.toLocaleString('en')} nodes, ${written.meta.relationCount.toLocaleString('en')} relations (${written.meta.edgeCount.toLocaleString('en')} edges) into ${out}`);
console.log(`  write: ${s(tFinish - t0)} s in all (generate + chunks ${s(tStream - t0)} s, cores ${s(tFinish - tStream)} s); peak memory ${(writePeak / 1024).toFixed(2)} GiB`);
console.log(`  sizes: graph core ${mb(written.bytes.graph)} MB, search core ${mb(written.bytes.search)} MB, ${written.nodeChunks + written.relationChunks} details chunks ${mb(written.bytes.details)} MB; folder ${mb(folderBytes(out))} MB`);
console.log(`  open graph core: read ${s(o1 - o0)} s, SHA-256 ${s(o2 - o1)} s, check + index ${s(o3 - o2)} s`);
console.log(`  depth-2 neighbourhood p95 ${hood.p95Ms.toFixed(2)} ms, shortest path p95 ${path.p95Ms.toFixed(2)} ms (100 random starts each)`);
console.log(`  warnings in the core: ${written.meta.warnings.length}; peak memory with the core open ${(peakMiB() / 1024).toFixed(2)} GiB`);
