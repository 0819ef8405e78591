import { describe, expect, it } from 'vitest';
import { quantizeRows } from '../core/search/vector-quantize.ts';
import { scoreAllRows } from '../core/search/vector-scan.ts';
import { Prng } from '../testing/prng.ts';
import { createWasmVectorScan, SCAN_WASM } from './vector-scan-wasm.ts';

const random = (prng: Prng, rows: number, dims: number) =>
  quantizeRows(Array.from({ length: rows }, () => Array.from({ length: dims }, () => prng.next() - 0.5)), dims);

describe('WebAssembly SIMD vector scan', () => {
  it('is a valid module', () => {
    expect(WebAssembly.validate(SCAN_WASM)).toBe(true);
  });

  it('gives exactly the scores of the JavaScript scan', () => {
    const prng = new Prng(8);
    for (const [rows, dims] of [[300, 256], [5, 16], [1, 384], [3, 1024]] as const) {
      const m = random(prng, rows, dims);
      const scan = createWasmVectorScan(m)!;
      for (let i = 0; i < 3; i++) {
        const q = Float32Array.from({ length: dims }, () => prng.next() - 0.5);
        expect(Array.from(scan.scoreAllRows(q))).toEqual(Array.from(scoreAllRows(m, q)));
      }
    }
  });

  it('handles the extremes of int8 codes without overflow, and a zero query', () => {
    for (const dims of [256, 1024, 4096]) {
      const m = quantizeRows([new Array(dims).fill(-1), new Array(dims).fill(1)], dims);
      const q = new Float32Array(dims).fill(-1);
      const scores = createWasmVectorScan(m)!.scoreAllRows(q);
      expect(Array.from(scores)).toEqual(Array.from(scoreAllRows(m, q)));
      expect(scores[0]).toBeCloseTo(dims, 0); // not wrapped around to a negative number
    }
    const m = quantizeRows([new Array(256).fill(-1), new Array(256).fill(1)], 256);
    const scan = createWasmVectorScan(m)!;
    expect(Array.from(scan.scoreAllRows(new Float32Array(256)))).toEqual([0, 0]);
  });

  it('declines widths it cannot scan (the JavaScript scan takes over)', () => {
    expect(createWasmVectorScan(random(new Prng(1), 2, 7))).toBeNull();
  });

  it('rejects a query of the wrong width', () => {
    expect(() => createWasmVectorScan(random(new Prng(1), 2, 16))!.scoreAllRows(new Float32Array(32))).toThrow(/32 dimensions/);
  });
});
