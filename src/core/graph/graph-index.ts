/**
 * The graph index: node ids mapped to dense integers once, edges as parallel typed arrays,
 * adjacency in compressed sparse row (CSR) form for both directions. Everything that
 * traversal touches per step is a typed array, so a million-node snapshot costs a few
 * tens of megabytes beyond the node objects themselves, and the arrays could be handed to
 * a worker as they are.
 *
 * Building also checks integrity (duplicate ids, dangling references, PROV signatures,
 * cycles) and reports problems instead of throwing: a damaged graph should still open.
 */
import {
  RELATION_SIGNATURES,
  RELATION_TYPES,
  provClassOf,
  type Problem,
  type Relation,
  type SnapshotNode,
} from '../format/index.ts';
import { findCycles } from './find-cycles.ts';
import { IdTable } from './id-table.ts';
import { DEFAULT_GRAPH_FILE, makeItemLocator } from './item-locator.ts';
import { kindCode, relationTypeCode } from './kind-codes.ts';
import { ProblemCollector } from './problem-collector.ts';
import { headOf, type NodeHead } from './node-head.ts';

export interface GraphInput {
  nodes: SnapshotNode[];
  relations: Relation[];
  /** File of each node (index-aligned), as `loadSnapshot` returns it; default `graph.json`. */
  nodeFiles?: string[];
  relationFiles?: string[];
}

export interface GraphIndex {
  readonly nodeCount: number;
  readonly edgeCount: number;
  /** Index of the node with this id, -1 if absent. */
  indexOf(id: string): number;
  /** Id of node `i` (nodes are deduplicated: the first occurrence of an id wins). */
  nodeId(i: number): string;
  /** What every layout keeps of node `i`: id, kind, name, labels, subtype, classification. */
  nodeHead(i: number): NodeHead;
  /**
   * The whole node `i` when its details are in memory: always for a snapshot loaded from
   * JSON; for a binary one only once its details chunk was read (undefined before).
   */
  node(i: number): SnapshotNode | undefined;
  /** Node indices of the two ends of kept edge `e`: `from` (dependent) and `to` (dependency). */
  readonly edgeFrom: Int32Array;
  readonly edgeTo: Int32Array;
  /**
   * Relation of kept edge `e`: the original object for a JSON snapshot; for a binary one its
   * type, ends, subtype and role (what the core keeps), the rest being in the details.
   */
  relation(e: number): Relation;
  /** Code of each node's kind: its position in NODE_KINDS. */
  readonly kindCodes: Uint8Array;
  /** Code of each edge's relation type: its position in RELATION_TYPES. */
  readonly typeCodes: Uint8Array;
  /**
   * Upstream adjacency: the edges leaving node v (v is their `from`) are
   * `outEdges[outOffsets[v] .. outOffsets[v + 1])`, and `outNodes` holds their `to` ends at the
   * same positions, so a traversal step reads one array instead of chasing `edgeTo`.
   */
  readonly outOffsets: Int32Array;
  readonly outEdges: Int32Array;
  readonly outNodes: Int32Array;
  /** Downstream adjacency: edges whose `to` is v, with their `from` ends in `inNodes`. */
  readonly inOffsets: Int32Array;
  readonly inEdges: Int32Array;
  readonly inNodes: Int32Array;
}

/** How many cycles are described by name; the rest are counted. */
export const MAX_DESCRIBED_CYCLES = 10;

/**
 * `nodes` are the input's nodes without duplicate ids, node `i` of the index being
 * `nodes[i]` (the input array itself when it has no duplicates).
 */
export function buildGraphIndex(input: GraphInput): { index: GraphIndex; problems: Problem[]; nodes: readonly SnapshotNode[] } {
  const problems = new ProblemCollector({ cycle: MAX_DESCRIBED_CYCLES });
  const locateNode = makeItemLocator('nodes', input.nodeFiles);
  const locateRelation = makeItemLocator('relations', input.relationFiles);

  const { nodes, ids } = dedupeNodes(input.nodes, problems, locateNode);
  const n = nodes.length;
  const kindCodes = new Uint8Array(n);
  const provCodes = new Uint8Array(n); // 0 entity, 1 activity, 2 agent: for signature checks
  for (let i = 0; i < n; i++) {
    const kind = nodes[i]!.kind;
    kindCodes[i] = kindCode(kind);
    provCodes[i] = PROV_CODE[provClassOf(kind)];
  }

  const edges = keepEdges(input.relations, ids, nodes, provCodes, problems, locateRelation);
  const out = buildCsr(n, edges.from, edges.to);
  const inn = buildCsr(n, edges.to, edges.from);
  const index = new CsrGraphIndex(nodes, ids, edges, kindCodes, input.relations, out, inn);

  const cycles = findCycles({ nodeCount: n, outOffsets: out.offsets, outEdges: out.edges, outNodes: out.nodes }, MAX_DESCRIBED_CYCLES);
  for (const cycle of cycles.cycles) {
    problems.add('cycle', () => describeCycle(index, cycle, edges.source, locateRelation));
  }
  problems.addUnlisted('cycle', cycles.cyclicComponents - cycles.cycles.length);

  return { index, problems: problems.finish(input.nodeFiles?.[0] ?? input.relationFiles?.[0] ?? DEFAULT_GRAPH_FILE), nodes };
}

const PROV_CODE = { entity: 0, activity: 1, agent: 2 } as const;

function dedupeNodes(
  input: SnapshotNode[],
  problems: ProblemCollector,
  locate: (i: number) => { file: string; path: string },
): { nodes: SnapshotNode[]; ids: IdTable } {
  const ids = new IdTable(input.length);
  let nodes: SnapshotNode[] | null = null; // copied only once a duplicate shows up
  let firstAt: Int32Array | null = null; // input position of each kept node, once they differ
  for (let i = 0; i < input.length; i++) {
    const node = input[i]!;
    const kept = ids.add(node.id);
    if (kept < 0) {
      if (nodes) {
        firstAt![nodes.length] = i;
        nodes.push(node);
      }
      continue;
    }
    if (!nodes) {
      nodes = input.slice(0, i);
      firstAt = new Int32Array(input.length);
      for (let k = 0; k < i; k++) firstAt[k] = k;
    }
    problems.add('duplicate-id', () => {
      const first = locate(firstAt![kept]!);
      return { ...locate(i), message: `duplicate id "${node.id}": the node first defined at ${first.file} ${first.path} is kept, this one is ignored` };
    });
  }
  return { nodes: nodes ?? input, ids };
}

interface KeptEdges {
  from: Int32Array;
  to: Int32Array;
  /** Position of each kept edge's relation in the input array; null while they coincide (nothing dropped). */
  source: Int32Array | null;
  types: Uint8Array;
}

function keepEdges(
  relations: Relation[],
  ids: IdTable,
  nodes: SnapshotNode[],
  provCodes: Uint8Array,
  problems: ProblemCollector,
  locate: (i: number) => { file: string; path: string },
): KeptEdges {
  const m = relations.length;
  let from = new Int32Array(m);
  let to = new Int32Array(m);
  let source: Int32Array | null = null;
  let types = new Uint8Array(m);
  let kept = 0;
  // Relations often come in runs that share an end (an activity's used, wasAssociatedWith…):
  // comparing with the previous id is cheaper than hashing it again.
  let prevFrom: string | undefined;
  let prevTo: string | undefined;
  let f = -1;
  let t = -1;
  for (let i = 0; i < m; i++) {
    const r = relations[i]!;
    if (r.to === undefined) {
      // A PROV relation whose second argument the source left unknown (graph version 2):
      // kept in the snapshot and shown with its node, but there is no edge to draw.
      if (!source) source = identity(m, kept);
      continue;
    }
    if (r.from !== prevFrom) f = ids.get((prevFrom = r.from));
    if (r.to !== prevTo) t = ids.get((prevTo = r.to));
    if (f < 0 || t < 0) {
      const fromMissing = f < 0;
      const toMissing = t < 0;
      problems.add('dangling-reference', () => {
        const missing = [fromMissing ? `"from" (${JSON.stringify(r.from)})` : '', toMissing ? `"to" (${JSON.stringify(r.to)})` : '']
          .filter(Boolean)
          .join(' and ');
        return { ...locate(i), message: `${r.type} relation: ${missing} is not a node of the snapshot; the relation is ignored` };
      });
      if (!source) source = identity(m, kept);
      continue;
    }
    const type = relationTypeCode(r.type);
    const wantFrom = SIGNATURE_FROM[type]!;
    const wantTo = SIGNATURE_TO[type]!;
    if ((wantFrom >= 0 && wantFrom !== provCodes[f]) || (wantTo >= 0 && wantTo !== provCodes[t])) {
      // PROV domain or range breached (or an unknown type): reported, but the edge is kept.
      problems.add('relation-signature', () => ({ ...locate(i), message: signatureProblem(r, nodes[f]!, nodes[t]!) }));
    }
    from[kept] = f;
    to[kept] = t;
    if (source) source[kept] = i;
    types[kept] = type;
    kept++;
  }
  if (kept < m) {
    // Copy rather than take views, so that the dropped tail's memory is released.
    from = from.slice(0, kept);
    to = to.slice(0, kept);
    source = source!.slice(0, kept);
    types = types.slice(0, kept);
  }
  return { from, to, source, types };
}

/** Expected PROV class codes of `from` and `to`, by relation type code; -1 for any class. */
const provCodeOf = (c: string): number => (c === 'any' ? -1 : PROV_CODE[c as keyof typeof PROV_CODE]);
const SIGNATURE_FROM = RELATION_TYPES.map((t) => provCodeOf(RELATION_SIGNATURES[t][0]));
const SIGNATURE_TO = RELATION_TYPES.map((t) => provCodeOf(RELATION_SIGNATURES[t][1]));

function signatureProblem(r: Relation, from: SnapshotNode, to: SnapshotNode): string {
  const signature = RELATION_SIGNATURES[r.type] as readonly [string, string] | undefined;
  if (!signature) return `unknown relation type ${JSON.stringify(r.type)}`;
  const [wantFrom, wantTo] = signature;
  return (
    `${r.type} goes from ${a(wantFrom)} to ${a(wantTo)}, but "${r.from}" is ${a(from.kind)} (${provClassOf(from.kind)}) ` +
    `and "${r.to}" is ${a(to.kind)} (${provClassOf(to.kind)}); the relation is kept`
  );
}

const a = (noun: string): string => `${/^[aeiou]/.test(noun) ? 'an' : 'a'} ${noun}`;

/** Int32Array(length) whose first `count` entries are 0, 1, 2, … */
function identity(length: number, count: number): Int32Array {
  const a = new Int32Array(length);
  for (let i = 0; i < count; i++) a[i] = i;
  return a;
}

interface Csr {
  offsets: Int32Array;
  edges: Int32Array;
  nodes: Int32Array;
}

/** Counting sort of edges by `key` node: stable, so each node's edges stay in input order. */
function buildCsr(n: number, key: Int32Array, other: Int32Array): Csr {
  const m = key.length;
  const offsets = new Int32Array(n + 1);
  for (let e = 0; e < m; e++) offsets[key[e]! + 1]!++;
  for (let v = 0; v < n; v++) offsets[v + 1]! += offsets[v]!;
  const cursor = offsets.slice(0, n);
  const edges = new Int32Array(m);
  const nodes = new Int32Array(m);
  for (let e = 0; e < m; e++) {
    const at = cursor[key[e]!]!++;
    edges[at] = e;
    nodes[at] = other[e]!;
  }
  return { offsets, edges, nodes };
}

function describeCycle(
  index: GraphIndex,
  cycle: number[],
  source: Int32Array | null,
  locate: (i: number) => { file: string; path: string },
): Omit<Problem, 'code'> {
  const MAX_NAMED = 12;
  const ids = cycle.map((e) => JSON.stringify(index.nodeId(index.edgeFrom[e]!)));
  const route = ids.length > MAX_NAMED ? [...ids.slice(0, MAX_NAMED), `… ${ids.length - MAX_NAMED} more`] : ids;
  const what = ids.length === 1 ? `${ids[0]} depends on itself` : `${ids.length} nodes depend on each other`;
  // Located at the relation that closes the cycle, back to the first id named.
  const closing = cycle[cycle.length - 1]!;
  const where = locate(source ? source[closing]! : closing);
  return { ...where, message: `cycle: ${what}: ${[...route, ids[0]].join(' → ')}` };
}

class CsrGraphIndex implements GraphIndex {
  readonly nodeCount: number;
  readonly edgeCount: number;
  readonly edgeFrom: Int32Array;
  readonly edgeTo: Int32Array;
  readonly typeCodes: Uint8Array;
  readonly outOffsets: Int32Array;
  readonly outEdges: Int32Array;
  readonly outNodes: Int32Array;
  readonly inOffsets: Int32Array;
  readonly inEdges: Int32Array;
  readonly inNodes: Int32Array;
  private readonly edgeSource: Int32Array | null;

  constructor(
    private readonly nodes: readonly SnapshotNode[],
    private readonly ids: IdTable,
    edges: KeptEdges,
    readonly kindCodes: Uint8Array,
    private readonly relations: readonly Relation[],
    out: Csr,
    inn: Csr,
  ) {
    this.nodeCount = nodes.length;
    this.edgeCount = edges.from.length;
    this.edgeFrom = edges.from;
    this.edgeTo = edges.to;
    this.typeCodes = edges.types;
    this.edgeSource = edges.source;
    this.outOffsets = out.offsets;
    this.outEdges = out.edges;
    this.outNodes = out.nodes;
    this.inOffsets = inn.offsets;
    this.inEdges = inn.edges;
    this.inNodes = inn.nodes;
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
