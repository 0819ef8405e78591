import { useState } from 'react';
import { useI18n } from '../../../lib/i18n.tsx';
import { ProblemList } from '../../../components/problem-list.tsx';
import type { Problem } from '../../../core/format/index.ts';

interface Failure {
  source: string;
  message: string;
  problems: Problem[];
}

/** A failed load (the previous snapshot is kept) and the warnings of the loaded one. */
export function LoadMessages({ failure, warnings, onDismiss }: { failure: Failure | null; warnings: readonly Problem[]; onDismiss(): void }) {
  const { t } = useI18n();
  const [showWarnings, setShowWarnings] = useState(false);
  return (
    <>
      {failure ? (
        <div className="banner error" role="alert" data-testid="load-error">
          <strong>{t('snapshotFailed')}</strong>
          {failure.problems.length ? (
            <ProblemList problems={failure.problems} />
          ) : failure.message === 'no-role' ? (
            <p>{t('noRole')}</p>
          ) : failure.message === 'login-expired' ? (
            <p data-testid="login-expired">{t('loginExpired')}</p>
          ) : (
            <p>
              <code>{failure.message}</code>
            </p>
          )}
          <button type="button" onClick={onDismiss}>
            {t('dismiss')}
          </button>
        </div>
      ) : null}
      {warnings.length ? (
        <div className="banner warn" data-testid="load-warnings">
          <span>{t('snapshotWarnings', { count: warnings.length })}</span>{' '}
          <button type="button" className="link" aria-expanded={showWarnings} onClick={() => setShowWarnings((v) => !v)}>
            {showWarnings ? t('hideProblems') : t('showProblems')}
          </button>
          {showWarnings ? <ProblemList problems={warnings} /> : null}
        </div>
      ) : null}
    </>
  );
}
