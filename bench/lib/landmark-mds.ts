/**
 * Landmark MDS (de Silva & Tenenbaum 2004), written here only to compare it with UMAP in
 * `npm run bench:map`: classical MDS on L landmarks chosen far apart (max–min), every other
 * point placed by distance-based triangulation against them. O(n·L) distances.
 */
import type { ModelDistance } from '../../src/core/model-map/index.ts';

export function landmarkMds(n: number, distance: ModelDistance, landmarks = 100): { x: Float64Array; y: Float64Array } {
  const L = Math.min(n, landmarks);
  const chosen = [0];
  const nearest = Float64Array.from({ length: n }, (_, i) => distance(0, i));
  while (chosen.length < L) {
    let far = 0;
    for (let i = 1; i < n; i++) if (nearest[i]! > nearest[far]!) far = i;
    chosen.push(far);
    for (let i = 0; i < n; i++) nearest[i] = Math.min(nearest[i]!, distance(far, i));
  }
  // Squared distances among landmarks, double-centred.
  const d2 = chosen.map((a) => chosen.map((b) => distance(a, b) ** 2));
  const colMean = d2[0]!.map((_, j) => d2.reduce((s, row) => s + row[j]!, 0) / L);
  const all = colMean.reduce((s, v) => s + v, 0) / L;
  const B = d2.map((row, i) => row.map((v, j) => -0.5 * (v - colMean[i]! - colMean[j]! + all)));
  const vectors: number[][] = [];
  const values: number[] = [];
  for (let k = 0; k < 2; k++) {
    let v = Array.from({ length: L }, (_, i) => Math.sin(i + 1 + k));
    let lambda = 0;
    for (let it = 0; it < 300; it++) {
      const w = B.map((row) => row.reduce((s, b, j) => s + b * v[j]!, 0));
      for (const [u, l] of vectors.map((u, q) => [u, values[q]!] as const)) {
        const dot = u.reduce((s, x, j) => s + x * v[j]!, 0);
        for (let j = 0; j < L; j++) w[j] = w[j]! - l * dot * u[j]!;
      }
      const norm = Math.hypot(...w) || 1;
      lambda = norm;
      v = w.map((x) => x / norm);
    }
    vectors.push(v);
    values.push(lambda);
  }
  const x = new Float64Array(n);
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const delta = chosen.map((a) => distance(a, i) ** 2);
    const coords = vectors.map((v, k) => (-0.5 * v.reduce((s, vj, j) => s + vj * (delta[j]! - colMean[j]!), 0)) / Math.sqrt(values[k]! || 1));
    x[i] = coords[0]!;
    y[i] = coords[1]!;
  }
  return { x, y };
}
