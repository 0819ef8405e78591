import type { ReactNode } from 'react';
import type { MessageKey } from '../../../lib/i18n-messages.ts';
import type { MeasuredValue, UnlearningPanel as Panel } from '../../../core/unlearning/index.ts';
import type { NodeSummary } from '../../../core/view/index.ts';
import { useI18n } from '../../../lib/i18n.tsx';
import { AppLink } from '../../../components/app-link.tsx';
import { NodeName } from '../../../components/node-name.tsx';
import { useUnlearning } from '../api/get-unlearning.ts';
import { formatValue, verdictLine } from '../verdict-line.ts';

interface Props {
  id: string;
  hrefFor(id: string): string;
  onNavigate(id: string): void;
}

/** The before/after panel of each unlearning record behind this model (or activity); nothing when there is none. */
export function UnlearningPanels({ id, hrefFor, onNavigate }: Props) {
  const panels = useUnlearning(id, true);
  if (!panels.data?.length) return null;
  return (
    <>
      {panels.data.map((p) => (
        <UnlearningPanel key={p.activity.id} panel={p} hrefFor={hrefFor} onNavigate={onNavigate} />
      ))}
    </>
  );
}

function UnlearningPanel({ panel, hrefFor, onNavigate }: { panel: Panel } & Omit<Props, 'id'>) {
  const { t } = useI18n();
  const titleId = `unlearning-${panel.activity.id}`;
  const link = (node: NodeSummary | null) =>
    node ? (
      <AppLink href={hrefFor(node.id)} onNavigate={() => onNavigate(node.id)}>
        <NodeName node={node} />
      </AppLink>
    ) : (
      <span className="muted">{t('unlearningNotInPack')}</span>
    );
  const value = (v: MeasuredValue | null) => (v === null ? '—' : v.state === 'ok' ? formatValue(v.value, v.unit) : <span className="muted">{t(`state_${v.state}` as MessageKey)}</span>);
  const th = panel.verdict.thresholds;
  const rows: [MessageKey, ReactNode][] = [
    ['unlearningActivity', link(panel.activity)],
    ['unlearningModelBefore', link(panel.modelBefore)],
    ['unlearningModelAfter', link(panel.modelAfter)],
    ['unlearningForgetSet', link(panel.forgetSet)],
    ...(panel.retainSet ? [['unlearningRetainSet', link(panel.retainSet)] as [MessageKey, ReactNode]] : []),
    ['unlearningMethod', `${t(`method_${panel.method}` as MessageKey)}${panel.methodDetail ? ` — ${panel.methodDetail}` : ''}`],
  ];
  return (
    <section className="unlearning" aria-labelledby={titleId} data-testid="unlearning-panel">
      <h3 id={titleId}>{t('unlearningTitle')}</h3>
      <p className={`verdict verdict-${panel.verdict.outcome}`} data-testid="unlearning-verdict" data-outcome={panel.verdict.outcome}>
        {verdictLine(panel.verdict, t)}
      </p>
      <dl className="fields">
        {rows.map(([label, content]) => (
          <div key={label} className="field">
            <dt>{t(label)}</dt>
            <dd>{content}</dd>
          </div>
        ))}
      </dl>
      <table className="unlearning-table">
        <caption>{t('unlearningMetrics')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('unlearningMeasure')}</th>
            <th scope="col">{t('unlearningBefore')}</th>
            <th scope="col">{t('unlearningAfter')}</th>
            <th scope="col">{t('unlearningEvaluation')}</th>
          </tr>
        </thead>
        <tbody>
          {panel.metrics.map((m, k) => (
            <tr key={`${m.measure}-${k}`}>
              <th scope="row">{t(`measure_${m.measure}` as MessageKey)}</th>
              <td>{value(m.before)}</td>
              <td>{value(m.after)}</td>
              <td>{[m.after?.benchmark ?? m.before?.benchmark, m.after?.metric ?? m.before?.metric].filter(Boolean).join(' · ')}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="verdict-rule">{t('verdictRule', { gap: th.forgetGap, chance: formatValue(th.miaChance, '%'), margin: th.miaMargin, max: th.leakageMax, drop: th.testAccuracyDrop })}</p>
    </section>
  );
}
