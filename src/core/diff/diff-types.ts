/**
 * What a snapshot diff reports (docs/diff.md). Plain data: it crosses the worker boundary
 * and is what `npm run diff -- --json` prints.
 */
import type { Classification, NodeKind, RelationType } from '../format/index.ts';
import type { NodeHead } from '../graph/index.ts';

export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

/** One field that differs; `before` / `after` absent when the field is absent on that side. */
export interface FieldChange {
  /** The field's name; members of objects as `attributes.epochs`, `label.ja`. */
  field: string;
  before?: JsonValue;
  after?: JsonValue;
}

export type NodeChangeType = 'added' | 'removed' | 'changed' | 'renamed';
/** How a renamed node was recognised: the new node lists the old id among its `aliases` (or the reverse), or both have the same `contentHash`. */
export type RenameEvidence = 'alias' | 'content-hash';

export interface NodeChange {
  change: NodeChangeType;
  /** The node as it is in the newer snapshot (b); for a removed node, as it was in a. */
  node: NodeHead;
  /** The id in a, for a renamed node. */
  previousId?: string;
  renamedBy?: RenameEvidence;
  /** Fields that differ (changed and renamed nodes; a rename lists `id` first). */
  fields: FieldChange[];
}

export interface RelationEnd {
  id: string;
  /** Null when the id is not a node of that snapshot (a dangling reference). */
  kind: NodeKind | null;
}

export type RelationChangeType = 'added' | 'removed' | 'changed';

export interface RelationChange {
  change: RelationChangeType;
  type: RelationType;
  /** Ends as in b (as in a for a removed relation); `to` null when the relation has none. */
  from: RelationEnd;
  to: RelationEnd | null;
  subtype?: string;
  role?: string;
  /** The ends in a, when one of them was a renamed node. */
  previous?: { from: string; to: string | null };
  fields: FieldChange[];
}

/** A node whose sensitivity changed: its classification, or (datasets) its containsPhi flag. */
export interface Reclassification {
  node: NodeHead;
  before: { classification: Classification; containsPhi?: boolean };
  after: { classification: Classification; containsPhi?: boolean };
  /** It now is, or now contains, protected health information and was not before. */
  becamePhi: boolean;
}

/** Outputs new in b, grouped by the model that produced them. */
export interface NewOutputs {
  model: NodeHead;
  count: number;
  /** The first outputs (at most NEW_OUTPUTS_LISTED). */
  outputs: NodeHead[];
}

export interface DiffSideInfo {
  name: string;
  id: string;
  createdAt: string;
  layout: 'json' | 'binary';
  nodeCount: number;
  relationCount: number;
  /** The role, when the side is a role's pack. */
  role: string | null;
}

export interface SnapshotDiff {
  a: DiffSideInfo;
  b: DiffSideInfo;
  nodes: NodeChange[];
  relations: RelationChange[];
  reclassified: Reclassification[];
  newOutputs: NewOutputs[];
  unchanged: { nodes: number; relations: number };
}
