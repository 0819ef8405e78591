/**
 * What is shown and exported of a diff: the changes of the wanted node kinds and change
 * types, counts for the filter, a page of them, CSV, and the summary the CLI prints.
 */
import { displayName, type Lang, type NodeKind } from '../format/index.ts';
import { toCsv } from '../view/csv.ts';
import type { FieldChange, JsonValue, NodeChange, RelationChange, SnapshotDiff } from './diff-types.ts';

export type ChangeType = NodeChange['change'];
export const CHANGE_TYPES: readonly ChangeType[] = ['added', 'removed', 'changed', 'renamed'];

export interface DiffFilter {
  /** Node kinds (a relation counts when either end is of one); null = all. */
  kinds: readonly NodeKind[] | null;
  /** Change types; null = all. A relation whose ends were renamed is "changed". */
  changes: readonly ChangeType[] | null;
}

export const ALL_CHANGES: DiffFilter = { kinds: null, changes: null };

function kindMatch(kinds: DiffFilter['kinds'], ...ks: (NodeKind | null | undefined)[]): boolean {
  return kinds === null || ks.some((k) => k != null && kinds.includes(k));
}

export function filterChanges(diff: SnapshotDiff, filter: DiffFilter): { nodes: NodeChange[]; relations: RelationChange[] } {
  const changeOk = (c: ChangeType) => filter.changes === null || filter.changes.includes(c);
  return {
    nodes: diff.nodes.filter((n) => changeOk(n.change) && kindMatch(filter.kinds, n.node.kind)),
    relations: diff.relations.filter((r) => changeOk(r.change) && kindMatch(filter.kinds, r.from.kind, r.to?.kind)),
  };
}

/** Node changes by kind (before the kind filter, so the filter can show what each kind holds). */
export function countsByKind(diff: SnapshotDiff, changes: DiffFilter['changes']): Partial<Record<NodeKind, number>> {
  const counts: Partial<Record<NodeKind, number>> = {};
  for (const n of diff.nodes) if (changes === null || changes.includes(n.change)) counts[n.node.kind] = (counts[n.node.kind] ?? 0) + 1;
  return counts;
}

export function countsByChange<T extends { change: string }>(items: readonly T[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const x of items) counts[x.change] = (counts[x.change] ?? 0) + 1;
  return counts;
}

/** A field's value as text: strings as they are, anything else as JSON, absent as empty. */
export function valueText(value: JsonValue | undefined): string {
  if (value === undefined) return '';
  return typeof value === 'string' ? value : JSON.stringify(value);
}

const CSV_HEADER = ['item', 'change', 'kind', 'id', 'name', 'relation', 'from', 'to', 'field', 'before', 'after', 'previous_id', 'renamed_by'] as const;

/** One row per changed field (at least one per change), nodes first, then relations. */
export function diffCsv(diff: SnapshotDiff, filter: DiffFilter, lang: Lang): string {
  const { nodes, relations } = filterChanges(diff, filter);
  const rows: (string | number)[][] = [];
  const fieldsOf = (fields: FieldChange[]): (FieldChange | null)[] => (fields.length ? fields : [null]);
  for (const n of nodes) {
    for (const f of fieldsOf(n.fields)) {
      rows.push(['node', n.change, n.node.kind, n.node.id, displayName(n.node, lang), '', '', '', f?.field ?? '', valueText(f?.before), valueText(f?.after), n.previousId ?? '', n.renamedBy ?? '']);
    }
  }
  for (const r of relations) {
    const type = r.subtype ? `${r.type}/${r.subtype}` : r.type;
    const previous = r.previous ? `${r.previous.from} → ${r.previous.to ?? ''}` : '';
    for (const f of fieldsOf(r.fields)) {
      rows.push(['relation', r.change, '', '', '', type, r.from.id, r.to?.id ?? '', f?.field ?? '', valueText(f?.before), valueText(f?.after), previous, '']);
    }
  }
  return toCsv(CSV_HEADER, rows);
}

/** The text `npm run diff` prints: totals, then every change of the filter, one per line. */
export function diffSummaryText(diff: SnapshotDiff, filter: DiffFilter = ALL_CHANGES, listed = 50): string {
  const { nodes, relations } = filterChanges(diff, filter);
  const nc = countsByChange(nodes);
  const rc = countsByChange(relations);
  const n = (x: number | undefined) => String(x ?? 0);
  const lines = [
    `a: ${diff.a.name} (${diff.a.id}, ${diff.a.createdAt}, ${diff.a.layout}${diff.a.role ? `, ${diff.a.role} pack` : ''}): ${diff.a.nodeCount} nodes, ${diff.a.relationCount} relations`,
    `b: ${diff.b.name} (${diff.b.id}, ${diff.b.createdAt}, ${diff.b.layout}${diff.b.role ? `, ${diff.b.role} pack` : ''}): ${diff.b.nodeCount} nodes, ${diff.b.relationCount} relations`,
    `nodes: ${n(nc.added)} added, ${n(nc.removed)} removed, ${n(nc.changed)} changed, ${n(nc.renamed)} renamed (${diff.unchanged.nodes} unchanged)`,
    `relations: ${n(rc.added)} added, ${n(rc.removed)} removed, ${n(rc.changed)} changed (${diff.unchanged.relations} unchanged)`,
  ];
  if (filter.kinds) lines.push(`(kinds: ${filter.kinds.join(', ')})`);
  const reclassified = diff.reclassified.filter((x) => kindMatch(filter.kinds, x.node.kind));
  if (reclassified.length) {
    lines.push('', `re-classified (${reclassified.length}):`);
    for (const x of reclassified.slice(0, listed)) {
      const phi = (s: { containsPhi?: boolean }) => (s.containsPhi === undefined ? '' : `, containsPhi ${s.containsPhi}`);
      lines.push(`  ${x.node.kind} ${x.node.id}: ${x.before.classification}${phi(x.before)} → ${x.after.classification}${phi(x.after)}${x.becamePhi ? '  [now PHI]' : ''}`);
    }
  }
  if (diff.newOutputs.length && kindMatch(filter.kinds, 'model', 'output')) {
    lines.push('', 'new outputs:');
    for (const x of diff.newOutputs.slice(0, listed)) lines.push(`  ${x.model.id}: ${x.count} new output${x.count === 1 ? '' : 's'}`);
  }
  const shown = [...nodes.slice(0, listed).map(nodeLine), ...relations.slice(0, listed).map(relationLine)];
  if (shown.length) lines.push('', 'changes:', ...shown.map((l) => `  ${l}`));
  const more = Math.max(0, nodes.length - listed) + Math.max(0, relations.length - listed);
  if (more) lines.push(`  … and ${more} more (--csv lists every one)`);
  return lines.join('\n') + '\n';
}

function fieldsText(fields: FieldChange[]): string {
  const text = (v: JsonValue | undefined) => (v === undefined ? '(none)' : JSON.stringify(v));
  return fields.map((f) => `${f.field}: ${text(f.before)} → ${text(f.after)}`).join('; ');
}

function nodeLine(c: NodeChange): string {
  const head = `${c.change.padEnd(8)} node ${c.node.kind} ${c.node.id}`;
  if (c.change === 'renamed') return `${head} (was ${c.previousId}, by ${c.renamedBy})${c.fields.length > 1 ? ` — ${fieldsText(c.fields.slice(1))}` : ''}`;
  return c.fields.length ? `${head} — ${fieldsText(c.fields)}` : head;
}

function relationLine(c: RelationChange): string {
  const head = `${c.change.padEnd(8)} relation ${c.type}${c.subtype ? `/${c.subtype}` : ''} ${c.from.id} → ${c.to?.id ?? '(none)'}`;
  return c.fields.length ? `${head} — ${fieldsText(c.fields)}` : head;
}
