/**
 * The literature index for large corpora, as many small static files that a search fetches
 * as it needs them, instead of every vector and posting before the first query:
 *
 *   literature-manifest.json   as for a whole index, with `partitioned` (the layout) and
 *                              the size and SHA-256 of every file below but the parts
 *   bm25-terms.json            the term dictionary, loaded when the index opens: terms,
 *   bm25-offsets.i32           their postings offsets (document frequencies, and where each
 *   bm25-prefix.i32            term's postings lie), the prefix-completion list, and the
 *   bm25-blocks.i32            first term of each postings block
 *   ivf-centroids.i8           k-means centroids of the vector lists (vector-ivf.ts), int8,
 *   ivf-centroid-scales.f32    loaded when the index opens
 *   postings/L-NNNNN.bin       impact tier L of a run of consecutive terms (postings-tiers.ts):
 *                              BM25F pseudo-frequencies (half precision), then document
 *                              ids (varint gaps)
 *   lists/NNNNN.bin            one vector list: document ids (int32), scales (float32),
 *                              int8 codes (ids × dims); each document is in two lists
 *                              (its closest and SOAR's, vector-ivf.ts), found once
 *   docs/NNNNN.json            a block of consecutive documents (id, title, text, …)
 *   parts/<folder>.bin         the size and SHA-256 of each part of postings/, lists/ and
 *                              docs/ (part-tables.ts), loaded when the index opens
 *
 * A query fetches the postings tiers its terms need, the `nprobe` lists closest to its
 * embedding and the document blocks of its hits; each part is checked against its table
 * (in indexes written before part tables, against the manifest's own entry for it; in a
 * role's pack, also by the pack reader against the signed tables). A file that is
 * missing or damaged is reported with what it holds, and the query is answered from the
 * rest: its terms, vectors or documents are left out, never guessed.
 */
import { docFrequency, type Bm25Index } from './bm25-index.ts';
import type { FusedHit } from './fusion.ts';
import {
  bm25FromFiles,
  checkFileBytes,
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
import {
  blockOfTerm,
  blockSlices,
  decodeTierBlock,
  DEFAULT_TIER_SLACK,
  FIRST_TIER,
  MAX_ROUNDS,
  TIER_GROWTH,
  postingsView,
  tieredPostingBlocks,
  tieredTopK,
  tierLength,
  type PostingsView,
  type TierReads,
  type TierSlice,
  type TieredLayout,
} from './postings-tiers.ts';
import { PART_FOLDERS, PartTable, partFile, partTableFile, partTableOf, type PartFolder } from './part-tables.ts';
import type { ScoredDoc } from './top-k.ts';
import {
  buildIvf,
  chooseNprobe,
  jsRowScorer,
  listCount,
  probeOrder,
  recallByNprobe,
  rowVector,
  searchLists,
  type IvfList,
  type RowScorer,
} from './vector-ivf.ts';
import { encodeInt4Rows, int4Candidates, MAX_RERANK_LISTS, RERANK_CANDIDATES, rerankInt8, unpackInt4Rows, type Int4List } from './vector-int4.ts';
import type { Int8Matrix } from './vector-quantize.ts';

export const PARTITION_FILES = {
  terms: 'bm25-terms.json',
  offsets: 'bm25-offsets.i32',
  prefix: 'bm25-prefix.i32',
  blocks: 'bm25-blocks.i32',
  centroids: 'ivf-centroids.i8',
  centroidScales: 'ivf-centroid-scales.f32',
} as const;

/** Postings blocks are numbered tier after tier: tier 0's, then tier 1's, … (an index written before tiers has one tier). */
export const postingsFile = (i: number): string => partFile('postings', i);
export const listFile = (i: number): string => partFile('lists', i);
export const docsFile = (i: number): string => partFile('docs', i);
/** The int8 rows of list i, when the lists hold 4-bit codes (vector-int4.ts). */
export const rowsFile = (i: number): string => partFile('rows', i);

/**
 * Bytes a documents block aims at. A query fetches the block of each of its hits (ten, in
 * as many blocks), so a cold query reads about ten blocks: 50 documents a block read 0.33 MB
 * of documents per query on the generated corpus (660 bytes a document), 8 kB blocks read
 * about 0.08 MB; a corpus of 1.5 kB abstracts gets 5 a block.
 */
export const DOCS_BLOCK_BYTES = 8 * 1024;
/**
 * Documents blocks an index has at most: each is 36 bytes of the part table read when the
 * index opens (parts/docs.bin: 1.44 MB at this count), so from 40,000 blocks on (about
 * 480,000 generated documents) blocks grow instead.
 */
export const MAX_DOCS_BLOCKS = 40_000;
/** Documents whose JSON size sets the block size (evenly spaced through the corpus). */
const DOCS_SIZE_SAMPLE = 2000;

/** Documents per block for a corpus: about DOCS_BLOCK_BYTES a block, at most MAX_DOCS_BLOCKS blocks. */
export function docsPerBlockFor(docs: readonly LiteratureDoc[], encodeUtf8: (text: string) => Uint8Array): number {
  if (docs.length === 0) return 1;
  const step = Math.max(1, Math.floor(docs.length / DOCS_SIZE_SAMPLE));
  let bytes = 0, sampled = 0;
  for (let i = 0; i < docs.length; i += step) (bytes += encodeUtf8(JSON.stringify(docs[i])).byteLength + 1), sampled++;
  const byBytes = Math.max(1, Math.round(DOCS_BLOCK_BYTES / (bytes / sampled)));
  return Math.max(byBytes, Math.ceil(docs.length / MAX_DOCS_BLOCKS));
}
/**
 * Postings bytes per block file (counted at 8 bytes a posting; they take about 3.5): a query
 * reads the whole block of each tier of each of its terms, other terms' slices in it too, so
 * the short slices of rare terms go together in blocks of 8 kB, and a common term's slice
 * (tier 0: FIRST_TIER postings, 64 kB counted) has a block of its own; a corpus
 * with a million-term vocabulary still makes thousands of files, not one per term
 * (POSTINGS_FILES_PER_TIER).
 */
export const POSTINGS_BLOCK_BYTES = 8 * 1024;
/** Tier 0's blocks grow past POSTINGS_BLOCK_BYTES when the tier would otherwise need more files than this. */
export const POSTINGS_FILES_PER_TIER = 8192;
/**
 * Recall@10 of the exact scan the indexer chooses nprobe for, on its sample queries. Above
 * the 0.95 because real queries differ from any sample: with the SVD-only model,
 * 100,000 generated documents reached 0.956 at nprobe 2 with documents as queries but 0.927
 * with the benchmark's queries (docs/literature-scale.md).
 */
export const RECALL_TARGET = 0.98;
/** Sample documents whose vectors stand in for queries when nprobe is chosen without pseudo-queries. */
const NPROBE_QUERIES = 200;
/** Fewer pseudo-queries than this: documents stand in for queries. */
const MIN_PROBE_QUERIES = 100;

export interface PartitionOptions {
  readonly random: () => number;
  /** UTF-8 encoding (TextEncoder's; src/core has no such global). */
  readonly encodeUtf8: (text: string) => Uint8Array;
  /** The int8 scan used for k-means and the recall measurement (the JS scan by default). */
  readonly scorer?: RowScorer;
  /** Documents per block file; by default about DOCS_BLOCK_BYTES a block (docsPerBlockFor). */
  readonly docsPerBlock?: number;
  readonly listRows?: number;
  /** Smallest postings block (bytes); default POSTINGS_BLOCK_BYTES. */
  readonly postingsBlockBytes?: number;
  /**
   * How the lists store rows: 'int8' (default), or 'int4' — 4-bit residual codes, with the
   * int8 rows in `rows/` for the re-rank (vector-int4.ts): at a million documents a third
   * fewer bytes a cold query, but slower on a machine where fetching is cheap and the CPU
   * is not (docs/literature-scale.md, "Lists of 4-bit codes"), so not the default.
   */
  readonly listCodes?: 'int8' | 'int4';
  /** Postings in a term's first impact tier; default FIRST_TIER. */
  readonly firstTier?: number;
  readonly recallTarget?: number;
  /**
   * The corpus's pseudo-queries embedded by the index's model, to choose nprobe with: they
   * stand for real queries better than documents do (with the contrastive default model,
   * documents as queries needed 27 of 195 lists for 0.98 on 100,000 generated documents,
   * while the benchmark's sentences reached 0.965 at 8). Without them (or with too few),
   * documents' own vectors are the queries, each leaving itself out.
   */
  readonly probeQueries?: readonly Float32Array[];
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

/**
 * Block size of every tier: POSTINGS_BLOCK_BYTES, larger where tier 0's postings would
 * otherwise make over POSTINGS_FILES_PER_TIER files. A slice that size or longer has a block
 * of its own (tieredPostingBlocks), in any tier.
 */
function postingBlockBytes(offsets: Int32Array, options: Pick<PartitionOptions, 'postingsBlockBytes' | 'firstTier'>): (level: number) => number {
  const smallest = options.postingsBlockBytes ?? POSTINGS_BLOCK_BYTES;
  const layout = { first: options.firstTier ?? FIRST_TIER, growth: TIER_GROWTH };
  let tier0 = 0;
  for (let t = 0; t + 1 < offsets.length; t++) tier0 += tierLength(layout, offsets[t + 1]! - offsets[t]!, 0) * 8;
  // Deeper tiers: each slice that fills a block has its own (one per term with that many
  // postings); their short slices (terms whose postings end in the tier) go together in blocks of that
  // size too, not of a whole slice's: blocks the size of a whole tier-1 slice (24,576
  // postings) made a query reading a term's last few thousand postings fetch tens of
  // thousands of other terms' (at a million documents, a third of the bytes it fetched from
  // tiers 1 and 2; docs/literature-scale.md, "Postings blocks").
  const size = Math.max(smallest, Math.ceil(tier0 / POSTINGS_FILES_PER_TIER));
  return () => size;
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
  const docsPerBlock = options.docsPerBlock ?? docsPerBlockFor(docs, options.encodeUtf8);
  for (let b = 0; b * docsPerBlock < docs.length; b++) {
    files.set(docsFile(b), encoder.encode(JSON.stringify(docs.slice(b * docsPerBlock, (b + 1) * docsPerBlock))));
  }

  const tiers = tieredPostingBlocks(bm25, { first: options.firstTier ?? FIRST_TIER, growth: TIER_GROWTH }, postingBlockBytes(bm25.postingOffsets, options));
  tiers.blocks.flat().forEach((bytes, i) => files.set(postingsFile(i), bytes));
  files.set(PARTITION_FILES.terms, encoder.encode(JSON.stringify(bm25.terms)));
  files.set(PARTITION_FILES.offsets, bytesOf(bm25.postingOffsets));
  files.set(PARTITION_FILES.prefix, bytesOf(bm25.prefixTerms));
  files.set(PARTITION_FILES.blocks, bytesOf(tiers.starts));

  const scorer = options.scorer ?? jsRowScorer;
  // Every document in two lists, its closest and SOAR's (vector-ivf.ts `spillLists`): the
  // list files double on disk, and a query reaches the same recall through fewer files: a
  // third of them on the generated corpora, three fifths on the real one (docs/literature-scale.md,
  // "Spilling").
  const ivf = buildIvf(vectors, { lists: listCount(vectors.rows, options.listRows), random: options.random, spill: true, scorer, ...(options.onProgress ? { onProgress: options.onProgress } : {}) });
  const lists = ivf.listOffsets.length - 1;
  const { dims } = vectors;
  files.set(PARTITION_FILES.centroids, bytesOf(ivf.centroids.codes));
  files.set(PARTITION_FILES.centroidScales, bytesOf(ivf.centroids.scales));

  // nprobe: the fewest lists that reach the recall target on the corpus's pseudo-queries, or
  // on sample documents used as queries (each leaving itself out).
  const pseudo = options.probeQueries && options.probeQueries.length >= MIN_PROBE_QUERIES ? options.probeQueries : null;
  const target = options.recallTarget ?? RECALL_TARGET;
  const queries: { vector: Float32Array; self?: number }[] = pseudo ? pseudo.map((vector) => ({ vector })) : [];
  for (let i = 0; !pseudo && i < Math.min(NPROBE_QUERIES, vectors.rows); i++) {
    const r = Math.floor(options.random() * vectors.rows);
    queries.push({ vector: Float32Array.from(vectors.codes.subarray(r * dims, (r + 1) * dims), (c) => c * vectors.scales[r]!), self: r });
  }
  const recall = recallByNprobe(vectors, ivf, queries, 10, scorer);
  const nprobe = chooseNprobe(recall, target);
  const listCodes = options.listCodes ?? 'int8';
  for (let l = 0; l < lists; l++) {
    const rows = ivf.order.subarray(ivf.listOffsets[l]!, ivf.listOffsets[l + 1]!);
    const scales = Float32Array.from(rows, (r) => vectors.scales[r]!);
    const codes = new Int8Array(rows.length * dims);
    rows.forEach((r, i) => codes.set(vectors.codes.subarray(r * dims, (r + 1) * dims), i * dims));
    if (listCodes === 'int4') {
      const { steps, packed } = encodeInt4Rows(vectors, rows, rowVector(ivf.centroids, l));
      files.set(listFile(l), concat([rows, steps, packed]));
      files.set(rowsFile(l), concat([scales, codes]));
    } else files.set(listFile(l), concat([rows, scales, codes]));
  }
  const ivfLayout: PartitionedLayout['ivf'] = {
    lists,
    nprobe,
    target,
    recall: Math.round(recall[nprobe]! * 1e4) / 1e4,
    ...(lists > 1 ? { spill: 'soar' as const } : {}),
    ...(listCodes === 'int4' ? { codes: 'int4' as const, rerank: RERANK_CANDIDATES } : {}),
  };
  return { files, layout: { docsPerBlock, postingBlocks: tiers.layout.blocks.reduce((a, b) => a + b, 0), postingTiers: tiers.layout, ivf: ivfLayout } };
}

/** A postings block read back: its postings, and where each of its terms' slices begins. */
interface DecodedBlock {
  readonly docs: Int32Array;
  readonly tfs: Float32Array;
  readonly from: ReadonlyMap<number, number>;
}

/** A postings block of an index written before tiers: its ids (int32), then its frequencies (float32). */
function rawPostings(bytes: Uint8Array, n: number, name: string): { docs: Int32Array; tfs: Float32Array } | string {
  if (bytes.byteLength !== n * 8) return `${bytes.byteLength} bytes, but its terms have ${n} postings`;
  return { docs: view(bytes.subarray(0, n * 4), Int32Array, name), tfs: view(bytes.subarray(n * 4), Float32Array, name) };
}

/** The postings tiers of a layout; one tier holding every posting in an index written before tiers. */
function postingTiersOf(layout: PartitionedLayout): TieredLayout {
  return layout.postingTiers ?? { first: Infinity, growth: TIER_GROWTH, blocks: [layout.postingBlocks] };
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
  /** Where the search's time went (ms), for benchmarks: each phase from the search's start to its end, so the two rankers overlap. */
  readonly phases?: SearchPhases;
}

/** A partitioned search's phases in ms since it started: the rankers run side by side, then the documents of the fused hits are read. */
export interface SearchPhases {
  /** The keyword ranker done (every postings tier it read fetched and scored). */
  keywordMs: number;
  /** The probed lists fetched and checked. */
  listsFetchedMs: number;
  /** The vector ranker done (the lists scanned). */
  vectorMs: number;
  /** The hits' documents read: the whole search. */
  docsMs: number;
}

/**
 * Opens a partitioned index: the term dictionary and the centroids; everything else on
 * demand. `scorer` scans the centroids and the vector lists (the JavaScript scan by default;
 * the browser passes a WebAssembly arena that keeps the lists it has scanned).
 */
export async function openPartitionedLiterature(io: LiteraturePackIo, manifest: LiteratureManifest, scorer: RowScorer = jsRowScorer): Promise<PartitionedLiterature> {
  const layout = manifest.partitioned;
  if (!layout) throw new Error('the index is not partitioned');
  // The part tables are read whole with the dictionary: ~1 MB at a million documents, once,
  // rather than a page of a table before each cold query's parts (a further round trip).
  const tableNames = (Object.keys(PART_FOLDERS) as PartFolder[]).map(partTableFile).filter((t) => manifest.files[t]);
  const files = await readCheckedFiles(io, manifest, [...Object.values(PARTITION_FILES), ...tableNames]);
  const tables = new Map(tableNames.map((t) => [t, new PartTable(t, files.get(t)!)]));
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
  const tiers = postingTiersOf(layout);
  if (blockStarts.length !== tiers.blocks.reduce((n, b) => n + b + 1, 0) || tiers.blocks.reduce((a, b) => a + b, 0) !== layout.postingBlocks) {
    throw new Error('the term dictionary files disagree with each other or with the manifest');
  }
  if (scales.length !== layout.ivf.lists || codes.length !== layout.ivf.lists * dims) {
    throw new Error(`the centroid files disagree with the manifest (${layout.ivf.lists} lists of ${dims} dimensions)`);
  }
  return new PartitionedLiterature(io, manifest, layout, tiers, dictionary, blockStarts, { rows: layout.ivf.lists, dims, codes, scales }, tables, scorer);
}

export class PartitionedLiterature implements LiteratureSearcher {
  /** Parts read so far (postings blocks, lists, document blocks), by file name. */
  private readonly parts = new Map<string, Promise<Uint8Array>>();
  /** 4-bit lists unpacked so far, by file name: a warm query neither unpacks them nor copies them into the scorer's arena again. */
  private readonly unpacked = new Map<string, Int8Matrix>();
  /** Postings blocks decoded so far, by file name: a warm query does not decode its varints again. */
  private readonly decodedBlocks = new Map<string, DecodedBlock>();
  /** The index a query's keyword search is scored on: the dictionary with the postings it read. */
  private readonly view: PostingsView;
  /** How far past the 10th best score a document left out may reach, as a share of it (postings-tiers.ts); null reads every tier. */
  tierSlack: number | null = DEFAULT_TIER_SLACK;
  /** Lists whose int8 rows a query of 4-bit lists reads at most (vector-int4.ts). */
  rerankLists = MAX_RERANK_LISTS;
  /** Reads one after the other a keyword search may wait for (postings-tiers.ts). */
  tierRounds = MAX_ROUNDS;
  /** Postings tiers read by the keyword searches since the index opened, for benchmarks. */
  readonly tierReads: TierReads = { rounds: 0, postings: 0, of: 0 };
  /** Bytes and files fetched since the index opened (parts only), and bytes by kind of part, for benchmarks. */
  fetched = { bytes: 0, files: 0, byPart: { postings: 0, vectors: 0, docs: 0 } as Record<PartFault['part'], number> };

  constructor(
    private readonly io: LiteraturePackIo,
    readonly manifest: LiteratureManifest,
    readonly layout: PartitionedLayout,
    readonly tiers: TieredLayout,
    /** Terms, document frequencies and prefixes, without postings: what query analysis reads. */
    readonly dictionary: Bm25Index,
    /** The first term of each postings block, tier after tier (bm25-blocks.i32). */
    private readonly blockStarts: Int32Array,
    readonly centroids: Int8Matrix,
    /** Part tables by file name (none in an index written before them, whose manifest lists every part). */
    private readonly tables: ReadonlyMap<string, PartTable> = new Map(),
    /** Scans the centroids and lists unless a search passes its own. */
    private readonly scorer: RowScorer = jsRowScorer,
  ) {
    this.view = postingsView(dictionary);
  }

  get docCount(): number {
    return this.manifest.docCount;
  }

  forgetParts(): void {
    this.parts.clear();
    this.decodedBlocks.clear();
    this.unpacked.clear();
  }

  /** `bm25` for fusion and query analysis: the term dictionary. */
  get bm25(): Bm25Index {
    return this.dictionary;
  }

  /** A part's bytes, checked against its table, or the manifest when that lists the part itself. */
  private async readPart(name: string): Promise<Uint8Array> {
    const part = this.manifest.files[name] ? null : partTableOf(name);
    if (!part || !this.tables.get(part.table)) return readCheckedFile(this.io, this.manifest, name);
    return this.checkPart(name, await this.io.read(name));
  }

  /** A part's bytes checked against its folder's table. */
  private async checkPart(name: string, bytes: Uint8Array): Promise<Uint8Array> {
    const part = partTableOf(name);
    const table = part && this.tables.get(part.table);
    if (!part || !table) return readCheckedFile(this.io, this.manifest, name);
    const entry = table.entry(part.index);
    if (!entry) throw new Error(`${name}: not in ${table.name}, which has ${table.count} parts`);
    return checkFileBytes(this.io, name, bytes, entry, table.name);
  }

  /** A part's bytes, checked; cached once read. A failed read is not cached, so a later query tries again. */
  private part(name: string, kind: PartFault['part'], read: () => Promise<Uint8Array> = () => this.readPart(name)): Promise<Uint8Array> {
    let p = this.parts.get(name);
    if (!p) {
      p = read().then((bytes) => {
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

  /**
   * Reads parts in parallel; each that fails becomes a fault of the given kind. Where the
   * index has bundles and the reader can read several parts at once, the parts not read yet
   * are asked for together (one request a folder: part-bundles.ts) and checked one by one; a
   * part whose bundled copy fails its check is read again from its own file.
   */
  private async readParts(names: readonly string[], part: PartFault['part'], faults: PartFault[]): Promise<Map<string, Uint8Array>> {
    const readMany = this.layout.bundles && this.io.readParts?.bind(this.io);
    if (readMany) {
      const fresh = names.filter((name) => !this.parts.has(name));
      if (fresh.length > 1) {
        const batch = readMany(fresh);
        for (const name of fresh) {
          this.part(name, part, async () => {
            const got = (await batch).get(name);
            const bytes = got instanceof Uint8Array ? await this.checkPart(name, got).catch(() => null) : null;
            return bytes ?? this.readPart(name);
          });
        }
      }
    }
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

  /** Where tier `level`'s block starts lie in blockStarts. */
  private tierStarts(level: number): Int32Array {
    let from = 0;
    for (let l = 0; l < level; l++) from += this.tiers.blocks[l]! + 1;
    return this.blockStarts.subarray(from, from + this.tiers.blocks[level]! + 1);
  }

  private postingsName(level: number, block: number): string {
    let first = 0;
    for (let l = 0; l < level; l++) first += this.tiers.blocks[l]!;
    return postingsFile(first + block);
  }

  /**
   * Tier `level` of these terms, fetching the blocks that hold them: within a block the
   * terms' slices follow each other in term order, each as long as tierLength of its
   * document frequency says. A term of an unreadable block is left out (and the block reported).
   */
  private async readTier(level: number, terms: readonly number[], faults: PartFault[]): Promise<Map<number, TierSlice>> {
    const starts = this.tierStarts(level);
    const blockOf = (t: number) => blockOfTerm(starts, t);
    const length = (t: number) => tierLength(this.tiers, docFrequency(this.dictionary, t), level);
    const blocks = [...new Set(terms.map(blockOf))];
    const read = await this.readParts(blocks.map((b) => this.postingsName(level, b)), 'postings', faults);
    const out = new Map<number, TierSlice>();
    const failed = new Set<number>();
    for (const t of terms) {
      const b = blockOf(t);
      const name = this.postingsName(level, b);
      let block = this.decodedBlocks.get(name);
      const bytes = read.get(name);
      if (!block && bytes && !failed.has(b)) {
        const { lengths, from } = blockSlices(starts, b, length);
        const got = this.layout.postingTiers ? decodeTierBlock(bytes, lengths, this.layout.postingTiers.frequencies) : rawPostings(bytes, lengths.reduce((a, x) => a + x, 0), name);
        if (typeof got === 'string') {
          faults.push({ file: name, part: 'postings', message: got });
          failed.add(b);
        } else this.decodedBlocks.set(name, (block = { ...got, from }));
      }
      if (!block) continue;
      const from = block.from.get(t)!;
      out.set(t, { docs: block.docs.subarray(from, from + length(t)), tfs: block.tfs.subarray(from, from + length(t)) });
    }
    return out;
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

  /** The 4-bit lists a query probes (lists of an index with `ivf.codes` 'int4'), fetching those not read yet. */
  private async int4Lists(listIds: readonly number[], faults: PartFault[]): Promise<(Int4List & { readonly list: number })[]> {
    const read = await this.readParts(listIds.map(listFile), 'vectors', faults);
    const dims = this.manifest.dims;
    const out: (Int4List & { list: number })[] = [];
    for (const l of listIds) {
      const name = listFile(l);
      const bytes = read.get(name);
      if (!bytes) continue;
      const n = bytes.byteLength / (8 + dims / 2);
      if (!Number.isInteger(n)) {
        faults.push({ file: name, part: 'vectors', message: `${bytes.byteLength} bytes is not a whole number of rows of 4-bit codes` });
        continue;
      }
      let codes = this.unpacked.get(name);
      if (!codes) {
        const got = unpackInt4Rows(bytes.subarray(n * 8), view(bytes.subarray(n * 4, n * 8), Float32Array, name), dims);
        if (!got) {
          faults.push({ file: name, part: 'vectors', message: 'holds a 4-bit code outside −7 … 7' });
          continue;
        }
        this.unpacked.set(name, (codes = got));
      }
      out.push({ list: l, ids: view(bytes.subarray(0, n * 4), Int32Array, name), codes, centroid: rowVector(this.centroids, l) });
    }
    return out;
  }

  /** The int8 rows of these lists (`rows/`), n rows each as its 4-bit list says; a list whose rows are unreadable is absent and reported. */
  private async rows(lists: readonly { list: number; rows: number }[], faults: PartFault[]): Promise<Map<number, Int8Matrix>> {
    const read = await this.readParts(lists.map((l) => rowsFile(l.list)), 'vectors', faults);
    const dims = this.manifest.dims;
    const out = new Map<number, Int8Matrix>();
    for (const { list, rows: n } of lists) {
      const name = rowsFile(list);
      const bytes = read.get(name);
      if (!bytes) continue;
      if (bytes.byteLength !== n * (4 + dims)) {
        faults.push({ file: name, part: 'vectors', message: `${bytes.byteLength} bytes, not the ${n} int8 rows of ${listFile(list)}` });
        continue;
      }
      out.set(list, { rows: n, dims, scales: view(bytes.subarray(0, n * 4), Float32Array, name), codes: view(bytes.subarray(n * 4), Int8Array, name) });
    }
    return out;
  }

  /**
   * Keyword candidates of a query: its terms' postings, tier by tier, only as deep as can
   * still change the top results (postings-tiers.ts; `tierSlack` null reads them whole).
   */
  async keywordHits(query: string, k: number, options: Pick<HybridOptions, 'translations'>, faults: PartFault[]): Promise<ScoredDoc[]> {
    const groups = keywordGroups(this.dictionary, query, options.translations ?? []);
    return tieredTopK(this.dictionary, this.view, this.tiers, groups, k, (level, terms) => this.readTier(level, terms, faults), { slack: this.tierSlack, maxRounds: this.tierRounds, reads: this.tierReads });
  }

  /** Vector candidates: the rows of the `nprobe` lists closest to the query, scored as the exact scan scores them. */
  async vectorHits(queryVector: Float32Array, k: number, faults: PartFault[], options: { nprobe?: number; scorer?: RowScorer; fetched?: () => void } = {}): Promise<ScoredDoc[]> {
    const scorer = options.scorer ?? this.scorer;
    const probe = probeOrder(this.centroids, queryVector, options.nprobe ?? this.layout.ivf.nprobe, scorer);
    if (this.layout.ivf.codes === 'int4') {
      // Rank the probed rows by their 4-bit codes, then score the best candidates exactly on
      // the int8 rows of the lists they lie in (vector-int4.ts).
      const lists = await this.int4Lists(probe, faults);
      options.fetched?.();
      const candidates = int4Candidates(lists, queryVector, Math.max(k, this.layout.ivf.rerank ?? RERANK_CANDIDATES), scorer, this.rerankLists);
      const needed = [...new Set(candidates.map((c) => c.list))].map((i) => ({ list: lists[i]!.list, rows: lists[i]!.ids.length }));
      const rows = await this.rows(needed, faults);
      return rerankInt8(candidates, (i) => rows.get(lists[i]!.list), queryVector, k, scorer);
    }
    const lists = await this.lists(probe, faults);
    options.fetched?.();
    return searchLists(lists, queryVector, k, scorer);
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
    // core/ has no `performance`: whole milliseconds are enough for phases of tens to hundreds of them.
    const t0 = Date.now();
    const phases: SearchPhases = { keywordMs: 0, listsFetchedMs: 0, vectorMs: 0, docsMs: 0 };
    const [keyword, vector] = await Promise.all([
      this.keywordHits(query, n, options, faults).then((hits) => ((phases.keywordMs = Date.now() - t0), hits)),
      queryVector
        ? this.vectorHits(queryVector, n, faults, { ...options, fetched: () => (phases.listsFetchedMs = Date.now() - t0) }).then((hits) => ((phases.vectorMs = Date.now() - t0), hits))
        : Promise.resolve(null),
    ]);
    const fused = vector ? fuseHits(this, query, keyword, vector, options) : keywordOnly(keyword, options.k);
    const docs = await this.docs(
      fused.map((h) => h.doc),
      faults,
    );
    phases.docsMs = Date.now() - t0;
    return { hits: fused.filter((h) => docs.has(h.doc)), docs, faults, phases };
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

/**
 * Opens the index the manifest describes: partitioned, or whole (every file read and checked
 * now). A whole index's one matrix is scanned with `scorers.whole` (e.g. a WebAssembly copy of
 * it), a partitioned index's centroids and lists with `scorers.parts`.
 */
export async function openLiteratureSearcher(io: LiteraturePackIo, scorers: { whole?: RowScorer; parts?: RowScorer } = {}): Promise<LiteratureSearcher> {
  const manifest = await readLiteratureManifest(io);
  return manifest.partitioned ? openPartitionedLiterature(io, manifest, scorers.parts) : wholeIndexSearcher(await loadLiteraturePack(io, manifest), scorers.whole);
}
