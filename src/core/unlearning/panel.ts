/**
 * The before/after panel of an unlearning record, as the details view shows it for the
 * model the record produced (or its activity): the nodes it names, the metrics mapped from
 * the evaluations, and the computed verdict. Small and serialisable: it crosses the worker
 * boundary.
 */
import type { UNLEARNING_METHODS } from '../format/index.ts';
import type { GraphIndex, NodeHead } from '../graph/index.ts';
import { mapUnlearningMetrics, type MappedMetric } from './metrics.ts';
import type { RecordAt } from './records.ts';
import { computeVerdict, type Verdict } from './verdict.ts';

export interface UnlearningPanel {
  activity: NodeHead;
  /** Null where the snapshot (a role's pack) lacks the node; its id is then in `missing`. */
  modelBefore: NodeHead | null;
  modelAfter: NodeHead | null;
  forgetSet: NodeHead | null;
  retainSet: NodeHead | null;
  method: (typeof UNLEARNING_METHODS)[number];
  methodDetail: string | null;
  metrics: MappedMetric[];
  verdict: Verdict;
}

/** Records that produced node `i` (a model) or were made by it (the unlearning activity). */
export function recordsFor(records: readonly RecordAt[], i: number): RecordAt[] {
  return records.filter((r) => r.modelAfter === i || r.activity === i);
}

/** The panel of one record; the whole nodes it names must be in memory. */
export function unlearningPanel(index: GraphIndex, at: RecordAt): UnlearningPanel {
  const head = (id: string | undefined) => {
    const i = id === undefined ? -1 : index.indexOf(id);
    return i < 0 ? null : index.nodeHead(i);
  };
  const { record } = at;
  const metrics = mapUnlearningMetrics(record, (id) => {
    const i = index.indexOf(id);
    return i < 0 ? undefined : index.node(i);
  });
  return {
    activity: index.nodeHead(at.activity),
    modelBefore: head(record.modelBefore),
    modelAfter: head(record.modelAfter),
    forgetSet: head(record.forgetSet),
    retainSet: head(record.retainSet),
    method: record.method,
    methodDetail: record.methodDetail ?? null,
    metrics,
    verdict: computeVerdict(metrics, record.thresholds),
  };
}
