/** Small statistics and timing helpers for the benchmarks. */
import { PerformanceObserver } from 'node:perf_hooks';
import { quantileOfSorted as quantile } from '../../src/core/search/quantile.ts';

export interface Summary {
  runs: number;
  medianMs: number;
  p95Ms: number;
  minMs: number;
  maxMs: number;
}

/** `sorted` must be ascending. */
export { quantile };

export function summarize(timesMs: readonly number[]): Summary {
  const sorted = [...timesMs].sort((a, b) => a - b);
  return { runs: sorted.length, medianMs: quantile(sorted, 0.5), p95Ms: quantile(sorted, 0.95), minMs: sorted[0] ?? NaN, maxMs: sorted.at(-1) ?? NaN };
}

export function time<R>(fn: () => R): { ms: number; result: R } {
  const t0 = performance.now();
  const result = fn();
  return { ms: performance.now() - t0, result };
}

/** Collects garbage when Node runs with --expose-gc (the benchmark's child processes do). */
export function collectGarbage(): boolean {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) return false;
  gc();
  gc();
  return true;
}

/** Decimal megabyte, for sizes and throughput (MB/s). */
export const MB = 1e6;
/** Binary mebibyte, for memory. */
export const MiB = 1024 * 1024;

/**
 * Garbage-collection pause time, from Node's performance timeline. `since()` gives the
 * pauses recorded after a mark; entries arrive asynchronously, so await `settle()` first.
 */
export class GcClock {
  private totalMs = 0;
  private readonly observer: PerformanceObserver;

  constructor() {
    this.observer = new PerformanceObserver((list) => {
      for (const e of list.getEntries()) this.totalMs += e.duration;
    });
    this.observer.observe({ entryTypes: ['gc'] });
  }

  mark(): number {
    return this.totalMs;
  }

  async since(mark: number): Promise<number> {
    await new Promise((resolve) => setTimeout(resolve, 0));
    return this.totalMs - mark;
  }

  stop(): void {
    this.observer.disconnect();
  }
}
