/**
 * Building the graph's typed arrays one node and one relation at a time: ids mapped to
 * dense integers, edges as parallel arrays, CSR adjacency both ways, and the integrity
 * problems of the input (duplicate ids, dangling references, PROV signatures, cycles).
 *
 * One builder serves both layouts, so that they cannot disagree: `buildGraphIndex` feeds
 * it a loaded JSON snapshot, and the binary snapshot writer (core/columnar) feeds it a
 * stream of nodes and relations that never sits in memory whole. Nodes are added before
 * the relations that name them (a relation naming an id not yet added is dangling).
 */
import { RELATION_SIGNATURES, RELATION_TYPES, provClassOf, NODE_KINDS, type NodeKind, type Problem, type Relation, type SnapshotNode } from '../format/index.ts';
import { GrowableInt32, GrowableUint8 } from '../arrays/growable.ts';
import { findCycles } from './find-cycles.ts';
import { IdTable } from './id-table.ts';
import { kindCode, relationTypeCode } from './kind-codes.ts';
import { ProblemCollector } from './problem-collector.ts';

/** How many cycles are described by name; the rest are counted. */
export const MAX_DESCRIBED_CYCLES = 10;

export type Locate = (position: number) => { file: string; path: string };

/** The arrays every layout of the graph index is made of. */
export interface GraphColumns {
  readonly nodeCount: number;
  readonly edgeCount: number;
  /** Code of each node's kind: its position in NODE_KINDS. */
  readonly kindCodes: Uint8Array;
  /** Node indices of the two ends of kept edge `e`: `from` (dependent) and `to` (dependency). */
  readonly edgeFrom: Int32Array;
  readonly edgeTo: Int32Array;
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

export interface BuiltGraph {
  columns: GraphColumns;
  ids: IdTable;
  /** Position (in the order added) of the relation behind each kept edge; null while they coincide. */
  edgeSource: Int32Array | null;
  problems: Problem[];
}

const PROV_CODE = { entity: 0, activity: 1, agent: 2 } as const;
const PROV_OF_KIND = Uint8Array.from(NODE_KINDS, (k) => PROV_CODE[provClassOf(k)]);
/** Expected PROV class codes of `from` and `to`, by relation type code; -1 for any class. */
const provCodeOf = (c: string): number => (c === 'any' ? -1 : PROV_CODE[c as keyof typeof PROV_CODE]);
const SIGNATURE_FROM = RELATION_TYPES.map((t) => provCodeOf(RELATION_SIGNATURES[t][0]));
const SIGNATURE_TO = RELATION_TYPES.map((t) => provCodeOf(RELATION_SIGNATURES[t][1]));

export class GraphIndexBuilder {
  readonly ids: IdTable;
  private readonly kinds: GrowableUint8;
  /** Input position of each kept node, once a duplicate made them differ from its index. */
  private keptAt: GrowableInt32 | null = null;
  private nodePositions = 0;
  private readonly from: GrowableInt32;
  private readonly to: GrowableInt32;
  private readonly types: GrowableUint8;
  private source: GrowableInt32 | null = null;
  private relationPositions = 0;
  // Relations often come in runs that share an end (an activity's used, wasAssociatedWith…):
  // comparing with the previous id is cheaper than hashing it again.
  private prevFrom: string | undefined;
  private prevTo: string | undefined;
  private f = -1;
  private t = -1;
  private readonly problems = new ProblemCollector({ cycle: MAX_DESCRIBED_CYCLES });

  constructor(
    private readonly locateNode: Locate,
    private readonly locateRelation: Locate,
    expected: { nodes?: number; relations?: number } = {},
  ) {
    this.ids = new IdTable(expected.nodes ?? 1024);
    this.kinds = new GrowableUint8(expected.nodes ?? 1024);
    this.from = new GrowableInt32(expected.relations ?? 1024);
    this.to = new GrowableInt32(expected.relations ?? 1024);
    this.types = new GrowableUint8(expected.relations ?? 1024);
  }

  get nodeCount(): number {
    return this.ids.size;
  }

  /** Index of the node, or -1 when its id was added before (the first one is kept; reported). */
  addNode(node: SnapshotNode): number {
    const position = this.nodePositions++;
    const kept = this.ids.add(node.id);
    if (kept < 0) {
      this.kinds.push(kindCode(node.kind));
      this.keptAt?.push(position);
      return this.ids.size - 1;
    }
    if (!this.keptAt) {
      this.keptAt = new GrowableInt32(this.ids.size * 2);
      for (let k = 0; k < this.ids.size; k++) this.keptAt.push(k);
    }
    const keptAt = this.keptAt;
    this.problems.add('duplicate-id', () => {
      const first = this.locateNode(keptAt.array[kept]!);
      return { ...this.locateNode(position), message: `duplicate id "${node.id}": the node first defined at ${first.file} ${first.path} is kept, this one is ignored` };
    });
    return -1;
  }

  /**
   * Index of the edge the relation became, or -1 when it is none: a relation without a
   * second end (graph version 2) is kept in the snapshot but has nothing to draw; one naming
   * a node that is not there is reported and ignored.
   */
  addRelation(r: Relation): number {
    const position = this.relationPositions++;
    if (r.to === undefined) {
      this.notAnEdge();
      return -1;
    }
    if (r.from !== this.prevFrom) this.f = this.ids.get((this.prevFrom = r.from));
    if (r.to !== this.prevTo) this.t = this.ids.get((this.prevTo = r.to));
    const { f, t } = this;
    if (f < 0 || t < 0) {
      this.problems.add('dangling-reference', () => {
        const missing = [f < 0 ? `"from" (${JSON.stringify(r.from)})` : '', t < 0 ? `"to" (${JSON.stringify(r.to)})` : ''].filter(Boolean).join(' and ');
        return { ...this.locateRelation(position), message: `${r.type} relation: ${missing} is not a node of the snapshot; the relation is ignored` };
      });
      this.notAnEdge();
      return -1;
    }
    const type = relationTypeCode(r.type);
    const wantFrom = SIGNATURE_FROM[type]!;
    const wantTo = SIGNATURE_TO[type]!;
    const fromKind = this.kinds.array[f]!;
    const toKind = this.kinds.array[t]!;
    if ((wantFrom >= 0 && wantFrom !== PROV_OF_KIND[fromKind]) || (wantTo >= 0 && wantTo !== PROV_OF_KIND[toKind])) {
      // PROV domain or range breached (or an unknown type): reported, but the edge is kept.
      this.problems.add('relation-signature', () => ({ ...this.locateRelation(position), message: signatureProblem(r, NODE_KINDS[fromKind]!, NODE_KINDS[toKind]!) }));
    }
    this.from.push(f);
    this.to.push(t);
    this.types.push(type);
    this.source?.push(position);
    return this.from.length - 1;
  }

  /** From the first relation that is not an edge on, edges record where they came from. */
  private notAnEdge(): void {
    if (this.source) return;
    this.source = new GrowableInt32(Math.max(16, this.from.array.length));
    for (let e = 0; e < this.from.length; e++) this.source.push(e);
  }

  /** The arrays and problems; `summaryFile` names the file of "… more problems" lines. */
  finish(summaryFile: string): BuiltGraph {
    const n = this.ids.size;
    // Copies trimmed to length, so that the spare capacity is released.
    const kindCodes = this.kinds.array.slice(0, n);
    const edgeFrom = this.from.toArray();
    const edgeTo = this.to.toArray();
    const typeCodes = this.types.toArray();
    const edgeSource = this.source ? this.source.toArray() : null;
    const out = buildCsr(n, edgeFrom, edgeTo);
    const inn = buildCsr(n, edgeTo, edgeFrom);
    const columns: GraphColumns = {
      nodeCount: n,
      edgeCount: edgeFrom.length,
      kindCodes,
      edgeFrom,
      edgeTo,
      typeCodes,
      outOffsets: out.offsets,
      outEdges: out.edges,
      outNodes: out.nodes,
      inOffsets: inn.offsets,
      inEdges: inn.edges,
      inNodes: inn.nodes,
    };
    const cycles = findCycles(columns, MAX_DESCRIBED_CYCLES);
    for (const cycle of cycles.cycles) {
      this.problems.add('cycle', () => describeCycle(this.ids, edgeFrom, cycle, edgeSource, this.locateRelation));
    }
    this.problems.addUnlisted('cycle', cycles.cyclicComponents - cycles.cycles.length);
    return { columns, ids: this.ids, edgeSource, problems: this.problems.finish(summaryFile) };
  }
}

function signatureProblem(r: Relation, fromKind: NodeKind, toKind: NodeKind): string {
  const signature = RELATION_SIGNATURES[r.type] as readonly [string, string] | undefined;
  if (!signature) return `unknown relation type ${JSON.stringify(r.type)}`;
  const [wantFrom, wantTo] = signature;
  return (
    `${r.type} goes from ${a(wantFrom)} to ${a(wantTo)}, but "${r.from}" is ${a(fromKind)} (${provClassOf(fromKind)}) ` +
    `and "${r.to}" is ${a(toKind)} (${provClassOf(toKind)}); the relation is kept`
  );
}

const a = (noun: string): string => `${/^[aeiou]/.test(noun) ? 'an' : 'a'} ${noun}`;

export interface Csr {
  offsets: Int32Array;
  edges: Int32Array;
  nodes: Int32Array;
}

/** Counting sort of edges by `key` node: stable, so each node's edges stay in input order. */
export function buildCsr(n: number, key: Int32Array, other: Int32Array): Csr {
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

function describeCycle(ids: IdTable, edgeFrom: Int32Array, cycle: number[], source: Int32Array | null, locate: Locate): Omit<Problem, 'code'> {
  const MAX_NAMED = 12;
  const named = cycle.map((e) => JSON.stringify(ids.keyAt(edgeFrom[e]!)));
  const route = named.length > MAX_NAMED ? [...named.slice(0, MAX_NAMED), `… ${named.length - MAX_NAMED} more`] : named;
  const what = named.length === 1 ? `${named[0]} depends on itself` : `${named.length} nodes depend on each other`;
  // Located at the relation that closes the cycle, back to the first id named.
  const closing = cycle[cycle.length - 1]!;
  const where = locate(source ? source[closing]! : closing);
  return { ...where, message: `cycle: ${what}: ${[...route, named[0]].join(' → ')}` };
}
