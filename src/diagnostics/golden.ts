/** Comparing vectors with golden ones written by the Node tools (pure, tested in Node). */
export interface GoldenVectors {
  texts: string[];
  query: number[][];
  passage: number[][];
}

/** Largest absolute difference between two lists of vectors; Infinity if their shapes differ. */
export { maxVectorDiff as maxAbsDiff } from '../embed/vector-diff.ts';

export const PARITY_TOLERANCE = 1e-4;
