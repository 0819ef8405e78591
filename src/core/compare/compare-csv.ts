/**
 * A comparison as CSV: one row per fact, the model it belongs to first, so that a
 * spreadsheet can filter by section or model. Cells go through `toCsv` (formula-safe).
 */
import { displayName, type Lang } from '../format/index.ts';
import { toCsv } from '../view/csv.ts';
import type { ComparisonView } from './compare-models.ts';

export const COMPARISON_CSV_HEADER = ['section', 'model_id', 'model_name', 'item_id', 'item_name', 'detail', 'value'] as const;

export function comparisonCsv(view: ComparisonView, lang: Lang): string {
  const rows: (string | number | null)[][] = [];
  for (const m of view.models) {
    const model = [m.model.id, displayName(m.model, lang)];
    rows.push(['model', ...model, m.model.id, displayName(m.model, lang), m.license, m.parameterCount]);
    for (const s of m.chain) rows.push(['base-model', ...model, s.node.id, displayName(s.node, lang), s.derivation, s.hop]);
    for (const d of m.data) rows.push(['training-data', ...model, d.node.id, displayName(d.node, lang), d.license, d.containsPhi === null ? '' : d.containsPhi ? 'phi' : 'no-phi']);
  }
  for (const b of view.shared) {
    b.values.forEach((v, k) => {
      const m = view.models[k]!.model;
      if (v) rows.push(['evaluation', m.id, displayName(m, lang), v.evaluation, b.benchmark, b.metric + (b.unit ? ` (${b.unit})` : ''), v.value]);
    });
  }
  if (view.ancestor) {
    const a = view.ancestor;
    view.models.forEach((m, k) => rows.push(['common-ancestor', m.model.id, displayName(m.model, lang), a.node.id, displayName(a.node, lang), 'hops', a.hops[k]!]));
  }
  return toCsv(COMPARISON_CSV_HEADER, rows);
}
