/**
 * Field by field differences of two records (nodes or relations). Members of object-valued
 * fields (`attributes`, `label`, `description`, `identifiers`, `args`) are compared one by
 * one and named `attributes.epochs`; every other value (lists included) is compared whole.
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
    if (isPlainObject(va) && isPlainObject(vb) && !isLiteral(va) && !isLiteral(vb)) {
      for (const sub of unionKeys(va, vb, new Set())) {
        if (canonicalJson(va[sub]) !== canonicalJson(vb[sub])) out.push(change(`${key}.${sub}`, va[sub], vb[sub]));
      }
    } else if (canonicalJson(va) !== canonicalJson(vb)) {
      out.push(change(key, va, vb));
    }
  }
  return out;
}

/** A typed literal (`{"$": "1", "type": "xsd:short"}`) is one value, not an object of members. */
function isLiteral(v: Record<string, unknown>): boolean {
  return '$' in v;
}
