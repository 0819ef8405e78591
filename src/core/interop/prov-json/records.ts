/**
 * Entity, activity and agent records → nodes.
 *
 * The map gives the PROV class; `prov:type` gives the kind and subtype where it names one
 * (`raireki:model`, `raireki:finetuned`; `prov:Person`, `prov:Organization`,
 * `prov:SoftwareAgent`; `prov:Plan`, `prov:Collection`, `prov:Bundle`); `prov:label` gives the
 * name; `prov:startTime`, `prov:endTime` and `prov:generatedAtTime` give `startedAt`, `endedAt`
 * and `createdAt`; `raireki:<field>` gives the snapshot field of that name (what a Raireki
 * export writes). Everything else, and whatever of these could not be used (a second
 * `prov:type`, a label with a language, a time that is not ISO 8601), is kept in `attributes`
 * under the name it was written with: no attribute is lost.
 */
import { ISO_TIME_PATTERN, type AttributeValue, type NodeKind, type ProvClass } from '../../format/index.ts';
import type { SourcePlace } from '../import-report.ts';
import { at, resolveName, type DocContext } from './document-context.ts';
import { isJsonObject, typeName } from '../json-values.ts';
import { asLiteral, nameOf, parseJsonText, readValue, textOf, valuesOf } from './literals.ts';
import { DEFAULT_KIND, fieldCheck, kindsOfClass, subtypesOf } from './node-kinds.ts';
import { PROV_AGENT_TYPES, PROV_ENTITY_TYPES, PROV_NS, RAIREKI_NS } from './vocabulary.ts';

const ENTITY_KINDS: ReadonlySet<string> = new Set(kindsOfClass('entity'));

export function readElementMap(ctx: DocContext, cls: ProvClass, map: unknown, mapPath: (string | number)[]): void {
  if (!isJsonObject(map)) {
    ctx.draft.issue('error', at(ctx, ...mapPath), `expected an object of ${cls} records, found ${typeName(map)}; left out`, 'prov-json');
    return;
  }
  for (const [key, raw] of Object.entries(map)) {
    const path = [...mapPath, key];
    // The same id given twice under one key (a "scruffy" document): each is a description.
    if (Array.isArray(raw)) raw.forEach((r, i) => readElement(ctx, cls, key, r, [...path, i]));
    else readElement(ctx, cls, key, raw, path);
  }
}

function readElement(ctx: DocContext, cls: ProvClass, key: string, raw: unknown, path: (string | number)[]): void {
  const place = at(ctx, ...path);
  const id = resolveName(ctx, key, place);
  if (id === null) return;
  if (!isJsonObject(raw)) {
    ctx.draft.issue('error', place, `expected an object of attributes, found ${typeName(raw)}; the ${cls} is left out`, 'prov-json');
    return;
  }
  const typed = kindAndSubtype(ctx, cls, raw['prov:type'] === undefined ? findMember(ctx, raw, 'type') : raw['prov:type']);
  const kind = typed.kind;
  const fields: Record<string, unknown> = {};
  const attributes: Record<string, AttributeValue> = {};
  let implicit = false;
  if (typed.subtype !== undefined) fields.subtype = typed.subtype;
  else if (kind === 'entity' && ctx.bundleIds.has(id)) fields.subtype = 'bundle';

  for (const [member, value] of Object.entries(raw)) {
    const memberPlace = at(ctx, ...path, member);
    const iri = ctx.ns.iriOf(member);
    if (iri === `${PROV_NS}type`) {
      if (typed.rest.length > 0) ctx.draft.setAttribute(attributes, member, readValue(typed.rest.length === 1 ? typed.rest[0] : typed.rest, ctx, memberPlace), memberPlace, 'prov-json');
    } else if (iri === `${PROV_NS}label`) {
      const name = textOf(value);
      if (name !== undefined && name.length > 0) fields.name = ctx.draft.text(name, memberPlace, 'prov-json');
      // A label with a language, a type or several values is kept whole as well.
      if (typeof value !== 'string') ctx.draft.setAttribute(attributes, member, readValue(value, ctx, memberPlace), memberPlace, 'prov-json');
    } else if (iri !== null && TIME_FIELDS.has(iri) && (kind === 'activity' || iri === `${PROV_NS}generatedAtTime`)) {
      const time = timeOf(value);
      if (time !== undefined) fields[TIME_FIELDS.get(iri)!] = time;
      else {
        ctx.draft.issue('note', memberPlace, `not an ISO 8601 time (${JSON.stringify(textOf(value) ?? null)}); kept as an attribute`, 'prov-json');
        ctx.draft.setAttribute(attributes, member, readValue(value, ctx, memberPlace), memberPlace, 'prov-json');
      }
    } else if (iri !== null && iri.startsWith(RAIREKI_NS)) {
      const field = iri.slice(RAIREKI_NS.length);
      if (field === 'implicit' && value === true) implicit = true;
      else if (!readRaireikiField(ctx, kind, field, value, fields, memberPlace)) {
        ctx.draft.issue('note', memberPlace, `not a valid "${field}" of a ${kind} node; kept as an attribute`, 'prov-json');
        ctx.draft.setAttribute(attributes, member, readValue(value, ctx, memberPlace), memberPlace, 'prov-json');
      }
    } else {
      ctx.draft.setAttribute(attributes, member, readValue(value, ctx, memberPlace), memberPlace, 'prov-json');
    }
  }

  if (implicit) {
    // A Raireki export's stand-in for a node its source only referenced.
    ctx.draft.reference(id, kind, typeof fields.name === 'string' ? fields.name : undefined);
    return;
  }
  if (Object.keys(attributes).length > 0) fields.attributes = attributes;
  if (ctx.bundle !== undefined) fields.bundle = ctx.bundle;
  ctx.draft.node({ ...fields, id, kind }, ctx.origin, place);
  ctx.draft.count('prov-json', `nodes.${kind}`);
}

const TIME_FIELDS: ReadonlyMap<string, string> = new Map([
  [`${PROV_NS}startTime`, 'startedAt'],
  [`${PROV_NS}endTime`, 'endedAt'],
  [`${PROV_NS}generatedAtTime`, 'createdAt'],
]);

/** An ISO 8601 time from a string or an `xsd:dateTime` literal. */
export function timeOf(v: unknown): string | undefined {
  const text = typeof v === 'string' ? v : asLiteral(v) && typeof asLiteral(v)!.$ === 'string' ? (asLiteral(v)!.$ as string) : undefined;
  return text !== undefined && ISO_TIME_PATTERN.test(text) ? text : undefined;
}

/** `prov:type` under another prefix bound to PROV's namespace. */
function findMember(ctx: DocContext, raw: Record<string, unknown>, local: string): unknown {
  for (const [k, v] of Object.entries(raw)) if (ctx.ns.iriOf(k) === PROV_NS + local) return v;
  return undefined;
}

interface Typed {
  kind: NodeKind;
  subtype?: string;
  /** `prov:type` values that name neither kind nor subtype. */
  rest: unknown[];
}

/**
 * The kind (only entities have a choice: an agent record is an agent, an activity record an
 * activity) and subtype that `prov:type` names; the first value naming each wins.
 */
function kindAndSubtype(ctx: DocContext, cls: ProvClass, typeValue: unknown): Typed {
  const values = typeValue === undefined ? [] : valuesOf(typeValue);
  const iris = values.map((v) => {
    const name = nameOf(v);
    return name === undefined ? null : ctx.ns.iriOf(name);
  });
  const used = new Set<number>();
  let kind = DEFAULT_KIND[cls];
  iris.forEach((iri, i) => {
    if (iri === null || !iri.startsWith(RAIREKI_NS)) return;
    const local = iri.slice(RAIREKI_NS.length);
    if (local === DEFAULT_KIND[cls]) used.add(i);
    else if (cls === 'entity' && kind === 'entity' && ENTITY_KINDS.has(local) && local !== 'entity') {
      kind = local as NodeKind;
      used.add(i);
    }
  });
  const subtypes = subtypesOf(kind);
  let subtype: string | undefined;
  iris.forEach((iri, i) => {
    if (subtype !== undefined || iri === null || used.has(i)) return;
    const prov = kind === 'agent' ? PROV_AGENT_TYPES.get(iri) : kind === 'entity' ? PROV_ENTITY_TYPES.get(iri) : undefined;
    const own = iri.startsWith(RAIREKI_NS) ? iri.slice(RAIREKI_NS.length) : undefined;
    const found = prov ?? (own !== undefined && subtypes.has(own) ? own : undefined);
    if (found !== undefined) {
      subtype = found;
      used.add(i);
    }
  });
  return { kind, ...(subtype !== undefined ? { subtype } : {}), rest: values.filter((_, i) => !used.has(i)) };
}

/** Sets a snapshot field from `raireki:<field>`; false when the kind has no such field or the value does not fit it. */
function readRaireikiField(ctx: DocContext, kind: NodeKind, field: string, value: unknown, fields: Record<string, unknown>, place: SourcePlace): boolean {
  const check = fieldCheck(kind, field);
  if (!check) return false;
  let v: unknown = typeof value === 'string' ? ctx.draft.text(value, place, 'prov-json') : value;
  const literal = asLiteral(value);
  if (literal && typeof literal.$ === 'string' && literal.type !== undefined && ctx.ns.isRaireki(literal.type, 'json')) {
    const parsed = parseJsonText(literal.$);
    if (!parsed.ok) return false;
    v = parsed.value;
  }
  if (!check.safeParse(v).success) return false;
  fields[field] = v;
  return true;
}
