/**
 * The verdict of an unlearning record as one line of text: the outcome, then each check
 * with its numbers and threshold (core/unlearning computes them; this only words them).
 */
import type { Translate } from '../../lib/i18n.tsx';
import type { MessageKey } from '../../lib/i18n-messages.ts';
import type { Verdict, VerdictCheck } from '../../core/unlearning/index.ts';

/** A metric value with its unit ("61.8%", "0.441"); an em dash when absent. */
export function formatValue(value: number | null, unit: string | null): string {
  if (value === null) return '—';
  return unit === '%' ? `${value}%` : unit ? `${value} ${unit}` : String(value);
}

function checkText(c: VerdictCheck, v: Verdict, t: Translate): string {
  const f = (x: number | null) => formatValue(x, c.unit);
  const th = v.thresholds;
  const vars = { before: f(c.before), after: f(c.after), reference: f(c.reference), gap: th.forgetGap, drop: th.testAccuracyDrop, margin: th.miaMargin, chance: f(th.miaChance), max: f(th.leakageMax) };
  const key: Record<VerdictCheck['measure'], string> = { 'forget-accuracy': 'verdictFa', 'test-accuracy': 'verdictTa', 'mia-success': 'verdictMia', leakage: 'verdictLeak' };
  const suffix = c.pass === null ? 'Unknown' : c.pass ? 'Pass' : 'Fail';
  return t(`${key[c.measure]}${suffix}` as MessageKey, vars);
}

export function verdictLine(v: Verdict, t: Translate): string {
  return t('verdictLine', { outcome: t(`verdict_${v.outcome}` as MessageKey), checks: v.checks.map((c) => checkText(c, v, t)).join(t('verdictSeparator')) });
}
