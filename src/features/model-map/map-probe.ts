/**
 * A read-only view of the map for the browser tests: each model's point on screen (relative
 * to the map's canvas) and its family. Installed only when the page was opened with
 * `window.__RAIREKI_TEST_HOOKS__ = true` set before the app loads, as the graph's probe is
 * (features/explorer/graph-probe.ts): production pages expose nothing.
 */
import type { ModelMapInput } from '../../core/model-map/index.ts';
import type { PointGrid } from './point-grid.ts';

export interface MapProbe {
  points: { id: string; family: string; x: number; y: number }[];
}

declare global {
  interface Window {
    __rairekiMap?: () => MapProbe;
  }
}

export function exposeMapProbe(input: ModelMapInput, grid: PointGrid): () => void {
  if (typeof window === 'undefined' || window.__RAIREKI_TEST_HOOKS__ !== true) return () => {};
  window.__rairekiMap = () => ({
    points: input.models.map((m, i) => ({ id: m.id, family: input.models[m.family]!.id, x: grid.px[i]!, y: grid.py[i]! })),
  });
  return () => {
    delete window.__rairekiMap;
  };
}
