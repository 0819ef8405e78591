/**
 * Snapshot diff (issue 12, docs/diff.md): what changed between two snapshots or two packs
 * of one role, on either layout; shared by `npm run diff` and the explorer's worker.
 */
export { diffSnapshots, checkComparable, DiffRefusedError, NEW_OUTPUTS_LISTED } from './snapshot-diff.ts';
export { jsonDiffSide, coreDiffSide, loadedDiffSide, type DiffSide, type Run } from './diff-side.ts';
export { filterChanges, countsByKind, countsByChange, diffCsv, diffSummaryText, valueText, ALL_CHANGES, CHANGE_TYPES, type ChangeType, type DiffFilter } from './diff-rows.ts';
export { canonicalJson } from './fingerprint.ts';
export type * from './diff-types.ts';
export type { PassProgress } from './node-pass.ts';
