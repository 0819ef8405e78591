/**
 * Checking an output against the literature: sentence facts, disagreement rules and the
 * verdict per sentence. Plain TypeScript, shared by the search worker and the Node bench.
 */
export type { Span } from './cues.ts';
export { findConflicts, DEFAULT_DISAGREEMENT_OPTIONS, type Conflict, type ConflictKind, type DisagreementOptions } from './disagreement.ts';
export { sentenceFacts, termCoverage, withContextDrugs, namedDrugs, type SentenceFacts } from './sentence-facts.ts';
export { judgeClaim, impliedDrugs, isCheckable, DEFAULT_VERDICT_OPTIONS, type ClaimJudgement, type EntailmentScores, type EvidenceCandidate, type Verdict, type VerdictOptions } from './verdict.ts';
export { mergeSpans } from './spans.ts';
