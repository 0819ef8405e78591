/**
 * Small, serialisable views of the graph that cross the worker boundary. The UI never
 * receives the whole snapshot: only the few hundred nodes it draws or lists.
 */
import type { NodeKind, RelationType, DerivationType, SnapshotNode } from '../format/index.ts';
import type { NodeHead } from '../graph/index.ts';

/** What the UI shows of a node in graphs and lists (the graph index's NodeHead). */
export type NodeSummary = NodeHead;

export interface EdgeView {
  /** Stable within one loaded snapshot. */
  id: string;
  type: RelationType;
  subtype?: DerivationType;
  /** PROV first argument (the dependent). */
  from: string;
  /** PROV second argument (the dependency). */
  to: string;
}

export interface SubgraphRequest {
  focus: string;
  depth: number;
  direction: 'up' | 'down' | 'both';
  kinds: NodeKind[] | null;
  expanded: string[];
  pathTo: string | null;
  maxNodes: number;
}

export interface SubgraphView {
  nodes: (NodeSummary & { hop: number })[];
  edges: EdgeView[];
  /** More nodes are reachable than were drawn. */
  truncated: boolean;
  /** The route from the focus to `pathTo`, when one was asked for. */
  path: { nodes: string[]; edges: string[] } | null;
  /** Ids in the request that the snapshot does not have. */
  missing: string[];
}

export interface NeighbourGroup {
  type: RelationType;
  direction: 'out' | 'in';
  total: number;
  items: (NodeSummary & { derivation?: DerivationType; edgeRole?: string })[];
}

export interface NodeDetails {
  node: SnapshotNode;
  file: string;
  groups: NeighbourGroup[];
}

export interface ImpactRow {
  node: NodeSummary;
  hop: number;
  via: NodeSummary | null;
  /** Relation by which it was reached from `via`. */
  relation: RelationType | null;
}

export interface ImpactView {
  start: NodeSummary;
  rows: ImpactRow[];
  /** Count of affected nodes per kind, before the kind filter. */
  countsByKind: Partial<Record<NodeKind, number>>;
}

export interface SearchHitView {
  node: NodeSummary;
  score: number;
  field: string;
  /** A short piece of the matched field, as plain text. */
  snippet: string;
}
