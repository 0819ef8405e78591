/**
 * The graph core (`core/graph.bin`): everything the explorer needs to draw, traverse and
 * list nodes, as typed arrays — and nothing it shows only on demand (descriptions,
 * attributes, texts: the details chunks, details.ts). docs/snapshot-format.md describes
 * each section for people writing their own reader.
 *
 * Nodes are numbered 0 … n−1 in the order of the source (duplicates dropped), edges 0 … m−1
 * in the order of the relations that became edges: the numbering of the JSON path's graph
 * index, so that traversals give the same answers on both layouts.
 */
import type { Problem } from '../format/index.ts';

export const GRAPH_CORE_FORMAT = 'raireki-core-graph';
/** Version of the graph core's sections and meta; the container has its own (container.ts). */
export const GRAPH_CORE_VERSION = 1;

export const G = {
  META: 1,
  STRING_BYTES: 2,
  STRING_OFFSETS: 3,
  NODE_ID: 10,
  NODE_NAME: 11,
  NODE_LABEL_EN: 12,
  NODE_LABEL_JA: 13,
  NODE_KIND: 14,
  NODE_CLASS: 15,
  NODE_SUBTYPE: 16,
  NODE_FLAGS: 17,
  EDGE_FROM: 20,
  EDGE_TO: 21,
  EDGE_TYPE: 22,
  EDGE_SUBTYPE: 23,
  EDGE_ROLE: 24,
  OUT_OFFSETS: 30,
  OUT_EDGES: 31,
  IN_OFFSETS: 32,
  IN_EDGES: 33,
  ID_SLOTS: 40,
  NODE_CHUNK_FIRST: 50,
  NODE_CHUNK_BYTES: 51,
  NODE_CHUNK_SHA256: 52,
  RELATION_CHUNK_FIRST: 53,
  RELATION_CHUNK_BYTES: 54,
  RELATION_CHUNK_SHA256: 55,
} as const;

export const GRAPH_SECTION_NAMES = new Map<number, string>([
  [G.META, 'meta'],
  [G.STRING_BYTES, 'strings.bytes'],
  [G.STRING_OFFSETS, 'strings.offsets'],
  [G.NODE_ID, 'node.id'],
  [G.NODE_NAME, 'node.name'],
  [G.NODE_LABEL_EN, 'node.label.en'],
  [G.NODE_LABEL_JA, 'node.label.ja'],
  [G.NODE_KIND, 'node.kind'],
  [G.NODE_CLASS, 'node.classification'],
  [G.NODE_SUBTYPE, 'node.subtype'],
  [G.NODE_FLAGS, 'node.flags'],
  [G.EDGE_FROM, 'edge.from'],
  [G.EDGE_TO, 'edge.to'],
  [G.EDGE_TYPE, 'edge.type'],
  [G.EDGE_SUBTYPE, 'edge.subtype'],
  [G.EDGE_ROLE, 'edge.role'],
  [G.OUT_OFFSETS, 'out.offsets'],
  [G.OUT_EDGES, 'out.edges'],
  [G.IN_OFFSETS, 'in.offsets'],
  [G.IN_EDGES, 'in.edges'],
  [G.ID_SLOTS, 'id.slots'],
  [G.NODE_CHUNK_FIRST, 'chunks.nodes.first'],
  [G.NODE_CHUNK_BYTES, 'chunks.nodes.bytes'],
  [G.NODE_CHUNK_SHA256, 'chunks.nodes.sha256'],
  [G.RELATION_CHUNK_FIRST, 'chunks.relations.first'],
  [G.RELATION_CHUNK_BYTES, 'chunks.relations.bytes'],
  [G.RELATION_CHUNK_SHA256, 'chunks.relations.sha256'],
]);

/** Bit of `node.flags`: a "restricted" placeholder standing in for a node the role may not see. */
export const FLAG_PLACEHOLDER = 1;
/** `edge.subtype` of an edge without a derivation type. */
export const NO_SUBTYPE = 255;
/** A string reference to nothing (no label, no subtype, no role). */
export const NO_STRING = -1;

export interface GraphCoreMeta {
  format: typeof GRAPH_CORE_FORMAT;
  version: typeof GRAPH_CORE_VERSION;
  nodeCount: number;
  /** Relations that became edges (both ends are nodes). */
  edgeCount: number;
  /** Every relation of the snapshot, edges or not: those in the relation chunks. */
  relationCount: number;
  stringCount: number;
  /** Highest graph-file version of the details chunks (2 when any uses what version 2 adds). */
  graphVersion: number;
  /** Integrity problems found when the core was written (duplicate ids, dangling references, cycles…). */
  warnings: Problem[];
}
