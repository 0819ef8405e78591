/**
 * One verdict per sentence of an output, from its closest evidence sentences:
 *
 * - not checkable: a question or a courtesy, or no content words at all;
 * - contradicted: an evidence sentence about the same thing (closer than the corpus's
 *   off-topic controls, see literature-support.ts) disagrees by a rule of
 *   disagreement.ts, or an entailment model, when the index has one, says it contradicts;
 * - supported: the closest evidence is closer than the controls and nothing disagrees;
 * - no close support: nothing in the literature is closer than the controls.
 */
import { isQuestionOrCourtesy } from './cues.ts';
import { DEFAULT_DISAGREEMENT_OPTIONS, findConflicts, type Conflict, type DisagreementOptions } from './disagreement.ts';
import { namedDrugs, sentenceFacts, type SentenceFacts } from './sentence-facts.ts';

/**
 * The drugs a sentence that names none is about: those of the output's earlier sentences
 * ("Metformin … . At eGFR 38 the full dose …"), else the one drug of the document the
 * sentence was matched with most closely. An answer's later sentences rarely repeat the
 * drug's name, and a dose can only be compared with a dose of the same drug.
 */
export function impliedDrugs(earlier: readonly SentenceFacts[], closestDocument: readonly SentenceFacts[]): string[] {
  const said = [...new Set(earlier.flatMap(namedDrugs))];
  if (said.length) return said;
  const inDocument = [...new Set(closestDocument.flatMap(namedDrugs))];
  return inDocument.length === 1 ? inDocument : [];
}

export type Verdict = 'supported' | 'contradicted' | 'no-close-support' | 'not-checkable';

/** Probabilities of an NLI cross-encoder for (evidence ⇒ claim). */
export interface EntailmentScores {
  readonly entailment: number;
  readonly neutral: number;
  readonly contradiction: number;
}

export interface EvidenceCandidate {
  readonly text: string;
  /** Similarity to the claim, on the scale `threshold` is on. */
  readonly score: number;
  /** The rules' reading of the sentence, when the caller caches it. */
  readonly facts?: SentenceFacts;
  readonly entailment?: EntailmentScores;
}

export interface ClaimJudgement {
  readonly verdict: Verdict;
  /** Best similarity over the candidates (0 with none). */
  readonly score: number;
  /** The candidate the verdict rests on: the contradicting one, else the closest; -1 when none. */
  readonly evidence: number;
  /** Conflicts with that candidate (contradicted only). */
  readonly conflicts: readonly Conflict[];
  /** Whether an entailment model's contradiction took part in the verdict. */
  readonly byModel: boolean;
}

export interface VerdictOptions {
  readonly disagreement: DisagreementOptions;
  /** An entailment model's contradiction probability at or above which a sentence is contradicted. */
  readonly modelContradiction: number;
}

export const DEFAULT_VERDICT_OPTIONS: VerdictOptions = { disagreement: DEFAULT_DISAGREEMENT_OPTIONS, modelContradiction: 0.9 };

/** A sentence with nothing in it the literature could confirm or refute. */
export function isCheckable(claim: string, facts: SentenceFacts = sentenceFacts(claim)): boolean {
  if (isQuestionOrCourtesy(claim)) return false;
  return facts.concepts.size > 0 || facts.quantities.length > 0 || facts.terms.size >= 3;
}

export function judgeClaim(
  claim: string,
  candidates: readonly EvidenceCandidate[],
  threshold: number,
  options: VerdictOptions = DEFAULT_VERDICT_OPTIONS,
  claimFacts: SentenceFacts = sentenceFacts(claim),
): ClaimJudgement {
  let closest = -1;
  for (let i = 0; i < candidates.length; i++) if (closest < 0 || candidates[i]!.score > candidates[closest]!.score) closest = i;
  const score = closest >= 0 ? candidates[closest]!.score : 0;
  if (!isCheckable(claim, claimFacts)) return { verdict: 'not-checkable', score, evidence: closest, conflicts: [], byModel: false };

  // The most similar candidate that disagrees decides: one closer than the off-topic
  // controls, or any candidate (they come from the closest documents) tied to the claim by
  // the same drug or patient band.
  let contradicting = -1;
  let conflicts: Conflict[] = [];
  let byModel = false;
  for (let i = 0; i < candidates.length; i++) {
    const c = candidates[i]!;
    if (contradicting >= 0 && c.score <= candidates[contradicting]!.score) continue;
    const close = c.score > threshold;
    const found = findConflicts(claimFacts, c.facts ?? sentenceFacts(c.text), options.disagreement).filter((x) => close || x.anchored);
    const model = close && (c.entailment?.contradiction ?? 0) >= options.modelContradiction;
    if (found.length || model) {
      contradicting = i;
      conflicts = found;
      byModel = model && found.length === 0;
    }
  }
  if (contradicting >= 0) return { verdict: 'contradicted', score, evidence: contradicting, conflicts, byModel };
  return { verdict: score > threshold ? 'supported' : 'no-close-support', score, evidence: closest, conflicts: [], byModel: false };
}
