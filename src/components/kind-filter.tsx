import type { NodeKind } from '../core/format/index.ts';
import { useI18n } from '../lib/i18n.tsx';
import { KIND_STYLES } from '../lib/kind-style.ts';

interface Props {
  kinds: readonly NodeKind[];
  /** null = all kinds. */
  selected: readonly NodeKind[] | null;
  onChange(kinds: NodeKind[] | null): void;
  counts?: Partial<Record<NodeKind, number>>;
}

/** A checkbox per kind; checking every kind is stored as "all" (null) to keep links short. */
export function KindFilter({ kinds, selected, onChange, counts }: Props) {
  const { t } = useI18n();
  const isOn = (k: NodeKind) => selected === null || selected.includes(k);
  const toggle = (k: NodeKind) => {
    const next = kinds.filter((x) => (x === k ? !isOn(x) : isOn(x)));
    onChange(next.length === kinds.length ? null : next);
  };
  return (
    <fieldset className="kind-filter">
      <legend>{t('filterKinds')}</legend>
      {kinds.map((k) => (
        <label key={k} className="kind-toggle" style={{ borderColor: KIND_STYLES[k].border }}>
          <input type="checkbox" checked={isOn(k)} onChange={() => toggle(k)} />
          {t(`kind_${k}`)}
          {counts ? <span className="count"> ({counts[k] ?? 0})</span> : null}
        </label>
      ))}
    </fieldset>
  );
}
