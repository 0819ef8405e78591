/**
 * The literature index for large corpora, as many small static files that a search fetches
 * as it needs them, instead of every vector and posting before the first query:
 *
 *   literature-manifest.json   as for a whole index, with `partitioned` (the layout) and
 *                              the size and SHA-256 of every file below
 *   bm25-terms.json            the term dictionary, loaded when the index opens: terms,
 *   bm25-offsets.i32           their postings offsets (document frequencies, and where each
 *   bm25-prefix.i32            term's postings lie), the prefix-completion list, and the
 *   bm25-blocks.i32            first term of each postings block
 *   ivf-centroids.i8           k-means centroids of the vector lists (vector-ivf.ts), int8,
 *   ivf-centroid-scales.f32    loaded when the index opens
 *   postings/NNNNN.bin         the postings of a run of consecutive terms (≈ 64 kB):
 *                              document ids (int32), then BM25F pseudo-frequencies (float32)
 *   lists/NNNNN.bin            one vector list: document ids (int32), scales (float32),
 *                              int8 codes (ids × dims)
 *   docs/NNNNN.json            a block of consecutive documents (id, title, text, …)
 *
 * A query fetches the postings blocks of its terms, the `nprobe` lists closest to its
 * embedding and the document blocks of its hits; each file is checked against the
 * manifest's hash (in a role's pack, also against the signed manifest). A file that is
 * missing or damaged is reported with what it holds, and the query is answered from the
 * rest: its terms, vectors or documents are left out, never guessed.
 */
import { bm25TopK } from './bm25.ts';
import type { Bm25Index } from './bm25-index.ts';
import type { FusedHit } from './fusion.ts';
import {
  bm25FromFiles,
  loadLiteraturePack,
  readCheckedFile,
  readCheckedFiles,
  readLiteratureManifest,
  view,
  type LiteratureDoc,
  type LiteratureIndex,
  type LiteratureManifest,
  type LiteraturePackIo,
  type PartitionedLayout,
} from './literature-pack.ts';
import { FUSION_CANDIDATES, fuseHits, hybridSearch, keywordGroups, keywordOnly, type HybridOptions } from './literature-search.ts';
import type { ScoredDoc } from './top-k.ts';
import {
  buildIvf,
  chooseNprobe,
  jsRowScorer,
  listCount,
  probeOrder,
  recallByNprobe,
  searchLists,
  type IvfList,
  type RowScorer,
} from './vector-ivf.ts';
import type { Int8Matrix } from './vector-quantize.ts';

export const PARTITION_FILES = {
  terms: 'bm25-terms.json',
  offsets: 'bm25-offsets.i32',
  prefix: 'bm25-prefix.i32',
  blocks: 'bm25-blocks.i32',
  centroids: 'ivf-centroids.i8',
  centroidScales: 'ivf-centroid-scales.f32',
} as const;

const numbered = (dir: string, ext: string) => (i: number) => `${dir}/${String(i).padStart(5, '0')}.${ext}`;
export const postingsFile = numbered('postings', 'bin');
export const listFile = numbered('lists', 'bin');
export const docsFile = numbered('docs', 'json');

export const DEFAULT_DOCS_PER_BLOCK = 50;
/**
 * Postings bytes per block file: small, since a query reads the whole block of each of its
 * terms (most of it other terms'), yet a million documents make thousands of files, not
 * one per term.
 */
export const POSTINGS_BLOCK_BYTES = 64 * 1024;
/**
 * Recall@10 of the exact scan the indexer chooses nprobe for, measured with documents as
 * queries. Real queries are further from the documents than documents are from each other,
 * and reach less at the same nprobe (100,000 generated documents: 0.956 with documents at
 * nprobe 2, 0.927 with the benchmark's queries): aiming at 0.98 here keeps real queries
 * above the 0.95 (docs/literature-scale.md).
 */
export const RECALL_TARGET = 0.98;
/** Sample documents whose vectors stand in for queries when nprobe is chosen. */
const NPROBE_QUERIES = 200;

export interface PartitionOptions {
  readonly random: () => number;
  /** UTF-8 encoding (TextEncoder's; src/core has no such global). */
  readonly encodeUtf8: (text: string) => Uint8Array;
  /** The int8 scan used for k-means and the recall measurement (the JS scan by default). */
  readonly scorer?: RowScorer;
  readonly docsPerBlock?: number;
  readonly listRows?: number;
  readonly postingsBlockBytes?: number;
  readonly recallTarget?: number;
  readonly onProgress?: (done: number, total: number) => void;
}

const bytesOf = (a: ArrayBufferView) => new Uint8Array(a.buffer, a.byteOffset, a.byteLength);

function concat(parts: readonly ArrayBufferView[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.byteLength, 0));
  let at = 0;
  for (const p of parts) {
    out.set(bytesOf(p), at);
    at += p.byteLength;
  }
  return out;
}

/** First term of each postings block, and the end: blocks of whole terms of about `target` bytes. */
export function postingBlockStarts(offsets: Int32Array, target: number): Int32Array {
  const terms = offsets.length - 1;
  const starts = [0];
  let first = 0;
  for (let t = 0; t < terms; t++) {
    // 8 bytes a posting (id + frequency); a block closes once it reaches the target.
    if ((offsets[t + 1]! - offsets[first]!) * 8 >= target && t + 1 < terms) {
      starts.push(t + 1);
      first = t + 1;
    }
  }
  if (terms > 0) starts.push(terms);
  return Int32Array.from(starts);
}

/**
 * The files of a partitioned index (the caller adds the model folder, hashes and the
 * manifest, with `layout` as its `partitioned`). Deterministic for the same `random`.
 */
export function partitionedFiles(
  docs: readonly LiteratureDoc[],
  vectors: Int8Matrix,
  bm25: Bm25Index & { readonly terms: readonly string[] },
  options: PartitionOptions,
): { files: Map<string, Uint8Array>; layout: PartitionedLayout } {
  const encoder = { encode: options.encodeUtf8 };
  const files = new Map<string, Uint8Array>();
  const docsPerBlock = options.docsPerBlock ?? DEFAULT_DOCS_PER_BLOCK;
  for (let b = 0; b * docsPerBlock < docs.length; b++) {
    files.set(docsFile(b), encoder.encode(JSON.stringify(docs.slice(b * docsPerBlock, (b + 1) * docsPerBlock))));
  }

  const starts = postingBlockStarts(bm25.postingOffsets, options.postingsBlockBytes ?? POSTINGS_BLOCK_BYTES);
  for (let b = 0; b + 1 < starts.length; b++) {
    const from = bm25.postingOffsets[starts[b]!]!;
    const to = bm25.postingOffsets[starts[b + 1]!]!;
    files.set(postingsFile(b), concat([bm25.postingDocs.subarray(from, to), bm25.postingTfs.subarray(from, to)]));
  }
  files.set(PARTITION_FILES.terms, encoder.encode(JSON.stringify(bm25.terms)));
  files.set(PARTITION_FILES.offsets, bytesOf(bm25.postingOffsets));
  files.set(PARTITION_FILES.prefix, bytesOf(bm25.prefixTerms));
  files.set(PARTITION_FILES.blocks, bytesOf(starts));

  const scorer = options.scorer ?? jsRowScorer;
  const ivf = buildIvf(vectors, { lists: listCount(vectors.rows, options.listRows), random: options.random, scorer, ...(options.onProgress ? { onProgress: options.onProgress } : {}) });
  const lists = ivf.listOffsets.length - 1;
  const { dims } = vectors;
  for (let l = 0; l < lists; l++) {
    const rows = ivf.order.subarray(ivf.listOffsets[l]!, ivf.listOffsets[l + 1]!);
    const scales = Float32Array.from(rows, (r) => vectors.scales[r]!);
    const codes = new Int8Array(rows.length * dims);
    rows.forEach((r, i) => codes.set(vectors.codes.subarray(r * dims, (r + 1) * dims), i * dims));
    files.set(listFile(l), concat([rows, scales, codes]));
  }
  files.set(PARTITION_FILES.centroids, bytesOf(ivf.centroids.codes));
  files.set(PARTITION_FILES.centroidScales, bytesOf(ivf.centroids.scales));

  // nprobe: the fewest lists that reach the recall target on sample documents used as queries.
  const target = options.recallTarget ?? RECALL_TARGET;
  const queries: { vector: Float32Array; self: number }[] = [];
  for (let i = 0; i < Math.min(NPROBE_QUERIES, vectors.rows); i++) {
    const r = Math.floor(options.random() * vectors.rows);
    queries.push({ vector: Float32Array.from(vectors.codes.subarray(r * dims, (r + 1) * dims), (c) => c * vectors.scales[r]!), self: r });
  }
  const recall = recallByNprobe(vectors, ivf, queries, 10, scorer);
  const nprobe = chooseNprobe(recall, target);
  return {
    files,
    layout: { docsPerBlock, postingBlocks: starts.length - 1, ivf: { lists, nprobe, target, recall: Math.round(recall[nprobe]! * 1e4) / 1e4 } },
  };
}

/** A part of the index that could not be read: the search went on without it. */
export interface PartFault {
  readonly file: string;
  /** What the file holds: keyword postings, vectors of a list, or documents. */
  readonly part: 'postings' | 'vectors' | 'docs';
  readonly message: string;
}

export interface PartitionedHits {
  readonly hits: FusedHit[];
  /** The documents of the hits (a hit whose document block could not be read is left out and its block reported). */
  readonly docs: ReadonlyMap<number, LiteratureDoc>;
  readonly faults: readonly PartFault[];
}

type MutableBm25 = { -readonly [K in keyof Bm25Index]: Bm25Index[K] };

/** Opens a partitioned index: the term dictionary and the centroids; everything else on demand. */
export async function openPartitionedLiterature(io: LiteraturePackIo, manifest: LiteratureManifest): Promise<PartitionedLiterature> {
  const layout = manifest.partitioned;
  if (!layout) throw new Error('the index is not partitioned');
  const files = await readCheckedFiles(io, manifest, Object.values(PARTITION_FILES));
  const terms = JSON.parse(io.decodeUtf8(files.get(PARTITION_FILES.terms)!)) as string[];
  const { dims } = manifest;
  const dictionary = bm25FromFiles(manifest, terms, {
    postingOffsets: view(files.get(PARTITION_FILES.offsets)!, Int32Array, PARTITION_FILES.offsets),
    postingDocs: new Int32Array(0),
    postingTfs: new Float32Array(0),
    prefixTerms: view(files.get(PARTITION_FILES.prefix)!, Int32Array, PARTITION_FILES.prefix),
  });
  const blockStarts = view(files.get(PARTITION_FILES.blocks)!, Int32Array, PARTITION_FILES.blocks);
  const codes = view(files.get(PARTITION_FILES.centroids)!, Int8Array, PARTITION_FILES.centroids);
  const scales = view(files.get(PARTITION_FILES.centroidScales)!, Float32Array, PARTITION_FILES.centroidScales);
  if (blockStarts.length !== layout.postingBlocks + 1) {
    throw new Error('the term dictionary files disagree with each other or with the manifest');
  }
  if (scales.length !== layout.ivf.lists || codes.length !== layout.ivf.lists * dims) {
    throw new Error(`the centroid files disagree with the manifest (${layout.ivf.lists} lists of ${dims} dimensions)`);
  }
  return new PartitionedLiterature(io, manifest, layout, dictionary, blockStarts, { rows: layout.ivf.lists, dims, codes, scales });
}

export class PartitionedLiterature implements LiteratureSearcher {
  /** Parts read so far (postings blocks, lists, document blocks), by file name. */
  private readonly parts = new Map<string, Promise<Uint8Array>>();
  /** The index bm25TopK scores a query on: the dictionary with the postings of that query's terms. */
  private readonly view: MutableBm25;
  /** Bytes and files fetched since the index opened (parts only), and bytes by kind of part, for benchmarks. */
  fetched = { bytes: 0, files: 0, byPart: { postings: 0, vectors: 0, docs: 0 } as Record<PartFault['part'], number> };

  constructor(
    private readonly io: LiteraturePackIo,
    readonly manifest: LiteratureManifest,
    readonly layout: PartitionedLayout,
    /** Terms, document frequencies and prefixes, without postings: what query analysis reads. */
    readonly dictionary: Bm25Index,
    private readonly blockStarts: Int32Array,
    readonly centroids: Int8Matrix,
  ) {
    this.view = { ...dictionary, postingOffsets: new Int32Array(dictionary.postingOffsets.length) };
  }

  get docCount(): number {
    return this.manifest.docCount;
  }

  forgetParts(): void {
    this.parts.clear();
  }

  /** `bm25` for fusion and query analysis: the term dictionary. */
  get bm25(): Bm25Index {
    return this.dictionary;
  }

  /** A part's bytes, checked; cached once read. A failed read is not cached, so a later query tries again. */
  private part(name: string, kind: PartFault['part']): Promise<Uint8Array> {
    let p = this.parts.get(name);
    if (!p) {
      p = readCheckedFile(this.io, this.manifest, name).then((bytes) => {
        this.fetched.bytes += bytes.byteLength;
        this.fetched.files++;
        this.fetched.byPart[kind] += bytes.byteLength;
        return bytes;
      });
      p.catch(() => this.parts.delete(name));
      this.parts.set(name, p);
    }
    return p;
  }

  /** Reads parts in parallel; each that fails becomes a fault of the given kind. */
  private async readParts(names: readonly string[], part: PartFault['part'], faults: PartFault[]): Promise<Map<string, Uint8Array>> {
    const out = new Map<string, Uint8Array>();
    await Promise.all(
      names.map((name) =>
        this.part(name, part).then(
          (bytes) => void out.set(name, bytes),
          (err: unknown) => void faults.push({ file: name, part, message: err instanceof Error ? err.message : String(err) }),
        ),
      ),
    );
    return out;
  }

  /** Postings block holding term t. */
  private blockOf(term: number): number {
    let lo = 0;
    let hi = this.blockStarts.length - 2;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if (this.blockStarts[mid]! <= term) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  /**
   * The view with the postings of these terms from their blocks: the terms are laid out in
   * id order, so each term's offsets[t] … offsets[t + 1] spans just its postings (a term of
   * an unreadable block gets none). Synchronous, and scored at once by the caller, so two
   * queries in flight never see each other's postings.
   */
  private fillView(terms: readonly number[], read: ReadonlyMap<string, Uint8Array>): Bm25Index {
    const sorted = [...new Set(terms)].sort((a, b) => a - b);
    const global = this.dictionary.postingOffsets;
    let total = 0;
    for (const t of sorted) if (read.has(postingsFile(this.blockOf(t)))) total += global[t + 1]! - global[t]!;
    const docs = new Int32Array(total);
    const tfs = new Float32Array(total);
    const offsets = this.view.postingOffsets;
    let at = 0;
    for (const t of sorted) {
      offsets[t] = at;
      const b = this.blockOf(t);
      const bytes = read.get(postingsFile(b));
      if (bytes) {
        const base = global[this.blockStarts[b]!]!;
        const n = global[this.blockStarts[b + 1]!]! - base;
        const from = global[t]! - base;
        const len = global[t + 1]! - global[t]!;
        docs.set(view(bytes.subarray(0, n * 4), Int32Array, postingsFile(b)).subarray(from, from + len), at);
        tfs.set(view(bytes.subarray(n * 4), Float32Array, postingsFile(b)).subarray(from, from + len), at);
        at += len;
      }
      offsets[t + 1] = at;
    }
    this.view.postingDocs = docs;
    this.view.postingTfs = tfs;
    return this.view;
  }

  /** The int8 rows of the lists a query probes, fetching those not read yet. */
  private async lists(listIds: readonly number[], faults: PartFault[]): Promise<IvfList[]> {
    const read = await this.readParts(listIds.map(listFile), 'vectors', faults);
    const dims = this.manifest.dims;
    const out: IvfList[] = [];
    for (const l of listIds) {
      const bytes = read.get(listFile(l));
      if (!bytes) continue;
      const n = bytes.byteLength / (8 + dims);
      if (!Number.isInteger(n)) {
        faults.push({ file: listFile(l), part: 'vectors', message: `${bytes.byteLength} bytes is not a whole number of rows` });
        continue;
      }
      out.push({
        ids: view(bytes.subarray(0, n * 4), Int32Array, listFile(l)),
        rows: { rows: n, dims, scales: view(bytes.subarray(n * 4, n * 8), Float32Array, listFile(l)), codes: view(bytes.subarray(n * 8), Int8Array, listFile(l)) },
      });
    }
    return out;
  }

  /** Keyword candidates of a query: only the postings blocks of its terms are fetched. */
  async keywordHits(query: string, k: number, options: Pick<HybridOptions, 'translations'>, faults: PartFault[]): Promise<ScoredDoc[]> {
    const groups = keywordGroups(this.dictionary, query, options.translations ?? []);
    const terms = groups.flatMap((g) => g.terms);
    const blocks = [...new Set(terms.map((t) => this.blockOf(t)))];
    const read = await this.readParts(blocks.map(postingsFile), 'postings', faults);
    return bm25TopK(this.fillView(terms, read), groups, k);
  }

  /** Vector candidates: the rows of the `nprobe` lists closest to the query, scored as the exact scan scores them. */
  async vectorHits(queryVector: Float32Array, k: number, faults: PartFault[], options: { nprobe?: number; scorer?: RowScorer } = {}): Promise<ScoredDoc[]> {
    const scorer = options.scorer ?? jsRowScorer;
    const probe = probeOrder(this.centroids, queryVector, options.nprobe ?? this.layout.ivf.nprobe, scorer);
    return searchLists(await this.lists(probe, faults), queryVector, k, scorer);
  }

  /** Documents by number, fetching their blocks; those of unreadable blocks are absent (and their blocks reported). */
  async docs(ids: readonly number[], faults: PartFault[]): Promise<Map<number, LiteratureDoc>> {
    const per = this.layout.docsPerBlock;
    const blocks = [...new Set(ids.map((d) => Math.floor(d / per)))];
    const read = await this.readParts(blocks.map(docsFile), 'docs', faults);
    const out = new Map<number, LiteratureDoc>();
    for (const b of blocks) {
      const bytes = read.get(docsFile(b));
      if (!bytes) continue;
      let block: LiteratureDoc[];
      try {
        block = JSON.parse(this.io.decodeUtf8(bytes)) as LiteratureDoc[];
      } catch (e) {
        faults.push({ file: docsFile(b), part: 'docs', message: (e as Error).message });
        continue;
      }
      for (const d of ids) if (Math.floor(d / per) === b && block[d - b * per]) out.set(d, block[d - b * per]!);
    }
    return out;
  }

  /**
   * Hybrid search as hybridSearch does it on a whole index (same candidates per ranker,
   * same fusion), from the parts this query needs; keyword-only without a query vector.
   */
  async search(query: string, queryVector: Float32Array | null, options: HybridOptions & { nprobe?: number; scorer?: RowScorer }): Promise<PartitionedHits> {
    const faults: PartFault[] = [];
    const n = Math.max(options.k, options.candidates ?? FUSION_CANDIDATES);
    const [keyword, vector] = await Promise.all([
      this.keywordHits(query, n, options, faults),
      queryVector ? this.vectorHits(queryVector, n, faults, options) : Promise.resolve(null),
    ]);
    const fused = vector ? fuseHits(this, query, keyword, vector, options) : keywordOnly(keyword, options.k);
    const docs = await this.docs(
      fused.map((h) => h.doc),
      faults,
    );
    return { hits: fused.filter((h) => docs.has(h.doc)), docs, faults };
  }
}

/**
 * What the search worker asks of an open index, whole or partitioned: hybrid hits with
 * their documents and the parts that could not be read (none for a whole index, which is
 * checked whole when it opens).
 */
export interface LiteratureSearcher {
  readonly manifest: LiteratureManifest;
  /** The keyword index (a partitioned one's term dictionary): query analysis, coverage, translation. */
  readonly bm25: Bm25Index;
  readonly docCount: number;
  /**
   * A whole index's document languages where it has two (vector-languages.ts). A
   * partitioned one has none: its documents are fetched only for the hits, so its vector
   * ranking and query embedding stay as on a corpus of one language.
   */
  readonly languages?: Uint8Array | null;
  search(query: string, queryVector: Float32Array | null, options: HybridOptions): Promise<PartitionedHits>;
  /** Parts (files) fetched since opening, of a partitioned index; absent for a whole one. */
  readonly fetched?: { readonly bytes: number; readonly files: number };
  /** Forgets the parts read so far, so the next query fetches its own again (cold-query benchmarks). */
  forgetParts?(): void;
}

/** A whole index (literature-pack.ts) as a LiteratureSearcher; `scorer` scans its vectors (e.g. WASM SIMD). */
export function wholeIndexSearcher(index: LiteratureIndex, scorer?: RowScorer): LiteratureSearcher {
  const scoreRows = scorer?.(index.vectors);
  return {
    manifest: index.manifest,
    bm25: index.bm25,
    docCount: index.docs.length,
    languages: index.languages ?? null,
    search: async (query, queryVector, options) => {
      const hits = hybridSearch(index, query, queryVector, scoreRows ? { scoreRows, ...options } : options);
      return { hits, docs: new Map(hits.map((h) => [h.doc, index.docs[h.doc]!])), faults: [] };
    },
  };
}

/** Opens the index the manifest describes: partitioned, or whole (every file read and checked now). */
export async function openLiteratureSearcher(io: LiteraturePackIo, scorer?: RowScorer): Promise<LiteratureSearcher> {
  const manifest = await readLiteratureManifest(io);
  return manifest.partitioned ? openPartitionedLiterature(io, manifest) : wholeIndexSearcher(await loadLiteraturePack(io, manifest), scorer);
}
