/**
 * Small, serialisable views of the graph that cross the worker boundary. The UI never
 * receives the whole snapshot: only the few hundred nodes it draws or lists.
 */
import type { NodeKind, RelationType, DerivationType, SnapshotNode } from '../format/index.ts';
import type { NodeHead } from '../graph/index.ts';
import type { RemediationStatus } from '../unlearning/index.ts';

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
  /** Most nodes drawn (the drawing limit). */
  maxNodes: number;
  /** Folded groups the user opened ("N more"), as `moreGroupKey` writes them. */
  more?: string[];
  /** Most neighbours of one node per direction before the rest is folded; HOP_CAP by default. */
  perParent?: number;
  /** Most nodes per rank that the viewport can show legibly once fitted (see planFit); unlimited by default. */
  perRank?: number;
}

/** A drawn node, with where the layout puts it. */
export interface DrawnNodeView extends NodeSummary {
  hop: number;
  /** Hop level along the flow: negative upstream of the focus, positive downstream. */
  rank: number;
  /** Id of the node it was reached from (null for the focus and nodes drawn on their own). */
  parent: string | null;
}

/** Neighbours of a drawn node, in one direction, that the caps left out: drawn as "N more". */
export interface MoreGroupView {
  /** `moreGroupKey(direction, parent)`: what the URL keeps once the group is opened. */
  key: string;
  parent: string;
  direction: 'up' | 'down';
  hidden: number;
  rank: number;
}

export interface SubgraphView {
  nodes: DrawnNodeView[];
  edges: EdgeView[];
  /** The drawing limit (maxNodes) left out nodes that the view asked for. */
  truncated: boolean;
  /** How many the limit left out; `atLeast` when those would have led to more. Null when it did not apply. */
  notDrawn: { count: number; atLeast: boolean } | null;
  /** Every folded group, in drawing order. */
  more: MoreGroupView[];
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
  /** Models only: unlearned, retrained… (core/unlearning `remediationFrom`), and the model it concerns. */
  remediation?: { status: RemediationStatus; via: NodeSummary | null };
}

export interface ImpactView {
  start: NodeSummary;
  /** Affected nodes of the wanted kinds. */
  total: number;
  /** The first of them (as many as asked for), in breadth-first order. */
  rows: ImpactRow[];
  /** Count of affected nodes per kind, before the kind filter. */
  countsByKind: Partial<Record<NodeKind, number>>;
}

export interface SearchHitView {
  node: NodeSummary;
  score: number;
  /** Field that matched best; null until the whole node is read (see `snippet`). */
  field: string | null;
  /**
   * A short piece of the matched field, as plain text; null while the whole node is not in
   * memory (a binary snapshot reads it from its details chunk: the hits are shown first).
   */
  snippet: string | null;
}
