/**
 * Exact k nearest neighbours of every model under a distance function, row by row, each
 * row's best k kept sorted by insertion. Exact rather than approximate (NN-descent) because
 * the table lists these neighbours: a reader must get the true nearest, and the same ones
 * every time. Ties keep the lower model index, so the result is deterministic.
 *
 * A row may be given candidates in stages, each with a bound: no model outside the candidates
 * offered so far is nearer than the bound. Once the row's k-th nearest is nearer than that,
 * the row is done without looking at every model (model-neighbours.ts); when the stages run
 * out first, every model is measured.
 */
import type { ModelDistance } from './model-distance.ts';

export interface Neighbours {
  k: number;
  /** Row i: the k nearest models of model i (itself excluded), nearest first; -1 where fewer exist. */
  indices: Int32Array;
  distances: Float32Array;
}

export interface Pruning {
  /** Candidates of row i (i itself left out), stage by stage; `bound`: how near any model not offered yet can be, at least. */
  stages(i: number): Iterable<{ candidates: readonly number[]; bound: number }>;
}

export function nearestNeighbours(n: number, k: number, distance: ModelDistance, pruning?: Pruning): Neighbours {
  const kk = Math.max(0, Math.min(k, n - 1));
  const indices = new Int32Array(n * kk).fill(-1);
  const distances = new Float32Array(n * kk).fill(Infinity);
  if (kk === 0) return { k: kk, indices, distances };
  for (let i = 0; i < n; i++) {
    const base = i * kk;
    // Ties go to the lower index whatever order the models are offered in (stages offer them out of order).
    const before = (d: number, j: number, slot: number) => d < distances[slot]! || (d === distances[slot] && j < indices[slot]!);
    const offer = (j: number) => {
      const d = Math.fround(distance(i, j));
      const last = base + kk - 1;
      if (!(d < distances[last]! || (d === distances[last] && (indices[last] === -1 || j < indices[last]!)))) return;
      let at = kk - 1;
      while (at > 0 && before(d, j, base + at - 1)) {
        distances[base + at] = distances[base + at - 1]!;
        indices[base + at] = indices[base + at - 1]!;
        at--;
      }
      distances[base + at] = d;
      indices[base + at] = j;
    };
    if (pruning) {
      let done = false;
      for (const stage of pruning.stages(i)) {
        for (const j of stage.candidates) offer(j);
        if ((done = distances[base + kk - 1]! < stage.bound)) break;
      }
      if (done) continue;
      indices.fill(-1, base, base + kk);
      distances.fill(Infinity, base, base + kk);
    }
    for (let j = 0; j < n; j++) if (j !== i) offer(j);
  }
  return { k: kk, indices, distances };
}
