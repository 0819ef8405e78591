import { useId } from 'react';
import { NODE_KINDS, type NodeKind } from '../../../core/format/index.ts';
import { MAX_DEPTH, MIN_DEPTH, type Direction, type Highlight } from '../../../lib/view-state.ts';
import { useI18n } from '../../../lib/i18n.tsx';
import { KindFilter } from '../../../components/kind-filter.tsx';

interface Props {
  depth: number;
  direction: Direction;
  kinds: NodeKind[] | null;
  highlight: Highlight;
  onChange(patch: { depth?: number; dir?: Direction; kinds?: NodeKind[] | null; highlight?: Highlight }): void;
  onFit(): void;
  onExportPng(): void;
}

export function GraphToolbar({ depth, direction, kinds, highlight, onChange, onFit, onExportPng }: Props) {
  const { t } = useI18n();
  const id = useId();
  return (
    <div className="toolbar" role="toolbar" aria-label={t('viewGraph')}>
      <label htmlFor={`${id}-dir`}>{t('direction')}</label>
      <select id={`${id}-dir`} value={direction} onChange={(e) => onChange({ dir: e.target.value as Direction })}>
        <option value="both">{t('dirBoth')}</option>
        <option value="up">{t('dirUp')}</option>
        <option value="down">{t('dirDown')}</option>
      </select>
      <label htmlFor={`${id}-depth`}>{t('depth')}</label>
      <input
        id={`${id}-depth`}
        type="number"
        min={MIN_DEPTH}
        max={MAX_DEPTH}
        value={depth}
        onChange={(e) => {
          const value = Number(e.target.value);
          if (Number.isFinite(value)) onChange({ depth: Math.min(MAX_DEPTH, Math.max(MIN_DEPTH, Math.round(value))) });
        }}
      />
      <label htmlFor={`${id}-hl`}>{t('highlight')}</label>
      <select id={`${id}-hl`} value={highlight} onChange={(e) => onChange({ highlight: e.target.value as Highlight })}>
        <option value="none">{t('highlightNone')}</option>
        <option value="up">{t('highlightUp')}</option>
        <option value="down">{t('highlightDown')}</option>
      </select>
      <KindFilter kinds={NODE_KINDS} selected={kinds} onChange={(k) => onChange({ kinds: k })} />
      <button type="button" onClick={onFit}>
        {t('fit')}
      </button>
      <button type="button" onClick={onExportPng}>
        {t('exportPng')}
      </button>
    </div>
  );
}
