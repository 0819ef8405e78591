/**
 * How far apart two models are, from what the snapshot knows: a weighted mean of one
 * distance (0…1) per kind of fact, over the facts both models have.
 *
 * - lineage: the shortest path through a shared ancestor (derivation steps weighted by type,
 *   map-input.ts), as 1 − e^(−d / LINEAGE_SCALE); 1 when they share none. Always present.
 * - research: 1 − the research side's similarity (matrix values, or cosine of embeddings).
 * - scores: mean absolute difference on the benchmarks both were evaluated on, each
 *   benchmark scaled by the range of its scores over all models.
 * - size: |log10 of the parameter counts' ratio| / 2 (a hundredfold = 1), at most 1.
 * - language: 1 − Jaccard of the language sets. licence: 0 when the same, else 1.
 *
 * Lineage and research weigh most: they are what a family and a measured likeness are.
 * Everything is precomputed into typed arrays, so one distance costs a few hundred
 * nanoseconds: the exact nearest neighbours of 10,000 models take 50 million of them.
 */
import type { ModelMapInput } from './map-input.ts';

export const FEATURE_WEIGHTS = { lineage: 3, research: 3, scores: 1.5, size: 0.5, language: 0.5, licence: 0.5 } as const;
export const LINEAGE_SCALE = 2;
const SIZE_SCALE = 2;

export type ModelDistance = (i: number, j: number) => number;

export function modelDistance(input: ModelMapInput): ModelDistance {
  const { ancestorOffsets: ao, ancestorNodes: an, ancestorDistances: ad, scoreOffsets: so, scoreKeys: sk, similarityOffsets: mo, similarityModels: mm, similarityValues: mv, embeddings } = input;
  const scores = normalisedScores(input);
  const logSize = Float64Array.from(input.models, (m) => (m.parameterCount && m.parameterCount > 0 ? Math.log10(m.parameterCount) : NaN));
  const languages = languageMasks(input);
  const licenceCodes = new Map<string, number>();
  const licence = Int32Array.from(input.models, (m) => {
    if (!m.license) return -1;
    const key = m.license.toLowerCase();
    return licenceCodes.get(key) ?? licenceCodes.set(key, licenceCodes.size).get(key)!;
  });
  const W = FEATURE_WEIGHTS;

  return (i, j) => {
    if (i === j) return 0;
    // The two merges of sorted lists below (ancestors, scores) are written out rather than
    // shared through a callback: this is the inner loop of up to 10,000 × 10,000 pairs.
    // Lineage: merge the two ascending ancestor lists, keep the shortest path through a shared one.
    let shared = Infinity;
    for (let p = ao[i]!, q = ao[j]!, pe = ao[i + 1]!, qe = ao[j + 1]!; p < pe && q < qe; ) {
      const a = an[p]!;
      const b = an[q]!;
      if (a < b) p++;
      else if (a > b) q++;
      else {
        const d = ad[p]! + ad[q]!;
        if (d < shared) shared = d;
        p++;
        q++;
      }
    }
    let sum = W.lineage * (shared === Infinity ? 1 : 1 - Math.exp(-shared / LINEAGE_SCALE));
    let weight = W.lineage;

    let similarity = -1;
    for (let p = mo[i]!, pe = mo[i + 1]!; p < pe; p++) {
      if (mm[p] === j) {
        similarity = mv[p]!;
        break;
      }
      if (mm[p]! > j) break;
    }
    let found = similarity >= 0 ? 1 : 0;
    if (found === 0) similarity = 0;
    for (const e of embeddings) {
      if (!e.has[i] || !e.has[j]) continue;
      let dot = 0;
      for (let d = 0, a = i * e.dimensions, b = j * e.dimensions; d < e.dimensions; d++) dot += e.vectors[a + d]! * e.vectors[b + d]!;
      similarity += Math.max(0, dot);
      found++;
    }
    if (found > 0) {
      sum += W.research * (1 - similarity / found);
      weight += W.research;
    }

    let shares = 0;
    let diff = 0;
    for (let p = so[i]!, q = so[j]!, pe = so[i + 1]!, qe = so[j + 1]!; p < pe && q < qe; ) {
      const a = sk[p]!;
      const b = sk[q]!;
      if (a < b) p++;
      else if (a > b) q++;
      else {
        diff += Math.abs(scores[p]! - scores[q]!);
        shares++;
        p++;
        q++;
      }
    }
    if (shares > 0) {
      sum += W.scores * (diff / shares);
      weight += W.scores;
    }

    const si = logSize[i]!;
    const sj = logSize[j]!;
    if (si === si && sj === sj) {
      sum += W.size * Math.min(1, Math.abs(si - sj) / SIZE_SCALE);
      weight += W.size;
    }
    const li = languages[i]!;
    const lj = languages[j]!;
    if (li !== 0 && lj !== 0) {
      sum += W.language * (1 - popcount(li & lj) / popcount(li | lj));
      weight += W.language;
    }
    const ci = licence[i]!;
    const cj = licence[j]!;
    if (ci >= 0 && cj >= 0) {
      sum += W.licence * (ci === cj ? 0 : 1);
      weight += W.licence;
    }
    return sum / weight;
  };
}

/** Each score scaled to 0…1 by its benchmark's range over all models (index-aligned with scoreValues). */
function normalisedScores(input: ModelMapInput): Float64Array {
  const lo = new Float64Array(input.benchmarks.length).fill(Infinity);
  const hi = new Float64Array(input.benchmarks.length).fill(-Infinity);
  input.scoreKeys.forEach((k, p) => {
    lo[k] = Math.min(lo[k]!, input.scoreValues[p]!);
    hi[k] = Math.max(hi[k]!, input.scoreValues[p]!);
  });
  return Float64Array.from(input.scoreValues, (v, p) => {
    const k = input.scoreKeys[p]!;
    const range = hi[k]! - lo[k]!;
    return range > 0 ? (v - lo[k]!) / range : 0;
  });
}

/** Languages as bits; past 31 distinct languages the rest share the last bit. */
function languageMasks(input: ModelMapInput): Uint32Array {
  const bits = new Map<string, number>();
  return Uint32Array.from(input.models, (m) => {
    let mask = 0;
    for (const lang of m.languages ?? []) {
      const key = lang.toLowerCase();
      const bit = bits.get(key) ?? bits.set(key, Math.min(31, bits.size)).get(key)!;
      mask |= 1 << bit;
    }
    return mask >>> 0;
  });
}

function popcount(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return (((x + (x >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}
