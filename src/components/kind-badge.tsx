import type { NodeKind } from '../core/format/index.ts';
import { KIND_STYLES } from '../lib/kind-style.ts';
import { useI18n } from '../lib/i18n.tsx';

export function KindBadge({ kind }: { kind: NodeKind }) {
  const { t } = useI18n();
  const s = KIND_STYLES[kind];
  return (
    <span className="kind-badge" style={{ background: s.background, color: s.text, borderColor: s.border }}>
      {t(`kind_${kind}`)}
    </span>
  );
}
