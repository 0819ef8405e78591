import { displayName, type Lang } from '../../core/format/index.ts';
import { toCsv, type ImpactView } from '../../core/view/index.ts';

/** The impact list as CSV: one row per affected node, ids included so tools can join on them. */
export function impactCsv(view: ImpactView, lang: Lang): string {
  return toCsv(
    ['hop', 'kind', 'id', 'name', 'classification', 'via_id', 'via_relation', 'start_id'],
    view.rows.map((r) => [r.hop, r.node.kind, r.node.id, displayName(r.node, lang), r.node.classification, r.via?.id ?? '', r.relation ?? '', view.start.id]),
  );
}
