/**
 * One side of a diff: a loaded snapshot of either layout, read as runs of whole records so
 * that a million-node snapshot is streamed a chunk at a time, never held twice. A JSON
 * snapshot's runs are slices of the arrays already in memory; a binary snapshot's runs are
 * its details chunks, each with the SHA-256 the graph core gives, so that node chunks with
 * the same bytes on both sides are known identical without being read.
 */
import type { LoadedCore } from '../columnar/index.ts';
import { chunkDigestHex, type ChunkTable } from '../columnar/details-chunks.ts';
import type { LoadedSnapshot, Manifest, Relation, SnapshotNode } from '../format/index.ts';
import { buildGraphIndex, type GraphIndex } from '../graph/index.ts';

export interface Run<T> {
  /** Position of the run's first record (node number, or relation in source order). */
  first: number;
  count: number;
  /** SHA-256 of the run's bytes when it is a details chunk; null for slices of a JSON snapshot. */
  digest: string | null;
  read(): Promise<readonly T[]>;
}

export interface DiffSide {
  /** What the user named: a folder, a file list, a URL (for messages). */
  name: string;
  manifest: Manifest;
  layout: 'json' | 'binary';
  index: GraphIndex;
  /** Runs covering nodes 0 … nodeCount − 1 of the index, in order. */
  nodeRuns: readonly Run<SnapshotNode>[];
  /** Runs covering every relation (edges or not) in source order. */
  relationRuns: readonly Run<Relation>[];
}

const JSON_RUN = 4096;

function slices<T>(items: readonly T[]): Run<T>[] {
  const runs: Run<T>[] = [];
  for (let first = 0; first < items.length; first += JSON_RUN) {
    const count = Math.min(JSON_RUN, items.length - first);
    runs.push({ first, count, digest: null, read: async () => items.slice(first, first + count) });
  }
  return runs;
}

/**
 * A JSON snapshot: `nodes` are the index's nodes (duplicates dropped, as buildGraphIndex
 * returns them), `relations` every relation of the files in source order.
 */
export function jsonDiffSide(name: string, manifest: Manifest, index: GraphIndex, nodes: readonly SnapshotNode[], relations: readonly Relation[]): DiffSide {
  return { name, manifest, layout: 'json', index, nodeRuns: slices(nodes), relationRuns: slices(relations) };
}

function chunkRuns<T>(table: ChunkTable, read: (k: number) => Promise<readonly T[]>): Run<T>[] {
  const runs: Run<T>[] = [];
  for (let k = 0; k < table.bytes.length; k++) {
    const first = table.first[k]!;
    runs.push({ first, count: table.first[k + 1]! - first, digest: chunkDigestHex(table, k), read: () => read(k) });
  }
  return runs;
}

/** A binary snapshot: its graph core for ids and adjacency, its details chunks for whole records. */
export function coreDiffSide(name: string, loaded: LoadedCore): DiffSide {
  const { index, details, manifest } = loaded;
  return {
    name,
    manifest,
    layout: 'binary',
    index,
    nodeRuns: chunkRuns(index.core.nodeChunks, (k) => details.readNodeChunk(k)),
    relationRuns: chunkRuns(index.core.relationChunks, (k) => details.readRelationChunk(k)),
  };
}

/**
 * Visits the whole records at these positions (ascending), reading each run that holds one
 * once, in order, and keeping none: a million changes cost one run in memory at a time.
 */
export async function eachRecordAt<T>(runs: readonly Run<T>[], positions: readonly number[], visit: (position: number, record: T) => void): Promise<void> {
  let r = 0;
  let p = 0;
  while (p < positions.length) {
    const pos = positions[p]!;
    while (r < runs.length && runs[r]!.first + runs[r]!.count <= pos) r++;
    const run = runs[r];
    if (!run || pos < run.first) throw new RangeError(`no record ${pos}`);
    const items = await run.read();
    while (p < positions.length && positions[p]! < run.first + run.count) {
      visit(positions[p]!, items[positions[p]! - run.first]!);
      p++;
    }
  }
}

/** Whole records at these positions (ascending), reading only the runs that hold them. */
export async function recordsAt<T>(runs: readonly Run<T>[], positions: readonly number[]): Promise<Map<number, T>> {
  const out = new Map<number, T>();
  await eachRecordAt(runs, positions, (pos, record) => out.set(pos, record));
  return out;
}

/** A JSON snapshot as loadSnapshot returns it: indexed here (duplicate ids dropped, as the explorer does). */
export function loadedDiffSide(name: string, loaded: LoadedSnapshot): DiffSide {
  const { index, nodes } = buildGraphIndex(loaded);
  return jsonDiffSide(name, loaded.manifest, index, nodes, loaded.relations);
}
