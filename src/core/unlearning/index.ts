/**
 * Unlearning records (docs/models-and-unlearning.md): metrics mapped from evaluation nodes,
 * the computed verdict, the panel a model's page shows, and which models downstream of a
 * contaminated dataset were unlearned or retrained.
 */
export { mapUnlearningMetrics, measuredValue, type MappedMetric, type MeasuredState, type MeasuredValue, type NodeLookup } from './metrics.ts';
export { computeVerdict, DEFAULT_THRESHOLDS, type CheckedMeasure, type Verdict, type VerdictCheck, type VerdictOutcome } from './verdict.ts';
export { recordNodeIds, recordsAt, unlearningCandidates, type RecordAt } from './records.ts';
export { recordsFor, unlearningPanel, type UnlearningPanel } from './panel.ts';
export { remediationFrom, type Remediation, type RemediationStatus } from './remediation.ts';
