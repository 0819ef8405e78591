import { NODE_KINDS, type NodeKind } from '../format/index.ts';
import { impact, type GraphIndex } from '../graph/index.ts';
import { summarizeAt } from './summarize.ts';
import type { ImpactView } from './types.ts';

/** Everything downstream of a node, with hop distance and the node it was reached through. */
export function buildImpact(index: GraphIndex, id: string, kinds: readonly NodeKind[] | null): ImpactView | null {
  const start = index.indexOf(id);
  if (start < 0) return null;
  const all = impact(index, start);
  const countsByKind: ImpactView['countsByKind'] = {};
  for (const r of all) {
    const kind = NODE_KINDS[index.kindCodes[r.node]!]!;
    countsByKind[kind] = (countsByKind[kind] ?? 0) + 1;
  }
  const wanted = kinds ? new Set(kinds) : null;
  const rows = all
    .filter((r) => !wanted || wanted.has(NODE_KINDS[index.kindCodes[r.node]!]!))
    .map((r) => ({
      node: summarizeAt(index, r.node),
      hop: r.hop,
      via: r.via >= 0 ? summarizeAt(index, r.via) : null,
      relation: r.viaEdge >= 0 ? index.relation(r.viaEdge).type : null,
    }));
  return { start: summarizeAt(index, start), rows, countsByKind };
}
