/**
 * Collects integrity problems with a cap per code: a snapshot with a million dangling
 * references should produce a readable list and a count, not a million messages.
 */
import type { Problem, ProblemCode } from '../format/index.ts';

export const DEFAULT_PROBLEM_LIMIT = 50;

export class ProblemCollector {
  private readonly listed: Problem[] = [];
  private readonly counts = new Map<ProblemCode, number>();
  private readonly limits: Partial<Record<ProblemCode, number>>;

  constructor(limits: Partial<Record<ProblemCode, number>> = {}) {
    this.limits = limits;
  }

  /** True while another problem of this code would still be listed: lets callers skip building messages. */
  wants(code: ProblemCode): boolean {
    return (this.counts.get(code) ?? 0) < this.limitOf(code);
  }

  /** Counts the problem; `make` is called only when the problem will be listed. */
  add(code: ProblemCode, make: () => Omit<Problem, 'code'>): void {
    const n = this.counts.get(code) ?? 0;
    if (n < this.limitOf(code)) this.listed.push({ code, ...make() });
    this.counts.set(code, n + 1);
  }

  /** Counts problems that were found but not built (e.g. cycles beyond those described). */
  addUnlisted(code: ProblemCode, count: number): void {
    if (count > 0) this.counts.set(code, (this.counts.get(code) ?? 0) + count);
  }

  /** The listed problems plus one summary per code whose problems did not all fit. */
  finish(summaryFile: string): Problem[] {
    const out = [...this.listed];
    for (const [code, n] of this.counts) {
      const shown = Math.min(n, this.limitOf(code));
      if (n > shown) out.push({ code, file: summaryFile, message: `${n - shown} more ${code} problems not listed (${n} in all)` });
    }
    return out;
  }

  private limitOf(code: ProblemCode): number {
    return this.limits[code] ?? DEFAULT_PROBLEM_LIMIT;
  }
}
