/** One diff of two snapshot folders in its own process (bench/diff.ts): prints its figures as one JSON line. */
import { readFileSync } from 'node:fs';
import { diffSnapshots, countsByChange } from '../src/core/diff/index.ts';
import { openDiffSide } from '../cli/diff.ts';

const peakMiB = () => Number(/VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'))?.[1] ?? NaN) / 1024;
const [a, b] = process.argv.slice(2);
const t0 = performance.now();
const sa = await openDiffSide(a!);
const sb = await openDiffSide(b!);
const openMs = performance.now() - t0;
const peakOpenMiB = peakMiB();
const heapOpenMiB = process.memoryUsage().heapUsed / 2 ** 20;
const t1 = performance.now();
const diff = await diffSnapshots(sa, sb);
const diffMs = performance.now() - t1;
console.log(
  JSON.stringify({
    openMs,
    diffMs,
    peakOpenMiB,
    peakMiB: peakMiB(),
    heapOpenMiB,
    heapMiB: process.memoryUsage().heapUsed / 2 ** 20,
    nodes: countsByChange(diff.nodes),
    relations: countsByChange(diff.relations),
    reclassified: diff.reclassified.length,
    newOutputs: diff.newOutputs.reduce((s, x) => s + x.count, 0),
    nodeCount: [diff.a.nodeCount, diff.b.nodeCount],
    relationCount: [diff.a.relationCount, diff.b.relationCount],
  }),
);
