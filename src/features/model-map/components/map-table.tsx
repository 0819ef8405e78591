import { useMemo, useState } from 'react';
import { displayName } from '../../../core/format/index.ts';
import type { ModelMapInput, ModelMapLayout } from '../../../core/model-map/index.ts';
import { useI18n } from '../../../lib/i18n.tsx';
import { AppLink } from '../../../components/app-link.tsx';
import { scoreOf } from '../map-colours.ts';

type SortKey = 'name' | 'family' | 'license' | 'size' | 'score';

interface Props {
  input: ModelMapInput;
  layout: ModelMapLayout;
  colours: string[];
  /** Benchmark whose score the table shows (the map's colour), -1 for none. */
  benchmark: number;
  selected: readonly number[];
  focused: number;
  canSelectMore: boolean;
  onToggle(model: number): void;
  onOpen(model: number): void;
  hrefFor(id: string): string;
}

/** Rows shown at first and added by "show more": a 10,000-model table is paged, not drawn whole. */
const PAGE_ROWS = 100;
/** Neighbours listed per model (the nearest by the map's distance). */
const LISTED_NEIGHBOURS = 5;

/** The map as text: the same models, sortable, each with its nearest neighbours. */
export function MapTable({ input, layout, colours, benchmark, selected, focused, canSelectMore, onToggle, onOpen, hrefFor }: Props) {
  const { t, lang } = useI18n();
  const [sort, setSort] = useState<{ key: SortKey; descending: boolean }>({ key: 'name', descending: false });
  const [filter, setFilter] = useState('');
  const [shown, setShown] = useState(PAGE_ROWS);
  const name = (i: number) => displayName(input.models[i]!, lang);

  const rows = useMemo(() => {
    const needle = filter.trim().toLowerCase();
    const all = input.models.map((_, i) => i).filter((i) => !needle || name(i).toLowerCase().includes(needle) || input.models[i]!.id.toLowerCase().includes(needle));
    const value = (i: number): string | number | undefined => {
      const m = input.models[i]!;
      if (sort.key === 'name') return name(i);
      if (sort.key === 'family') return name(m.family);
      if (sort.key === 'license') return m.license;
      if (sort.key === 'size') return m.parameterCount;
      return benchmark >= 0 ? scoreOf(input, i, benchmark) : undefined;
    };
    const compare = (a: number, b: number) => {
      const [va, vb] = [value(a), value(b)];
      // Models without a value go last whichever way the column is sorted.
      if (va === undefined || vb === undefined) return va === vb ? a - b : va === undefined ? 1 : -1;
      const c = typeof va === 'number' && typeof vb === 'number' ? va - vb : String(va).localeCompare(String(vb), lang);
      return (sort.descending ? -c : c) || a - b;
    };
    return all.sort(compare);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [input, sort, filter, benchmark, lang]);

  const header = (key: SortKey, label: string) => (
    <th scope="col" aria-sort={sort.key === key ? (sort.descending ? 'descending' : 'ascending') : 'none'}>
      <button type="button" className="sort-button" onClick={() => setSort((s) => ({ key, descending: s.key === key ? !s.descending : false }))}>
        {label}
        <span aria-hidden="true">{sort.key === key ? (sort.descending ? ' ▼' : ' ▲') : ''}</span>
      </button>
    </th>
  );
  const k = layout.neighbours.k;

  return (
    <section className="map-table-section" aria-labelledby="map-table-heading">
      <h3 id="map-table-heading">{t('mapTableTitle')}</h3>
      <label className="map-filter">
        {t('mapFilter')}{' '}
        <input type="search" value={filter} onChange={(e) => { setFilter(e.target.value); setShown(PAGE_ROWS); }} data-testid="map-filter" />
      </label>
      <p className="hint" role="status">
        {t('mapTableCount', { shown: Math.min(shown, rows.length), total: rows.length })}
      </p>
      <table className="impact-table map-table" data-testid="map-table">
        <thead>
          <tr>
            <th scope="col">{t('mapCompareColumn')}</th>
            {header('name', t('name'))}
            {header('family', t('mapFamily'))}
            {header('license', t('mapLicence'))}
            {header('size', t('mapSize'))}
            {benchmark >= 0 ? header('score', input.benchmarks[benchmark]!) : null}
            <th scope="col">{t('mapNeighbours')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.slice(0, shown).map((i) => {
            const m = input.models[i]!;
            const isSelected = selected.includes(i);
            const score = benchmark >= 0 ? scoreOf(input, i, benchmark) : undefined;
            return (
              <tr key={m.id} data-model={m.id} aria-current={i === focused ? 'true' : undefined} className={i === focused ? 'current' : undefined}>
                <td>
                  <input
                    type="checkbox"
                    checked={isSelected}
                    disabled={!isSelected && !canSelectMore}
                    onChange={() => onToggle(i)}
                    aria-label={t('mapSelectModel', { name: name(i) })}
                  />
                </td>
                <th scope="row">
                  <span className="map-swatch" style={{ background: colours[i] }} aria-hidden="true" />
                  <AppLink href={hrefFor(m.id)} onNavigate={() => onOpen(i)}>
                    {name(i)}
                  </AppLink>
                </th>
                <td>{name(m.family)}</td>
                <td>{m.license ?? '—'}</td>
                <td>{m.parameterCount ? formatParameters(m.parameterCount) : '—'}</td>
                {benchmark >= 0 ? <td>{score === undefined ? '—' : String(score)}</td> : null}
                <td>
                  <ol className="map-neighbours" data-testid="map-neighbours">
                    {Array.from({ length: Math.min(k, LISTED_NEIGHBOURS) }, (_, r) => layout.neighbours.indices[i * k + r]!)
                      .filter((j) => j >= 0)
                      .map((j) => (
                        <li key={j}>
                          <AppLink href={hrefFor(input.models[j]!.id)} onNavigate={() => onOpen(j)}>
                            {name(j)}
                          </AppLink>
                        </li>
                      ))}
                  </ol>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {rows.length > shown ? (
        <button type="button" onClick={() => setShown((s) => s + PAGE_ROWS * 5)}>
          {t('mapShowMore', { count: Math.min(PAGE_ROWS * 5, rows.length - shown) })}
        </button>
      ) : null}
    </section>
  );
}

function formatParameters(n: number): string {
  if (n >= 1e9) return `${+(n / 1e9).toFixed(1)}B`;
  if (n >= 1e6) return `${Math.round(n / 1e6)}M`;
  return String(n);
}
