/**
 * Looking at untrusted parsed JSON or YAML, for every format module: is it an object, and how
 * to name a value in a message. One copy, so that messages read the same in every format.
 */
export type JsonObject = Record<string, unknown>;

export function isJsonObject(v: unknown): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** "null", "a list", "an object", "a string", "a number"… */
export function typeName(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  return typeof v === 'object' ? 'an object' : `a ${typeof v}`;
}

/** A value as JSON text, cut to `max` characters with "…", for messages. */
export function preview(v: unknown, max = 80): string {
  const s = JSON.stringify(v) ?? String(v);
  return s.length > max ? `${s.slice(0, max - 3)}…` : s;
}
