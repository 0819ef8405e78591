/**
 * One size of the graph benchmark, run in fresh processes by bench/graph.ts so that
 * neither memory figures nor garbage-collection costs carry over from other work:
 *
 *   node --expose-gc --max-old-space-size=8192 --import tsx bench/graph-run.ts <snapshot dir> <requested size> <out.json> [--phases]
 *
 * Without --phases: load + index end to end, memory, queries, search. With --phases:
 * the load again, phase by phase (read, hash, decode, parse, validate, index).
 */
import { writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { readSnapshotDir } from '../cli/lib/snapshot-files.ts';
import type { SnapshotNode } from '../src/core/format/index.ts';
import { buildGraphIndex, closure, closureColumns, neighbourhood, shortestPath, type GraphIndex } from '../src/core/graph/index.ts';
import { Prng } from '../src/testing/prng.ts';
import type { GraphFigures, MainFigures, PhaseFigures, QueryFigures } from './lib/graph-figures.ts';
import { loadByPhases } from './lib/load-phases.ts';
import { GcClock, MiB, collectGarbage, summarize, time } from './lib/stats.ts';
import { SEARCH_QUERIES } from './lib/search-queries.ts';

const [dir, requestedArg, outPath, mode] = process.argv.slice(2);
if (!dir || !requestedArg || !outPath || (mode !== undefined && mode !== '--phases')) {
  console.error('usage: graph-run.ts <snapshot dir> <requested size> <out.json> [--phases]');
  process.exit(2);
}
const log = (msg: string) => console.error(`  [${requestedArg}] ${msg}`);

const NEIGHBOURHOOD_STARTS = 200;
const NEIGHBOURHOOD_CAP = 2000;
const PATH_PAIRS = 200;
const CLOSURE_RUNS = 7;
const SEARCH_REPEATS = 5;

const memory = () => {
  const m = process.memoryUsage();
  return { heap: m.heapUsed, external: m.arrayBuffers, rss: m.rss };
};

async function main(): Promise<void> {
  const loadBefore = loadavg()[0]!;
  const gcExposed = collectGarbage();
  const before = memory();
  const requested = Number(requestedArg);

  // 1. Load and index end to end, as the app's worker does. Smaller sizes repeat for a stable median.
  const runs = requested <= 100_000 ? 3 : 1;
  const loadTimes: number[] = [];
  const indexTimes: number[] = [];
  const loadGc: number[] = [];
  const indexGc: number[] = [];
  const loadCpu: number[] = [];
  const indexCpu: number[] = [];
  const gcClock = new GcClock();
  let run: Awaited<ReturnType<typeof loadAndIndex>> | undefined;
  for (let r = 0; r < runs; r++) {
    run = undefined; // so that the previous snapshot is garbage while the next one loads
    collectGarbage();
    run = await loadAndIndex(gcClock);
    loadTimes.push(run.loadMs);
    indexTimes.push(run.indexMs);
    loadGc.push(run.loadGcMs);
    indexGc.push(run.indexGcMs);
    loadCpu.push(run.loadCpuMs);
    indexCpu.push(run.indexCpuMs);
    log(`load ${run.loadMs.toFixed(0)} ms + index ${run.indexMs.toFixed(0)} ms`);
  }
  const { loaded, built } = run!;
  gcClock.stop();
  collectGarbage();
  const afterIndex = memory(); // one snapshot and its index alive
  const indexDelta = indexMemory(loaded);
  const { index, problems } = built;

  // 2. Queries.
  const rng = new Prng(20251001);
  const starts = Array.from({ length: NEIGHBOURHOOD_STARTS }, () => rng.int(index.nodeCount));
  const neighbourhoodFigures = (maxNodes: number | undefined): QueryFigures => {
    let total = 0;
    const times = starts.map((s) => {
      const t0 = performance.now();
      const r = neighbourhood(index, s, { direction: 'both', depth: 2, maxNodes });
      const ms = performance.now() - t0;
      total += r.nodes.length;
      return ms;
    });
    return { ...summarize(times), meanSize: total / starts.length };
  };
  neighbourhoodFigures(NEIGHBOURHOOD_CAP); // warm-up
  const capped = neighbourhoodFigures(NEIGHBOURHOOD_CAP);
  const uncapped = neighbourhoodFigures(undefined);
  log(`neighbourhood median ${capped.medianMs.toFixed(3)} ms (cap ${NEIGHBOURHOOD_CAP}), ${uncapped.medianMs.toFixed(3)} ms uncapped`);

  const closureOf = (node: SnapshotNode | undefined) => {
    if (!node) return { id: '(none)', rows: 0, objectsMs: NaN, columnsMs: NaN };
    const start = index.indexOf(node.id);
    const objects: number[] = [];
    const columns: number[] = [];
    let rows = 0;
    for (let i = 0; i < CLOSURE_RUNS; i++) {
      objects.push(time(() => (rows = closure(index, start, 'down').length)).ms);
      columns.push(time(() => closureColumns(index, start, 'down')).ms);
    }
    return { id: node.id, rows, objectsMs: summarize(objects).medianMs, columnsMs: summarize(columns).medianMs };
  };
  // The worst cases an auditor meets: the PHI dataset and the foundation model with the most downstream.
  const largestImpact = (candidates: SnapshotNode[]) => {
    let best: SnapshotNode | undefined;
    let bestRows = -1;
    for (const n of candidates) {
      const rows = closureColumns(index, index.indexOf(n.id), 'down').node.length;
      if (rows > bestRows) [best, bestRows] = [n, rows];
    }
    return best;
  };
  const dataset = closureOf(largestImpact(loaded.nodes.filter((n) => n.kind === 'dataset' && n.subtype === 'clinical-records')));
  const foundation = closureOf(largestImpact(loaded.nodes.filter((n) => n.kind === 'model' && n.subtype === 'foundation')));
  log(`closure dataset ${dataset.rows} rows ${dataset.objectsMs.toFixed(1)} ms, foundation ${foundation.rows} rows ${foundation.objectsMs.toFixed(1)} ms`);

  const pairs = Array.from({ length: PATH_PAIRS }, () => [rng.int(index.nodeCount), rng.int(index.nodeCount)] as const);
  const pathFigures = (direction: 'any' | undefined) => {
    let found = 0;
    let length = 0;
    const times = pairs.map(([a, b]) => {
      const t0 = performance.now();
      const p = shortestPath(index, a, b, direction ? { direction } : {});
      const ms = performance.now() - t0;
      if (p) {
        found++;
        length += p.edges.length;
      }
      return ms;
    });
    return { figures: { ...summarize(times), meanSize: found ? length / found : NaN }, found };
  };
  const auto = pathFigures(undefined);
  const any = pathFigures('any');
  log(`shortest path median ${auto.figures.medianMs.toFixed(2)} ms (down→up→any), ${any.figures.medianMs.toFixed(2)} ms (any)`);

  const search = await searchFigures(loaded.nodes);

  const files = loaded.manifest.files;
  const figures: MainFigures = {
    requested,
    dir: dir!,
    nodes: index.nodeCount,
    relations: loaded.relations.length,
    edges: index.edgeCount,
    files: files.length,
    bytes: files.reduce((sum, f) => sum + f.bytes, 0),
    problems: problems.length,
    loadAverage: [loadBefore, loadavg()[0]!],
    load: {
      readSnapshotMs: summarize(loadTimes).medianMs,
      indexMs: summarize(indexTimes).medianMs,
      totalMs: summarize(loadTimes.map((t, i) => t + indexTimes[i]!)).medianMs,
      readSnapshotCpuMs: summarize(loadCpu).medianMs,
      indexCpuMs: summarize(indexCpu).medianMs,
      readSnapshotGcMs: summarize(loadGc).medianMs,
      indexGcMs: summarize(indexGc).medianMs,
      runs,
    },
    memory: {
      heapUsedMB: afterIndex.heap / MiB,
      externalMB: afterIndex.external / MiB,
      rssMB: afterIndex.rss / MiB,
      bytesPerNode: (afterIndex.heap + afterIndex.external - before.heap - before.external) / index.nodeCount,
      indexArraysMB: indexArrayBytes(index) / MiB,
      indexDeltaMB: indexDelta / MiB,
      gcExposed,
    },
    neighbourhood: { capped, uncapped, cap: NEIGHBOURHOOD_CAP },
    closure: { dataset, foundation },
    path: { auto: auto.figures, any: any.figures, foundFraction: auto.found / pairs.length },
    search,
  };
  writeFileSync(outPath!, JSON.stringify(figures, null, 2));
}

/**
 * Heap and array buffers an index adds, building a second one beside the first. A plain
 * function on purpose: an async function's suspended frame can keep a dead index alive
 * and hide what it costs.
 */
function indexMemory(loaded: Parameters<typeof buildGraphIndex>[0]): number {
  collectGarbage();
  const before = memory();
  let extra: ReturnType<typeof buildGraphIndex> | null = buildGraphIndex(loaded);
  collectGarbage();
  const after = memory();
  if (extra.index.nodeCount < 0) console.log('unreachable'); // keeps `extra` alive up to here
  extra = null;
  return after.heap + after.external - before.heap - before.external;
}

function indexArrayBytes(index: GraphIndex): number {
  const arrays = [index.edgeFrom, index.edgeTo, index.kindCodes, index.typeCodes, index.outOffsets, index.outEdges, index.outNodes, index.inOffsets, index.inEdges, index.inNodes];
  // The private edge → relation position array exists only when relations were dropped: none here.
  return arrays.reduce((s, a) => s + a.byteLength, 0);
}

/**
 * Keyword search from src/core/search: index build time and query times over a mix of
 * Japanese and English queries. Imported lazily so that a broken or half-written search
 * module costs its own figures only, not the whole benchmark.
 */
async function searchFigures(nodes: readonly SnapshotNode[]): Promise<GraphFigures['search']> {
  let search: typeof import('../src/core/search/index.ts');
  try {
    search = await import('../src/core/search/index.ts');
  } catch (err) {
    return { error: `src/core/search could not be imported: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}` };
  }
  const built = time(() => search.buildNodeSearchIndex(nodes));
  const times: number[] = [];
  let hits = 0;
  for (let rep = 0; rep < SEARCH_REPEATS; rep++) {
    for (const q of SEARCH_QUERIES) {
      const t0 = performance.now();
      const r = search.searchNodes(built.result, q, { limit: 20, nodes });
      times.push(performance.now() - t0);
      hits += r.length;
    }
  }
  log(`search index ${built.ms.toFixed(0)} ms, query median ${summarize(times).medianMs.toFixed(2)} ms`);
  return { buildMs: built.ms, query: { ...summarize(times), meanSize: hits / times.length } };
}

const cpuMs = (u: NodeJS.CpuUsage) => (u.user + u.system) / 1000;

/** One timed load and index, in a function of its own so that nothing of it outlives the call but the result. */
async function loadAndIndex(gcClock: GcClock) {
  let gcMark = gcClock.mark();
  let cpu = process.cpuUsage();
  const t0 = performance.now();
  const loaded = await readSnapshotDir(dir!);
  const loadMs = performance.now() - t0;
  const loadCpuMs = cpuMs(process.cpuUsage(cpu));
  const loadGcMs = await gcClock.since(gcMark);
  gcMark = gcClock.mark();
  cpu = process.cpuUsage();
  const t1 = performance.now();
  const built = buildGraphIndex(loaded);
  const indexMs = performance.now() - t1;
  const indexCpuMs = cpuMs(process.cpuUsage(cpu));
  const indexGcMs = await gcClock.since(gcMark);
  return { loaded, built, loadMs, indexMs, loadCpuMs, indexCpuMs, loadGcMs, indexGcMs };
}

/** The load phase by phase, in a process of its own (see the header). */
async function phases(): Promise<void> {
  collectGarbage();
  const phased = await loadByPhases(dir!);
  const index = time(() => buildGraphIndex({ nodes: phased.nodes, relations: phased.relations }));
  log(`phases: parse ${phased.times.parseMs.toFixed(0)} ms, validate ${phased.times.validateMs.toFixed(0)} ms, index ${index.ms.toFixed(0)} ms`);
  const figures: PhaseFigures = { phases: { ...phased.times, indexMs: index.ms } };
  writeFileSync(outPath!, JSON.stringify(figures, null, 2));
}

await (mode === '--phases' ? phases() : main());
