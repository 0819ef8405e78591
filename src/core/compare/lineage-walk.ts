/**
 * Upstream walks over the lineage relations only — `wasDerivedFrom`, `wasGeneratedBy`,
 * `used` — so that publishers and people (`wasAttributedTo`, `wasAssociatedWith`) never
 * pass for shared ancestry: two models of one organisation are not thereby related.
 */
import { relationTypeCode, type GraphIndex } from '../graph/index.ts';

const LINEAGE = new Set((['wasDerivedFrom', 'wasGeneratedBy', 'used'] as const).map((t) => relationTypeCode(t)));

/** Hop distance upstream from `start` (0 for itself) of every node reached; absent = not reached. */
export function upstreamHops(index: GraphIndex, start: number): Map<number, number> {
  const hops = new Map<number, number>([[start, 0]]);
  const queue = [start];
  for (let head = 0; head < queue.length; head++) {
    const v = queue[head]!;
    const hop = hops.get(v)! + 1;
    for (let p = index.outOffsets[v]!, end = index.outOffsets[v + 1]!; p < end; p++) {
      const w = index.outNodes[p]!;
      if (hops.has(w) || !LINEAGE.has(index.typeCodes[index.outEdges[p]!]!)) continue;
      hops.set(w, hop);
      queue.push(w);
    }
  }
  return hops;
}
