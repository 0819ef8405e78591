/**
 * Builders for small hand-made graphs in tests: a node or relation with sensible
 * defaults, overridable field by field, and a shorthand for a graph from compact lists.
 */
import type { NodeKind, Relation, RelationType, SnapshotNode } from '../core/format/index.ts';

/** A valid node of `kind` with id `id`; `overrides` may set any field of that kind. */
export function makeNode(kind: NodeKind, id: string, overrides: Record<string, unknown> = {}): SnapshotNode {
  return { id, kind, name: id, classification: 'internal', ...overrides } as SnapshotNode;
}

export function makeRelation(type: RelationType, from: string, to: string, overrides: Partial<Relation> = {}): Relation {
  return { type, from, to, ...overrides };
}

/**
 * `graphOf({ d: 'dataset', t: 'activity', m: 'model' }, [['used', 't', 'd'], ['wasGeneratedBy', 'm', 't']])`
 * — nodes as id → kind, relations as [type, from, to].
 */
export function graphOf(
  kinds: Record<string, NodeKind>,
  relations: readonly (readonly [RelationType, string, string])[],
): { nodes: SnapshotNode[]; relations: Relation[] } {
  return {
    nodes: Object.entries(kinds).map(([id, kind]) => makeNode(kind, id)),
    relations: relations.map(([type, from, to]) => makeRelation(type, from, to)),
  };
}
