import type { SnapshotNode } from '../format/index.ts';

/** Value of a search field path such as `description.ja`, `attributes.source`, `tags`. */
export function fieldText(node: SnapshotNode, field: string): string {
  let value: unknown = node;
  for (const part of field.split('.')) {
    if (value === null || typeof value !== 'object') return '';
    value = (value as Record<string, unknown>)[part];
  }
  if (Array.isArray(value)) return value.join(', ');
  return value === undefined || value === null ? '' : String(value);
}

/**
 * A short window of `text` around the first query term found in it, as plain text
 * (rendered by React, never as HTML). Falls back to the start of the text.
 */
export function snippet(text: string, query: string, width = 120): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= width) return flat;
  const lower = flat.normalize('NFKC').toLowerCase();
  const terms = query.normalize('NFKC').toLowerCase().split(/\s+/).filter((t) => t.length > 0);
  let at = -1;
  for (const term of terms) {
    at = lower.indexOf(term);
    if (at >= 0) break;
  }
  if (at < 0) return flat.slice(0, width - 1) + '…';
  const start = Math.max(0, at - Math.floor(width / 3));
  const end = Math.min(flat.length, start + width);
  return (start > 0 ? '…' : '') + flat.slice(start, end) + (end < flat.length ? '…' : '');
}
