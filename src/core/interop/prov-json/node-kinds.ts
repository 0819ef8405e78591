/**
 * What each node kind may hold, read from the snapshot schema itself (so a field added to
 * the format is exported and imported without touching this module): the kind's subtypes,
 * and a check for each field that export writes as `raireki:<field>`.
 */
import { SnapshotNode, provClassOf, type NodeKind, type ProvClass } from '../../format/index.ts';

interface FieldCheck {
  safeParse(v: unknown): { success: boolean };
}
interface KindInfo {
  subtypes: ReadonlySet<string>;
  fields: ReadonlyMap<string, FieldCheck>;
}

/**
 * Fields with a PROV member of their own (or none to write): they are never written or read
 * as `raireki:<field>`.
 */
export const PROV_MAPPED_FIELDS: ReadonlySet<string> = new Set(['id', 'kind', 'name', 'subtype', 'attributes', 'bundle', 'implicit', 'startedAt', 'endedAt', 'createdAt']);

const KINDS = new Map<NodeKind, KindInfo>();
for (const option of SnapshotNode.options) {
  const shape = option.shape as unknown as Record<string, FieldCheck & { value?: unknown; unwrap?: () => { options: readonly string[] } }>;
  const kind = shape.kind!.value as NodeKind;
  const subtypes = new Set(shape.subtype?.unwrap?.().options ?? []);
  const fields = new Map<string, FieldCheck>();
  for (const [field, check] of Object.entries(shape)) if (!PROV_MAPPED_FIELDS.has(field)) fields.set(field, check);
  KINDS.set(kind, { subtypes, fields });
}

export function subtypesOf(kind: NodeKind): ReadonlySet<string> {
  return KINDS.get(kind)!.subtypes;
}

/** The check of a field a node of this kind may have besides the PROV-mapped ones; undefined if none. */
export function fieldCheck(kind: NodeKind, field: string): FieldCheck | undefined {
  return KINDS.get(kind)!.fields.get(field);
}

/** Kinds whose nodes go in one PROV-JSON element map. */
export function kindsOfClass(cls: ProvClass): NodeKind[] {
  return [...KINDS.keys()].filter((k) => provClassOf(k) === cls);
}

/** The kind a record in a map has when its `prov:type` names none. */
export const DEFAULT_KIND: Readonly<Record<ProvClass, NodeKind>> = { entity: 'entity', activity: 'activity', agent: 'agent' };
