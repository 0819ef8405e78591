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

/** Runs read ahead of the one being compared: reading and hashing overlap the comparison. */
const READ_AHEAD = 4;

/**
 * Visits the runs `want` selects, in order, with their records; the next few are read while
 * one is visited. A run that fails to read fails the stream when its turn comes.
 */
export async function streamRuns<T>(runs: readonly Run<T>[], want: (r: number) => boolean, visit: (run: Run<T>, items: readonly T[], r: number) => void): Promise<void> {
  const wanted: number[] = [];
  for (let r = 0; r < runs.length; r++) if (want(r)) wanted.push(r);
  const pending: Promise<readonly T[]>[] = [];
  let next = 0;
  for (const r of wanted) {
    while (next < wanted.length && pending.length < READ_AHEAD) {
      const read = runs[wanted[next++]!]!.read();
      read.catch(() => {}); // handled when awaited below; not an unhandled rejection meanwhile
      pending.push(read);
    }
    visit(runs[r]!, await pending.shift()!, r);
  }
}

/** Index of the run holding position `pos` (runs ascending, covering), −1 if none. */
function runOf<T>(runs: readonly Run<T>[], pos: number): number {
  let lo = 0;
  let hi = runs.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const run = runs[mid]!;
    if (pos < run.first) hi = mid - 1;
    else if (pos >= run.first + run.count) lo = mid + 1;
    else return mid;
  }
  return -1;
}

/**
 * Visits the whole records at these positions (ascending), reading each run that holds one
 * once, in order, and keeping none: a million changes cost a few runs in memory at a time.
 */
export async function eachRecordAt<T>(runs: readonly Run<T>[], positions: readonly number[], visit: (position: number, record: T) => void): Promise<void> {
  const needed = new Set<number>();
  for (const pos of positions) {
    const r = runOf(runs, pos);
    if (r < 0) throw new RangeError(`no record ${pos}`);
    needed.add(r);
  }
  let p = 0;
  await streamRuns(
    runs,
    (r) => needed.has(r),
    (run, items) => {
      while (p < positions.length && positions[p]! < run.first + run.count) {
        visit(positions[p]!, items[positions[p]! - run.first]!);
        p++;
      }
    },
  );
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
