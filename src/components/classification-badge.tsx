import type { Classification } from '../core/format/index.ts';
import { useI18n } from '../lib/i18n.tsx';

export function ClassificationBadge({ value }: { value: Classification }) {
  const { t } = useI18n();
  return <span className={`class-badge class-${value}`}>{t(`class_${value}`)}</span>;
}
