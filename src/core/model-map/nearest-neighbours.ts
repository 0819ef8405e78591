/**
 * Exact k nearest neighbours of every model under a distance function: every pair once
 * (n²/2 distances), each row's best k kept sorted by insertion. Exact rather than
 * approximate (NN-descent) because the distance is cheap enough for 10,000 models and
 * because the table lists these neighbours: a reader must get the true nearest, and the
 * same ones every time. Ties keep the lower model index, so the result is deterministic.
 */
import type { ModelDistance } from './model-distance.ts';

export interface Neighbours {
  k: number;
  /** Row i: the k nearest models of model i (itself excluded), nearest first; -1 where fewer exist. */
  indices: Int32Array;
  distances: Float32Array;
}

export function nearestNeighbours(n: number, k: number, distance: ModelDistance): Neighbours {
  const kk = Math.max(0, Math.min(k, n - 1));
  const indices = new Int32Array(n * kk).fill(-1);
  const distances = new Float32Array(n * kk).fill(Infinity);
  const worst = new Float64Array(n).fill(Infinity);
  const insert = (row: number, other: number, d: number) => {
    const base = row * kk;
    let at = kk - 1;
    while (at > 0 && distances[base + at - 1]! > d) {
      distances[base + at] = distances[base + at - 1]!;
      indices[base + at] = indices[base + at - 1]!;
      at--;
    }
    distances[base + at] = d;
    indices[base + at] = other;
    worst[row] = distances[base + kk - 1]!;
  };
  if (kk === 0) return { k: kk, indices, distances };
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const d = distance(i, j);
      if (d < worst[i]!) insert(i, j, d);
      if (d < worst[j]!) insert(j, i, d);
    }
  }
  return { k: kk, indices, distances };
}
