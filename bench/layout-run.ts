/**
 * One layout of one generated snapshot, in a fresh process (bench/layouts.ts runs it): how
 * long opening takes and what it leaves in memory, then the explorer's queries as its
 * worker answers them (src/core/view: the subgraph the graph view draws, the impact list,
 * the path view, keyword search), timed over many starts.
 *
 *   node --expose-gc --max-old-space-size=8192 --import tsx bench/layout-run.ts <json dir> <binary dir> json|binary <out.json>
 *
 * Both layouts answer with the same node numbering, so the same random starts are used.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { webcrypto } from 'node:crypto';
import { readSnapshotDir } from '../cli/lib/snapshot-files.ts';
import { readGraphCore, readSearchCore, CoreGraphIndex, DetailsStore, GRAPH_CORE_FILE, SEARCH_CORE_FILE } from '../src/core/columnar/index.ts';
import type { SnapshotNode } from '../src/core/format/index.ts';
import { buildGraphIndex, closureColumns, type GraphIndex } from '../src/core/graph/index.ts';
import { buildNodeSearchIndex, explainHit, rankNodes, type NodeSearchIndex } from '../src/core/search/index.ts';
import { buildImpact, buildSubgraph } from '../src/core/view/index.ts';
import { Prng } from '../src/testing/prng.ts';
import { collectGarbage, MiB, summarize, type Summary } from './lib/stats.ts';
import { SEARCH_QUERIES } from './lib/search-queries.ts';
import { largestPhiDataset } from './lib/largest-phi-dataset.ts';

const [jsonDir, binaryDir, layoutArg, outPath] = process.argv.slice(2);
if (!jsonDir || !binaryDir || (layoutArg !== 'json' && layoutArg !== 'binary') || !outPath) {
  console.error('usage: layout-run.ts <json dir> <binary dir> json|binary <out.json>');
  process.exit(2);
}

const layout = layoutArg as 'json' | 'binary';

const STARTS = 200;
const PATHS = 200;
const IMPACT_RUNS = 7;
const SEARCH_REPEATS = 5;

export interface LayoutFigures {
  layout: 'json' | 'binary';
  nodes: number;
  edges: number;
  /** Reading, hashing and checking or parsing the files the first graph needs, and indexing them. */
  openMs: number;
  /** Until the keyword index is usable as well. */
  searchReadyMs: number;
  memoryMiB: { rss: number; heap: number; arrayBuffers: number };
  subgraph: Summary;
  impactTraversal: Summary & { rows: number; dataset: string };
  impactView: Summary;
  path: Summary;
  searchRank: Summary;
  /** Ranking plus the hits' details (a binary snapshot reads their chunks) and field explanation. */
  searchWithSnippets: Summary;
}

const mem = () => {
  const m = process.memoryUsage();
  return { rss: m.rss / MiB, heap: m.heapUsed / MiB, arrayBuffers: m.arrayBuffers / MiB };
};

const sha256 = async (bytes: Uint8Array) => Buffer.from(await webcrypto.subtle.digest('SHA-256', bytes)).toString('hex');

async function openJson(): Promise<{ index: GraphIndex; search: NodeSearchIndex; nodes: (ids: number[]) => Promise<SnapshotNode[]>; openMs: number; searchReadyMs: number }> {
  const t0 = performance.now();
  const loaded = await readSnapshotDir(jsonDir!);
  const { index, nodes } = buildGraphIndex(loaded);
  const openMs = performance.now() - t0;
  const search = buildNodeSearchIndex(nodes);
  return { index, search, nodes: async (ids) => ids.map((i) => nodes[i]!), openMs, searchReadyMs: performance.now() - t0 };
}

async function openBinary(): Promise<{ index: GraphIndex; search: NodeSearchIndex; nodes: (ids: number[]) => Promise<SnapshotNode[]>; openMs: number; searchReadyMs: number }> {
  const manifest = JSON.parse(readFileSync(join(binaryDir!, 'manifest.json'), 'utf8')) as { files: { path: string; sha256: string }[] };
  const checked = async (path: string) => {
    const bytes = new Uint8Array(readFileSync(join(binaryDir!, path)));
    if ((await sha256(bytes)) !== manifest.files.find((f) => f.path === path)!.sha256) throw new Error(`${path}: hash mismatch`);
    return bytes;
  };
  const t0 = performance.now();
  const core = readGraphCore(await checked(GRAPH_CORE_FILE), GRAPH_CORE_FILE);
  const details = new DetailsStore(core, { read: async (p) => new Uint8Array(readFileSync(join(binaryDir!, p))), sha256, decodeUtf8: (b) => new TextDecoder().decode(b) });
  const index = new CoreGraphIndex(core, (i) => details.cached(i));
  const openMs = performance.now() - t0;
  const search = readSearchCore(await checked(SEARCH_CORE_FILE), SEARCH_CORE_FILE, index.nodeCount, index.kindCodes, (v, f) =>
    f === 'name' ? index.nodeName(v) : f === 'id' ? index.nodeId(v) : (index.nodeLabel(v, f === 'label.en' ? 'en' : 'ja') ?? ''),
  );
    // As the worker does: the hits' chunks read together, then the nodes taken from them.
  const nodes = async (ids: number[]) => {
    await details.load(ids);
    return ids.map((i) => details.cached(i)!);
  };
  return { index, search, nodes, openMs, searchReadyMs: performance.now() - t0 };
}

async function timed(n: number, run: (i: number) => unknown): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    await run(i);
    times.push(performance.now() - t0);
  }
  return times;
}

async function main(): Promise<void> {
  collectGarbage();
  const opened = layout === 'json' ? await openJson() : await openBinary();
  collectGarbage();
  const memoryMiB = mem();
  const { index, search } = opened;
  const n = index.nodeCount;
  const rng = new Prng(20261206);
  const starts = Array.from({ length: STARTS }, () => rng.int(n));
  const pairs = Array.from({ length: PATHS }, () => [rng.int(n), rng.int(n)] as const);
  const id = (i: number) => index.nodeId(i);

  // As the graph view asks: depth 2 both ways, at most 400 nodes, with their summaries and edges.
  await timed(20, (i) => buildSubgraph(index, { focus: id(starts[i]!), depth: 2, direction: 'both', kinds: null, expanded: [], pathTo: null, maxNodes: 400 }));
  const subgraph = summarize(await timed(STARTS, (i) => buildSubgraph(index, { focus: id(starts[i]!), depth: 2, direction: 'both', kinds: null, expanded: [], pathTo: null, maxNodes: 400 })));

  // The PHI dataset with the most downstream: the auditor's worst case.
  const { node: worst, rows: worstRows } = largestPhiDataset(index);
  const impactTraversal = { ...summarize(await timed(IMPACT_RUNS, () => closureColumns(index, worst, 'down'))), rows: worstRows, dataset: worst >= 0 ? id(worst) : '(none)' };
  const impactView = summarize(await timed(IMPACT_RUNS, () => buildImpact(index, id(worst), null)));

  const path = summarize(await timed(PATHS, (i) => buildSubgraph(index, { focus: id(pairs[i]![0]), depth: 1, direction: 'both', kinds: null, expanded: [], pathTo: id(pairs[i]![1]), maxNodes: 400 })));

  const queries = Array.from({ length: SEARCH_REPEATS }, () => SEARCH_QUERIES).flat();
  const searchRank = summarize(await timed(queries.length, (i) => rankNodes(search, queries[i]!, { limit: 20 })));
  const searchWithSnippets = summarize(
    await timed(SEARCH_QUERIES.length, async (i) => {
      const ranked = rankNodes(search, SEARCH_QUERIES[i]!, { limit: 20 });
      const nodes = await opened.nodes(ranked.hits.map((h) => h.node));
      ranked.hits.forEach((hit, k) => explainHit(search, ranked, hit, nodes[k]!));
    }),
  );

  const figures: LayoutFigures = {
    layout,
    nodes: n,
    edges: index.edgeCount,
    openMs: opened.openMs,
    searchReadyMs: opened.searchReadyMs,
    memoryMiB,
    subgraph,
    impactTraversal,
    impactView,
    path,
    searchRank,
    searchWithSnippets,
  };
  writeFileSync(outPath!, JSON.stringify(figures, null, 2));
}

await main();
