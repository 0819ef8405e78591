/**
 * PROV-JSON values and snapshot attribute values, both ways.
 *
 * PROV-JSON writes a value as a string, number or boolean, a typed or language-tagged
 * literal (`{"$": "1", "type": "xsd:int"}`, `{"$": "chat", "lang": "fr"}`), or a list of
 * those. Graph version 2 holds all of these as they are. What PROV-JSON has no way to write
 * (null, an empty list, a literal whose `$` is not a string, an object that is no literal)
 * travels as its JSON text, typed `raireki:json`, and is read back from it.
 */
import type { AttributeValue, TypedLiteral } from '../../format/index.ts';
import { isAttributeValue } from '../../format/node-check.ts';
import type { ImportDraft } from '../import-draft.ts';
import type { SourcePlace } from '../import-report.ts';
import type { Namespaces } from './qualified-name.ts';

type Scalar = string | number | boolean | null;
/** A value as the PROV-JSON Schema allows it. */
export type ProvValue = string | number | boolean | ProvLiteral | (string | number | boolean | ProvLiteral)[];
export interface ProvLiteral {
  $: string;
  type?: string;
  lang?: string;
}

export interface ValueContext {
  draft: ImportDraft;
  ns: Namespaces;
}

/** A PROV-JSON value as a snapshot attribute value; strings are cut to the draft's limit. */
export function readValue(raw: unknown, ctx: ValueContext, place: SourcePlace): AttributeValue {
  if (Array.isArray(raw)) return raw.map((x) => readItem(x, ctx, place, true)) as AttributeValue;
  return readItem(raw, ctx, place, false);
}

function readItem(raw: unknown, ctx: ValueContext, place: SourcePlace, inList: boolean): Scalar | TypedLiteral | AttributeValue {
  if (typeof raw === 'string') return ctx.draft.text(raw, place, 'prov-json');
  if (typeof raw === 'number' || typeof raw === 'boolean' || raw === null) return raw;
  const literal = asLiteral(raw);
  if (literal) {
    const cut: TypedLiteral = { ...literal, $: typeof literal.$ === 'string' ? ctx.draft.text(literal.$, place, 'prov-json') : literal.$ };
    if (!inList && literal.type !== undefined && typeof literal.$ === 'string' && ctx.ns.isRaireki(literal.type, 'json')) {
      const decoded = parseJsonText(literal.$);
      if (decoded.ok && isAttributeValue(decoded.value)) return decoded.value as AttributeValue;
    }
    return cut;
  }
  // Not a PROV value (a nested list or object): kept whole, as its JSON text.
  ctx.draft.issue('note', place, 'a value that is not a PROV literal is kept as its JSON text', 'prov-json');
  return { $: ctx.draft.text(JSON.stringify(raw), place, 'prov-json'), type: 'raireki:json' };
}

/** `{"$": …, "type"?: …, "lang"?: …}` with nothing else, or null. */
export function asLiteral(raw: unknown): TypedLiteral | null {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return null;
  const o = raw as Record<string, unknown>;
  for (const k of Object.keys(o)) if (k !== '$' && k !== 'type' && k !== 'lang') return null;
  const { $, type, lang } = o;
  if (typeof $ !== 'string' && typeof $ !== 'number' && typeof $ !== 'boolean') return null;
  if ((type !== undefined && typeof type !== 'string') || (lang !== undefined && typeof lang !== 'string')) return null;
  return { $, ...(type !== undefined ? { type } : {}), ...(lang !== undefined ? { lang } : {}) };
}

/** The text a value shows: a string, a literal's `$`, the first of a list. */
export function textOf(v: unknown): string | undefined {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) return v.length > 0 ? textOf(v[0]) : undefined;
  const literal = asLiteral(v);
  return literal ? String(literal.$) : undefined;
}

/** Each value of a member that may hold one value or a list (`prov:type`). */
export function valuesOf(v: unknown): unknown[] {
  return Array.isArray(v) ? v : [v];
}

/** A value as a qualified name, when it is one: a string, or a literal typed `prov:QUALIFIED_NAME` (or untyped). */
export function nameOf(v: unknown): string | undefined {
  if (typeof v === 'string') return v;
  const literal = asLiteral(v);
  return literal && typeof literal.$ === 'string' && literal.lang === undefined ? literal.$ : undefined;
}

// ── writing ─────────────────────────────────────────────────────────────────────────────

/** A snapshot attribute value as PROV-JSON can write it. */
export function writeValue(v: unknown): ProvValue {
  if (Array.isArray(v)) {
    if (v.length > 0 && v.every(isWritableItem)) return v.map((x) => writeItem(x)!) as ProvValue;
    return asJsonLiteral(v);
  }
  return writeItem(v) ?? asJsonLiteral(v);
}

function isWritableItem(v: unknown): boolean {
  return writeItem(v) !== undefined;
}

function writeItem(v: unknown): string | number | boolean | ProvLiteral | undefined {
  if (typeof v === 'string' || typeof v === 'boolean') return v;
  if (typeof v === 'number') return Number.isFinite(v) ? v : undefined;
  const literal = asLiteral(v);
  if (literal && typeof literal.$ === 'string') return { ...literal, $: literal.$ };
  return undefined;
}

export function asJsonLiteral(v: unknown): ProvLiteral {
  return { $: JSON.stringify(v), type: 'raireki:json' };
}

export function parseJsonText(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false };
  }
}
