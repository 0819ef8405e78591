/**
 * Role-based access, enforced when packs are built: the policy file, its evaluation per
 * node, and the redaction of a whole snapshot for one role. Pure; no I/O, no crypto API.
 */
export * from './policy-schema.ts';
export { compileRole, effectiveEffect, evaluatePolicy, rolePolicy, type Decide, type Decision } from './evaluate-policy.ts';
export { redactFields, REDACTED_NAME, type FieldChange } from './redact-fields.ts';
export { isPlaceholder, redactSnapshot, PLACEHOLDER_NAME, PLACEHOLDER_TAG, type GraphParts, type RedactedSnapshot } from './redact-snapshot.ts';
export { emptyReport, total, type HiddenCounts, type RedactionReport } from './redaction-report.ts';
export { hashText, sha256Hex, utf8Bytes } from './sha256.ts';
export { HiddenValueMatcher, MIN_HIDDEN_LENGTH, foldForMatch, hiddenValuesFor, type HiddenValue, type HiddenValueMatch, type HiddenValues } from './hidden-values.ts';
