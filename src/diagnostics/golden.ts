/**
 * Golden values written by the Node tools — an embedding model's vectors, an NLI model's
 * probabilities — and how close the browser's must be (vectors compared with
 * embed/vector-diff.ts).
 */
// Types only: the page that compares stays free of the runtime's modules.
import type { NliLabel, NliPair, NliScores } from '../embed/index.ts';

export interface GoldenVectors {
  texts: string[];
  query: number[][];
  passage: number[][];
}

/** golden.json of an NLI model folder (cli/gen-tiny-nli.ts). */
export interface GoldenNli {
  pairs: NliPair[];
  probabilities: NliScores[];
}

export type Golden = GoldenVectors | GoldenNli;

export function isGoldenNli(g: Golden): g is GoldenNli {
  return Array.isArray((g as Partial<GoldenNli>).pairs);
}

export const PARITY_TOLERANCE = 1e-4;

/**
 * Largest difference between NLI probabilities and the golden ones, over every label the
 * golden values name (Infinity when the lists differ in length, NaN when a label is missing).
 */
export function maxScoreDiff(got: readonly NliScores[], golden: readonly NliScores[]): number {
  if (got.length !== golden.length) return Infinity;
  let max = 0;
  golden.forEach((g, i) => {
    for (const l of Object.keys(g) as NliLabel[]) max = Math.max(max, Math.abs(got[i]![l] - g[l]));
  });
  return max;
}
