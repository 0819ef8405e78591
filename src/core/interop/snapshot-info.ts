/**
 * The manifest's `snapshot` section for an import, made from the input alone so that the
 * same input gives the same bytes: no clock, no random id.
 */
import { ISO_TIME_PATTERN, type LocalizedText, type Relation, type SnapshotNode } from '../format/index.ts';
import { FORMAT_LABELS, type ImportReport, type InteropFormat } from './import-report.ts';

export interface ImportedSnapshotInfo {
  id: string;
  title: LocalizedText;
  description?: LocalizedText;
  createdAt: string;
  generator: string;
  startNode?: string;
}

export const IMPORT_GENERATOR = 'raireki import';
/** When the input has no time at all. */
const NO_TIME = '1970-01-01T00:00:00Z';

/**
 * `contentId` is a hash of the written graph (the caller has one), so two different imports
 * never share an id. The time is the latest the input mentions.
 */
export function importedSnapshotInfo(nodes: readonly SnapshotNode[], relations: readonly Relation[], report: ImportReport, contentId: string): ImportedSnapshotInfo {
  const formats = (Object.keys(report.formats) as InteropFormat[]).map((f) => FORMAT_LABELS[f]);
  const files = Object.values(report.formats).reduce((n, c) => n + (c?.files ?? 0), 0);
  const list = formats.join(', ') || 'nothing';
  const info: ImportedSnapshotInfo = {
    id: `import-${contentId.slice(0, 16)}`,
    title: { en: `Imported lineage (${list})`, ja: `取り込んだ来歴 (${list})` },
    description: {
      en: `${nodes.length} nodes and ${relations.length} relations imported from ${files} file${files === 1 ? '' : 's'}.`,
      ja: `${files} 個のファイルから ${nodes.length} 個のノードと ${relations.length} 個の関係を取り込みました。`,
    },
    createdAt: latestTime(nodes, relations) ?? NO_TIME,
    generator: IMPORT_GENERATOR,
  };
  const start = startNodeOf(nodes, relations);
  if (start) info.startNode = start;
  return info;
}

/** The latest ISO time of any node or relation, compared as instants where they have an offset. */
export function latestTime(nodes: readonly SnapshotNode[], relations: readonly Relation[]): string | undefined {
  let best: string | undefined;
  let bestMs = -Infinity;
  const see = (t: unknown) => {
    if (typeof t !== 'string' || !ISO_TIME_PATTERN.test(t)) return;
    const ms = Date.parse(t);
    if (Number.isFinite(ms) && ms > bestMs) {
      bestMs = ms;
      best = t;
    }
  };
  for (const n of nodes) {
    const x = n as Record<string, unknown>;
    see(x.createdAt);
    see(x.startedAt);
    see(x.endedAt);
  }
  for (const r of relations) see(r.time);
  return best;
}

/** Where the explorer opens: the most connected model, else the most connected node (ties by id). */
export function startNodeOf(nodes: readonly SnapshotNode[], relations: readonly Relation[]): string | undefined {
  const degree = new Map<string, number>();
  for (const r of relations) {
    degree.set(r.from, (degree.get(r.from) ?? 0) + 1);
    if (r.to !== undefined) degree.set(r.to, (degree.get(r.to) ?? 0) + 1);
  }
  const pick = (candidates: readonly SnapshotNode[]) => {
    let best: SnapshotNode | undefined;
    for (const n of candidates) {
      const d = degree.get(n.id) ?? 0;
      const b = best ? (degree.get(best.id) ?? 0) : -1;
      if (d > b || (d === b && best && n.id < best.id)) best = n;
    }
    return best?.id;
  };
  return pick(nodes.filter((n) => n.kind === 'model' && !n.implicit)) ?? pick(nodes.filter((n) => !n.implicit)) ?? pick(nodes);
}
