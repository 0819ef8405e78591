import { useI18n } from '../../../lib/i18n.tsx';
import type { MessageKey } from '../../../lib/i18n-messages.ts';
import type { UnavailablePart } from '../../../workers/literature-session.ts';

const PART_TEXT: Record<UnavailablePart['part'], MessageKey> = {
  postings: 'literaturePartPostings',
  vectors: 'literaturePartVectors',
  docs: 'literaturePartDocs',
};
/** Files named before the rest are counted, so a broken server does not fill the page. */
const NAMED_FILES = 5;

/**
 * Says which parts of a partitioned index a search or check could not read (missing or
 * damaged files): its results come from the rest, and must not pass for complete.
 */
export function UnavailableParts({ parts, testId }: { parts: readonly UnavailablePart[]; testId: string }) {
  const { t } = useI18n();
  if (parts.length === 0) return null;
  const kinds = [...new Set(parts.map((p) => p.part))].map((k) => t(PART_TEXT[k]));
  const files = parts.slice(0, NAMED_FILES).map((p) => p.file);
  return (
    <p className="notice warn" role="alert" data-testid={testId}>
      {t('literaturePartsUnavailable', { parts: kinds.join(', ') })} <code>{files.join(', ')}</code>
      {parts.length > NAMED_FILES ? ` (+${parts.length - NAMED_FILES})` : null}
    </p>
  );
}
