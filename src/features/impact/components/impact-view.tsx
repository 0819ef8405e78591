import { useState } from 'react';
import { NODE_KINDS, displayName, type NodeKind } from '../../../core/format/index.ts';
import { useI18n } from '../../../lib/i18n.tsx';
import { downloadBlob } from '../../../lib/download.ts';
import { KindBadge } from '../../../components/kind-badge.tsx';
import { ClassificationBadge } from '../../../components/classification-badge.tsx';
import { KindFilter } from '../../../components/kind-filter.tsx';
import { NodeName } from '../../../components/node-name.tsx';
import { useImpact, useImpactCsv } from '../api/get-impact.ts';
import { AppLink } from '../../../components/app-link.tsx';
import type { ImpactRow } from '../../../core/view/index.ts';
import type { MessageKey } from '../../../lib/i18n-messages.ts';

interface Props {
  start: string;
  kinds: NodeKind[] | null;
  onKindsChange(kinds: NodeKind[] | null): void;
  hrefFor(id: string): string;
  onSelect(id: string): void;
}

/** Rows asked of the worker per page of the table; the CSV always has all of them. */
const PAGE_ROWS = 200;

/** Everything downstream of a node (a problematic dataset, say), with hop distance. */
export function ImpactView({ start, kinds, onKindsChange, hrefFor, onSelect }: Props) {
  const { t, lang } = useI18n();
  const [shown, setShown] = useState(PAGE_ROWS);
  const impact = useImpact(start, kinds, shown);
  const exportCsv = useImpactCsv();
  const view = impact.data;
  if (!view) return <p className="empty">{impact.isError ? String(impact.error.message) : t('loading')}</p>;
  const filename = `impact-${view.start.id.replace(/[^A-Za-z0-9._-]+/g, '_')}.csv`;

  return (
    <div className="impact">
      <header className="impact-head">
        <h2>{t('impactFrom', { name: displayName(view.start, lang) })}</h2>
        <p role="status" data-testid="impact-count">
          {t('impactCount', { count: view.total })}
        </p>
        <KindFilter kinds={NODE_KINDS} selected={kinds} onChange={onKindsChange} counts={view.countsByKind} />
        <button
          type="button"
          onClick={() => void exportCsv(start, kinds, lang).then(({ text }) => downloadBlob(new Blob(['\ufeff', text], { type: 'text/csv;charset=utf-8' }), filename))}
        >
          {t('exportCsv')}
        </button>
      </header>
      {view.total === 0 ? (
        <p className="empty">{t('impactEmpty')}</p>
      ) : (
        <table className="impact-table">
          <thead>
            <tr>
              <th scope="col">{t('hop')}</th>
              <th scope="col">{t('kind')}</th>
              <th scope="col">{t('name')}</th>
              <th scope="col">{t('classification')}</th>
              <th scope="col">{t('via')}</th>
              <th scope="col">{t('remediation')}</th>
            </tr>
          </thead>
          <tbody>
            {view.rows.map((r) => (
              <tr key={r.node.id}>
                <td>{r.hop}</td>
                <td>
                  <KindBadge kind={r.node.kind} />
                </td>
                <td>
                  <AppLink href={hrefFor(r.node.id)} onNavigate={() => onSelect(r.node.id)}>
                    <NodeName node={r.node} />
                  </AppLink>
                </td>
                <td>
                  <ClassificationBadge value={r.node.classification} />
                </td>
                <td>{r.via ? <NodeName node={r.via} /> : ''}</td>
                <td>{r.remediation ? <RemediationMark status={r.remediation.status} via={r.remediation.via} /> : ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {view.total > view.rows.length ? (
        <p>
          <button type="button" onClick={() => setShown((n) => n + PAGE_ROWS)}>
            {t('showMore', { count: Math.min(PAGE_ROWS, view.total - view.rows.length), rest: view.total - view.rows.length })}
          </button>
        </p>
      ) : null}
    </div>
  );
}

/** What was done about a downstream model: unlearned, retrained, or nothing (core/unlearning). */
function RemediationMark({ status, via }: NonNullable<ImpactRow['remediation']>) {
  const { t, lang } = useI18n();
  const remediated = status === 'unlearned' || status === 'from-unlearned' || status === 'retrained';
  return (
    <span className={`remediation ${remediated ? 'remediated' : 'not-remediated'}`} data-status={status}>
      {t(`remediation_${status}` as MessageKey, { name: via ? (via.placeholder ? t('restricted') : displayName(via, lang)) : '' })}
    </span>
  );
}
