import { useId, useState } from 'react';
import { useI18n } from '../../../lib/i18n.tsx';
import { displayName } from '../../../core/format/index.ts';
import type { NodeSummary } from '../../../core/view/index.ts';
import { NodeName } from '../../../components/node-name.tsx';
import { useModelSearch } from '../api/compare-models.ts';

interface Props {
  chosen: readonly string[];
  max: number;
  onAdd(id: string): void;
}

/** A search box listing matching models, each with an "Add" button (keyboard: Tab to it, Enter). */
export function ModelPicker({ chosen, max, onAdd }: Props) {
  const { t, lang } = useI18n();
  const [query, setQuery] = useState('');
  const inputId = useId();
  const hits = useModelSearch(query);
  if (chosen.length >= max) return <p className="notice">{t('compareFull')}</p>;
  const models: NodeSummary[] = (hits.data ?? []).map((h) => h.node).filter((n) => !chosen.includes(n.id));
  return (
    <div className="model-picker">
      <label htmlFor={inputId}>{t('compareFind')}</label>{' '}
      <input id={inputId} type="search" value={query} onChange={(e) => setQuery(e.target.value)} autoComplete="off" />
      {query.trim() && models.length > 0 ? (
        <ul className="picker-hits">
          {models.map((m) => (
            <li key={m.id}>
              <button type="button" onClick={() => onAdd(m.id)} aria-label={t('compareAdd', { name: displayName(m, lang) })}>
                +
              </button>{' '}
              <NodeName node={m} /> <span className="muted">{m.id}</span>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
