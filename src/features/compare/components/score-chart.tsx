import type { BenchmarkRow, ComparedModel } from '../../../core/compare/index.ts';
import { displayName } from '../../../core/format/index.ts';
import { useI18n } from '../../../lib/i18n.tsx';

/** One colour per compared model (at most five), distinct for common colour-vision deficiencies (Okabe–Ito). */
export const MODEL_COLOURS = ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#E69F00'] as const;

const BAR = 14;
const GAP = 10;
const LABEL_W = 190;
const PLOT_W = 300;

/** The largest value a benchmark's bars are scaled to: 100 for percentages, else 1 or the largest value. */
function scaleOf(row: BenchmarkRow): number {
  if (row.unit === '%') return 100;
  const max = Math.max(...row.values.map((v) => v?.value ?? 0));
  return max <= 1 ? 1 : max;
}

/**
 * Grouped horizontal bars, a group per shared benchmark and a bar per model, drawn as SVG
 * (a few dozen shapes: no chart library needed). The table beside it holds the same
 * numbers; the chart's label sums them up for screen readers.
 */
export function ScoreChart({ models, rows }: { models: readonly ComparedModel[]; rows: readonly BenchmarkRow[] }) {
  const { t, lang } = useI18n();
  const groupH = models.length * BAR + GAP;
  const height = rows.length * groupH + GAP;
  const summary = rows
    .map((r) => `${r.benchmark}: ${r.values.map((v, k) => `${displayName(models[k]!.model, lang)} ${v ? v.value : '—'}`).join(', ')}`)
    .join('; ');
  return (
    <svg className="score-chart" viewBox={`0 0 ${LABEL_W + PLOT_W + 60} ${height}`} role="img" aria-label={t('compareChartLabel', { summary })} data-testid="score-chart">
      {rows.map((row, g) => {
        const y0 = GAP + g * groupH;
        const scale = scaleOf(row);
        return (
          <g key={`${row.benchmark}-${row.metric}`}>
            <text x={LABEL_W - 8} y={y0 + (models.length * BAR) / 2} textAnchor="end" dominantBaseline="middle" className="chart-label">
              {row.benchmark.length > 28 ? `${row.benchmark.slice(0, 27)}…` : row.benchmark}
            </text>
            {row.values.map((v, k) =>
              v ? (
                <g key={k}>
                  <rect x={LABEL_W} y={y0 + k * BAR} width={Math.max(1, (Math.min(v.value, scale) / scale) * PLOT_W)} height={BAR - 2} fill={MODEL_COLOURS[k]} />
                  <text x={LABEL_W + (Math.min(v.value, scale) / scale) * PLOT_W + 4} y={y0 + k * BAR + (BAR - 2) / 2} dominantBaseline="middle" className="chart-value">
                    {row.unit === '%' ? `${v.value}%` : v.value}
                  </text>
                </g>
              ) : null,
            )}
          </g>
        );
      })}
    </svg>
  );
}
