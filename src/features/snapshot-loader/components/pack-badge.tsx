import { useI18n } from '../../../lib/i18n.tsx';
import type { LoadSummary } from '../../../workers/snapshot-session.ts';

/** The role whose pack is open, and who built and signed it (for auditors to check). */
export function PackBadge({ pack }: { pack: NonNullable<LoadSummary['pack']> }) {
  const { t } = useI18n();
  const sum = (counts: Record<string, number>) => Object.values(counts).reduce((a, b) => a + b, 0);
  const removed = sum(pack.hidden.removed);
  const placeholders = sum(pack.hidden.placeholders);
  return (
    <details className="pack-badge" data-testid="pack-badge">
      <summary>
        {t('role')}: <strong data-testid="role">{pack.role}</strong>
      </summary>
      <div className="pack-popover">
        <p>{t('packInfo', { role: pack.role, builtBy: pack.builtBy, builtAt: pack.builtAt, keyId: pack.keyId })}</p>
        <p>{t('packHidden', { count: removed + placeholders, placeholders })}</p>
      </div>
    </details>
  );
}
