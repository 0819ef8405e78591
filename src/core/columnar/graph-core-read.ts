/**
 * Reading the graph core: every section viewed in place over the file's bytes, then checked
 * as a whole before anything uses it — codes within their vocabularies, string references
 * inside the table, edge ends inside the nodes, CSR adjacency agreeing with the edges both
 * ways, the id table finding every node, chunk tables covering every node and relation.
 * A file that passes cannot make a query read out of bounds or loop; one that fails is a
 * CoreFileError naming the file and what disagrees.
 *
 * Nothing is created per node: the index answers from the arrays (graph-core-index.ts).
 */
import { CLASSIFICATIONS, DERIVATION_TYPES, NODE_KINDS, RELATION_TYPES, type Problem } from '../format/index.ts';
import type { GraphColumns } from '../graph/index.ts';
import { Container } from './container.ts';
import { chunkTableProblem, type ChunkTable } from './details-chunks.ts';
import { FLAG_PLACEHOLDER, G, GRAPH_CORE_FORMAT, GRAPH_CORE_VERSION, GRAPH_SECTION_NAMES, NO_SUBTYPE, type GraphCoreMeta } from './graph-core-layout.ts';
import { StringTable, hashSlotsProblem, stringTableProblem } from './string-table.ts';

export interface GraphCore {
  readonly file: string;
  readonly meta: GraphCoreMeta;
  readonly strings: StringTable;
  readonly node: {
    readonly id: Int32Array;
    readonly name: Int32Array;
    readonly labelEn: Int32Array;
    readonly labelJa: Int32Array;
    readonly kind: Uint8Array;
    readonly classification: Uint8Array;
    readonly subtype: Int32Array;
    readonly flags: Uint8Array;
  };
  /** What the graph core keeps of an edge beyond its ends and type (which are in `columns`). */
  readonly edge: {
    readonly subtype: Uint8Array;
    readonly role: Int32Array;
  };
  /** The traversal arrays; `outNodes` and `inNodes` are derived while checking the adjacency. */
  readonly columns: GraphColumns;
  readonly idSlots: Int32Array;
  readonly nodeChunks: ChunkTable;
  readonly relationChunks: ChunkTable;
}

export function readGraphCore(bytes: Uint8Array, file: string): GraphCore {
  const c = Container.read(bytes, file, 'graph', GRAPH_SECTION_NAMES);
  const meta = checkMeta(c, c.json(G.META));
  const n = meta.nodeCount;
  const m = meta.edgeCount;
  const stringBytes = c.u8(G.STRING_BYTES);
  const stringOffsets = c.u32(G.STRING_OFFSETS);
  const badStrings = stringTableProblem(stringBytes, stringOffsets, meta.stringCount);
  if (badStrings) c.fail(`string table: ${badStrings}`);
  const strings = new StringTable(stringBytes, stringOffsets);
  const S = meta.stringCount;

  const node = {
    id: c.i32(G.NODE_ID, n),
    name: c.i32(G.NODE_NAME, n),
    labelEn: c.i32(G.NODE_LABEL_EN, n),
    labelJa: c.i32(G.NODE_LABEL_JA, n),
    kind: c.u8(G.NODE_KIND, n),
    classification: c.u8(G.NODE_CLASS, n),
    subtype: c.i32(G.NODE_SUBTYPE, n),
    flags: c.u8(G.NODE_FLAGS, n),
  };
  for (let v = 0; v < n; v++) {
    if (!(node.id[v]! >= 0 && node.id[v]! < S)) c.fail(`node ${v}: its id is string ${node.id[v]} of ${S}`);
    if (!(node.name[v]! >= 0 && node.name[v]! < S)) c.fail(`node ${v}: its name is string ${node.name[v]} of ${S}`);
    if (!(node.labelEn[v]! >= -1 && node.labelEn[v]! < S)) c.fail(`node ${v}: its English label is string ${node.labelEn[v]} of ${S}`);
    if (!(node.labelJa[v]! >= -1 && node.labelJa[v]! < S)) c.fail(`node ${v}: its Japanese label is string ${node.labelJa[v]} of ${S}`);
    if (!(node.subtype[v]! >= -1 && node.subtype[v]! < S)) c.fail(`node ${v}: its subtype is string ${node.subtype[v]} of ${S}`);
    if (node.kind[v]! >= NODE_KINDS.length) c.fail(`node ${v}: kind code ${node.kind[v]} is not a node kind`);
    if (node.classification[v]! >= CLASSIFICATIONS.length) c.fail(`node ${v}: classification code ${node.classification[v]} is not a classification`);
    if ((node.flags[v]! & ~FLAG_PLACEHOLDER) !== 0) c.fail(`node ${v}: unknown flags ${node.flags[v]}`);
  }

  const edge = {
    from: c.i32(G.EDGE_FROM, m),
    to: c.i32(G.EDGE_TO, m),
    type: c.u8(G.EDGE_TYPE, m),
    subtype: c.u8(G.EDGE_SUBTYPE, m),
    role: c.i32(G.EDGE_ROLE, m),
  };
  for (let e = 0; e < m; e++) {
    if (!(edge.from[e]! >= 0 && edge.from[e]! < n) || !(edge.to[e]! >= 0 && edge.to[e]! < n)) {
      c.fail(`edge ${e} joins nodes ${edge.from[e]} and ${edge.to[e]}, but the graph has ${n} nodes`);
    }
    if (edge.type[e]! >= RELATION_TYPES.length) c.fail(`edge ${e}: type code ${edge.type[e]} is not a relation type`);
    if (edge.subtype[e]! >= DERIVATION_TYPES.length && edge.subtype[e] !== NO_SUBTYPE) c.fail(`edge ${e}: subtype code ${edge.subtype[e]} is not a derivation type`);
    if (!(edge.role[e]! >= -1 && edge.role[e]! < S)) c.fail(`edge ${e}: its role is string ${edge.role[e]} of ${S}`);
  }

  const outOffsets = c.i32(G.OUT_OFFSETS, n + 1);
  const outEdges = c.i32(G.OUT_EDGES, m);
  const inOffsets = c.i32(G.IN_OFFSETS, n + 1);
  const inEdges = c.i32(G.IN_EDGES, m);
  const outNodes = checkedAdjacency(c, 'out', outOffsets, outEdges, edge.from, edge.to);
  const inNodes = checkedAdjacency(c, 'in', inOffsets, inEdges, edge.to, edge.from);

  const idSlots = c.i32(G.ID_SLOTS);
  const badIds = hashSlotsProblem(idSlots, strings, n, (v) => node.id[v]!, 'node');
  if (badIds) c.fail(`id table: ${badIds}`);

  const nodeChunks = { first: c.i32(G.NODE_CHUNK_FIRST), bytes: c.u32(G.NODE_CHUNK_BYTES), sha256: c.u8(G.NODE_CHUNK_SHA256) };
  const relationChunks = { first: c.i32(G.RELATION_CHUNK_FIRST), bytes: c.u32(G.RELATION_CHUNK_BYTES), sha256: c.u8(G.RELATION_CHUNK_SHA256) };
  const badChunks = (n > 0 ? chunkTableProblem(nodeChunks, n, 'node') : null) ?? (meta.relationCount > 0 ? chunkTableProblem(relationChunks, meta.relationCount, 'relation') : null);
  if (badChunks) c.fail(badChunks);
  if ((n === 0 && nodeChunks.bytes.length > 0) || (meta.relationCount === 0 && relationChunks.bytes.length > 0)) c.fail('lists details chunks for no items');

  const columns: GraphColumns = {
    nodeCount: n,
    edgeCount: m,
    kindCodes: node.kind,
    edgeFrom: edge.from,
    edgeTo: edge.to,
    typeCodes: edge.type,
    outOffsets,
    outEdges,
    outNodes,
    inOffsets,
    inEdges,
    inNodes,
  };
  return { file, meta, strings, node, edge: { subtype: edge.subtype, role: edge.role }, columns, idSlots, nodeChunks, relationChunks };
}

function checkMeta(c: Container, m: Record<string, unknown>): GraphCoreMeta {
  if (m.format !== GRAPH_CORE_FORMAT) c.fail(`meta: format is ${JSON.stringify(m.format)}, not "${GRAPH_CORE_FORMAT}"`);
  if (m.version !== GRAPH_CORE_VERSION) c.fail(`meta: version ${JSON.stringify(m.version)}; this build reads version ${GRAPH_CORE_VERSION}`);
  for (const k of ['nodeCount', 'edgeCount', 'relationCount', 'stringCount'] as const) {
    const v = m[k];
    if (!Number.isSafeInteger(v) || (v as number) < 0 || (v as number) > 0x7fffffff) c.fail(`meta: ${k} must be a whole number below 2³¹ (got ${JSON.stringify(v)})`);
  }
  if ((m.edgeCount as number) > (m.relationCount as number)) c.fail(`meta: ${m.edgeCount} edges but only ${m.relationCount} relations`);
  if (m.graphVersion !== 1 && m.graphVersion !== 2) c.fail(`meta: graphVersion must be 1 or 2 (got ${JSON.stringify(m.graphVersion)})`);
  const warnings = Array.isArray(m.warnings) ? m.warnings.filter(isProblem) : [];
  return { ...(m as unknown as GraphCoreMeta), warnings };
}

function isProblem(p: unknown): p is Problem {
  const o = p as Problem | null;
  return !!o && typeof o.code === 'string' && typeof o.file === 'string' && typeof o.message === 'string';
}

/**
 * Checks one direction of CSR adjacency against the edges and returns the far ends:
 * offsets from 0 to m, never decreasing; the edges listed for node v all have v as `key`
 * end, strictly ascending (so none is listed twice, and with m positions in all, every edge
 * is listed exactly once — the order the JSON path's counting sort gives).
 */
function checkedAdjacency(c: Container, dir: 'out' | 'in', offsets: Int32Array, edges: Int32Array, key: Int32Array, other: Int32Array): Int32Array {
  const n = offsets.length - 1;
  const m = edges.length;
  const end = dir === 'out' ? '"from"' : '"to"';
  if (offsets[0] !== 0 || offsets[n] !== m) c.fail(`${dir}-adjacency covers positions ${offsets[0]}–${offsets[n]}, not 0–${m}`);
  const far = new Int32Array(m);
  for (let v = 0; v < n; v++) {
    const start = offsets[v]!;
    const stop = offsets[v + 1]!;
    if (stop < start || stop > m) c.fail(`${dir}-adjacency of node ${v} runs from ${start} to ${stop}`);
    let prev = -1;
    for (let k = start; k < stop; k++) {
      const e = edges[k]!;
      if (!(e > prev && e < m)) c.fail(`${dir}-adjacency of node ${v} lists edge ${e} out of order or out of range (after ${prev}, of ${m})`);
      if (key[e] !== v) c.fail(`${dir}-adjacency of node ${v} lists edge ${e}, whose ${end} is node ${key[e]}: the index disagrees with the relations`);
      far[k] = other[e]!;
      prev = e;
    }
  }
  return far;
}
