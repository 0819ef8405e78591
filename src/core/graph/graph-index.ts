/**
 * The graph index: node ids mapped to dense integers once, edges as parallel typed arrays,
 * adjacency in compressed sparse row (CSR) form for both directions (graph-builder.ts).
 * Everything that traversal touches per step is a typed array, so a million-node snapshot
 * costs a few tens of megabytes beyond the node objects themselves.
 *
 * Building also checks integrity (duplicate ids, dangling references, PROV signatures,
 * cycles) and reports problems instead of throwing: a damaged graph should still open.
 */
import type { Problem, Relation, SnapshotNode } from '../format/index.ts';
import { GraphIndexBuilder, type GraphColumns } from './graph-builder.ts';
import type { IdTable } from './id-table.ts';
import { DEFAULT_GRAPH_FILE, makeItemLocator } from './item-locator.ts';
import { headOf, type NodeHead } from './node-head.ts';

export interface GraphInput {
  nodes: SnapshotNode[];
  relations: Relation[];
  /** File of each node (index-aligned), as `loadSnapshot` returns it; default `graph.json`. */
  nodeFiles?: string[];
  relationFiles?: string[];
}

/**
 * The graph as traversal and the views read it, whatever the layout behind it: a JSON
 * snapshot's node objects (below) or a binary snapshot's columns (core/columnar).
 */
export interface GraphIndex extends GraphColumns {
  /** Index of the node with this id, -1 if absent. */
  indexOf(id: string): number;
  /** Id of node `i` (nodes are deduplicated: the first occurrence of an id wins). */
  nodeId(i: number): string;
  /** What every layout keeps of node `i`: id, kind, name, labels, subtype, classification. */
  nodeHead(i: number): NodeHead;
  /** Subtype of node `i`, without making its whole head (a scan over every activity reads it). */
  nodeSubtype(i: number): string | undefined;
  /**
   * The whole node `i` when its details are in memory: always for a snapshot loaded from
   * JSON; for a binary one only once its details chunk was read (undefined before).
   */
  node(i: number): SnapshotNode | undefined;
  /**
   * Relation of kept edge `e`: the original object for a JSON snapshot; for a binary one its
   * type, ends, subtype and role (what the core keeps), the rest being in the details.
   */
  relation(e: number): Relation;
}

/**
 * Indexes a loaded JSON snapshot. `nodes` are the input's nodes without duplicate ids,
 * node `i` of the index being `nodes[i]` (the input array itself when it has no duplicates).
 */
export function buildGraphIndex(input: GraphInput): { index: GraphIndex; problems: Problem[]; nodes: readonly SnapshotNode[] } {
  const builder = new GraphIndexBuilder(makeItemLocator('nodes', input.nodeFiles), makeItemLocator('relations', input.relationFiles), {
    nodes: input.nodes.length,
    relations: input.relations.length,
  });
  let kept: SnapshotNode[] | null = null; // copied only once a duplicate shows up
  for (let i = 0; i < input.nodes.length; i++) {
    const node = input.nodes[i]!;
    if (builder.addNode(node) >= 0) kept?.push(node);
    else kept ??= input.nodes.slice(0, i);
  }
  for (const r of input.relations) builder.addRelation(r);
  const built = builder.finish(input.nodeFiles?.[0] ?? input.relationFiles?.[0] ?? DEFAULT_GRAPH_FILE);
  const nodes = kept ?? input.nodes;
  return { index: new CsrGraphIndex(nodes, built.ids, built.columns, built.edgeSource, input.relations), problems: built.problems, nodes };
}

/**
 * The typed arrays every index answers traversal from, held as fields (traversal reads
 * `index.outOffsets` and friends in its inner loops); each layout adds how it names nodes.
 */
export abstract class ColumnsIndex implements GraphColumns {
  readonly nodeCount: number;
  readonly edgeCount: number;
  readonly kindCodes: Uint8Array;
  readonly edgeFrom: Int32Array;
  readonly edgeTo: Int32Array;
  readonly typeCodes: Uint8Array;
  readonly outOffsets: Int32Array;
  readonly outEdges: Int32Array;
  readonly outNodes: Int32Array;
  readonly inOffsets: Int32Array;
  readonly inEdges: Int32Array;
  readonly inNodes: Int32Array;

  constructor(c: GraphColumns) {
    this.nodeCount = c.nodeCount;
    this.edgeCount = c.edgeCount;
    this.kindCodes = c.kindCodes;
    this.edgeFrom = c.edgeFrom;
    this.edgeTo = c.edgeTo;
    this.typeCodes = c.typeCodes;
    this.outOffsets = c.outOffsets;
    this.outEdges = c.outEdges;
    this.outNodes = c.outNodes;
    this.inOffsets = c.inOffsets;
    this.inEdges = c.inEdges;
    this.inNodes = c.inNodes;
  }
}

/** The index over a JSON snapshot's node and relation objects. */
class CsrGraphIndex extends ColumnsIndex implements GraphIndex {
  constructor(
    private readonly nodes: readonly SnapshotNode[],
    private readonly ids: IdTable,
    columns: GraphColumns,
    private readonly edgeSource: Int32Array | null,
    private readonly relations: readonly Relation[],
  ) {
    super(columns);
  }

  indexOf(id: string): number {
    return this.ids.get(id);
  }

  nodeId(i: number): string {
    return this.at(i).id;
  }

  nodeHead(i: number): NodeHead {
    return headOf(this.at(i));
  }

  nodeSubtype(i: number): string | undefined {
    const node = this.at(i);
    return 'subtype' in node ? node.subtype : undefined;
  }

  node(i: number): SnapshotNode | undefined {
    return this.nodes[i];
  }

  private at(i: number): SnapshotNode {
    const node = this.nodes[i];
    if (node === undefined) throw new RangeError(`no node ${i} (the index has ${this.nodeCount})`);
    return node;
  }

  relation(e: number): Relation {
    const r = e >= 0 && e < this.edgeCount ? this.relations[this.edgeSource ? this.edgeSource[e]! : e] : undefined;
    if (r === undefined) throw new RangeError(`no edge ${e} (the index has ${this.edgeCount})`);
    return r;
  }
}
