import { useCallback, useEffect, useMemo, useState } from 'react';
import { displayName } from '../../../core/format/index.ts';
import type { ModelMapInput } from '../../../core/model-map/index.ts';
import { useI18n } from '../../../lib/i18n.tsx';
import { MAX_COMPARED_MODELS, MIN_COMPARED_MODELS } from '../../../lib/view-state.ts';
import { useModelMap } from '../api/use-model-map.ts';
import { colourModels, colourModeValue, parseColourMode, scoreOf } from '../map-colours.ts';
import { MapCanvas } from './map-canvas.tsx';
import { MapLegend } from './map-legend.tsx';
import { MapTable } from './map-table.tsx';

interface Props {
  /** "family", "license" or "score:<benchmark>" (kept in the URL). */
  colour: string;
  onColourChange(colour: string): void;
  /** Opens a model's lineage in the explorer. */
  onOpen(id: string): void;
  /** Opens the comparison of 2–5 models (the `compare` URL parameter). */
  onCompare(ids: string[]): void;
  compareHref(ids: string[]): string;
  hrefFor(id: string): string;
}

/** Every model of the snapshot on a 2-D map by similarity (docs/model-map.md), with its table. */
export function MapView({ colour, onColourChange, onOpen, onCompare, compareHref, hrefFor }: Props) {
  const { t } = useI18n();
  const map = useModelMap();
  if (map.isError) {
    return (
      <p className="banner error" role="alert">
        {t('mapFailed', { message: map.error.message })}
      </p>
    );
  }
  if (!map.data) {
    return (
      <p className="empty" role="status">
        {t('mapComputing')}
      </p>
    );
  }
  const { input, layout } = map.data;
  if (input.models.length === 0) return <p className="empty">{t('mapNoModels')}</p>;
  return <LoadedMap key={input.models.length} {...{ input, layout, colour, onColourChange, onOpen, onCompare, compareHref, hrefFor }} />;
}

type LoadedProps = Omit<Props, never> & NonNullable<ReturnType<typeof useModelMap>['data']>;

function LoadedMap({ input, layout, colour, onColourChange, onOpen, onCompare, compareHref, hrefFor }: LoadedProps) {
  const { t, lang } = useI18n();
  const mode = parseColourMode(colour, input);
  const colouring = useMemo(() => colourModels(input, mode), [input, colour]); // eslint-disable-line react-hooks/exhaustive-deps
  const [selected, setSelected] = useState<number[]>([]);
  const [focused, setFocused] = useState(-1);
  const [note, setNote] = useState('');
  useEffect(() => setNote(''), [selected]);

  const toggle = useCallback(
    (i: number) =>
      setSelected((s) => {
        if (s.includes(i)) return s.filter((x) => x !== i);
        return s.length < MAX_COMPARED_MODELS ? [...s, i] : s;
      }),
    [],
  );
  const lasso = useCallback(
    (models: number[]) => {
      const room = MAX_COMPARED_MODELS - selected.length;
      const added = models.filter((i) => !selected.includes(i));
      setSelected([...selected, ...added.slice(0, Math.max(0, room))]);
      // Set after the selection so the effect that clears the note runs first.
      setTimeout(() => setNote(added.length > room ? t('mapLassoTooMany', { count: added.length, max: MAX_COMPARED_MODELS }) : t('mapLassoAdded', { count: added.length })), 0);
    },
    [selected, t],
  );
  const describe = useCallback((i: number) => describeModel(input, i, mode.kind === 'score' ? mode.benchmark : -1, t, lang), [input, mode, t, lang]);
  const ids = selected.map((i) => input.models[i]!.id);
  const canCompare = ids.length >= MIN_COMPARED_MODELS && ids.length <= MAX_COMPARED_MODELS;

  return (
    <div className="model-map">
      <div className="toolbar" role="toolbar" aria-label={t('viewMap')}>
        <label>
          {t('mapColourBy')}{' '}
          <select value={colourModeValue(mode, input)} onChange={(e) => onColourChange(e.target.value)} data-testid="map-colour">
            <option value="family">{t('mapColourFamily')}</option>
            <option value="license">{t('mapColourLicence')}</option>
            {input.benchmarks.map((b) => (
              <option key={b} value={`score:${b}`}>
                {t('mapColourScore', { benchmark: b })}
              </option>
            ))}
          </select>
        </label>
        <span className="hint" data-testid="map-sources">
          {t('mapSources', { count: input.models.length })}
          {input.similaritySpaces.length > 0 ? ` ${t('mapResearchSpaces', { spaces: input.similaritySpaces.join(', ') })}` : ''}
        </span>
      </div>
      <div className="map-body">
        <MapCanvas
          input={input}
          layout={layout}
          colours={colouring.colours}
          selected={selected}
          focused={focused}
          onFocus={setFocused}
          onOpen={(i) => onOpen(input.models[i]!.id)}
          onToggle={toggle}
          onLasso={lasso}
          describe={describe}
        />
        <div className="map-side">
          <MapLegend input={input} colouring={colouring} />
          <section className="map-selection" aria-labelledby="map-selection-heading">
            <h3 id="map-selection-heading">{t('mapSelectionTitle', { count: ids.length, max: MAX_COMPARED_MODELS })}</h3>
            <p className="hint">{t('mapSelectionHelp')}</p>
            {ids.length > 0 ? (
              <ul className="map-selected" data-testid="map-selected">
                {selected.map((i) => (
                  <li key={i}>
                    {displayName(input.models[i]!, lang)}{' '}
                    <button type="button" className="small" onClick={() => toggle(i)} aria-label={t('mapUnselect', { name: displayName(input.models[i]!, lang) })}>
                      ×
                    </button>
                  </li>
                ))}
              </ul>
            ) : null}
            <p role="status" className="hint">
              {note}
            </p>
            <div className="map-selection-actions">
              {canCompare ? (
                <a
                  className="button-link"
                  href={compareHref(ids)}
                  data-testid="map-compare"
                  onClick={(e) => {
                    if (e.metaKey || e.ctrlKey || e.shiftKey || e.button !== 0) return;
                    e.preventDefault();
                    onCompare(ids);
                  }}
                >
                  {t('mapCompare', { count: ids.length })}
                </a>
              ) : (
                <span className="hint">{t('mapCompareNeeds', { min: MIN_COMPARED_MODELS, max: MAX_COMPARED_MODELS })}</span>
              )}
              {ids.length > 0 ? (
                <button type="button" onClick={() => setSelected([])}>
                  {t('mapClearSelection')}
                </button>
              ) : null}
            </div>
          </section>
        </div>
      </div>
      <MapTable
        input={input}
        layout={layout}
        colours={colouring.colours}
        benchmark={mode.kind === 'score' ? mode.benchmark : -1}
        selected={selected}
        focused={focused}
        canSelectMore={selected.length < MAX_COMPARED_MODELS}
        onToggle={toggle}
        onOpen={(i) => onOpen(input.models[i]!.id)}
        hrefFor={hrefFor}
      />
    </div>
  );
}

function describeModel(input: ModelMapInput, i: number, benchmark: number, t: ReturnType<typeof useI18n>['t'], lang: ReturnType<typeof useI18n>['lang']): string {
  const m = input.models[i]!;
  const parts = [t('mapTipFamily', { family: displayName(input.models[m.family]!, lang) })];
  if (m.base >= 0) parts.push(t('mapTipBase', { base: displayName(input.models[m.base]!, lang), derivation: m.derivation ?? '—' }));
  parts.push(t('mapTipLicence', { license: m.license ?? '—' }));
  if (benchmark >= 0) {
    const score = scoreOf(input, i, benchmark);
    parts.push(`${input.benchmarks[benchmark]}: ${score === undefined ? '—' : score}`);
  }
  return parts.join(' · ');
}
