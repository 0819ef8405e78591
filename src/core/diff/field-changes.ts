/**
 * Field by field differences of two records (nodes or relations). Members of object-valued
 * fields (`attributes`, `label`, `description`, `identifiers`, `args`) are compared one by
 * one and named `attributes.epochs` (also when the object is absent on one side); every other
 * value (lists included) is compared whole.
 */
import { canonicalJson } from './fingerprint.ts';
import type { FieldChange, JsonValue } from './diff-types.ts';

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Keys of a, then keys only b has: the order a reader met them in. */
function unionKeys(a: Record<string, unknown>, b: Record<string, unknown>, skip: ReadonlySet<string>): string[] {
  const keys = Object.keys(a).filter((k) => !skip.has(k) && a[k] !== undefined);
  for (const k of Object.keys(b)) if (!skip.has(k) && b[k] !== undefined && !(k in a && a[k] !== undefined)) keys.push(k);
  return keys;
}

function change(field: string, before: unknown, after: unknown): FieldChange {
  const c: FieldChange = { field };
  if (before !== undefined) c.before = before as JsonValue;
  if (after !== undefined) c.after = after as JsonValue;
  return c;
}

/** Fields of a and b that differ, leaving out `skip` (e.g. the id, compared by the caller). */
export function fieldChanges(a: object, b: object, skip: ReadonlySet<string> = new Set()): FieldChange[] {
  const ra = a as Record<string, unknown>;
  const rb = b as Record<string, unknown>;
  const out: FieldChange[] = [];
  for (const key of unionKeys(ra, rb, skip)) {
    const va = ra[key];
    const vb = rb[key];
    const oa = members(va);
    const ob = members(vb);
    if (oa && ob) {
      for (const sub of unionKeys(oa, ob, new Set())) {
        if (canonicalJson(oa[sub]) !== canonicalJson(ob[sub])) out.push(change(`${key}.${sub}`, oa[sub], ob[sub]));
      }
    } else if (canonicalJson(va) !== canonicalJson(vb)) {
      out.push(change(key, va, vb));
    }
  }
  return out;
}

/** An object compared member by member (absent counts as no members), or null for any other value. */
function members(v: unknown): Record<string, unknown> | null {
  if (v === undefined) return {};
  return isPlainObject(v) && !isLiteral(v) ? v : null;
}

/** A typed literal (`{"$": "1", "type": "xsd:short"}`) is one value, not an object of members. */
function isLiteral(v: Record<string, unknown>): boolean {
  return '$' in v;
}
