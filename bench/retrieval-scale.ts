/**
 * Vector scan at corpus scale: top-10 over N random int8 vectors of 256 dimensions, the
 * work one query does in the browser's search worker, with the JavaScript scan and the
 * WebAssembly SIMD one. Reported against the memory
 * traffic it implies (N × 256 bytes per query), since a scan is memory-bound at best.
 *
 *   npx tsx bench/retrieval-scale.ts [N=100000] [dims=256]
 */
import { l2NormalizeInPlace } from '../src/core/search/vector-pooling.ts';
import { quantizeInt8, type Int8Matrix } from '../src/core/search/vector-quantize.ts';
import { scoreAllRows, topK } from '../src/core/search/vector-scan.ts';
import { createWasmVectorScan } from '../src/embed/vector-scan-wasm.ts';
import { Prng } from '../src/testing/prng.ts';
import { summarize } from './lib/stats.ts';

const n = Number(process.argv[2] ?? 100_000);
const dims = Number(process.argv[3] ?? 256);
const prng = new Prng(1);
const codes = new Int8Array(n * dims);
const scales = new Float32Array(n);
const row = new Float32Array(dims);
for (let r = 0; r < n; r++) {
  for (let d = 0; d < dims; d++) row[d] = prng.next() - 0.5;
  const q = quantizeInt8(l2NormalizeInPlace(row));
  codes.set(q.codes, r * dims);
  scales[r] = q.scale;
}
const matrix: Int8Matrix = { rows: n, dims, codes, scales };
const queries = Array.from({ length: 60 }, () => l2NormalizeInPlace(Float32Array.from({ length: dims }, () => prng.next() - 0.5)));
function measure(label: string, score: (q: Float32Array) => Float32Array): void {
  const times: number[] = [], scanTimes: number[] = [];
  for (const [i, q] of queries.entries()) {
    const t = performance.now();
    const scores = score(q);
    const t1 = performance.now();
    topK(scores, 10);
    // The first runs warm up the JIT.
    if (i >= 10) {
      times.push(performance.now() - t);
      scanTimes.push(t1 - t);
    }
  }
  const s = summarize(times);
  const mb = (n * dims) / 1e6;
  console.log(
    `${label}: ${n} × ${dims} int8 (${mb.toFixed(1)} MB) top-10: median ${s.medianMs.toFixed(2)} ms, p95 ${s.p95Ms.toFixed(2)} ms ` +
      `(scoring alone ${summarize(scanTimes).medianMs.toFixed(2)} ms) = ${(mb / 1000 / (s.medianMs / 1000)).toFixed(2)} GB/s of vector data`,
  );
}

measure('JavaScript scan', (q) => scoreAllRows(matrix, q));
const wasm = createWasmVectorScan(matrix);
if (wasm) measure('WebAssembly SIMD scan', (q) => wasm.scoreAllRows(q));
else console.log('WebAssembly SIMD is not available here');
