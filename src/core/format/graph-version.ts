/**
 * What a graph file of version 1 may not use. Version 2 (imports from PROV-JSON and
 * OpenLineage) only adds: new kinds, relation types and derivation subtypes, new optional
 * fields, typed literals in attributes, and relations without a second end. A reader of
 * version 1 would refuse all of these as unknown, so a writer must say version 2 to use
 * them, and this build refuses a version-1 file that uses them anyway (a file that claims
 * less than it needs is a broken writer, better caught at once).
 *
 * No zod here: the hand-written fast path (node-check.ts, relation-check.ts) calls it too.
 */
import { DERIVATION_TYPES_V1, NODE_KINDS_V1, RELATION_TYPES_V1 } from './vocabulary.ts';

export interface VersionTwoFeature {
  /** Member of the node or relation that uses it. */
  path: string;
  what: string;
}

const NODE_FIELDS_V2 = ['aliases', 'implicit', 'bundle', 'columnLineage', 'unlearning', 'similarity'] as const;
const RELATION_FIELDS_V2 = ['id', 'args', 'attributes', 'bundle'] as const;
const KINDS_V1 = new Set(NODE_KINDS_V1);
const TYPES_V1 = new Set(RELATION_TYPES_V1);
const DERIVATIONS_V1 = new Set(DERIVATION_TYPES_V1);

/** True for a value version 1 allows in `attributes`: a scalar or a list of strings. */
function isVersionOneValue(v: unknown): boolean {
  if (v === null || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return true;
  return Array.isArray(v) && v.every((x) => typeof x === 'string');
}

function attributesFeature(attributes: unknown): VersionTwoFeature | null {
  if (typeof attributes !== 'object' || attributes === null) return null;
  for (const [key, value] of Object.entries(attributes)) {
    if (!isVersionOneValue(value)) return { path: 'attributes', what: `attribute "${key}": a typed literal or a list of non-strings` };
  }
  return null;
}

export function versionTwoFeatureOfNode(node: { kind: string; attributes?: unknown } & Record<string, unknown>): VersionTwoFeature | null {
  if (!KINDS_V1.has(node.kind)) return { path: 'kind', what: `kind "${node.kind}"` };
  for (const field of NODE_FIELDS_V2) if (node[field] !== undefined) return { path: field, what: `field "${field}"` };
  return attributesFeature(node.attributes);
}

export function versionTwoFeatureOfRelation(r: { type: string; to?: unknown; subtype?: unknown } & Record<string, unknown>): VersionTwoFeature | null {
  if (!TYPES_V1.has(r.type)) return { path: 'type', what: `relation type "${r.type}"` };
  if (r.to === undefined) return { path: 'to', what: 'a relation without "to"' };
  if (typeof r.subtype === 'string' && !DERIVATIONS_V1.has(r.subtype)) return { path: 'subtype', what: `derivation subtype "${r.subtype}"` };
  for (const field of RELATION_FIELDS_V2) if (r[field] !== undefined) return { path: field, what: `field "${field}"` };
  return attributesFeature(r.attributes);
}

/** The version a writer must put on a graph file holding these nodes and relations. */
export function graphVersionFor(nodes: readonly object[], relations: readonly object[]): 1 | 2 {
  for (const n of nodes) if (versionTwoFeatureOfNode(n as never)) return 2;
  for (const r of relations) if (versionTwoFeatureOfRelation(r as never)) return 2;
  return 1;
}
