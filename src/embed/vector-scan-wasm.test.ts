import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { buildBm25 } from '../core/search/bm25-builder.ts';
import { LITERATURE_FORMAT, parseLiteratureManifest } from '../core/search/literature-pack.ts';
import { openPartitionedLiterature, partitionedFiles } from '../core/search/literature-partitioned.ts';
import { listIndexFiles } from '../core/search/part-tables.ts';
import { quantizeRows } from '../core/search/vector-quantize.ts';
import { scoreAllRows } from '../core/search/vector-scan.ts';
import { Prng } from '../testing/prng.ts';
import { createWasmArenaScorer, createWasmVectorScan, SCAN_WASM } from './vector-scan-wasm.ts';

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

describe('WebAssembly arena scorer (a partitioned index’s lists)', () => {
  const query = (prng: Prng, dims: number) => Float32Array.from({ length: dims }, () => prng.next() - 0.5);

  it('gives exactly the scores of the JavaScript scan for many matrices, scored again and again', () => {
    const prng = new Prng(11);
    const scorer = createWasmArenaScorer()!;
    const lists = Array.from({ length: 40 }, (_, i) => random(prng, 1 + ((i * 37) % 300), 256));
    for (let round = 0; round < 3; round++) {
      const q = query(prng, 256);
      for (const m of lists) expect(Array.from(scorer(m)(q))).toEqual(Array.from(scoreAllRows(m, q)));
    }
    // Other widths than 16's multiples go to the JavaScript scan; empty matrices score nothing.
    const odd = random(prng, 4, 20);
    const q = query(prng, 20);
    expect(Array.from(scorer(odd)(q))).toEqual(Array.from(scoreAllRows(odd, q)));
    expect(scorer({ rows: 0, dims: 256, codes: new Int8Array(0), scales: new Float32Array(0) })(query(prng, 256)).length).toBe(0);
  });

  it('tells apart matrices that are views of one buffer at different offsets', () => {
    const prng = new Prng(12);
    const a = random(prng, 8, 32);
    const b = random(prng, 8, 32);
    const shared = new Int8Array(a.codes.length + b.codes.length);
    shared.set(a.codes);
    shared.set(b.codes, a.codes.length);
    const viewA = { ...a, codes: shared.subarray(0, a.codes.length) };
    const viewB = { ...b, codes: shared.subarray(a.codes.length) };
    const scorer = createWasmArenaScorer()!;
    const q = query(prng, 32);
    expect(Array.from(scorer(viewA)(q))).toEqual(Array.from(scoreAllRows(a, q)));
    expect(Array.from(scorer(viewB)(q))).toEqual(Array.from(scoreAllRows(b, q)));
  });

  it('starts again empty when full, and a scorer kept from before still scores its own matrix', () => {
    const prng = new Prng(13);
    // Room for about three matrices of 100 × 64 codes.
    const scorer = createWasmArenaScorer(3 * 100 * 64 + 64)!;
    const first = random(prng, 100, 64);
    const kept = scorer(first);
    const q = query(prng, 64);
    for (let i = 0; i < 10; i++) {
      const m = random(prng, 100, 64);
      expect(Array.from(scorer(m)(q))).toEqual(Array.from(scoreAllRows(m, q)));
    }
    expect(Array.from(kept(q))).toEqual(Array.from(scoreAllRows(first, q)));
  });
});

describe('a partitioned index scanned in the arena', () => {
  const query = (prng: Prng, dims: number) => Float32Array.from({ length: dims }, () => prng.next() - 0.5);

  it('finds the same documents with the same scores as with the JavaScript scan, cold and warm', async () => {
    const prng = new Prng(14);
    const dims = 32;
    const docs = Array.from({ length: 1200 }, (_, i) => ({ id: `d${i}`, title: `t${i % 7}`, text: `w${i % 13} x${i % 5}` }));
    const vectors = random(prng, docs.length, dims);
    const bm25 = buildBm25([{ weight: 1 }, { weight: 1 }], docs.map((d) => [[0, d.title], [1, d.text]] as const));
    const terms = Array.from({ length: bm25.terms.length }, (_, i) => bm25.terms.at(i)!);
    const r = new Prng(1);
    const { files, layout } = partitionedFiles(docs, vectors, { ...bm25, terms }, { random: () => r.next(), encodeUtf8: (t) => new TextEncoder().encode(t), listRows: 50 });
    const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
    const manifest = parseLiteratureManifest(
      JSON.stringify({ format: LITERATURE_FORMAT, docCount: docs.length, dims, model: 'generated', bm25: { k1: bm25.k1, fields: bm25.fields, fieldAvgLengths: Array.from(bm25.fieldAvgLengths) }, keywordWeight: 0.5, partitioned: layout, files: await listIndexFiles(files, async (b) => sha(b)) }),
    );
    const io = { read: async (name: string) => files.get(name)!, sha256: async (b: Uint8Array) => sha(b), decodeUtf8: (b: Uint8Array) => new TextDecoder().decode(b) };
    const js = await openPartitionedLiterature(io, manifest);
    const inArena = createWasmArenaScorer()!;
    let scanned = 0;
    const arena = await openPartitionedLiterature(io, manifest, (m) => (scanned++, inArena(m)));
    expect(layout.ivf.nprobe).toBeLessThan(layout.ivf.lists);
    for (let pass = 0; pass < 2; pass++) {
      for (let i = 0; i < 20; i++) {
        const q = query(new Prng(100 + i), dims);
        expect(await arena.vectorHits(q, 10, [])).toEqual(await js.vectorHits(q, 10, []));
      }
    }
    // The centroids and every probed list, for each of the 40 searches: the arena did the scanning.
    expect(scanned).toBe(40 * (1 + layout.ivf.nprobe));
  });
});
