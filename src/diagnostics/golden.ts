/** Comparing vectors with golden ones written by the Node tools (pure, tested in Node). */
export interface GoldenVectors {
  texts: string[];
  query: number[][];
  passage: number[][];
}

/** Largest absolute difference between two lists of vectors; Infinity if their shapes differ. */
export function maxAbsDiff(a: readonly (readonly number[])[], b: readonly (readonly number[])[]): number {
  if (a.length !== b.length) return Infinity;
  let max = 0;
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (x.length !== y.length) return Infinity;
    for (let j = 0; j < x.length; j++) max = Math.max(max, Math.abs(x[j]! - y[j]!));
  }
  return max;
}

export const PARITY_TOLERANCE = 1e-4;
