/**
 * What the explorer's session reads a snapshot through, whichever layout it came in:
 * a JSON snapshot is all in memory; a binary one has its graph core in memory and reads
 * whole nodes and relations from details chunks when a view needs them (core/columnar).
 */
import { loadSearchCore, type LoadedCore } from '../core/columnar/index.ts';
import { NODE_KINDS, type LoadIo, type LoadedSnapshot, type Manifest, type Problem, type Relation, type SnapshotNode } from '../core/format/index.ts';
import { buildGraphIndex, type GraphIndex } from '../core/graph/index.ts';
import { buildNodeSearchIndexInSlices, type NodeSearchIndex } from '../core/search/index.ts';
import { coreDiffSide, jsonDiffSide, type DiffSide } from '../core/diff/index.ts';

export interface GraphSource {
  readonly layout: 'json' | 'binary';
  readonly manifest: Manifest;
  readonly index: GraphIndex;
  readonly warnings: Problem[];
  /** Time spent indexing (JSON: building the graph index; binary: checking the core), within the load. */
  readonly indexMs: number;
  /** Builds or reads the keyword index; called once, after the snapshot is shown. */
  searchIndex(pause: () => Promise<void>): Promise<NodeSearchIndex>;
  /** Makes `index.node(i)` answer for these nodes (reads their details chunks). */
  ensureNodes(nodes: Iterable<number>): Promise<void>;
  /** The file node i is shown from. */
  fileOf(i: number): string;
  /** Every node and every relation (edges or not), in source order: what exports write. */
  allNodes(): Promise<readonly SnapshotNode[]>;
  allRelations(): Promise<readonly Relation[]>;
  /** A node to open on when the manifest names none: the first model, else the first node. */
  firstNode(): string | null;
  /** The snapshot as one side of a diff (core/diff), named `name` in messages. */
  diffSide(name: string): DiffSide;
}

export function jsonSource(loaded: LoadedSnapshot): GraphSource {
  const t0 = performance.now();
  const { index, problems, nodes } = buildGraphIndex(loaded);
  const indexMs = performance.now() - t0;
  const distinct = new Set(loaded.nodeFiles);
  let fileOf: (i: number) => string;
  if (distinct.size <= 1) {
    const only = loaded.nodeFiles[0] ?? '';
    fileOf = () => only;
  } else {
    // Node i of the index is the first occurrence of its id in the input.
    const files: string[] = [];
    const seen = new Set<string>();
    loaded.nodes.forEach((n, i) => {
      if (!seen.has(n.id)) {
        seen.add(n.id);
        files.push(loaded.nodeFiles[i]!);
      }
    });
    fileOf = (i) => files[i] ?? '';
  }
  return {
    layout: 'json',
    manifest: loaded.manifest,
    index,
    warnings: problems,
    indexMs,
    searchIndex: (pause) => buildNodeSearchIndexInSlices(nodes, pause),
    ensureNodes: async () => {},
    fileOf,
    allNodes: async () => nodes,
    allRelations: async () => loaded.relations,
    firstNode: () => (nodes.find((n) => n.kind === 'model') ?? nodes[0])?.id ?? null,
    diffSide: (name) => jsonDiffSide(name, loaded.manifest, index, nodes, loaded.relations),
  };
}

export function coreSource(loaded: LoadedCore, io: LoadIo): GraphSource {
  const { index, details } = loaded;
  return {
    layout: 'binary',
    manifest: loaded.manifest,
    index,
    warnings: index.core.meta.warnings,
    indexMs: loaded.checkMs,
    async searchIndex(pause) {
      if (loaded.search) return loadSearchCore(loaded.search, io, index);
      // A core written without its search core: index the nodes from their chunks.
      return buildNodeSearchIndexInSlices(await details.allNodes(), pause);
    },
    ensureNodes: (nodes) => details.load(nodes),
    fileOf: (i) => details.fileOf(i),
    allNodes: () => details.allNodes(),
    allRelations: () => details.allRelations(),
    firstNode() {
      if (index.nodeCount === 0) return null;
      const model = index.kindCodes.indexOf(NODE_KINDS.indexOf('model'));
      return index.nodeId(model >= 0 ? model : 0);
    },
    diffSide: (name) => coreDiffSide(name, loaded),
  };
}
