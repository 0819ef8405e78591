import { describe, expect, it } from 'vitest';
import { MAX_WASM_THREADS, wasmThreadCount } from './thread-count.ts';

describe('wasmThreadCount', () => {
  it('is one thread without cross-origin isolation, whatever the cores', () => {
    expect(wasmThreadCount(false, 16)).toBe(1);
    expect(wasmThreadCount(false, 2)).toBe(1);
  });

  it('uses every core up to the cap when isolated', () => {
    expect(wasmThreadCount(true, 2)).toBe(2);
    expect(wasmThreadCount(true, 3)).toBe(3);
    expect(wasmThreadCount(true, 64)).toBe(MAX_WASM_THREADS);
    expect(MAX_WASM_THREADS).toBe(4);
  });

  it('falls back to one thread when the core count is unknown or nonsense', () => {
    expect(wasmThreadCount(true, undefined)).toBe(1);
    expect(wasmThreadCount(true, 0)).toBe(1);
    expect(wasmThreadCount(true, Number.NaN)).toBe(1);
    expect(wasmThreadCount(true, 2.5)).toBe(1);
  });
});
