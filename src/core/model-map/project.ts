/**
 * The map: every model placed in 2-D by UMAP (umap-js, PAIR-code) over the exact nearest
 * neighbours of the model distance (model-distance.ts), then scaled into the unit square.
 *
 * Why UMAP and not (landmark) classical MDS: the map is read for families and clusters —
 * which models are close — and UMAP keeps neighbourhoods while MDS keeps large distances.
 * Lineage distance saturates at 1 between unrelated families, so most pairs are equally far
 * and MDS folds dozens of families onto one ring where neighbours of different families
 * overlap; UMAP gives each family its own island. The seed work drew its model map with UMAP
 * too. docs/model-map.md gives the comparison measured by `npm run bench:map`.
 *
 * Deterministic for a given snapshot: neighbours are exact with ties by index, and UMAP's
 * random source (initial positions, negative samples) is a PRNG seeded from the model ids.
 */
import { UMAP } from 'umap-js';
import { mulberry32, seedOf } from '../random/index.ts';
import type { ModelMapInput } from './map-input.ts';
import { modelNeighbours } from './model-neighbours.ts';
import type { Neighbours } from './nearest-neighbours.ts';

/**
 * Neighbours each model keeps for the layout (the table lists the first five). Fewer than
 * umap-learn's default of 15: a family is a tight group, and a smaller neighbourhood keeps
 * UMAP on local structure (and its graph a third smaller for 10,000 models).
 */
export const MAP_NEIGHBOURS = 10;

/**
 * UMAP epochs by map size: umap-js's own schedule (500 up to 2,500 points) for small maps;
 * fewer for large ones, where each epoch already moves every point many times (10,000
 * models: 120 epochs, about 4 s in umap-js instead of 10 s for its 200, families as tight).
 */
export function epochsFor(n: number): number {
  return n <= 2500 ? 500 : n <= 5000 ? 250 : 120;
}

export interface ModelMapLayout {
  /** Positions in 0…1, index-aligned with the input's models. */
  x: Float32Array;
  y: Float32Array;
  neighbours: Neighbours;
  timings: { neighboursMs: number; layoutMs: number };
}

export interface ProjectOptions {
  /** UMAP epochs; default epochsFor(n). */
  epochs?: number;
  /** Clock for the timings (core/ has no `performance`); default Date.now. */
  now?: () => number;
}

export function projectModelMap(input: ModelMapInput, options: ProjectOptions = {}): ModelMapLayout {
  const n = input.models.length;
  const now = options.now ?? Date.now;
  const t0 = now();
  const neighbours = modelNeighbours(input, MAP_NEIGHBOURS);
  const t1 = now();
  const x = new Float32Array(n);
  const y = new Float32Array(n);
  if (n <= 3) {
    // Too few for UMAP's neighbour graph: on a line, in model order.
    for (let i = 0; i < n; i++) [x[i], y[i]] = [n === 1 ? 0.5 : i / (n - 1), 0.5];
    return { x, y, neighbours, timings: { neighboursMs: t1 - t0, layoutMs: 0 } };
  }
  // umap-js counts the point itself as its first neighbour (distance 0), as umap-learn does.
  const k = Math.min(neighbours.k + 1, n - 1);
  const knnIndices: number[][] = [];
  const knnDistances: number[][] = [];
  for (let i = 0; i < n; i++) {
    const row = [i];
    const dist = [0];
    for (let r = 0; r < k - 1; r++) {
      row.push(neighbours.indices[i * neighbours.k + r]!);
      dist.push(neighbours.distances[i * neighbours.k + r]!);
    }
    knnIndices.push(row);
    knnDistances.push(dist);
  }
  const umap = new UMAP({ nComponents: 2, nNeighbors: k, minDist: 0.1, random: seededRandom(input), nEpochs: options.epochs ?? epochsFor(n) });
  umap.setPrecomputedKNN(knnIndices, knnDistances);
  // Points are only their index: the distance lives in the precomputed neighbours.
  const embedding = umap.fit(Array.from({ length: n }, (_, i) => [i]));
  scaleInto(embedding, x, y);
  return { x, y, neighbours, timings: { neighboursMs: t1 - t0, layoutMs: now() - t1 } };
}

/** Fits the embedding into 0…1 on both axes, keeping its aspect ratio, centred. */
function scaleInto(points: number[][], x: Float32Array, y: Float32Array): void {
  let [x0, x1, y0, y1] = [Infinity, -Infinity, Infinity, -Infinity];
  for (const [px, py] of points) {
    x0 = Math.min(x0, px!);
    x1 = Math.max(x1, px!);
    y0 = Math.min(y0, py!);
    y1 = Math.max(y1, py!);
  }
  const span = Math.max(x1 - x0, y1 - y0) || 1;
  const [ox, oy] = [(span - (x1 - x0)) / 2, (span - (y1 - y0)) / 2];
  points.forEach(([px, py], i) => {
    x[i] = (px! - x0 + ox) / span;
    y[i] = (py! - y0 + oy) / span;
  });
}

/** The same snapshot, the same map: UMAP's random source is seeded from the model ids. */
function seededRandom(input: ModelMapInput): () => number {
  return mulberry32(seedOf(input.models.map((m) => m.id)));
}
