/**
 * Reading untrusted values (parsed YAML or JSON) without trusting their types: each helper
 * returns what it expects or nothing, so a wrong type is noticed where it is used.
 */
import type { AttributeValue } from '../../format/index.ts';
import type { SourcePlace } from '../import-report.ts';
import { isJsonObject, type JsonObject } from '../json-values.ts';


export function str(v: unknown): string | undefined {
  return typeof v === 'string' && v.trim().length > 0 ? v.trim() : undefined;
}

/** A string or a list of strings (YAML writes both for `base_model`, `datasets`, `language`). */
export function strList(v: unknown): string[] {
  if (typeof v === 'string') return v.trim() ? [v.trim()] : [];
  if (!Array.isArray(v)) return [];
  return v.filter((x): x is string => typeof x === 'string' && x.trim().length > 0).map((x) => x.trim());
}

/**
 * A value as an attribute: scalars and lists of strings as they are, anything nested as
 * its JSON text (so it is shown, not dropped).
 */
export function attributeValue(v: unknown): AttributeValue {
  if (v === null || typeof v === 'string' || typeof v === 'boolean') return v;
  if (typeof v === 'number') return Number.isFinite(v) ? v : String(v);
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? String(v) : v.toISOString();
  if (Array.isArray(v) && v.every((x) => typeof x === 'string')) return v as string[];
  return JSON.stringify(v, (_k, x: unknown) => (typeof x === 'bigint' ? String(x) : x)) ?? String(v);
}

/** `place` with `segments` appended to its JSON path. */
