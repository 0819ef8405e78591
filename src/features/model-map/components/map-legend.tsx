import { displayName } from '../../../core/format/index.ts';
import type { ModelMapInput } from '../../../core/model-map/index.ts';
import { useI18n } from '../../../lib/i18n.tsx';
import { SCALE_GRADIENT, type Colouring } from '../map-colours.ts';

/** What the colours mean: one entry per coloured group (and "other"), or the score scale. */
export function MapLegend({ input, colouring }: { input: ModelMapInput; colouring: Colouring }) {
  const { t, lang } = useI18n();
  const { range } = colouring;
  return (
    <section className="map-legend" aria-labelledby="map-legend-heading" data-testid="map-legend">
      <h3 id="map-legend-heading">{t('mapLegend')}</h3>
      {range && range.max >= range.min ? (
        <div className="map-scale">
          <span>{range.min}</span>
          <span className="map-scale-bar" style={{ background: SCALE_GRADIENT }} aria-hidden="true" />
          <span>{range.max}</span>
          <span className="visually-hidden">{t('mapScaleText', { min: range.min, max: range.max })}</span>
        </div>
      ) : null}
      <ul>
        {colouring.legend.map((entry, k) => (
          <li key={k}>
            <span className="map-swatch" style={{ background: entry.colour }} aria-hidden="true" />
            {entry.other
              ? range
                ? t('mapLegendNoScore', { count: entry.count })
                : t('mapLegendOther', { count: entry.count })
              : `${entry.model !== undefined ? displayName(input.models[entry.model]!, lang) : entry.text} (${entry.count})`}
          </li>
        ))}
      </ul>
    </section>
  );
}
