/**
 * Every field of a node as label/value rows, nested objects flattened to dotted keys
 * (`label.ja`, `attributes.source`). Values are plain strings, rendered as text.
 */
export function fieldRows(value: unknown, prefix = ''): { key: string; value: string }[] {
  if (value === null || value === undefined) return [];
  if (Array.isArray(value)) {
    if (value.every((v) => typeof v !== 'object' || v === null)) return [{ key: prefix, value: value.join(', ') }];
    return value.flatMap((v, i) => fieldRows(v, `${prefix}[${i}]`));
  }
  if (typeof value === 'object') {
    return Object.entries(value as Record<string, unknown>).flatMap(([k, v]) => fieldRows(v, prefix ? `${prefix}.${k}` : k));
  }
  return [{ key: prefix, value: String(value) }];
}
