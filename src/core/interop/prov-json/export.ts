/**
 * PROV-JSON export of a snapshot, or of a selection of its nodes, written so that importing
 * it gives back the same graph and so that it validates against the PROV-JSON Schema of the
 * W3C member submission. The rules, the mirror image of the import (docs/interop.md):
 *
 * - nodes go to `entity`, `activity` or `agent` by their kind's PROV class, keyed by the
 *   qualified name of their id; `prov:type` names the kind and subtype (`raireki:model`,
 *   `raireki:finetuned`, `prov:Person`, `prov:Plan`…); `name` → `prov:label`, `startedAt` /
 *   `endedAt` → `prov:startTime` / `prov:endTime`, `createdAt` → `prov:generatedAtTime`; every
 *   other field → `raireki:<field>` (as JSON text typed `raireki:json` where PROV-JSON has no
 *   value for it); attributes are written under their own names.
 * - a node with `bundle` is written inside that bundle; so is a relation with `bundle`.
 * - implicit nodes are written with `raireki:implicit: true`, so that they stay implicit.
 * - relations go to the map the schema names (`wasEndedby`, the schema's spelling; `mentionOf`,
 *   which the schema lacks, as the `specializationOf` it implies, typed `raireki:mentionOf`);
 *   a missing second argument the schema requires is written `raireki:none`; a time the
 *   schema's `prov:time` (RFC 3339) cannot hold goes to `raireki:time`; the record key is the
 *   relation's id, or `_:raireki-<n>` where it has none (or shares it with another record
 *   of the map, the id then in `raireki:id`).
 */
import { provClassOf, type ProvClass, type Relation, type SnapshotNode } from '../../format/index.ts';
import { fallbackName } from '../import-draft.ts';
import { asJsonLiteral, writeValue, type ProvLiteral, type ProvValue } from './literals.ts';
import { PROV_MAPPED_FIELDS } from './node-kinds.ts';
import { QualifiedNames } from './qualified-name.ts';
import { SPEC_OF_TYPE } from './vocabulary.ts';

export interface ProvExportOptions {
  /**
   * Ids of the nodes to write (e.g. `provSelection(index, id, 'up')`); relations are written
   * when both their ends are selected. All nodes when absent.
   */
  select?: Iterable<string>;
}

type ProvRecord = Record<string, ProvValue>;
type ProvMaps = Record<string, Record<string, ProvRecord>>;
export type ProvDocument = Record<string, unknown>;

/** RFC 3339 date-time, what the schema's `prov:time` (format "date-time") accepts. */
const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/i;

const AGENT_TYPES: Record<string, string> = { person: 'prov:Person', organization: 'prov:Organization', software: 'prov:SoftwareAgent' };
const ENTITY_TYPES: Record<string, string> = { plan: 'prov:Plan', collection: 'prov:Collection', bundle: 'prov:Bundle' };
const DERIVATION_TYPES: Record<string, string> = { revision: 'prov:Revision', quotation: 'prov:Quotation', 'primary-source': 'prov:PrimarySource' };

const qualified = (name: string): ProvLiteral => ({ $: name, type: 'prov:QUALIFIED_NAME' });

export function exportProvJson(nodes: readonly SnapshotNode[], relations: readonly Relation[], options: ProvExportOptions = {}): ProvDocument {
  const selected = options.select ? new Set(options.select) : null;
  const names = new QualifiedNames();
  const top: ProvMaps = {};
  const bundles = new Map<string, ProvMaps>();
  const mapsOf = (bundle: string | undefined): ProvMaps => {
    if (bundle === undefined) return top;
    let maps = bundles.get(bundle);
    if (!maps) bundles.set(bundle, (maps = {}));
    return maps;
  };
  const put = (maps: ProvMaps, map: string, key: string, record: ProvRecord) => {
    (maps[map] ??= {})[key] = record;
  };

  for (const node of nodes) {
    if (selected && !selected.has(node.id)) continue;
    put(mapsOf(node.bundle), provClassOf(node.kind), names.ofId(node.id), nodeRecord(node));
  }

  const generated = { n: 0 };
  for (const r of relations) {
    if (selected && (!selected.has(r.from) || (r.to !== undefined && !selected.has(r.to)))) continue;
    const spec = SPEC_OF_TYPE.get(r.type)!;
    const maps = mapsOf(r.bundle);
    const map = (maps[spec.schemaKey] ??= {});
    const record = relationRecord(r, names);
    let key = r.id !== undefined ? names.ofId(r.id) : undefined;
    if (key === undefined || Object.hasOwn(map, key)) {
      if (r.id !== undefined) record['raireki:id'] = names.ofId(r.id);
      do key = `_:raireki-${++generated.n}`;
      while (Object.hasOwn(map, key));
    }
    map[key] = record;
  }

  const doc: ProvDocument = { prefix: names.declarations(), ...ordered(top) };
  if (bundles.size > 0) {
    const out: Record<string, unknown> = {};
    for (const [id, maps] of bundles) out[names.ofId(id)] = { prefix: names.declarations(), ...ordered(maps) };
    doc.bundle = out;
  }
  return doc;

  function nodeRecord(node: SnapshotNode): ProvRecord {
    const n = node as Record<string, unknown> & SnapshotNode;
    const record: ProvRecord = {};
    const attributes = (n.attributes ?? {}) as Record<string, unknown>;
    const types: TypeValue[] = kindTypes(n.kind, provClassOf(n.kind), n.subtype as string | undefined).map(qualified);
    if (attributes['prov:type'] !== undefined) types.push(...spread(writeValue(attributes['prov:type'])));
    if (types.length > 0) record['prov:type'] = types.length === 1 ? types[0]! : types;
    if (attributes['prov:label'] !== undefined) record['prov:label'] = writeValue(attributes['prov:label']);
    else if (n.name !== fallbackName(n.id)) record['prov:label'] = n.name;
    if (n.implicit) {
      record['raireki:implicit'] = true;
      return record;
    }
    if (typeof n.startedAt === 'string') record['prov:startTime'] = n.startedAt;
    if (typeof n.endedAt === 'string') record['prov:endTime'] = n.endedAt;
    if (typeof n.createdAt === 'string') record['prov:generatedAtTime'] = n.createdAt;
    for (const [field, value] of Object.entries(n)) {
      if (PROV_MAPPED_FIELDS.has(field) || value === undefined) continue;
      record[`raireki:${field}`] = fieldValue(value);
    }
    for (const [key, value] of Object.entries(attributes)) {
      if (key === 'prov:type' || key === 'prov:label') continue;
      record[key] = writeValue(value);
    }
    return record;
  }
}

function relationRecord(r: Relation, names: QualifiedNames): ProvRecord {
  const spec = SPEC_OF_TYPE.get(r.type)!;
  const record: ProvRecord = {};
  record[spec.from] = names.ofId(r.from);
  if (r.to !== undefined) record[spec.to] = names.ofId(r.to);
  else if (spec.required.includes(spec.to)) record[spec.to] = 'raireki:none';
  const own = new Set<string>(Object.values(spec.args));
  for (const [member, arg] of Object.entries(spec.args)) {
    const v = r.args?.[arg];
    if (v !== undefined) record[member] = names.ofId(v);
  }
  for (const [arg, v] of Object.entries(r.args ?? {})) if (!own.has(arg) && v !== undefined) record[`raireki:arg.${arg}`] = names.ofId(v);
  if (r.time !== undefined) record[RFC3339.test(r.time) ? 'prov:time' : 'raireki:time'] = r.time;
  if (r.role !== undefined) record['prov:role'] = r.role;
  const types: TypeValue[] = [];
  if (r.type === 'mentionOf') types.push(qualified('raireki:mentionOf'));
  if (r.subtype !== undefined) types.push(qualified(DERIVATION_TYPES[r.subtype] ?? `raireki:${r.subtype}`));
  if (r.attributes?.['prov:type'] !== undefined) types.push(...spread(writeValue(r.attributes['prov:type'])));
  if (types.length > 0) record['prov:type'] = types.length === 1 ? types[0]! : types;
  for (const [key, value] of Object.entries(r.attributes ?? {})) if (key !== 'prov:type' && !Object.hasOwn(record, key)) record[key] = writeValue(value);
  return record;
}

/** `prov:type` values naming a node's kind (unless its map says it) and subtype. */
function kindTypes(kind: string, cls: ProvClass, subtype: string | undefined): string[] {
  const out = kind === cls ? [] : [`raireki:${kind}`];
  if (subtype !== undefined) out.push((kind === 'agent' ? AGENT_TYPES[subtype] : kind === 'entity' ? ENTITY_TYPES[subtype] : undefined) ?? `raireki:${subtype}`);
  return out;
}

/** A snapshot field as a PROV value: as it is where PROV-JSON can hold it, else its JSON text. */
function fieldValue(v: unknown): ProvValue {
  if (typeof v === 'string' || typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v))) return v;
  if (Array.isArray(v) && v.length > 0 && v.every((x) => typeof x === 'string')) return v as string[];
  return asJsonLiteral(v);
}

type TypeValue = string | number | boolean | ProvLiteral;
function spread(v: ProvValue): TypeValue[] {
  return Array.isArray(v) ? v : [v];
}

const MAP_ORDER = ['entity', 'activity', 'agent'];
/** Element maps first, then relation maps in the schema's order of its definitions. */
function ordered(maps: ProvMaps): ProvMaps {
  const out: ProvMaps = {};
  for (const k of MAP_ORDER) if (maps[k]) out[k] = maps[k];
  for (const [k, v] of Object.entries(maps)) if (!MAP_ORDER.includes(k)) out[k] = v;
  return out;
}
