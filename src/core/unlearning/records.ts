/**
 * The unlearning records of a snapshot, found through what every layout keeps in memory
 * (activity nodes of subtype "unlearning", by `nodeSubtype`); their records are in the
 * whole nodes, which a binary snapshot reads from details chunks first (`candidates` says
 * which). Ids in a record that the snapshot lacks are kept as -1: a role's pack may
 * leave a node out.
 */
import type { UnlearningRecord } from '../format/index.ts';
import { kindCode, type GraphIndex } from '../graph/index.ts';

export interface RecordAt {
  /** Index of the unlearning activity. */
  activity: number;
  record: UnlearningRecord;
  modelBefore: number;
  modelAfter: number;
  forgetSet: number;
}

const ACTIVITY = kindCode('activity');

/** Activities of subtype "unlearning": the nodes whose details hold the records. */
export function unlearningCandidates(index: GraphIndex): number[] {
  const out: number[] = [];
  for (let i = 0; i < index.nodeCount; i++) if (index.kindCodes[i] === ACTIVITY && index.nodeSubtype(i) === 'unlearning') out.push(i);
  return out;
}

/** The records of these activities (whole nodes must be in memory); activities without one are skipped. */
export function recordsAt(index: GraphIndex, candidates: readonly number[]): RecordAt[] {
  const out: RecordAt[] = [];
  for (const activity of candidates) {
    const node = index.node(activity);
    if (node?.kind !== 'activity' || !node.unlearning) continue;
    const record = node.unlearning;
    out.push({ activity, record, modelBefore: index.indexOf(record.modelBefore), modelAfter: index.indexOf(record.modelAfter), forgetSet: index.indexOf(record.forgetSet) });
  }
  return out;
}

/** Every node a record names (to read their details before building a panel). */
export function recordNodeIds(record: UnlearningRecord): string[] {
  const ids = [record.modelBefore, record.modelAfter, record.forgetSet];
  if (record.retainSet) ids.push(record.retainSet);
  for (const m of record.metrics) {
    if (m.before) ids.push(m.before);
    if (m.after) ids.push(m.after);
  }
  return ids;
}
