/**
 * Every field of a node as label/value rows, nested objects flattened to dotted keys
 * (`label.ja`, `attributes.source`). Values are plain strings, rendered as text.
 */
export function fieldRows(value: unknown, prefix = ''): { key: string; value: string }[] {
  if (value === null || value === undefined) return [];
  if (Array.isArray(value)) {
    if (value.every((v) => typeof v !== 'object' || v === null || isLiteral(v))) return [{ key: prefix, value: value.map((v) => (isLiteral(v) ? literalText(v) : String(v))).join(', ') }];
    return value.flatMap((v, i) => fieldRows(v, `${prefix}[${i}]`));
  }
  if (isLiteral(value)) return [{ key: prefix, value: literalText(value) }];
  if (typeof value === 'object') {
    return Object.entries(value as Record<string, unknown>).flatMap(([k, v]) => fieldRows(v, prefix ? `${prefix}.${k}` : k));
  }
  return [{ key: prefix, value: String(value) }];
}

type Literal = { $: string | number | boolean; type?: string; lang?: string };

/** A PROV typed or language-tagged literal (graph version 2): `{ "$": "1", "type": "xsd:short" }`. */
function isLiteral(v: unknown): v is Literal {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && '$' in v && Object.keys(v).every((k) => k === '$' || k === 'type' || k === 'lang');
}

/** `1 (xsd:short)`, `chat @fr` */
function literalText(v: Literal): string {
  return `${String(v.$)}${v.type ? ` (${v.type})` : ''}${v.lang ? ` @${v.lang}` : ''}`;
}
