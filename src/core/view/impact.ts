/**
 * Everything downstream of a node (a problematic dataset, say), with hop distance and the
 * node it was reached through. The traversal is typed arrays throughout (closureColumns);
 * rows with names are made only for the page the list shows, so the auditor's worst case —
 * a PHI dataset with hundreds of thousands of nodes downstream of it — costs one traversal
 * and two hundred summaries, not a summary per affected node. The CSV has every row.
 */
import { displayName, NODE_KINDS, type Lang, type NodeKind } from '../format/index.ts';
import { closureColumns, type ClosureColumns, type GraphIndex } from '../graph/index.ts';
import { toCsv } from './csv.ts';
import { summarizeAt } from './summarize.ts';
import type { Remediation } from '../unlearning/index.ts';
import type { ImpactRow, ImpactView } from './types.ts';

/** What was done about each model downstream (core/unlearning `remediationFrom`), by node index. */
export type RemediationMarks = ReadonlyMap<number, Remediation>;

/** Rows of one page of the list, unless the caller asks for more. */
export const IMPACT_PAGE_ROWS = 200;

interface Listed {
  start: number;
  columns: ClosureColumns;
  /** Positions in `columns` of the rows of the wanted kinds, in breadth-first order. */
  rows: Int32Array;
  countsByKind: ImpactView['countsByKind'];
}

function list(index: GraphIndex, id: string, kinds: readonly NodeKind[] | null): Listed | null {
  const start = index.indexOf(id);
  if (start < 0) return null;
  const columns = closureColumns(index, start, 'down');
  const n = columns.node.length;
  const counts = new Int32Array(NODE_KINDS.length);
  let mask = kinds ? 0 : -1;
  for (const k of kinds ?? []) mask |= 1 << NODE_KINDS.indexOf(k);
  const rows = new Int32Array(n);
  let kept = 0;
  for (let r = 0; r < n; r++) {
    const code = index.kindCodes[columns.node[r]!]!;
    counts[code]!++;
    if ((mask >> code) & 1) rows[kept++] = r;
  }
  const countsByKind: ImpactView['countsByKind'] = {};
  counts.forEach((c, code) => c > 0 && (countsByKind[NODE_KINDS[code]!] = c));
  return { start, columns, rows: rows.subarray(0, kept), countsByKind };
}

function row(index: GraphIndex, c: ClosureColumns, r: number, marks: RemediationMarks | undefined): ImpactRow {
  const via = c.via[r]!;
  const viaEdge = c.viaEdge[r]!;
  const out: ImpactRow = {
    node: summarizeAt(index, c.node[r]!),
    hop: c.hop[r]!,
    via: via >= 0 ? summarizeAt(index, via) : null,
    relation: viaEdge >= 0 ? index.relation(viaEdge).type : null,
  };
  const mark = marks?.get(c.node[r]!);
  if (mark) out.remediation = { status: mark.status, via: mark.via >= 0 ? summarizeAt(index, mark.via) : null };
  return out;
}

/** The first `limit` rows (of the wanted kinds), the total, and counts of every kind. */
export function buildImpact(index: GraphIndex, id: string, kinds: readonly NodeKind[] | null, limit = IMPACT_PAGE_ROWS, marks?: RemediationMarks): ImpactView | null {
  const listed = list(index, id, kinds);
  if (!listed) return null;
  const shown = Math.min(listed.rows.length, Math.max(0, Math.floor(limit)));
  const rows: ImpactRow[] = [];
  for (let k = 0; k < shown; k++) rows.push(row(index, listed.columns, listed.rows[k]!, marks));
  return { start: summarizeAt(index, listed.start), total: listed.rows.length, rows, countsByKind: listed.countsByKind };
}

/**
 * Every row as CSV: ids included so tools can join on them; names in the reader's language;
 * for models, what was done about them (unlearned, retrained…) and the model it concerns.
 */
export function impactCsv(index: GraphIndex, id: string, kinds: readonly NodeKind[] | null, lang: Lang, marks?: RemediationMarks): string | null {
  const listed = list(index, id, kinds);
  if (!listed) return null;
  const { columns } = listed;
  return toCsv(
    ['hop', 'kind', 'id', 'name', 'classification', 'via_id', 'via_relation', 'start_id', 'remediation', 'remediation_via_id'],
    Array.from(listed.rows, (r) => {
      const node = index.nodeHead(columns.node[r]!);
      const via = columns.via[r]!;
      const viaEdge = columns.viaEdge[r]!;
      const mark = marks?.get(columns.node[r]!);
      return [columns.hop[r]!, node.kind, node.id, displayName(node, lang), node.classification, via >= 0 ? index.nodeId(via) : '', viaEdge >= 0 ? index.relation(viaEdge).type : '', id, mark?.status ?? '', mark && mark.via >= 0 ? index.nodeId(mark.via) : ''];
    }),
  );
}
