/**
 * The literature index as static files, and loading it back without parsing postings or
 * vectors: every array is a little-endian typed array file viewed in place (JavaScript
 * engines are little-endian on every platform we ship to). Only the document metadata and
 * the term list are JSON.
 *
 *   literature-manifest.json   format, counts, model, BM25 parameters, the fusion rule
 *                              calibrated on the corpus, SHA-256 of each file (of a
 *                              partitioned index's numbered parts, of their tables:
 *                              part-tables.ts)
 *   docs.json                  [{ id, title, text, source?, year?, identifiers? }]
 *   vectors.i8                 docCount × dims int8 codes (row-major)
 *   vector-scales.f32          one float32 scale per document
 *   bm25-terms.json            term of each term id
 *   bm25-offsets.i32 bm25-docs.i32 bm25-tfs.f32 bm25-prefix.i32   postings (CSR) and prefix terms
 *   model/…                    the embedding model folder the vectors were made with
 *   nli/…                      optional: an NLI cross-encoder folder (`task: "nli"`) the
 *                              output check may use; named by the manifest's `nli`
 */
import type { Bm25FieldSpec, Bm25Index } from './bm25-index.ts';
import type { FusionCalibration } from './fusion-calibration.ts';
import { corpusLanguages } from './text-language.ts';
import type { FusionRule } from './fusion.ts';
import type { TieredLayout } from './postings-tiers.ts';
import { TermDictionary } from './term-dictionary.ts';
import type { Int8Matrix } from './vector-quantize.ts';

export const LITERATURE_FORMAT = 'raireki-literature/1';
export const LITERATURE_MANIFEST = 'literature-manifest.json';
export const MODEL_DIR = 'model/';
/** Folder of the optional NLI (entailment) model; its files are hashed in the manifest like the embedding model's. */
export const NLI_DIR = 'nli/';

export interface LiteratureDoc {
  readonly id: string;
  readonly title: string;
  readonly text: string;
  readonly source?: string;
  readonly year?: number;
  readonly identifiers?: Readonly<Record<string, string>>;
}

export interface LiteratureManifest {
  readonly format: typeof LITERATURE_FORMAT;
  readonly docCount: number;
  readonly dims: number;
  /** Name of the embedding model (its folder is `model/`). */
  readonly model: string;
  /** Name of the NLI model (its folder is `nli/`), absent when the index has none. */
  readonly nli?: string;
  /** The BM25F index's scalars (its arrays are files). */
  readonly bm25: { readonly k1: number; readonly fields: readonly Bm25FieldSpec[]; readonly fieldAvgLengths: readonly number[] };
  /** A fixed weight of BM25 in the hybrid ranking, or null: chosen per query (fusion.ts). */
  readonly keywordWeight: number | null;
  /**
   * The per-query fusion rule chosen for this corpus at index time from pseudo-queries
   * (fusion-calibration.ts), with what the calibration measured; absent in packs built
   * before it (the default rule is used).
   */
  readonly fusion?: FusionRule & { readonly calibration?: Omit<FusionCalibration, 'rule'> };
  /**
   * Present when the index is partitioned (literature-partitioned.ts): documents, postings
   * and vector lists in many small files fetched as queries need them.
   */
  readonly partitioned?: PartitionedLayout;
  /**
   * The output check's support threshold (literature-support.ts), computed by the indexer
   * as the browser would compute it, so that a first check does not search the corpus
   * with every control sentence (on a partitioned index, dozens of list fetches). Absent in
   * indexes built before it: the browser then computes it itself.
   */
  readonly support?: { readonly threshold: number; readonly quantile: number; readonly controls: number };
  /**
   * Size and SHA-256 of every file, except the numbered parts of a partitioned index
   * (`postings/…`, `lists/…`, `docs/…`) in indexes written since part tables: those are
   * checked against their folder's table `parts/<folder>.bin` (part-tables.ts), listed here.
   */
  readonly files: Readonly<Record<string, { readonly sha256: string; readonly bytes: number }>>;
}

/** The shape of a partitioned index (its files are named in literature-partitioned.ts). */
export interface PartitionedLayout {
  /** Documents per `docs/NNNNN.json` block. */
  readonly docsPerBlock: number;
  /** Number of postings block files, all tiers together; the first term of each is in bm25-blocks.i32. */
  readonly postingBlocks: number;
  /**
   * The postings' impact tiers (postings-tiers.ts): `postings/<tier>-NNNNN.bin`. Absent in
   * indexes written before tiers: one tier of `postings/NNNNN.bin` in document order.
   */
  readonly postingTiers?: TieredLayout;
  readonly ivf: {
    /** Number of `lists/NNNNN.bin` files (k-means lists). */
    readonly lists: number;
    /** Lists a query probes, chosen at build time for `target` recall@10 of the exact scan. */
    readonly nprobe: number;
    readonly target: number;
    /** Recall@10 measured at `nprobe` on sample queries at build time. */
    readonly recall: number;
    /**
     * 'soar': each document is also in a second list (vector-ivf.ts `spillLists`), so a
     * list file holds about twice its share of rows. Absent: one list a document. The reader
     * needs nothing of it (a row found twice is kept once either way); benchmarks report it.
     */
    readonly spill?: 'soar';
    /**
     * 'int4': `lists/` hold 4-bit residual codes and `rows/` the same lists' int8 rows, of
     * which a query reads those holding its best `rerank` candidates (vector-int4.ts).
     * Absent: `lists/` hold int8 rows, scored as they are.
     */
    readonly codes?: 'int4';
    readonly rerank?: number;
  };
  /**
   * true: each folder of parts is also stored whole in `bundles/` (part-bundles.ts), and a
   * search reads a folder's parts in one request where the server answers byte ranges.
   */
  readonly bundles?: true;
}

export const PACK_FILES = {
  docs: 'docs.json',
  vectors: 'vectors.i8',
  scales: 'vector-scales.f32',
  terms: 'bm25-terms.json',
  offsets: 'bm25-offsets.i32',
  postingDocs: 'bm25-docs.i32',
  tfs: 'bm25-tfs.f32',
  prefix: 'bm25-prefix.i32',
} as const;

export interface LiteratureIndex {
  readonly manifest: LiteratureManifest;
  readonly docs: readonly LiteratureDoc[];
  readonly vectors: Int8Matrix;
  readonly bm25: Bm25Index;
  /** Each document's language where the corpus is written in both (text-language.ts), else null. */
  readonly languages?: Uint8Array | null;
}

export interface LiteraturePackIo {
  read(name: string): Promise<Uint8Array>;
  /**
   * Several parts at once, from their folders' bundles where the index has them
   * (part-bundles.ts): each name's bytes, or the error that kept it. Absent: one read a part.
   */
  readParts?(names: readonly string[]): Promise<Map<string, Uint8Array | Error>>;
  sha256(bytes: Uint8Array): Promise<string>;
  decodeUtf8(bytes: Uint8Array): string;
  onProgress?(done: number, total: number, file: string): void;
}

export type View<T> = new (buffer: ArrayBufferLike, byteOffset: number, length: number) => T;

/** A typed view on the bytes, copied only when the offset is misaligned for the type. */
export function view<T>(bytes: Uint8Array, Type: View<T> & { BYTES_PER_ELEMENT: number }, name: string): T {
  const size = Type.BYTES_PER_ELEMENT;
  if (bytes.byteLength % size !== 0) throw new Error(`${name}: ${bytes.byteLength} bytes is not a whole number of elements`);
  const b = bytes.byteOffset % size === 0 ? bytes : bytes.slice();
  return new Type(b.buffer, b.byteOffset, b.byteLength / size);
}

function checkManifest(m: unknown): LiteratureManifest {
  const o = m as Partial<LiteratureManifest> | null;
  if (!o || o.format !== LITERATURE_FORMAT) throw new Error(`${LITERATURE_MANIFEST}: not a ${LITERATURE_FORMAT} manifest`);
  for (const k of ['docCount', 'dims'] as const) {
    if (typeof o[k] !== 'number' || !(o[k] >= 0)) throw new Error(`${LITERATURE_MANIFEST}: ${k} must be a number ≥ 0`);
  }
  const w = o.keywordWeight;
  if (w !== null && (typeof w !== 'number' || !(w >= 0 && w <= 1))) {
    throw new Error(`${LITERATURE_MANIFEST}: keywordWeight must be null or a number from 0 to 1`);
  }
  if (o.fusion !== undefined) {
    const f = o.fusion as Partial<FusionRule> | null;
    const unit = (x: unknown) => typeof x === 'number' && x >= 0 && x <= 1;
    if (!f || !unit(f.base) || !unit(f.cap) || typeof f.gain !== 'number' || !(f.gain >= 0) || (f.coverage !== undefined && !unit(f.coverage))) {
      throw new Error(`${LITERATURE_MANIFEST}: fusion needs base and cap from 0 to 1, a gain ≥ 0, and a coverage (if any) from 0 to 1`);
    }
  }
  if (!o.files || typeof o.files !== 'object') throw new Error(`${LITERATURE_MANIFEST}: files is missing`);
  if (o.partitioned !== undefined) {
    const p = o.partitioned as Partial<PartitionedLayout> | null;
    const count = (x: unknown) => typeof x === 'number' && Number.isInteger(x) && x >= 0;
    if (!p || !count(p.docsPerBlock) || !(p.docsPerBlock! > 0) || !count(p.postingBlocks) || !p.ivf || !count(p.ivf.lists) || !count(p.ivf.nprobe) || !(p.ivf.nprobe > 0)) {
      throw new Error(`${LITERATURE_MANIFEST}: partitioned needs docsPerBlock > 0, postingBlocks, ivf.lists and ivf.nprobe > 0 as whole numbers`);
    }
    if (p.ivf.codes !== undefined && (p.ivf.codes !== 'int4' || !count(p.ivf.rerank) || !(p.ivf.rerank! > 0))) {
      throw new Error(`${LITERATURE_MANIFEST}: partitioned.ivf.codes must be "int4" with rerank > 0 as a whole number (or absent, for int8 lists), not ${JSON.stringify(p.ivf.codes)}`);
    }
    if (p.bundles !== undefined && p.bundles !== true) throw new Error(`${LITERATURE_MANIFEST}: partitioned.bundles must be true or absent, not ${JSON.stringify(p.bundles)}`);
    if (p.postingTiers !== undefined) {
      const t = p.postingTiers as Partial<TieredLayout> | null;
      if (!t || !count(t.first) || !(t.first! > 0) || !count(t.growth) || !(t.growth! >= 2) || !Array.isArray(t.blocks) || !t.blocks.every(count) || t.blocks.reduce((a: number, b: number) => a + b, 0) !== p.postingBlocks) {
        throw new Error(`${LITERATURE_MANIFEST}: partitioned.postingTiers needs first > 0, growth ≥ 2 and blocks per tier (whole numbers) adding up to postingBlocks`);
      }
      if (t.frequencies !== undefined && t.frequencies !== 'float16') {
        throw new Error(`${LITERATURE_MANIFEST}: partitioned.postingTiers.frequencies must be "float16" (or absent, for float32), not ${JSON.stringify(t.frequencies)}`);
      }
    }
  }
  if (o.nli !== undefined) {
    if (typeof o.nli !== 'string' || o.nli === '') throw new Error(`${LITERATURE_MANIFEST}: nli must be the NLI model's name`);
    if (!o.files[`${NLI_DIR}raireki-model.json`]) throw new Error(`${LITERATURE_MANIFEST}: nli names ${o.nli}, but files has no ${NLI_DIR}raireki-model.json`);
  }
  return o as LiteratureManifest;
}

export function parseLiteratureManifest(text: string): LiteratureManifest {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new Error(`${LITERATURE_MANIFEST}: ${(e as Error).message}`);
  }
  return checkManifest(json);
}

/** Whether the index carries an NLI model (in `nli/`). */
export function hasNliModel(manifest: LiteratureManifest): boolean {
  return manifest.nli !== undefined;
}

export async function readLiteratureManifest(io: LiteraturePackIo): Promise<LiteratureManifest> {
  return parseLiteratureManifest(io.decodeUtf8(await io.read(LITERATURE_MANIFEST)));
}

/** A file of the index, read and checked against the manifest's size and SHA-256; throws saying which check failed. */
export async function readCheckedFile(io: LiteraturePackIo, manifest: LiteratureManifest, name: string): Promise<Uint8Array> {
  const entry = manifest.files[name];
  if (!entry) throw new Error(`${LITERATURE_MANIFEST}: no entry for ${name}`);
  return checkFileBytes(io, name, await io.read(name), entry, 'the manifest');
}

/** The bytes of a file if they have the size and SHA-256 that `source` (the manifest, a part table) gives; else throws saying which check failed. */
export async function checkFileBytes(io: LiteraturePackIo, name: string, bytes: Uint8Array, entry: { readonly bytes: number; readonly sha256: string }, source: string): Promise<Uint8Array> {
  if (bytes.byteLength !== entry.bytes) throw new Error(`${name}: ${bytes.byteLength} bytes, ${source} says ${entry.bytes}`);
  if ((await io.sha256(bytes)) !== entry.sha256) throw new Error(`${name}: SHA-256 does not match ${source}`);
  return bytes;
}

/** Reads and checks these files of the index, in order, reporting progress by file. */
export async function readCheckedFiles(io: LiteraturePackIo, manifest: LiteratureManifest, names: readonly string[]): Promise<Map<string, Uint8Array>> {
  const files = new Map<string, Uint8Array>();
  for (const [i, name] of names.entries()) {
    io.onProgress?.(i, names.length, name);
    files.set(name, await readCheckedFile(io, manifest, name));
  }
  io.onProgress?.(names.length, names.length, '');
  return files;
}

/**
 * The keyword index from the manifest's scalars, the term list and the arrays read from
 * files (a partitioned index gives empty postings: they are fetched per query).
 */
export function bm25FromFiles(
  manifest: LiteratureManifest,
  terms: string[],
  arrays: Pick<Bm25Index, 'postingOffsets' | 'postingDocs' | 'postingTfs' | 'prefixTerms'>,
): Bm25Index {
  if (arrays.postingOffsets.length !== terms.length + 1 || arrays.postingDocs.length !== arrays.postingTfs.length) {
    throw new Error('the BM25 files disagree with each other or with the term list');
  }
  return {
    k1: manifest.bm25.k1,
    fields: manifest.bm25.fields,
    fieldAvgLengths: Float64Array.from(manifest.bm25.fieldAvgLengths),
    docCount: manifest.docCount,
    terms,
    vocabulary: TermDictionary.fromTerms(terms),
    ...arrays,
  };
}

/** Reads and hash-checks the pack's index files (not the model folders: the embedder and the NLI model check theirs). */
export async function loadLiteraturePack(io: LiteraturePackIo, known?: LiteratureManifest): Promise<LiteratureIndex> {
  const manifest = known ?? (await readLiteratureManifest(io));
  if (manifest.partitioned) throw new Error(`${LITERATURE_MANIFEST}: the index is partitioned; open it with openPartitionedLiterature`);
  const files = await readCheckedFiles(io, manifest, Object.values(PACK_FILES));
  const json = (name: string) => JSON.parse(io.decodeUtf8(files.get(name)!)) as unknown;
  const { docCount, dims } = manifest;
  const docs = json(PACK_FILES.docs) as LiteratureDoc[];
  const terms = json(PACK_FILES.terms) as string[];
  const codes = view(files.get(PACK_FILES.vectors)!, Int8Array, PACK_FILES.vectors);
  const scales = view(files.get(PACK_FILES.scales)!, Float32Array, PACK_FILES.scales);
  if (docs.length !== docCount || scales.length !== docCount || codes.length !== docCount * dims) {
    throw new Error(`the pack's files disagree on the number of documents (manifest: ${docCount})`);
  }
  const bm25 = bm25FromFiles(manifest, terms, {
    postingOffsets: view(files.get(PACK_FILES.offsets)!, Int32Array, PACK_FILES.offsets),
    postingDocs: view(files.get(PACK_FILES.postingDocs)!, Int32Array, PACK_FILES.postingDocs),
    postingTfs: view(files.get(PACK_FILES.tfs)!, Float32Array, PACK_FILES.tfs),
    prefixTerms: view(files.get(PACK_FILES.prefix)!, Int32Array, PACK_FILES.prefix),
  });
  return { manifest, docs, vectors: { rows: docCount, dims, codes, scales }, bm25, languages: corpusLanguages(docs) };
}

/** The bytes of each binary file of a pack (the writer adds the JSON files and hashes). */
export function packBinaryFiles(vectors: Int8Matrix, bm25: Bm25Index): Map<string, Uint8Array> {
  const bytes = (a: ArrayBufferView) => new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
  return new Map([
    [PACK_FILES.vectors, bytes(vectors.codes)],
    [PACK_FILES.scales, bytes(vectors.scales)],
    [PACK_FILES.offsets, bytes(bm25.postingOffsets)],
    [PACK_FILES.postingDocs, bytes(bm25.postingDocs)],
    [PACK_FILES.tfs, bytes(bm25.postingTfs)],
    [PACK_FILES.prefix, bytes(bm25.prefixTerms)],
  ]);
}
