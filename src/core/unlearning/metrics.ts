/**
 * An unlearning record's metrics mapped from the evaluation nodes it names: each measure's
 * value before and after, read from the evaluation's `value` (its `attributes.unit` kept for
 * display). A role's pack may lack an evaluation or show it as a placeholder: the mapping
 * says so per value instead of failing, and the verdict then says what it could not judge.
 */
import { isPlaceholder } from '../access/redact-snapshot.ts';
import { UNLEARNING_MEASURES, type SnapshotNode, type UnlearningMeasure, type UnlearningRecord } from '../format/index.ts';

/** Why a value is absent, or `ok`. */
export type MeasuredState = 'ok' | 'missing' | 'hidden' | 'not-evaluation' | 'no-value';

export interface MeasuredValue {
  /** The evaluation node's id. */
  id: string;
  state: MeasuredState;
  value: number | null;
  unit: string | null;
  benchmark: string | null;
  metric: string | null;
}

export interface MappedMetric {
  measure: UnlearningMeasure;
  before: MeasuredValue | null;
  after: MeasuredValue | null;
}

/** A node of the snapshot by id: undefined when the snapshot (or the role's pack) has none. */
export type NodeLookup = (id: string) => SnapshotNode | undefined;

export function measuredValue(id: string, lookup: NodeLookup): MeasuredValue {
  const node = lookup(id);
  const empty = { id, value: null, unit: null, benchmark: null, metric: null };
  if (!node) return { ...empty, state: 'missing' };
  if (isPlaceholder(node)) return { ...empty, state: 'hidden' };
  if (node.kind !== 'evaluation') return { ...empty, state: 'not-evaluation' };
  const unit = node.attributes?.unit;
  const common = { id, unit: typeof unit === 'string' ? unit : null, benchmark: node.benchmark ?? null, metric: node.metric ?? null };
  return node.value === undefined ? { ...common, state: 'no-value', value: null } : { ...common, state: 'ok', value: node.value };
}

/** The record's metrics in a fixed order (FA, TA, unseen level, MIA, leakage probes), each value looked up. */
export function mapUnlearningMetrics(record: UnlearningRecord, lookup: NodeLookup): MappedMetric[] {
  const order = (m: { measure: UnlearningMeasure }) => UNLEARNING_MEASURES.indexOf(m.measure);
  return [...record.metrics]
    .sort((a, b) => order(a) - order(b))
    .map((m) => ({
      measure: m.measure,
      before: m.before === undefined ? null : measuredValue(m.before, lookup),
      after: m.after === undefined ? null : measuredValue(m.after, lookup),
    }));
}
