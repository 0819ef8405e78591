/**
 * Relation records → relations. The members of each map (vocabulary.ts) give `from` (PROV's
 * first argument), `to` (the second) and the further arguments (`args`); the record's key is
 * the relation's `id` (blank ids too). `prov:time` → `time`, `prov:role` → `role`, a
 * derivation's `prov:type` (`prov:Revision`, `prov:Quotation`, `prov:PrimarySource`, or a
 * Raireki derivation type) → `subtype`; everything else → `attributes`, keyed as written.
 *
 * PROV lets a relation leave its arguments out. A missing second argument gives a relation
 * without `to`; a missing first argument (which the snapshot format requires) gives an
 * implicit stand-in node `prov-unknown:<member>:<relation id>`, named "(unknown …)", and a
 * note. Nodes a relation names but the document never describes become implicit nodes of
 * the relation's domain or range.
 */
import type { AttributeValue, DerivationType, Relation } from '../../format/index.ts';
import { DERIVATION_TYPES, RELATION_ARGS } from '../../format/index.ts';
import type { SourcePlace } from '../import-report.ts';
import { at, resolveName, type DocContext } from './document-context.ts';
import { isJsonObject, typeName } from '../json-values.ts';
import { nameOf, readValue, valuesOf } from './literals.ts';
import { timeOf } from './records.ts';
import {
  GENERATED_KEY,
  NODE_ARGS,
  PROV_DERIVATION_TYPES,
  PROV_NS,
  RAIREKI_NS,
  RELATION_MAPS,
  UNKNOWN_PREFIX,
  type ArgName,
  type RelationSpec,
} from './vocabulary.ts';

const RAIREKI_DERIVATIONS: ReadonlySet<string> = new Set(DERIVATION_TYPES);
const ARG_NAMES: ReadonlySet<string> = new Set(RELATION_ARGS);

export function readRelationMap(ctx: DocContext, mapName: string, map: unknown, mapPath: (string | number)[]): void {
  const spec = RELATION_MAPS[mapName]!;
  if (!isJsonObject(map)) {
    ctx.draft.issue('error', at(ctx, ...mapPath), `expected an object of ${mapName} records, found ${typeName(map)}; left out`, 'prov-json');
    return;
  }
  for (const [key, raw] of Object.entries(map)) {
    const path = [...mapPath, key];
    // Several records under one id ("scruffy" documents): each is a relation of its own.
    if (Array.isArray(raw)) raw.forEach((r, i) => readRelation(ctx, spec, key, r, [...path, i]));
    else readRelation(ctx, spec, key, raw, path);
  }
}

function readRelation(ctx: DocContext, mapSpec: RelationSpec, key: string, raw: unknown, path: (string | number)[]): void {
  const place = at(ctx, ...path);
  if (!isJsonObject(raw)) {
    ctx.draft.issue('error', place, `expected an object of members, found ${typeName(raw)}; the ${mapSpec.type} record is left out`, 'prov-json');
    return;
  }
  const members = new Map<string, { key: string; value: unknown }>();
  for (const [k, v] of Object.entries(raw)) {
    const iri = ctx.ns.iriOf(k);
    members.set(iri ?? k, { key: k, value: v });
  }
  const take = (iri: string) => {
    const m = members.get(iri);
    members.delete(iri);
    return m;
  };

  // prov:type first: it may turn a specializationOf into a mentionOf, and name a derivation's subtype.
  const typeMember = take(`${PROV_NS}type`);
  const typed = relationType(ctx, mapSpec, typeMember?.value);
  const spec = typed.spec;

  let id: string | undefined;
  const ownId = take(`${RAIREKI_NS}id`);
  const idName = ownId && typeof ownId.value === 'string' ? ownId.value : GENERATED_KEY.test(key) ? undefined : key;
  if (idName !== undefined) id = resolveName(ctx, idName, ownId ? at(ctx, ...path, ownId.key) : place) ?? undefined;

  const fromMember = take(PROV_NS + local(spec.from));
  const from = endOf(ctx, spec.from, fromMember?.value, fromMember && at(ctx, ...path, fromMember.key));
  const toMember = take(PROV_NS + local(spec.to));
  if (from === null) return;
  // hadMember may name several members in one record: one relation each.
  const tos: (string | undefined | null)[] =
    spec.type === 'hadMember' && Array.isArray(toMember?.value)
      ? (toMember!.value as unknown[]).map((v, i) => endOf(ctx, spec.to, v, at(ctx, ...path, toMember!.key, i)))
      : [endOf(ctx, spec.to, toMember?.value, toMember && at(ctx, ...path, toMember.key))];
  if (tos.some((t) => t === null)) return;

  const r: Omit<Relation, 'from'> & { from?: string } = { type: spec.type };
  if (typed.subtype) r.subtype = typed.subtype;
  if (id !== undefined) r.id = id;
  if (ctx.bundle !== undefined) r.bundle = ctx.bundle;
  const args: Partial<Record<ArgName, string>> = {};
  for (const [member, arg] of Object.entries(spec.args)) {
    const m = take(PROV_NS + local(member));
    if (m === undefined) continue;
    const v = endOf(ctx, member, m.value, at(ctx, ...path, m.key));
    if (v === null) return;
    if (v !== undefined) setArg(ctx, args, arg, v);
  }
  const attributes: Record<string, AttributeValue> = {};
  if (typed.rest.length > 0 && typeMember) {
    const p = at(ctx, ...path, typeMember.key);
    ctx.draft.setAttribute(attributes, typeMember.key, readValue(typed.rest.length === 1 ? typed.rest[0] : typed.rest, ctx, p), p, 'prov-json');
  }
  for (const [iri, { key: k, value }] of members) {
    const p = at(ctx, ...path, k);
    if (iri === `${PROV_NS}time` || iri === `${RAIREKI_NS}time`) {
      const time = timeOf(value);
      if (time !== undefined && r.time === undefined) {
        r.time = time;
        continue;
      }
      ctx.draft.issue('note', p, 'not an ISO 8601 time; kept as an attribute', 'prov-json');
    } else if (iri === `${PROV_NS}role` && typeof value === 'string') {
      r.role = ctx.draft.text(value, p, 'prov-json');
      continue;
    } else if (iri.startsWith(`${RAIREKI_NS}arg.`) && ARG_NAMES.has(iri.slice(RAIREKI_NS.length + 4)) && typeof value === 'string') {
      // An argument this relation type has no PROV member for (written by a Raireki export).
      const v = resolveName(ctx, value, p);
      if (v !== null) setArg(ctx, args, iri.slice(RAIREKI_NS.length + 4) as ArgName, v);
      continue;
    }
    ctx.draft.setAttribute(attributes, k, readValue(value, ctx, p), p, 'prov-json');
  }
  if (Object.keys(args).length > 0) r.args = args;
  if (Object.keys(attributes).length > 0) r.attributes = attributes;

  const fromId = from ?? placeholder(ctx, spec, id ?? key, place);
  if (fromId === null) return;
  if (from !== undefined) ctx.draft.reference(fromId, spec.fromKind);
  for (const to of tos as (string | undefined)[]) {
    if (to !== undefined) ctx.draft.reference(to, spec.toKind);
    ctx.draft.relation({ ...r, from: fromId, ...(to !== undefined ? { to } : {}) } as Relation);
    ctx.draft.count('prov-json', `relations.${spec.type}`);
  }
}

function setArg(ctx: DocContext, args: Partial<Record<ArgName, string>>, arg: ArgName, id: string): void {
  args[arg] = id;
  const kind = NODE_ARGS[arg];
  if (kind) ctx.draft.reference(id, kind);
}

/**
 * The id a member names: undefined when it is absent (or `raireki:none`, PROV-N's `-`), null
 * when it is present but unusable (reported; the record is left out).
 */
function endOf(ctx: DocContext, member: string, value: unknown, p: SourcePlace | undefined): string | undefined | null {
  if (value === undefined || p === undefined) return undefined;
  if (typeof value !== 'string') {
    ctx.draft.issue('error', p, `${member} must be a qualified name (a string), found ${typeName(value)}; the record is left out`, 'prov-json');
    return null;
  }
  if (ctx.ns.isRaireki(value, 'none')) return undefined;
  return resolveName(ctx, value, p);
}

/** The stand-in node for a first argument the record leaves out. */
function placeholder(ctx: DocContext, spec: RelationSpec, relation: string, place: SourcePlace): string | null {
  const member = local(spec.from);
  const id = ctx.draft.checkId(`${UNKNOWN_PREFIX}${member}:${relation}`, place, 'prov-json');
  if (id === null) return null;
  ctx.draft.issue('note', place, `the record gives no ${spec.from}; the relation is kept from a stand-in node "${id}"`, 'prov-json');
  ctx.draft.reference(id, spec.fromKind, `(unknown ${member})`);
  return id;
}

interface TypedRelation {
  spec: RelationSpec;
  subtype?: DerivationType;
  rest: unknown[];
}

function relationType(ctx: DocContext, mapSpec: RelationSpec, typeValue: unknown): TypedRelation {
  const values = typeValue === undefined ? [] : valuesOf(typeValue);
  let spec = mapSpec;
  let subtype: DerivationType | undefined = mapSpec.subtype;
  const rest: unknown[] = [];
  for (const v of values) {
    const name = nameOf(v);
    const iri = name === undefined ? null : ctx.ns.iriOf(name);
    if (iri !== null && mapSpec.type === 'specializationOf' && iri === `${RAIREKI_NS}mentionOf` && spec === mapSpec) {
      spec = RELATION_MAPS.mentionOf!;
      continue;
    }
    if (iri !== null && mapSpec.type === 'wasDerivedFrom') {
      const found = PROV_DERIVATION_TYPES.get(iri) ?? (iri.startsWith(RAIREKI_NS) && RAIREKI_DERIVATIONS.has(iri.slice(RAIREKI_NS.length)) ? (iri.slice(RAIREKI_NS.length) as DerivationType) : undefined);
      // The first subtype named wins; a map's own (wasRevisionOf) and the same one again are not kept twice.
      if (found && (subtype === undefined || subtype === found)) {
        subtype = found;
        continue;
      }
    }
    rest.push(v);
  }
  return { spec, ...(subtype ? { subtype } : {}), rest };
}

function local(member: string): string {
  return member.slice(member.indexOf(':') + 1);
}
