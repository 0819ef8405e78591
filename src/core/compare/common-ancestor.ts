/**
 * The closest common ancestor of several models: the node upstream of every one of them
 * (each model counts as its own ancestor at distance 0, so Llama-2-70B is the common
 * ancestor of itself and Meditron-70B) that is nearest to all — smallest greatest hop
 * distance, then smallest total, then the lower index for a stable answer. A model is
 * preferred to a dataset (a shared base model says more than shared pretraining data);
 * a dataset is the answer only when no model is common to all.
 */
import { kindCode, type GraphIndex } from '../graph/index.ts';
import { upstreamHops } from './lineage-walk.ts';

export interface CommonAncestor {
  node: number;
  /** Hops from each model to it, in the order the models were given. */
  hops: number[];
}

const MODEL = kindCode('model');
const DATASET = kindCode('dataset');

export function closestCommonAncestor(index: GraphIndex, models: readonly number[], upstream: readonly Map<number, number>[] = models.map((m) => upstreamHops(index, m))): CommonAncestor | null {
  if (models.length === 0) return null;
  // Walk the smallest closure, look each node up in the others.
  const smallest = upstream.reduce((a, b) => (b.size < a.size ? b : a));
  let best: { node: number; kindRank: number; max: number; sum: number } | null = null;
  for (const node of smallest.keys()) {
    const kind = index.kindCodes[node];
    const kindRank = kind === MODEL ? 0 : kind === DATASET ? 1 : -1;
    if (kindRank < 0) continue;
    let max = 0;
    let sum = 0;
    let common = true;
    for (const hops of upstream) {
      const h = hops.get(node);
      if (h === undefined) {
        common = false;
        break;
      }
      max = Math.max(max, h);
      sum += h;
    }
    if (!common) continue;
    const better = !best || kindRank < best.kindRank || (kindRank === best.kindRank && (max < best.max || (max === best.max && (sum < best.sum || (sum === best.sum && node < best.node)))));
    if (better) best = { node, kindRank, max, sum };
  }
  return best ? { node: best.node, hops: upstream.map((h) => h.get(best!.node)!) } : null;
}
