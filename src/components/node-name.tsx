import { displayName } from '../core/format/index.ts';
import type { NodeSummary } from '../core/view/index.ts';
import { useI18n } from '../lib/i18n.tsx';

/** Name in the UI language, with the canonical name as a tooltip when they differ. */
export function NodeName({ node }: { node: Pick<NodeSummary, 'name' | 'label' | 'placeholder'> }) {
  const { lang, t } = useI18n();
  const shown = node.placeholder ? t('restricted') : displayName(node, lang);
  return <span title={shown !== node.name ? node.name : undefined}>{shown}</span>;
}
