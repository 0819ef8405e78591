/** Largest absolute difference between two lists of vectors; Infinity if their shapes differ. */
export function maxVectorDiff(a: readonly ArrayLike<number>[], b: readonly ArrayLike<number>[]): number {
  if (a.length !== b.length) return Infinity;
  let max = 0;
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (x.length !== y.length) return Infinity;
    for (let d = 0; d < x.length; d++) max = Math.max(max, Math.abs(x[d]! - y[d]!));
  }
  return max;
}
