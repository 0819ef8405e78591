/**
 * The map's nearest neighbours without measuring all n² pairs. Two models whose closest
 * shared ancestor is a lineage path of at least r apart are at lineage distance at least
 * 1 − e^(−r/2), and with every other fact at 0 still at least that times
 * LINEAGE / (LINEAGE + the rest) apart (model-distance.ts); with no shared ancestor, r is
 * infinite. So a row offers its candidates ring by ring — the models its similarity row
 * names, then the relatives of its nearest ancestor, the next one, … (an inverted index from
 * ancestor to models) — and stops once its k-th nearest beats what any model not offered
 * yet can reach. The result is exact: nearestNeighbours measures every model for a row the
 * rings cannot settle. Models with embeddings are similar to every other one by research
 * and always measure every model.
 */
import type { ModelMapInput } from './map-input.ts';
import { FEATURE_WEIGHTS, LINEAGE_SCALE, modelDistance } from './model-distance.ts';
import { nearestNeighbours, type Neighbours } from './nearest-neighbours.ts';

export function modelNeighbours(input: ModelMapInput, k: number): Neighbours {
  const n = input.models.length;
  const { ancestorOffsets: ao, ancestorNodes: an, ancestorDistances: ad, similarityOffsets: so, similarityModels: sm } = input;
  const byAncestor = new Map<number, number[]>();
  for (let i = 0; i < n; i++) {
    for (let p = ao[i]!; p < ao[i + 1]!; p++) (byAncestor.get(an[p]!) ?? byAncestor.set(an[p]!, []).get(an[p]!)!).push(i);
  }
  const embedded = new Uint8Array(n);
  for (const e of input.embeddings) for (let i = 0; i < n; i++) embedded[i] ||= e.has[i]!;
  const { lineage, scores, size, language, licence } = FEATURE_WEIGHTS;
  const share = lineage / (lineage + scores + size + language + licence);
  const boundAt = (pathLength: number) => share * (1 - Math.exp(-pathLength / LINEAGE_SCALE));
  const mark = new Int32Array(n).fill(-1);

  return nearestNeighbours(n, k, modelDistance(input), {
    *stages(i) {
      if (embedded[i]) return;
      const fresh = (list: Iterable<number>) => {
        const out: number[] = [];
        for (const j of list) {
          if (j !== i && mark[j] !== i) {
            mark[j] = i;
            out.push(j);
          }
        }
        return out;
      };
      const rings: { node: number; distance: number }[] = [];
      for (let p = ao[i]!; p < ao[i + 1]!; p++) rings.push({ node: an[p]!, distance: ad[p]! });
      rings.sort((a, b) => a.distance - b.distance || a.node - b.node);
      const nextBound = (r: number) => (r < rings.length ? boundAt(rings[r]!.distance) : share);
      yield { candidates: fresh(sm.subarray(so[i]!, so[i + 1]!)), bound: nextBound(0) };
      for (let r = 0; r < rings.length; r++) yield { candidates: fresh(byAncestor.get(rings[r]!.node)!), bound: nextBound(r + 1) };
    },
  });
}
