/**
 * The verdict of an unlearning record, computed from its metrics, never written by hand:
 *
 * - forgotten: FA after is at most the unseen-data level (the model's accuracy on data of
 *   the forget set's kind that it never saw) plus `forgetGap` points — a model that
 *   forgot a record does on it what it does on records it never saw, not worse (which would
 *   itself reveal the record; SalUn and the unlearning literature compare with retraining);
 * - utility kept: TA fell by at most `testAccuracyDrop` points;
 * - no membership signal: MIA success after is at most chance plus `miaMargin` points;
 * - no leak: each leakage probe after is at most `leakageMax`.
 *
 * Outcome: `not-forgotten` when FA, MIA or a probe fails; `insufficient` when FA or TA
 * cannot be judged (an evaluation missing, e.g. not in a role's pack); else `forgotten`
 * or, when TA fell too far, `forgotten-utility-lost`. docs/models-and-unlearning.md.
 */
import type { UnlearningThresholds } from '../format/index.ts';
import type { MappedMetric, MeasuredValue } from './metrics.ts';

export const DEFAULT_THRESHOLDS: Required<UnlearningThresholds> = { forgetGap: 2, testAccuracyDrop: 2, miaChance: 50, miaMargin: 5, leakageMax: 0 };

export type CheckedMeasure = 'forget-accuracy' | 'test-accuracy' | 'mia-success' | 'leakage';

export interface VerdictCheck {
  measure: CheckedMeasure;
  /** null: not judged (a value is missing). */
  pass: boolean | null;
  before: number | null;
  after: number | null;
  /** FA: the unseen-data level it is compared with; MIA: chance. */
  reference: number | null;
  /** The bound `after` was held to (at most, or for TA at least). */
  limit: number | null;
  unit: string | null;
}

export type VerdictOutcome = 'forgotten' | 'forgotten-utility-lost' | 'not-forgotten' | 'insufficient';

export interface Verdict {
  outcome: VerdictOutcome;
  checks: VerdictCheck[];
  thresholds: Required<UnlearningThresholds>;
}

const valueOf = (v: MeasuredValue | null): number | null => (v && v.state === 'ok' ? v.value : null);
const unitOf = (m: MappedMetric | undefined): string | null => m?.after?.unit ?? m?.before?.unit ?? null;
/** Rounds away binary noise so that 61.8 − 60.9 ≤ 0.9 holds as it reads. */
const round = (x: number) => Math.round(x * 1e9) / 1e9;

export function computeVerdict(metrics: readonly MappedMetric[], given: UnlearningThresholds = {}): Verdict {
  const t = { ...DEFAULT_THRESHOLDS, ...given };
  const first = (measure: string) => metrics.find((m) => m.measure === measure);
  const checks: VerdictCheck[] = [];

  const fa = first('forget-accuracy');
  if (fa) {
    const unseen = first('unseen-accuracy');
    // The level of unseen data measured on the model after, else before (it should not move).
    const reference = valueOf(unseen?.after ?? null) ?? valueOf(unseen?.before ?? null);
    const after = valueOf(fa.after);
    const limit = reference === null ? null : round(reference + t.forgetGap);
    checks.push({ measure: 'forget-accuracy', pass: after === null || limit === null ? null : round(after) <= limit, before: valueOf(fa.before), after, reference, limit, unit: unitOf(fa) });
  }
  const ta = first('test-accuracy');
  if (ta) {
    const before = valueOf(ta.before);
    const after = valueOf(ta.after);
    const limit = before === null ? null : round(before - t.testAccuracyDrop);
    checks.push({ measure: 'test-accuracy', pass: after === null || limit === null ? null : round(after) >= limit, before, after, reference: null, limit, unit: unitOf(ta) });
  }
  const mia = first('mia-success');
  if (mia) {
    const after = valueOf(mia.after);
    const limit = round(t.miaChance + t.miaMargin);
    checks.push({ measure: 'mia-success', pass: after === null ? null : round(after) <= limit, before: valueOf(mia.before), after, reference: t.miaChance, limit, unit: unitOf(mia) });
  }
  for (const probe of metrics.filter((m) => m.measure === 'leakage')) {
    const after = valueOf(probe.after);
    checks.push({ measure: 'leakage', pass: after === null ? null : round(after) <= t.leakageMax, before: valueOf(probe.before), after, reference: null, limit: t.leakageMax, unit: unitOf(probe) });
  }

  const check = (m: CheckedMeasure) => checks.find((c) => c.measure === m);
  let outcome: VerdictOutcome;
  if (checks.some((c) => c.measure !== 'test-accuracy' && c.pass === false)) outcome = 'not-forgotten';
  else if (check('forget-accuracy')?.pass !== true || check('test-accuracy')?.pass == null) outcome = 'insufficient';
  else outcome = check('test-accuracy')!.pass ? 'forgotten' : 'forgotten-utility-lost';
  return { outcome, checks, thresholds: t };
}
