/**
 * Field redaction of a node the role may see in part: each field is shown, replaced by
 * `sha256:<hex>` of its text (so that an auditor holding the original can confirm it), or
 * dropped. The result is still a valid snapshot node, so the app loads it unchanged:
 *
 * - text values are hashed one by one, also inside label/description (per language),
 *   string lists (tags, authors) and records (attributes, identifiers; keys are kept);
 * - fields whose format a hash would break (times, enum subtypes, numbers, booleans) are
 *   dropped instead of hashed;
 * - a dropped `name` (required) becomes "redacted".
 */
import type { SnapshotNode } from '../format/index.ts';
import type { Decision } from './evaluate-policy.ts';
import type { FieldAction } from './policy-schema.ts';
import { STRUCTURAL_FIELDS } from './policy-schema.ts';
import { hashText } from './sha256.ts';

/** Shown as-is or dropped, never hashed: a `sha256:` string would not match their format. */
const UNHASHABLE = new Set(['createdAt', 'startedAt', 'endedAt', 'subtype']);
const STRUCTURAL = new Set<string>(STRUCTURAL_FIELDS);
export const REDACTED_NAME = 'redacted';

export interface FieldChange {
  field: string;
  /** What was done; "drop" also when a "hash" rule met a field that cannot hold a hash. */
  action: Exclude<FieldAction, 'show'>;
}

export function redactFields(node: SnapshotNode, decision: Pick<Decision, 'fields' | 'otherFields'>): { node: SnapshotNode; changes: FieldChange[] } {
  const out: Record<string, unknown> = {};
  const changes: FieldChange[] = [];
  for (const [field, value] of Object.entries(node)) {
    if (STRUCTURAL.has(field) || value === undefined) {
      out[field] = value;
      continue;
    }
    const action = decision.fields[field] ?? decision.otherFields;
    if (action === 'show') {
      out[field] = value;
      continue;
    }
    const hashed = action === 'hash' && !UNHASHABLE.has(field) ? hashValue(value) : undefined;
    if (hashed !== undefined) {
      out[field] = hashed;
      changes.push({ field, action: 'hash' });
    } else {
      if (field === 'name') out[field] = REDACTED_NAME;
      changes.push({ field, action: 'drop' });
    }
  }
  return { node: out as SnapshotNode, changes };
}

/** The hashed form of a field value, or undefined when the field's type cannot hold a string. */
function hashValue(value: unknown): unknown {
  if (typeof value === 'string') return hashText(value);
  if (Array.isArray(value)) return value.map((v) => hashText(typeof v === 'string' ? v : JSON.stringify(v)));
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, v] of Object.entries(value)) {
      if (typeof v === 'string') out[key] = hashText(v);
      else if (Array.isArray(v)) out[key] = v.map((x) => hashText(typeof x === 'string' ? x : JSON.stringify(x)));
      else out[key] = hashText(JSON.stringify(v));
    }
    return out;
  }
  return undefined; // numbers and booleans
}
