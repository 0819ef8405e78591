/**
 * Building a literature pack in memory: the embedding model (the corpus-trained default,
 * or a folder given by the user), passage vectors through src/embed (the code the
 * browser runs), int8 quantisation, the BM25 index, optionally an NLI model folder for the
 * output check (started once here, so that a folder the browser could not run is refused
 * now), and the manifest with SHA-256 of every file (of a partitioned index's numbered parts,
 * through their part tables). The CLI writes the result to disk; the retrieval benchmark loads it back
 * through the browser's loader.
 */
import { buildBm25 } from '../../src/core/search/bm25-builder.ts';
import type { CalibrationCase, FusionCalibration } from '../../src/core/search/fusion-calibration.ts';
import type { Bm25FieldSpec } from '../../src/core/search/bm25-index.ts';
import {
  LITERATURE_FORMAT,
  LITERATURE_MANIFEST,
  MODEL_DIR,
  NLI_DIR,
  PACK_FILES,
  packBinaryFiles,
  type LiteratureDoc,
  type LiteratureManifest,
  type PartitionedLayout,
} from '../../src/core/search/literature-pack.ts';
import { quantizeRows, type Int8Matrix } from '../../src/core/search/vector-quantize.ts';
import { partitionedFiles, type PartitionOptions } from '../../src/core/search/literature-partitioned.ts';
import { listIndexFiles } from '../../src/core/search/part-tables.ts';
import { writePartBundles } from '../../src/core/search/part-bundles.ts';
import { wasmRowScorer } from '../../src/embed/vector-scan-wasm.ts';
import { Prng } from '../../src/testing/prng.ts';
import { createEmbedder, createNliModel, memoryFolderIo, sha256Hex, type RuntimeOptions } from '../../src/embed/index.ts';
import { LiteratureSession } from '../../src/workers/literature-session.ts';
import { calibratePackFusion } from './literature-calibration.ts';
import { buildStaticModelFolder, trainingSample, type ContrastiveRun } from './literature-static-model.ts';

/** Whether the default model, trained on a corpus of `count` passages, saw passage `doc`. */
function trainedOn(count: number): (doc: number) => boolean {
  const sample = trainingSample(count);
  if (!sample) return () => true;
  const seen = new Uint8Array(count);
  for (const i of sample) seen[i] = 1;
  return (doc) => seen[doc] === 1;
}

export type BuildStage = 'model' | 'embed' | 'keyword' | 'calibrate' | 'partition' | 'write';

export interface BuildPackOptions {
  /** Files of a model folder to use instead of training the default model on the corpus. */
  readonly modelFiles?: ReadonlyMap<string, Uint8Array>;
  /** Files of an NLI model folder (`task: "nli"`) to carry in `nli/`, for the output check. */
  readonly nliFiles?: ReadonlyMap<string, Uint8Array>;
  readonly runtime: RuntimeOptions;
  /** A fixed BM25 weight for the hybrid; by default it is chosen per query, by a rule calibrated on the corpus. */
  readonly keywordWeight?: number;
  /** Epochs of the default model's contrastive stage at most (0: the SVD table alone, for comparison). */
  readonly contrastiveEpochs?: number;
  /** Pseudo-queries for the fusion calibration (default CALIBRATION_QUERIES; 0: none, the default rule). */
  readonly calibrationQueries?: number;
  /**
   * Write the partitioned layout (literature-partitioned.ts: files fetched per query) or the
   * whole one; by default partitioned from PARTITION_THRESHOLD documents up.
   */
  readonly partitioned?: boolean;
  /** Sizes of the partitions (defaults in literature-partitioned.ts). */
  readonly partition?: Pick<PartitionOptions, 'listRows' | 'listCodes' | 'docsPerBlock' | 'postingsBlockBytes'>;
  /**
   * Passage vectors already made (by shards, literature-shards.ts) with `modelFiles`, one
   * row per document in order: the build skips embedding.
   */
  readonly vectors?: Int8Matrix;
  /** Whether to store the output check's support threshold in the manifest (default true). */
  readonly supportThreshold?: boolean;
  readonly onProgress?: (stage: BuildStage, done: number, total: number) => void;
}

/**
 * Documents from which the indexer writes the partitioned layout unless told otherwise:
 * below it the whole index is at most ~30 MB and one exact scan answers in a few ms.
 */
export const PARTITION_THRESHOLD = 100_000;

export interface BuiltPack {
  readonly files: Map<string, Uint8Array>;
  readonly manifest: LiteratureManifest;
  /** Milliseconds per stage. */
  readonly timings: Record<BuildStage, number>;
  /** What the fusion calibration measured and chose; null when a fixed weight was asked for. */
  readonly calibration: FusionCalibration | null;
  /** The pseudo-queries' candidate lists it was chosen on (for benchmarks to study). */
  readonly calibrationCases: readonly CalibrationCase[];
  /** The default model's contrastive stage; null when it did not run (a given model, a small corpus). */
  readonly contrastive: ContrastiveRun | null;
}

/**
 * Passage vectors of the texts by the model, int8 row by row as they come (a million
 * float rows would be a gigabyte; their int8 codes are a quarter of it).
 */
export async function embedPassages(
  passages: readonly string[],
  modelFiles: ReadonlyMap<string, Uint8Array>,
  runtime: RuntimeOptions,
  onProgress: (done: number, total: number) => void = () => {},
): Promise<{ matrix: Int8Matrix; name: string }> {
  const embedder = await createEmbedder(memoryFolderIo(modelFiles), runtime);
  try {
    const dims = embedder.manifest.dimensions;
    const codes = new Int8Array(passages.length * dims);
    const scales = new Float32Array(passages.length);
    for (let i = 0; i < passages.length; i += EMBED_CHUNK) {
      onProgress(i, passages.length);
      const chunk = quantizeRows(await embedder.embed(passages.slice(i, i + EMBED_CHUNK), 'passage'), dims);
      codes.set(chunk.codes, i * dims);
      scales.set(chunk.scales, i);
    }
    onProgress(passages.length, passages.length);
    return { matrix: { rows: passages.length, dims, codes, scales }, name: embedder.manifest.name };
  } finally {
    await embedder.release();
  }
}

/** The model folder's name, from starting it as the browser will (which checks its files). */
async function modelNameOf(modelFiles: ReadonlyMap<string, Uint8Array>, runtime: RuntimeOptions): Promise<string> {
  const embedder = await createEmbedder(memoryFolderIo(modelFiles), runtime);
  await embedder.release();
  return embedder.manifest.name;
}

/** The text a document is embedded and keyword-indexed as. */
export function passageText(doc: LiteratureDoc): string {
  return doc.title && doc.text ? `${doc.title}\n${doc.text}` : doc.title || doc.text;
}

const EMBED_CHUNK = 256;
/** Seed of the k-means sample and nprobe queries: the same corpus gives the same lists. */
const PARTITION_SEED = 13;

/** BM25F fields: title (open to prefix completion, as people type titles) and text. */
export const LITERATURE_FIELDS: readonly Bm25FieldSpec[] = [{ weight: 1, prefix: true }, { weight: 1 }];

export async function buildLiteraturePack(docs: readonly LiteratureDoc[], options: BuildPackOptions): Promise<BuiltPack> {
  const progress = options.onProgress ?? (() => {});
  const timings: Record<BuildStage, number> = { model: 0, embed: 0, keyword: 0, calibrate: 0, partition: 0, write: 0 };
  const passages = docs.map(passageText);
  // Before the long part: a folder that cannot be used fails the build at once.
  if (options.vectors && !options.modelFiles) throw new Error('vectors made beforehand need the model folder they were made with');
  const nli = options.nliFiles ? await nliModelName(options.nliFiles, options.runtime) : undefined;

  let t = performance.now();
  progress('model', 0, 1);
  const trained = options.modelFiles
    ? null
    : await buildStaticModelFolder(passages, {
        onProgress: (d, n) => progress('model', d, n),
        ...(options.contrastiveEpochs !== undefined ? { contrastiveEpochs: options.contrastiveEpochs } : {}),
      });
  const modelFiles = options.modelFiles ?? trained!.files;
  progress('model', 1, 1);
  timings.model = performance.now() - t;

  t = performance.now();
  const { matrix, name: modelName } = options.vectors
    ? { matrix: options.vectors, name: await modelNameOf(modelFiles, options.runtime) }
    : await embedPassages(passages, modelFiles, options.runtime, (d, n) => progress('embed', d, n));
  if (matrix.rows !== docs.length) throw new Error(`${matrix.rows} vectors for ${docs.length} documents`);
  const dims = matrix.dims;
  timings.embed = performance.now() - t;

  t = performance.now();
  progress('keyword', 0, 1);
  const bm25 = buildBm25(
    LITERATURE_FIELDS,
    docs.map((d) => [[0, d.title], [1, d.text]] as const),
  );
  progress('keyword', 1, 1);
  timings.keyword = performance.now() - t;

  t = performance.now();
  // A fixed weight asked for needs no calibration.
  const run =
    options.keywordWeight === undefined && options.calibrationQueries !== 0
      ? await calibratePackFusion({
          docs,
          passageText: (d) => passageText({ id: '', ...d }),
          fields: LITERATURE_FIELDS,
          runtime: options.runtime,
          shipped: { modelFiles, vectors: matrix, ...(options.modelFiles ? {} : { trainedOn: trainedOn(docs.length) }) },
          ...(options.calibrationQueries ? { queries: options.calibrationQueries } : {}),
          ...(options.contrastiveEpochs !== undefined ? { contrastiveEpochs: options.contrastiveEpochs } : {}),
          onProgress: (d, n) => progress('calibrate', d, n),
        })
      : null;
  const calibration = run?.calibration ?? null;
  timings.calibrate = performance.now() - t;

  t = performance.now();
  const encoder = new TextEncoder();
  let files: Map<string, Uint8Array>;
  let partitioned: PartitionedLayout | undefined;
  if (options.partitioned ?? docs.length >= PARTITION_THRESHOLD) {
    const prng = new Prng(PARTITION_SEED);
    const out = partitionedFiles(docs, matrix, { ...bm25, terms: bm25.terms as readonly string[] }, { ...options.partition, random: () => prng.next(), encodeUtf8: (t) => encoder.encode(t), scorer: wasmRowScorer, ...(run?.queryVectors ? { probeQueries: run.queryVectors } : {}), onProgress: (d, n) => progress('partition', d, n) });
    files = out.files;
    partitioned = out.layout;
  } else {
    files = packBinaryFiles(matrix, bm25);
    files.set(PACK_FILES.docs, encoder.encode(JSON.stringify(docs)));
    files.set(PACK_FILES.terms, encoder.encode(JSON.stringify(bm25.terms)));
  }
  timings.partition = performance.now() - t;
  t = performance.now();
  for (const [name, bytes] of modelFiles) files.set(MODEL_DIR + name, bytes);
  for (const [name, bytes] of options.nliFiles ?? []) files.set(NLI_DIR + name, bytes);
  // Numbered parts through their folders' tables, so the manifest stays small at any size.
  const hashes = await listIndexFiles(files, sha256Hex);
  if (partitioned) {
    // Each folder's parts once more in one file, so a search reads a folder in one request.
    // Not listed: nothing is taken from a bundle unchecked (each part against its table).
    for (const [name, bytes] of writePartBundles(files)) files.set(name, bytes);
    partitioned = { ...partitioned, bundles: true };
  }
  let manifest: LiteratureManifest = {
    format: LITERATURE_FORMAT,
    docCount: docs.length,
    dims,
    model: modelName,
    ...(nli !== undefined ? { nli } : {}),
    bm25: { k1: bm25.k1, fields: bm25.fields, fieldAvgLengths: Array.from(bm25.fieldAvgLengths) },
    keywordWeight: options.keywordWeight ?? null,
    ...(calibration
      ? { fusion: { ...calibration.rule, calibration: { queries: calibration.queries, ndcg: calibration.ndcg, ...(calibration.spread ? { spread: calibration.spread } : {}) } } }
      : {}),
    ...(partitioned ? { partitioned } : {}),
    files: hashes,
  };
  files.set(LITERATURE_MANIFEST, encoder.encode(JSON.stringify(manifest, null, 2) + '\n'));
  timings.write = performance.now() - t;

  // The output check's support threshold, computed over this very index by the session code
  // the browser runs, so that the browser need not search the corpus with every control
  // sentence on a first check. (It counts as calibration.)
  t = performance.now();
  if (options.supportThreshold !== false) {
    const session = new LiteratureSession(options.runtime);
    await session.open({ read: async (name) => files.get(name)! });
    const support = await session.computeSupportThreshold();
    manifest = { ...manifest, support };
    files.set(LITERATURE_MANIFEST, encoder.encode(JSON.stringify(manifest, null, 2) + '\n'));
  }
  timings.calibrate += performance.now() - t;
  return { files, manifest, timings, calibration, calibrationCases: run?.cases ?? [], contrastive: trained?.contrastive ?? null };
}

/**
 * The NLI folder's model name, after starting it as the browser will (hashes, task, labels,
 * the graph's inputs and output) and classifying one pair: an index must not carry a model
 * the check cannot run.
 */
async function nliModelName(files: ReadonlyMap<string, Uint8Array>, runtime: RuntimeOptions): Promise<string> {
  let nli;
  try {
    nli = await createNliModel(memoryFolderIo(files), runtime);
  } catch (err) {
    throw new Error(`the NLI model folder cannot be used: ${err instanceof Error ? err.message : String(err)}`);
  }
  try {
    await nli.classify([{ premise: 'Metformin is reduced at an eGFR of 30 to 44.', hypothesis: 'eGFR 30未満ではメトホルミンは禁忌である。' }]);
    return nli.manifest.name;
  } finally {
    await nli.release();
  }
}
