/**
 * The int8 vector scan as a WebAssembly SIMD kernel: 16 codes per load, widened to int16
 * and multiplied with the int16 query by `i32x4.dot_i16x8_s`, integer sums. JavaScript's
 * scalar loop tops out well below memory speed; this reads the matrix at a good fraction
 * of it (bench/retrieval-scale.ts). Integer maths throughout, so the scores are exactly
 * those of the JavaScript scan in src/core/search/vector-scan.ts for the same query.
 *
 * The module is a few hundred bytes, assembled here rather than shipped as a binary so that
 * what it does can be read: the instruction list in `scanBody` is the whole kernel.
 * Lives in src/embed because src/core has no WebAssembly types (no DOM, no Node).
 */
import { queryIntRange } from '../core/search/vector-scan.ts';
import type { Int8Matrix } from '../core/search/vector-quantize.ts';
import { jsRowScorer, type RowScorer } from '../core/search/vector-ivf.ts';

const leb = (n: number): number[] => {
  const out: number[] = [];
  do {
    let byte = n & 0x7f;
    n >>>= 7;
    if (n !== 0) byte |= 0x80;
    out.push(byte);
  } while (n !== 0);
  return out;
};
const sleb = (n: number): number[] => {
  const out: number[] = [];
  for (;;) {
    const byte = n & 0x7f;
    n >>= 7;
    if ((n === 0 && (byte & 0x40) === 0) || (n === -1 && (byte & 0x40) !== 0)) return [...out, byte];
    out.push(byte | 0x80);
  }
};
const section = (id: number, body: number[]) => [id, ...leb(body.length), ...body];
const name = (s: string) => [...leb(s.length), ...Array.from(s, (c) => c.charCodeAt(0))];

// Instructions used (WebAssembly core + fixed-width SIMD).
const get = (i: number) => [0x20, i], set = (i: number) => [0x21, i], tee = (i: number) => [0x22, i];
const i32c = (n: number) => [0x41, ...sleb(n)];
const ADD = 0x6a, SHL = 0x74, EQZ = 0x45, LT_U = 0x49, END = 0x0b;
const simd = (op: number, ...imm: number[]) => [0xfd, ...leb(op), ...imm];
const v128Load = (offset: number) => simd(0x00, 0, ...leb(offset));
const I32X4_SPLAT = 0x11, I32X4_EXTRACT = 0x1b, EXT_LOW_S = 0x87, EXT_HIGH_S = 0x88, I32X4_ADD = 0xae, DOT = 0xba;

// scan(codes, rows, dims, query, out): out[r] = Σ_d codes[r·dims + d] · query[d] (int32),
// dims a multiple of 16, query as int16 at `query`.
const [CODES, ROWS, DIMS, QUERY, OUT, R, C, D, ACC, V] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9];
const queryAt = (offset: number) => [...get(QUERY), ...get(D), ...i32c(1), SHL, ADD, ...v128Load(offset)];
const scanBody = [
  ...get(CODES), ...set(C),
  ...i32c(0), ...set(R),
  0x02, 0x40, // block
  ...get(ROWS), EQZ, 0x0d, 0, // br_if out when rows = 0
  0x03, 0x40, // loop over rows
  ...i32c(0), ...simd(I32X4_SPLAT), ...set(ACC),
  ...i32c(0), ...set(D),
  0x03, 0x40, // loop over dims, 16 at a time
  ...get(C), ...get(D), ADD, ...v128Load(0), ...set(V),
  ...get(ACC),
  ...get(V), ...simd(EXT_LOW_S), ...queryAt(0), ...simd(DOT), ...simd(I32X4_ADD),
  ...get(V), ...simd(EXT_HIGH_S), ...queryAt(16), ...simd(DOT), ...simd(I32X4_ADD),
  ...set(ACC),
  ...get(D), ...i32c(16), ADD, ...tee(D), ...get(DIMS), LT_U, 0x0d, 0, // br_if dims loop
  END,
  ...get(OUT), ...get(R), ...i32c(2), SHL, ADD,
  ...get(ACC), ...simd(I32X4_EXTRACT, 0),
  ...get(ACC), ...simd(I32X4_EXTRACT, 1), ADD,
  ...get(ACC), ...simd(I32X4_EXTRACT, 2), ADD,
  ...get(ACC), ...simd(I32X4_EXTRACT, 3), ADD,
  0x36, 2, 0, // i32.store
  ...get(C), ...get(DIMS), ADD, ...set(C),
  ...get(R), ...i32c(1), ADD, ...tee(R), ...get(ROWS), LT_U, 0x0d, 0, // br_if rows loop
  END,
  END, // block
  END, // function
];

const I32 = 0x7f, V128 = 0x7b;
const functionBody = [2, 3, I32, 2, V128, ...scanBody]; // locals: 3 × i32 (R, C, D), 2 × v128 (ACC, V)
export const SCAN_WASM = Uint8Array.from([
  0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
  ...section(1, [1, 0x60, 5, I32, I32, I32, I32, I32, 0]),
  ...section(3, [1, 0]),
  ...section(5, [1, 0x00, 1]),
  ...section(7, [2, ...name('memory'), 0x02, 0, ...name('scan'), 0x00, 0]),
  ...section(10, [1, ...leb(functionBody.length), ...functionBody]),
]);

const PAGE = 65536;
const align16 = (n: number) => (n + 15) & ~15;

export interface WasmVectorScan {
  /** Scores of every row, as scoreAllRows in src/core/search/vector-scan.ts computes them. */
  scoreAllRows(query: Float32Array): Float32Array;
}

/**
 * Copies the matrix into a WebAssembly memory once and returns a scanner, or null where
 * WebAssembly SIMD is unavailable or the width is not a multiple of 16 (use the
 * JavaScript scan there).
 */
export function createWasmVectorScan(matrix: Int8Matrix): WasmVectorScan | null {
  const { rows, dims, codes } = matrix;
  if (dims % 16 !== 0 || dims > 65536 || typeof WebAssembly === 'undefined' || !WebAssembly.validate(SCAN_WASM)) return null;
  const instance = new WebAssembly.Instance(new WebAssembly.Module(SCAN_WASM));
  const memory = instance.exports.memory as WebAssembly.Memory;
  const scan = instance.exports.scan as ScanExport;
  // [query as int16][sums][codes]
  const outAt = align16(dims * 2);
  const codesAt = align16(outAt + rows * 4);
  const needed = codesAt + codes.length;
  if (needed > memory.buffer.byteLength) memory.grow(Math.ceil((needed - memory.buffer.byteLength) / PAGE));
  new Int8Array(memory.buffer, codesAt, codes.length).set(codes);
  return { scoreAllRows: (query) => scanInMemory(memory, scan, { codesAt, outAt }, matrix, query) };
}

type ScanExport = (codes: number, rows: number, dims: number, q: number, out: number) => void;

/**
 * Scores a query against rows whose codes lie in the memory at `codesAt`: the query is
 * quantised to int16 at the memory's start, the sums written at `outAt` (the memory must
 * hold them), then scaled as scoreAllRows in src/core/search/vector-scan.ts scales them.
 */
function scanInMemory(memory: WebAssembly.Memory, scan: ScanExport, at: { codesAt: number; outAt: number }, matrix: Pick<Int8Matrix, 'rows' | 'dims' | 'scales'>, query: Float32Array): Float32Array {
  const { rows, dims, scales } = matrix;
  if (query.length !== dims) throw new Error(`query has ${query.length} dimensions, index has ${dims}`);
  let qMax = 0;
  for (let d = 0; d < dims; d++) qMax = Math.max(qMax, Math.abs(query[d]!));
  const out = new Float32Array(rows);
  if (qMax === 0 || rows === 0) return out;
  const qScale = queryIntRange(dims) / qMax;
  // Views made now: growing the memory detaches the old buffer.
  const q = new Int16Array(memory.buffer, 0, dims);
  for (let d = 0; d < dims; d++) q[d] = Math.round(query[d]! * qScale);
  scan(at.codesAt, rows, dims, 0, at.outAt);
  const sums = new Int32Array(memory.buffer, at.outAt, rows);
  const inv = 1 / qScale;
  for (let r = 0; r < rows; r++) out[r] = sums[r]! * scales[r]! * inv;
  return out;
}

/** A RowScorer (src/core/search/vector-ivf.ts) on this kernel, falling back to the JavaScript scan where it cannot run. */
export const wasmRowScorer: RowScorer = (matrix) => {
  const scan = createWasmVectorScan(matrix);
  return scan ? (q) => scan.scoreAllRows(q) : jsRowScorer(matrix);
};

/**
 * Bytes of codes an arena scorer keeps in its memory before it starts again empty: the
 * lists of five cold queries on a million documents (about 12 MB each), so a long session
 * does not grow its memory without end while warm queries find their lists there.
 */
export const ARENA_BYTES = 64 * 1024 * 1024;

/**
 * A RowScorer for many small matrices met over time — a partitioned index's vector lists
 * and centroids — on one WebAssembly instance, whose memory keeps each matrix's codes from
 * the first time it is scored (keyed by the bytes they are a view of, which the index keeps
 * while the part is cached), so a warm query copies nothing. wasmRowScorer compiles an
 * instance per matrix: for the 182 lists of 256 rows a query scans on a million documents
 * that cost as much as the JavaScript scan (about 22 ms in Node), while the kernel itself
 * scans those 47,000 rows in under 2 ms. Null where WebAssembly SIMD is unavailable.
 */
export function createWasmArenaScorer(maxBytes = ARENA_BYTES): RowScorer | null {
  if (typeof WebAssembly === 'undefined' || !WebAssembly.validate(SCAN_WASM)) return null;
  const instance = new WebAssembly.Instance(new WebAssembly.Module(SCAN_WASM));
  const memory = instance.exports.memory as WebAssembly.Memory;
  const scan = instance.exports.scan as ScanExport;
  // [query: up to 65,536 int16][codes of the matrices seen, one after another][sums of the scan in progress]
  const arenaStart = 65536 * 2;
  let top = arenaStart;
  let placed = new WeakMap<ArrayBufferLike, Map<number, { at: number; length: number }>>();
  // Grown by doubling: each growth may copy the whole memory. A first version grew by what
  // each list needed (with a 256 MB arena) and made cold queries, where every list is new,
  // four times slower in Node on 100,000 documents (74.9 against 18.6 ms at p50).
  const ensure = (bytes: number) => {
    const size = memory.buffer.byteLength;
    if (bytes > size) memory.grow(Math.ceil((Math.max(bytes, Math.min(2 * size, maxBytes + arenaStart + 16 * PAGE)) - size) / PAGE));
  };
  /** Where these codes lie in the memory, copied there first if they are not (or no longer) there. */
  const place = (codes: Int8Array): number => {
    let offsets = placed.get(codes.buffer);
    const known = offsets?.get(codes.byteOffset);
    if (known && known.length === codes.length) return known.at;
    if (top - arenaStart + codes.length > maxBytes) {
      top = arenaStart;
      placed = new WeakMap();
      offsets = undefined;
    }
    if (!offsets) placed.set(codes.buffer, (offsets = new Map()));
    const at = top;
    top = align16(top + codes.length);
    ensure(top);
    new Int8Array(memory.buffer, at, codes.length).set(codes);
    offsets.set(codes.byteOffset, { at, length: codes.length });
    return at;
  };
  return (matrix) => {
    const { rows, dims, codes } = matrix;
    if (dims % 16 !== 0 || dims > 65536) return jsRowScorer(matrix);
    place(codes);
    return (query) => {
      // Placed again if the arena started over since (a scorer may be kept across queries).
      const codesAt = place(codes);
      ensure(top + rows * 4);
      return scanInMemory(memory, scan, { codesAt, outAt: top }, matrix, query);
    };
  };
}
