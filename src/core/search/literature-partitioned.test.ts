import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { Prng } from '../../testing/prng.ts';
import { buildBm25 } from './bm25-builder.ts';
import { LITERATURE_FORMAT, parseLiteratureManifest, type LiteratureDoc, type LiteratureManifest, type LiteraturePackIo } from './literature-pack.ts';
import { listIndexFiles, partTableFile } from './part-tables.ts';
import { bundleOf, bundleOffsets, writePartBundles } from './part-bundles.ts';
import { DOCS_BLOCK_BYTES, docsFile, docsPerBlockFor, listFile, MAX_DOCS_BLOCKS, openPartitionedLiterature, PARTITION_FILES, partitionedFiles, postingsFile, RECALL_TARGET, rowsFile, type PartFault } from './literature-partitioned.ts';
import { hybridSearch, keywordSearch } from './literature-search.ts';
import { DEFAULT_TIER_SLACK, tierLength } from './postings-tiers.ts';
import { quantizeRows } from './vector-quantize.ts';
import { RERANK_CANDIDATES } from './vector-int4.ts';
import { probeOrder } from './vector-ivf.ts';
import { searchInt8 } from './vector-scan.ts';

// Generated data: documents on 40 topics, each a noisy copy of its topic's direction, with
// words of its topic and a few shared ones, so lists and postings have structure to find.
const DIMS = 32;
const TOPICS = 40;
const DOCS = 4000;
const prng = new Prng(7);
const unit = (v: number[]) => {
  const n = Math.hypot(...v);
  return v.map((x) => x / n);
};
const centers = Array.from({ length: TOPICS }, () => unit(Array.from({ length: DIMS }, () => prng.next() - 0.5)));
const noisy = (topic: number, noise: number) => unit(centers[topic]!.map((x) => x + noise * (prng.next() - 0.5)));
const topicOf = Array.from({ length: DOCS }, () => prng.int(TOPICS));
// Words of letters only, so that each is one keyword term.
const letters = (n: number) => String.fromCharCode(97 + (n % 26), 97 + Math.floor(n / 26));
const word = (t: number, j: number) => `w${letters(t)}x${letters(j)}`;
const topicWord = (t: number) => `topic${letters(t)}`;
const docs: LiteratureDoc[] = topicOf.map((t, i) => ({
  id: `d${i}`,
  title: `${topicWord(t)} study ${prng.int(5) === 0 ? 'common' : ''}`,
  text: Array.from({ length: 6 }, () => word(t, prng.int(30))).join(' ') + (prng.chance(0.3) ? ' shared' : ''),
}));
const vectors = quantizeRows(topicOf.map((t) => noisy(t, 0.9)), DIMS);
const bm25 = buildBm25([{ weight: 1, prefix: true }, { weight: 1 }], docs.map((d) => [[0, d.title], [1, d.text]] as const));
const terms = Array.from({ length: bm25.terms.length }, (_, i) => bm25.terms.at(i)!);

const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

/**
 * The index's files and manifest as the indexer writes them: the parts through part tables,
 * or (`everyPart`) each listed in the manifest, as indexes written before part tables are.
 */
async function build(seed = 1, { everyPart = false, listCodes }: { everyPart?: boolean; listCodes?: 'int8' | 'int4' } = {}) {
  const r = new Prng(seed);
  // A first tier of 256 postings: 4,000 documents' common words then span tiers, as a million's do at FIRST_TIER.
  const { files, layout } = partitionedFiles(docs, vectors, { ...bm25, terms }, { random: () => r.next(), encodeUtf8: (t) => new TextEncoder().encode(t), listRows: 100, postingsBlockBytes: 4096, docsPerBlock: 50, firstTier: 256, ...(listCodes ? { listCodes } : {}) });
  const listed = everyPart ? Object.fromEntries([...files].map(([n, b]) => [n, { sha256: sha(b), bytes: b.byteLength }])) : await listIndexFiles(files, async (b) => sha(b));
  const manifest: LiteratureManifest = parseLiteratureManifest(
    JSON.stringify({
      format: LITERATURE_FORMAT,
      docCount: DOCS,
      dims: DIMS,
      model: 'generated',
      bm25: { k1: bm25.k1, fields: bm25.fields, fieldAvgLengths: Array.from(bm25.fieldAvgLengths) },
      keywordWeight: 0.5,
      partitioned: layout,
      files: listed,
    }),
  );
  return { files, manifest };
}

/** An index over these files, recording which files it read (and reading several parts at once with `readParts`, if given). */
async function open(files: Map<string, Uint8Array>, manifest: LiteratureManifest, readParts?: LiteraturePackIo['readParts']) {
  const reads: string[] = [];
  const index = await openPartitionedLiterature(
    {
      read: async (name) => {
        reads.push(name);
        const b = files.get(name);
        if (!b) throw new Error(`${name}: not found`);
        return b;
      },
      ...(readParts ? { readParts } : {}),
      sha256: async (b) => sha(b),
      decodeUtf8: (b) => new TextDecoder().decode(b),
    },
    manifest,
  );
  return { index, reads };
}

// Queries from the documents' distribution (new draws, not documents).
const queries = Array.from({ length: 100 }, (_, i) => Float32Array.from(noisy(i % TOPICS, 0.9)));

const { files, manifest } = await build();

describe('the manifest of a partitioned index', () => {
  it('says how its postings store frequencies, and is refused when it names a storage the reader does not know', () => {
    expect(manifest.partitioned!.postingTiers!.frequencies).toBe('float16');
    const json = JSON.parse(JSON.stringify(manifest)) as { partitioned: { postingTiers: { frequencies?: string } } };
    json.partitioned.postingTiers.frequencies = 'bfloat16';
    expect(() => parseLiteratureManifest(JSON.stringify(json))).toThrow(/postingTiers.frequencies must be "float16" \(or absent, for float32\), not "bfloat16"/);
    delete json.partitioned.postingTiers.frequencies;
    expect(parseLiteratureManifest(JSON.stringify(json)).partitioned!.postingTiers!.frequencies).toBeUndefined();
  });
});

describe('documents blocks', () => {
  const utf8 = (t: string) => new TextEncoder().encode(t);
  const doc = (i: number, text: string) => ({ id: `d${i}`, title: 'T', text, source: 's', year: 2020 });

  it('hold about DOCS_BLOCK_BYTES of documents, so a query’s ten hits fetch about ten times that', () => {
    const short = Array.from({ length: 5000 }, (_, i) => doc(i, 'x'.repeat(600)));
    const long = Array.from({ length: 5000 }, (_, i) => doc(i, '腎'.repeat(500))); // 1,500 bytes of UTF-8
    const perShort = docsPerBlockFor(short, utf8);
    const perLong = docsPerBlockFor(long, utf8);
    const bytesOf = (d: readonly object[]) => utf8(JSON.stringify(d)).byteLength;
    for (const [docs, per] of [[short, perShort], [long, perLong]] as const) {
      const block = bytesOf(docs.slice(0, per));
      expect(block).toBeGreaterThan(DOCS_BLOCK_BYTES * 0.9);
      expect(block).toBeLessThan(DOCS_BLOCK_BYTES * 1.1);
    }
    expect(perLong).toBeLessThan(perShort);
  });

  it('grow past that rather than make more than MAX_DOCS_BLOCKS blocks, whose table is read on open', () => {
    const many = Array.from({ length: MAX_DOCS_BLOCKS * 20 }, (_, i) => doc(i, 'x'.repeat(600)));
    expect(docsPerBlockFor(many, utf8)).toBe(20);
    expect(docsPerBlockFor([], utf8)).toBe(1);
  });
});

describe('a partitioned literature index', () => {

  it('finds ≥ 95 % of the exact scan’s top 10 with the nprobe the indexer chose, probing a minority of the lists', async () => {
    const { index } = await open(files, manifest);
    const { lists, nprobe } = manifest.partitioned!.ivf;
    expect(lists).toBe(40);
    expect(nprobe).toBeLessThan(lists / 2);
    let found = 0;
    for (const q of queries) {
      const exact = searchInt8(vectors, q, 10);
      const kth = exact[9]!.score;
      // Tie-aware, as the indexer measures it: a hit scoring at least the exact 10th counts.
      const approx = await index.vectorHits(q, 10, []);
      found += approx.filter((h) => h.score >= kth).length;
      // Every candidate keeps the exact scan's score.
      const exactScores = new Map(searchInt8(vectors, q, DOCS).map((h) => [h.doc, h.score]));
      for (const h of approx) expect(h.score).toBe(exactScores.get(h.doc));
    }
    expect(found / (10 * queries.length)).toBeGreaterThanOrEqual(0.95);
  });

  it('answers keyword queries exactly as the whole index does when told to read every tier, reading only the postings of the query’s terms', async () => {
    const { index, reads } = await open(files, manifest);
    index.tierSlack = null;
    const opened = reads.length;
    for (const q of [`${topicWord(3)} ${word(3, 4)}`, 'shared common', `${word(17, 2)} ${word(17, 3)} ${topicWord(9)}`, 'nothing-here']) {
      expect(await index.keywordHits(q, 20, {}, [])).toEqual(keywordSearch(bm25, q, 20));
    }
    const postings = reads.slice(opened).filter((n) => n.startsWith('postings/'));
    expect(postings.length).toBeGreaterThan(0);
    expect(postings.length).toBeLessThan(manifest.partitioned!.postingBlocks / 2);
    expect(reads.slice(opened).some((n) => n.startsWith('lists/'))).toBe(false);
  });

  it('keeps a deeper tier’s short slices in blocks of the smallest size, so a term’s last postings do not fetch a whole slice’s worth of others', () => {
    // Tiers of 64, 192, 768 … and blocks of 1,024 bytes counted (128 postings): the topic
    // words' postings (about 100 each) end in tier 1, in slices shorter than a block.
    const r = new Prng(1);
    const { files: small, layout } = partitionedFiles(docs, vectors, { ...bm25, terms }, { random: () => r.next(), encodeUtf8: (t) => new TextEncoder().encode(t), listRows: 100, postingsBlockBytes: 1024, docsPerBlock: 50, firstTier: 64 });
    const tiers = layout.postingTiers!;
    const all = new Int32Array(small.get(PARTITION_FILES.blocks)!.slice().buffer);
    const df = (t: number) => bm25.postingOffsets[t + 1]! - bm25.postingOffsets[t]!;
    let shared = 0;
    let at = tiers.blocks[0]! + 1;
    for (let level = 1; level < tiers.blocks.length; level++) {
      const starts = all.subarray(at, at + tiers.blocks[level]! + 1);
      at += starts.length;
      for (let b = 0; b + 1 < starts.length; b++) {
        const slices: number[] = [];
        for (let t = starts[b]!; t < starts[b + 1]!; t++) if (tierLength(tiers, df(t), level) > 0) slices.push(tierLength(tiers, df(t), level));
        if (slices.length < 2) continue;
        shared++;
        // The block closed as soon as its slices reached 128 postings, not a whole slice's 192.
        expect(slices.slice(0, -1).reduce((a, n) => a + n, 0)).toBeLessThan(128);
      }
    }
    expect(shared).toBeGreaterThan(5);
  });

  it('finds ≥ 95 % of the exact keyword top 10 reading a fraction of the postings of common terms', async () => {
    const { index } = await open(files, manifest);
    expect(manifest.partitioned!.postingTiers!.blocks.length).toBeGreaterThan(1);
    let found = 0;
    let total = 0;
    for (let i = 0; i < 60; i++) {
      // A topic's words with the corpus's common ones: long postings that tier 0 only begins.
      const q = `${topicWord(i % TOPICS)} ${word(i % TOPICS, i % 30)} study shared common`;
      const exact = keywordSearch(bm25, q, 10);
      const kth = exact[exact.length - 1]!.score;
      const exactScore = new Map(keywordSearch(bm25, q, DOCS).map((h) => [h.doc, h.score]));
      const approx = await index.keywordHits(q, 10, {}, []);
      // Tie-aware: a document found counts if its exact score is at least the exact 10th.
      found += approx.filter((h) => exactScore.get(h.doc)! >= kth).length;
      total += exact.length;
      // No document left out scores more than slack past the 10th found.
      const left = [...exactScore].filter(([d]) => !approx.some((h) => h.doc === d));
      for (const [, score] of left) expect(score).toBeLessThanOrEqual((1 + DEFAULT_TIER_SLACK) * approx[9]!.score + 1e-5);
    }
    expect(found / total).toBeGreaterThanOrEqual(0.95);
    expect(index.tierReads.postings).toBeLessThan(index.tierReads.of / 2);
  });

  it('gives hybrid results equal to the whole index’s when every list is probed, with their documents', async () => {
    const { index } = await open(files, manifest);
    index.tierSlack = null;
    const whole = { manifest, docs, vectors, bm25 };
    for (const [i, q] of [`${topicWord(5)} study`, `${word(12, 7)} shared`].entries()) {
      const v = queries[i * 7]!;
      const r = await index.search(q, v, { k: 10, nprobe: manifest.partitioned!.ivf.lists });
      expect(r.faults).toEqual([]);
      expect(r.hits).toEqual(hybridSearch(whole, q, v, { k: 10 }));
      // The benchmark's phases: the lists are scanned after they arrive, the documents read last.
      const { keywordMs, listsFetchedMs, vectorMs, docsMs } = r.phases!;
      expect(listsFetchedMs).toBeGreaterThanOrEqual(0);
      expect(listsFetchedMs).toBeLessThanOrEqual(vectorMs);
      expect(Math.max(keywordMs, vectorMs)).toBeLessThanOrEqual(docsMs);
      for (const h of r.hits) expect(r.docs.get(h.doc)).toEqual(docs[h.doc]);
    }
  });

  it('chooses nprobe with the corpus’s pseudo-queries when the indexer gives them, at the recall target', async () => {
    const r = new Prng(1);
    const probeQueries = Array.from({ length: 120 }, (_, i) => Float32Array.from(noisy(i % TOPICS, 0.9)));
    const { layout } = partitionedFiles(docs, vectors, { ...bm25, terms }, { random: () => r.next(), encodeUtf8: (t) => new TextEncoder().encode(t), listRows: 100, postingsBlockBytes: 4096, docsPerBlock: 50, firstTier: 256, probeQueries });
    expect(layout.ivf.target).toBe(RECALL_TARGET);
    expect(layout.ivf.recall).toBeGreaterThanOrEqual(RECALL_TARGET);
    // The fewest lists that reach it: one fewer does not, measured on those same queries.
    const fewer = { ...manifest, partitioned: layout };
    const { index } = await open(files, fewer);
    let found = 0;
    for (const q of probeQueries) {
      const kth = searchInt8(vectors, q, 10)[9]!.score;
      found += (await index.vectorHits(q, 10, [], { nprobe: layout.ivf.nprobe - 1 })).filter((h) => h.score >= kth).length;
    }
    expect(found / (10 * probeQueries.length)).toBeLessThan(RECALL_TARGET);
  });

  it('is the same files for the same seed', async () => {
    const again = (await build()).files;
    expect([...again.keys()]).toEqual([...files.keys()]);
    for (const [n, b] of files) expect(sha(again.get(n)!)).toBe(sha(b));
  });

  describe('with a damaged or missing part', () => {
    const q = queries[3]!;
    const probe = async () => (await open(files, manifest)).index.vectorHits(q, 10, []);

    it('reports a corrupt vector list and answers from the other lists: a document only it held is left out, one also in another probed list is still found', async () => {
      const first = await probe();
      const idsOf = (name: string) => {
        const b = files.get(name)!;
        return new Int32Array(b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength)).subarray(0, b.byteLength / (8 + DIMS));
      };
      const { index: good } = await open(files, manifest);
      const probed = probeOrder(good.centroids, q, manifest.partitioned!.ivf.nprobe).map(listFile);
      // Each document is in two lists (spilling); damage, in turn, each probed list holding the best hit.
      const holding = probed.filter((n) => idsOf(n).includes(first[0]!.doc));
      expect(holding.length).toBeGreaterThan(0);
      const outcomes = new Set<boolean>();
      for (const damagedList of probed.filter((n) => idsOf(n).length > 0)) {
        const bad = new Map(files);
        const bytes = bad.get(damagedList)!.slice();
        bytes[bytes.length - 1]! ^= 0xff;
        bad.set(damagedList, bytes);
        const { index } = await open(bad, manifest);
        const faults: PartFault[] = [];
        const hits = await index.vectorHits(q, 10, faults);
        expect(faults).toEqual([{ file: damagedList, part: 'vectors', message: expect.stringMatching(/SHA-256 does not match/) }]);
        expect(hits.length).toBe(10);
        const readable = new Set(probed.filter((n) => n !== damagedList).flatMap((n) => [...idsOf(n)]));
        for (const h of hits) expect(readable.has(h.doc)).toBe(true);
        if (holding.includes(damagedList)) {
          expect(hits.some((h) => h.doc === first[0]!.doc)).toBe(readable.has(first[0]!.doc));
          outcomes.add(readable.has(first[0]!.doc));
        }
      }
      // Its best hit is in two of its probed lists: losing either loses nothing.
      expect(holding.length).toBe(2);
      expect(outcomes).toEqual(new Set([true]));
    });

    it('answers as keyword search alone, not a fusion with nothing, when no probed list can be read', async () => {
      const bad = new Map([...files].filter(([n]) => !n.startsWith('lists/')));
      const { index } = await open(bad, manifest);
      const query = `${topicWord(6)} shared`;
      const r = await index.search(query, queries[6]!, { k: 10 });
      expect(r.faults.length).toBe(manifest.partitioned!.ivf.nprobe);
      expect(r.faults.every((f) => f.part === 'vectors')).toBe(true);
      expect(r.hits.map((h) => h.doc)).toEqual(keywordSearch(bm25, query, 10).map((h) => h.doc));
    });

    it('reports a missing postings block and scores the query’s other terms', async () => {
      const { index: good } = await open(files, manifest);
      good.tierSlack = null;
      const q = `${topicWord(4)} shared`;
      const withAll = await good.keywordHits(q, 10, {}, []);
      const termBlock = (t: string) => {
        // Tier 0's block starts come first in bm25-blocks.i32.
        const id = bm25.vocabulary.get(t)!;
        const starts = new Int32Array(files.get('bm25-blocks.i32')!.slice().buffer);
        let b = 0;
        while (starts[b + 1]! <= id) b++;
        return postingsFile(b);
      };
      const lost = termBlock(topicWord(4));
      expect(lost).not.toBe(termBlock('shared'));
      const bad = new Map(files);
      bad.delete(lost);
      const { index } = await open(bad, manifest);
      index.tierSlack = null;
      const faults: PartFault[] = [];
      const hits = await index.keywordHits(q, 10, {}, faults);
      expect(faults).toEqual([{ file: lost, part: 'postings', message: expect.stringMatching(/not found/) }]);
      expect(hits).toEqual(keywordSearch(bm25, 'shared', 10));
      expect(hits).not.toEqual(withAll);
    });

    it('leaves out hits whose document block is unreadable and says which block', async () => {
      const { index: good } = await open(files, manifest);
      const before = await good.search(topicWord(8), null, { k: 10 });
      const lost = docsFile(Math.floor(before.hits[0]!.doc / manifest.partitioned!.docsPerBlock));
      const bad = new Map(files);
      bad.set(lost, new TextEncoder().encode('[not json'));
      const { index } = await open(bad, manifest);
      const r = await index.search(topicWord(8), null, { k: 10 });
      expect(r.faults.map((f) => [f.file, f.part])).toEqual([[lost, 'docs']]);
      expect(r.hits.map((h) => h.doc)).toEqual(before.hits.map((h) => h.doc).filter((d) => docsFile(Math.floor(d / 50)) !== lost));
    });

    it('refuses to open without its term dictionary', async () => {
      const bad = new Map(files);
      bad.delete('bm25-offsets.i32');
      await expect(open(bad, manifest)).rejects.toThrow(/bm25-offsets.i32: not found/);
    });
  });

  describe('part tables', () => {
    const searchFor = topicWord(8);

    it('stand for every part in the manifest: one table per folder of parts, read when the index opens', async () => {
      const names = Object.keys(manifest.files);
      expect(names.filter((n) => /^(postings|lists|docs)\//.test(n))).toEqual([]);
      expect(names.filter((n) => n.startsWith('parts/')).sort()).toEqual(['parts/docs.bin', 'parts/lists.bin', 'parts/postings.bin']);
      for (const folder of ['docs', 'lists', 'postings'] as const) {
        const parts = [...files.keys()].filter((n) => n.startsWith(`${folder}/`)).length;
        expect(manifest.files[partTableFile(folder)]!.bytes).toBe(parts * 36);
      }
      const { index, reads } = await open(files, manifest);
      expect(reads.filter((n) => n.startsWith('parts/')).sort()).toEqual(['parts/docs.bin', 'parts/lists.bin', 'parts/postings.bin']);
      expect(reads.some((n) => /^(postings|lists|docs)\//.test(n))).toBe(false);
      const r = await index.search(searchFor, queries[8]!, { k: 10 });
      expect(r.faults).toEqual([]);
      expect(r.hits.length).toBe(10);
    });

    it('refuse a part whose bytes differ from its table entry, report it with the table, and answer from the rest', async () => {
      const { index: good } = await open(files, manifest);
      const before = await good.search(searchFor, null, { k: 10 });
      const doc = before.hits[0]!.doc;
      const lost = docsFile(Math.floor(doc / 50));
      // Same length and still valid JSON: only the table can tell.
      const text = new TextDecoder().decode(files.get(lost)!);
      const changed = text.replace(`"id":"d${doc}"`, `"id":"x${doc}"`);
      expect(changed).not.toBe(text);
      const bad = new Map(files).set(lost, new TextEncoder().encode(changed));
      const { index } = await open(bad, manifest);
      const r = await index.search(searchFor, null, { k: 10 });
      expect(r.faults).toEqual([{ file: lost, part: 'docs', message: `${lost}: SHA-256 does not match parts/docs.bin` }]);
      expect(r.hits.map((h) => h.doc)).toEqual(before.hits.map((h) => h.doc).filter((d) => docsFile(Math.floor(d / 50)) !== lost));
      expect([...r.docs.values()].some((d) => d.id.startsWith('x'))).toBe(false);
    });

    it('fail the open, naming the table, when a table differs from the manifest', async () => {
      const bad = new Map(files);
      const table = bad.get('parts/lists.bin')!.slice();
      table[4]! ^= 1;
      bad.set('parts/lists.bin', table);
      await expect(open(bad, manifest)).rejects.toThrow('parts/lists.bin: SHA-256 does not match the manifest');
    });

    it('are not needed to open an index written before them, whose manifest lists every part', async () => {
      const old = await build(1, { everyPart: true });
      expect(old.manifest.files[listFile(0)]).toBeDefined();
      expect(old.manifest.files['parts/lists.bin']).toBeUndefined();
      const { index } = await open(old.files, old.manifest);
      const { index: current } = await open(files, manifest);
      // The same hits, documents and faults (not the same timings).
      const { phases: _a, ...before } = await index.search(searchFor, queries[8]!, { k: 10 });
      const { phases: _b, ...now } = await current.search(searchFor, queries[8]!, { k: 10 });
      expect(before).toEqual(now);
      const bad = new Map(old.files).set(listFile(0), new Uint8Array(8 + DIMS));
      const faults: PartFault[] = [];
      await (await open(bad, old.manifest)).index.vectorHits(queries[0]!, 10, faults, { nprobe: 40 });
      expect(faults).toEqual([{ file: listFile(0), part: 'vectors', message: expect.stringMatching(/bytes, the manifest says/) }]);
    });
  });
});

describe('a partitioned index with bundles: a folder\'s parts read at once', () => {
  const bundled = new Map([...files, ...writePartBundles(files)]);
  const withBundles = parseLiteratureManifest(JSON.stringify({ ...manifest, partitioned: { ...manifest.partitioned, bundles: true } }));
  const offsets = (bundle: string) => bundleOffsets(bundle, bundled.get(bundle.replace(/\.parts$/, '.sizes'))!);

  /** An index over bundles: parts read one at a time (`read`) and several at once (`readParts`, out of the bundles), each recorded. */
  async function openBundled(store: Map<string, Uint8Array>, m: LiteratureManifest) {
    const batches: string[][] = [];
    const { index, reads } = await open(store, m, async (names) => {
      batches.push([...names]);
      const out = new Map<string, Uint8Array | Error>();
      for (const name of names) {
        const b = bundleOf(name)!;
        const at = offsets(b.bundle);
        out.set(name, store.get(b.bundle)!.subarray(at[b.index]!, at[b.index + 1]!));
      }
      return out;
    });
    return { index, reads, batches };
  }
  const query = `${topicWord(8)} ${word(8, 3)}`;
  const parts = (names: readonly string[]) => names.filter((n) => /^(postings|lists|docs)\//.test(n));

  it('answers as when its parts are read one by one, asking for each round\'s parts of a folder together', async () => {
    const { index: alone } = await open(files, manifest);
    const { index, reads, batches } = await openBundled(bundled, withBundles);
    const { phases: _a, ...expected } = await alone.search(query, queries[8]!, { k: 10 });
    const { phases: _b, ...got } = await index.search(query, queries[8]!, { k: 10 });
    expect(got).toEqual(expected);
    // Lists, postings tiers and document blocks each come in batches; a part alone in its round is read by itself.
    expect(batches.length).toBeGreaterThanOrEqual(3);
    expect(batches.every((b) => b.length > 1 && new Set(b.map((n) => n.split('/')[0])).size === 1)).toBe(true);
    const batched = batches.flat();
    expect(parts(reads).every((n) => !batched.includes(n))).toBe(true);
    expect(index.fetched.files).toBe(batched.length + parts(reads).length);
    // Warm: nothing is read again.
    await index.search(query, queries[8]!, { k: 10 });
    expect(batches.flat().length).toBe(batched.length);
  });

  it('reads a part from its own file when its copy in the bundle fails its table\'s check, and reports it only when that fails too', async () => {
    const { index: probe, batches } = await openBundled(bundled, withBundles);
    const { phases: _a, ...expected } = await probe.search(query, queries[8]!, { k: 10 });
    const list = batches.flat().find((n) => n.startsWith('lists/'))!;
    const b = bundleOf(list)!;
    const damaged = bundled.get(b.bundle)!.slice();
    damaged[offsets(b.bundle)[b.index]! + 3]! ^= 0xff;
    const store = new Map(bundled).set(b.bundle, damaged);
    const { index, reads } = await openBundled(store, withBundles);
    const { phases: _b, ...got } = await index.search(query, queries[8]!, { k: 10 });
    expect(got).toEqual(expected);
    expect(reads).toContain(list);

    const own = store.get(list)!.slice();
    own[3]! ^= 0xff;
    const { index: broken } = await openBundled(new Map(store).set(list, own), withBundles);
    const r = await broken.search(query, queries[8]!, { k: 10 });
    expect(r.faults).toEqual([{ file: list, part: 'vectors', message: `${list}: SHA-256 does not match parts/lists.bin` }]);
  });

  it('reads one part at a time when its manifest does not say it has bundles, and refuses a manifest that says so wrongly', async () => {
    const { index, batches } = await openBundled(bundled, manifest);
    await index.search(query, queries[8]!, { k: 10 });
    expect(batches).toEqual([]);
    expect(() => parseLiteratureManifest(JSON.stringify({ ...manifest, partitioned: { ...manifest.partitioned, bundles: 'yes' } }))).toThrow('partitioned.bundles must be true or absent, not "yes"');
  });
});

describe('a partitioned index whose lists hold 4-bit codes', async () => {
  const int4 = await build(1, { listCodes: 'int4' });
  const rowsRead = (reads: readonly string[]) => reads.filter((n) => n.startsWith('rows/'));

  it('writes half-size lists and their int8 rows beside them, and says so in its manifest', () => {
    expect(int4.manifest.partitioned!.ivf).toMatchObject({ codes: 'int4', rerank: RERANK_CANDIDATES, lists: 40 });
    for (let l = 0; l < 40; l++) {
      const int8 = files.get(listFile(l))!.byteLength;
      const rows = int8 / (8 + DIMS);
      expect(int4.files.get(listFile(l))!.byteLength).toBe(rows * (8 + DIMS / 2));
      expect(int4.files.get(rowsFile(l))!.byteLength).toBe(rows * (4 + DIMS));
    }
    const json = JSON.parse(JSON.stringify(int4.manifest)) as { partitioned: { ivf: { codes?: string } } };
    json.partitioned.ivf.codes = 'int2';
    expect(() => parseLiteratureManifest(JSON.stringify(json))).toThrow(/ivf.codes must be "int4" with rerank > 0/);
  });

  it('finds ≥ 95 % of the exact top 10, each with the exact scan’s score, reading the int8 rows of only the lists its candidates lie in', async () => {
    // Fewer candidates than the indexer's 200, which on 4,000 documents lie in every probed list.
    const manifest20 = { ...int4.manifest, partitioned: { ...int4.manifest.partitioned!, ivf: { ...int4.manifest.partitioned!.ivf, rerank: 20 } } };
    let found = 0;
    let rowsFiles = 0;
    let probed = 0;
    for (const q of queries) {
      const { index, reads } = await open(int4.files, manifest20);
      const exact = searchInt8(vectors, q, DOCS);
      const kth = exact[9]!.score;
      const exactScores = new Map(exact.map((h) => [h.doc, h.score]));
      const faults: PartFault[] = [];
      const approx = await index.vectorHits(q, 10, faults, { nprobe: 8 });
      expect(faults).toEqual([]);
      found += approx.filter((h) => h.score >= kth).length;
      for (const h of approx) expect(h.score).toBe(exactScores.get(h.doc));
      // The rows read are of probed lists, and of those only the ones holding candidates.
      const lists = new Set(reads.filter((n) => n.startsWith('lists/')).map((n) => n.slice('lists/'.length)));
      for (const r of rowsRead(reads)) expect(lists.has(r.slice('rows/'.length))).toBe(true);
      rowsFiles += rowsRead(reads).length;
      probed += lists.size;
    }
    expect(found / (10 * queries.length)).toBeGreaterThanOrEqual(0.95);
    expect(rowsFiles).toBeLessThan(probed);
  });

  it('gives the int8 lists’ results when its candidates cover every probed row', async () => {
    const { index: whole } = await open(files, manifest);
    const { index } = await open(int4.files, int4.manifest);
    for (const q of queries.slice(0, 20)) {
      // 4,000 rows in 40 lists: probing 2 of them is fewer rows than the 200 candidates re-ranked.
      expect(await index.vectorHits(q, 10, [], { nprobe: 2 })).toEqual(await whole.vectorHits(q, 10, [], { nprobe: 2 }));
    }
  });

  it('reports int8 rows that cannot be read, and answers from the other candidates', async () => {
    const q = queries[5]!;
    const { index: good, reads } = await open(int4.files, int4.manifest);
    const best = (await good.vectorHits(q, 10, []))[0]!;
    const read = rowsRead(reads);
    expect(read.length).toBeGreaterThan(0);
    for (const damaged of read) {
      const bad = new Map(int4.files);
      const bytes = bad.get(damaged)!.slice();
      bytes[0]! ^= 0xff;
      bad.set(damaged, bytes);
      const { index } = await open(bad, int4.manifest);
      const faults: PartFault[] = [];
      const hits = await index.vectorHits(q, 10, faults);
      expect(faults).toEqual([{ file: damaged, part: 'vectors', message: expect.stringMatching(/SHA-256 does not match/) }]);
      expect(hits.length).toBeGreaterThan(0);
      // What it returns keeps exact scores; nothing is scored from the damaged file.
      const exactScores = new Map(searchInt8(vectors, q, DOCS).map((h) => [h.doc, h.score]));
      for (const h of hits) expect(h.score).toBe(exactScores.get(h.doc));
      if (read.length === 1) expect(hits.some((h) => h.doc === best.doc)).toBe(false);
    }
  });
});
