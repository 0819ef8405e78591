import { useState } from 'react';
import { FORMAT_LABELS, formatIssue } from '../../../core/interop/import-report.ts';
import type { ImportSummary } from '../../../workers/snapshot-session.ts';
import { useI18n } from '../../../lib/i18n.tsx';

/**
 * After files in other formats were opened: which formats were found, how much was merged,
 * and what could not be mapped (each with file and place), so that nothing is lost silently.
 */
export function ImportReport({ summary }: { summary: ImportSummary }) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const formats = summary.formats.map((f) => t('importFormat', { label: FORMAT_LABELS[f.format], files: f.files, records: f.records })).join(' · ');
  return (
    <div className={`banner ${summary.issueCount ? 'warn' : 'info'}`} data-testid="import-report">
      <span data-testid="import-formats">{t('importedFrom', { formats })}</span>
      {summary.merged ? <span> · {t('importMerged', { count: summary.merged })}</span> : null}
      <span> · </span>
      {summary.issueCount ? (
        <>
          <span data-testid="import-issue-count">{t('importIssues', { count: summary.issueCount })}</span>{' '}
          <button type="button" className="link" aria-expanded={open} onClick={() => setOpen((v) => !v)}>
            {open ? t('hideProblems') : t('showProblems')}
          </button>
          {open ? (
            <ul className="problem-list" data-testid="import-issues">
              {summary.issues.map((issue, i) => (
                <li key={i}>
                  <code>{formatIssue(issue)}</code>
                </li>
              ))}
              {summary.issueCount > summary.issues.length ? <li>… {summary.issueCount - summary.issues.length}</li> : null}
            </ul>
          ) : null}
        </>
      ) : (
        <span>{t('importNoIssues')}</span>
      )}
    </div>
  );
}
