import type { MoreGroupView } from '../../../core/view/index.ts';
import { useI18n } from '../../../lib/i18n.tsx';

interface Props {
  groups: MoreGroupView[];
  nameOf(id: string): string;
  onOpen(key: string): void;
}

/**
 * The "N more" groups of the drawing as a list of buttons: the same controls as the "+N"
 * badges on the canvas, for screen readers and for anyone who prefers a list.
 */
export function MoreList({ groups, nameOf, onOpen }: Props) {
  const { t } = useI18n();
  if (!groups.length) return null;
  return (
    <section className="more-list" aria-labelledby="more-list-heading">
      <h3 id="more-list-heading">{t('moreHeading', { count: groups.length })}</h3>
      <p className="hint">{t('moreHint')}</p>
      <ul>
        {groups.map((g) => (
          <li key={g.key}>
            <button type="button" className="small" data-more={g.key} onClick={() => onOpen(g.key)}>
              {t('moreShow', { count: g.hidden, direction: t(g.direction === 'up' ? 'moreUp' : 'moreDown'), name: nameOf(g.parent) })}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
