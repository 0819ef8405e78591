/**
 * The embedded default model, `raireki-static-ngram-256`: trained on the corpus being
 * indexed (src/core/search/vector-static-train.ts) and exported as an ONNX graph that
 * onnxruntime-web runs like any other model:
 *
 *   feature_ids [batch, n] (int64 hash buckets, 0 = padding)
 *     → Gather(bucket_rows)            row of each bucket (0: unknown → zero vector)
 *     → Gather(row_codes)              int8 [batch, n, dims]
 *     → DequantizeLinear               float (scale 1; per-row scales live in row_weights)
 *     → Mul(Gather(row_weights))       idf × scale of each feature
 *     → ReduceSum over n → ÷ ReduceL2  sentence_embedding [batch, dims], unit length
 */
import { ngramFeatureIds, NGRAM_FEATURES_VERSION } from '../../src/core/search/vector-ngram-features.ts';
import { DEFAULT_CONTRASTIVE, type ContrastiveResult } from '../../src/core/search/vector-contrastive.ts';
import { contrastivePairs, MIN_CONTRASTIVE_PASSAGES } from '../../src/core/search/vector-contrastive-pairs.ts';
import { DEFAULT_STATIC_TRAIN, trainStaticModel, type StaticModelTables } from '../../src/core/search/vector-static-train.ts';
import { Prng } from '../../src/testing/prng.ts';
import { DataType, encodeModel, initializer, int64s, node, scalar, valueInfo } from './literature-onnx-graph.ts';
import { modelFolderFiles } from './literature-model-files.ts';

export const STATIC_MAX_FEATURES = 8192;
/**
 * Passages the SVD is trained on at most, evenly spaced through the corpus. Training costs
 * grow with the corpus (nonzeros × ~270 per pass); a sample this size learns a literature
 * collection's vocabulary well, and every passage is still embedded by the trained model.
 */
export const MAX_TRAINING_PASSAGES = 20_000;

/**
 * How wide the default model is: 512 dimensions for a corpus of 1,024 to 50,000 passages,
 * 256 otherwise. Width is what a static model has to keep a corpus's words apart: with 512
 * its vectors alone rank the real queries of our eleven development sets as well as BM25 on
 * average (nDCG@10 0.646, from 0.628), gaining most on the corpora of 5,000 documents or
 * more (+0.04–0.05 each), where 256 dimensions hold too little (docs/embedding-models.md,
 * "How wide").
 *
 * Bounded below by the corpus: the SVD's directions all count equally (whitened), and as
 * their number nears the number of documents the last of them are noise. At 512 on the
 * 320-document sample, HealthVer's 474 and SciFact's 434 (models as wide as the corpus) the
 * sample's own pseudo-queries and HealthVer ranked worse, so the wide model wants two
 * documents a dimension.
 *
 * Bounded above by bytes: a document's vector is one byte a dimension. Up to 50,000
 * documents a whole index's vectors stay within the 25.6 MB of 100,000 at 256 (where the
 * partitioned layout begins); above it a partitioned index's cold query reads its probed
 * lists, whose bytes double with the width.
 */
export const WIDE_MODEL_DIMS = 512;
export const WIDE_MODEL_MIN_PASSAGES = 2 * WIDE_MODEL_DIMS;
export const WIDE_MODEL_MAX_PASSAGES = 50_000;

export function defaultModelDims(passages: number): number {
  return passages >= WIDE_MODEL_MIN_PASSAGES && passages <= WIDE_MODEL_MAX_PASSAGES ? WIDE_MODEL_DIMS : DEFAULT_STATIC_TRAIN.dims;
}

export function staticModelGraph(t: StaticModelTables, doc: string): Uint8Array {
  return encodeModel({
    name: 'raireki_static_ngram',
    doc,
    inputs: [valueInfo('feature_ids', DataType.INT64, ['batch', 'features'])],
    outputs: [valueInfo('sentence_embedding', DataType.FLOAT, ['batch', t.dims])],
    initializers: [
      initializer('bucket_rows', [t.buckets], t.bucketRows),
      initializer('row_codes', [t.rows, t.dims], t.rowCodes),
      initializer('row_weights', [t.rows], t.rowWeights),
      scalar('dq_scale', 1),
      initializer('dq_zero', [], Int8Array.of(0)),
      int64s('axis_features', [1]),
      int64s('axis_last', [2]),
      scalar('eps', 1e-12),
    ],
    nodes: [
      node('Gather', ['bucket_rows', 'feature_ids'], ['rows']),
      node('Gather', ['row_codes', 'rows'], ['codes']),
      node('DequantizeLinear', ['codes', 'dq_scale', 'dq_zero'], ['values']),
      node('Gather', ['row_weights', 'rows'], ['weights']),
      node('Unsqueeze', ['weights', 'axis_last'], ['weights3']),
      node('Mul', ['values', 'weights3'], ['weighted']),
      node('ReduceSum', ['weighted', 'axis_features'], ['summed'], { keepdims: 0 }),
      node('ReduceL2', ['summed', 'axis_features'], ['norm'], { keepdims: 1 }),
      node('Max', ['norm', 'eps'], ['norm_safe']),
      node('Div', ['summed', 'norm_safe'], ['sentence_embedding']),
    ],
  });
}

export interface StaticModelOptions {
  readonly dims?: number;
  readonly buckets?: number;
  readonly maxRows?: number;
  readonly seed?: number;
  readonly maxTrainingPassages?: number;
  readonly onProgress?: (done: number, total: number) => void;
  /** Epochs of the contrastive stage at most (0: the SVD table alone). */
  readonly contrastiveEpochs?: number;
}

/**
 * Which passages of a corpus of `count` the model is trained on: every one, or (null
 * meaning all) evenly spaced indices when there are more than `max`.
 */
export function trainingSample(count: number, max = MAX_TRAINING_PASSAGES): number[] | null {
  return count <= max ? null : Array.from({ length: max }, (_, i) => Math.floor((i * count) / max));
}

/** What the contrastive stage did, and how long it took. */
export interface ContrastiveRun extends ContrastiveResult {
  readonly ms: number;
}

export interface TrainedStaticModel {
  readonly tables: StaticModelTables;
  /** Null: the corpus was too small to judge the stage (or it was turned off); the SVD table stands. */
  readonly contrastive: ContrastiveRun | null;
}

/** Trains the model's tables on `texts` (passages as they will be embedded). */
export function trainStaticModelOnTexts(texts: readonly string[], options: StaticModelOptions = {}): TrainedStaticModel {
  const buckets = options.buckets ?? DEFAULT_STATIC_TRAIN.buckets;
  const prng = new Prng(options.seed ?? 1);
  const max = options.maxTrainingPassages ?? MAX_TRAINING_PASSAGES;
  const sample = trainingSample(texts.length, max)?.map((i) => texts[i]!) ?? texts;
  const features = (t: string) => ngramFeatureIds(t, buckets, STATIC_MAX_FEATURES);
  const epochs = options.contrastiveEpochs ?? DEFAULT_CONTRASTIVE.epochs;
  // Its own generator, so that the SVD's random start is the same with or without pairs.
  const pairPrng = new Prng((options.seed ?? 1) + 1);
  const pairs = epochs > 0 ? contrastivePairs(sample, features, () => pairPrng.next()) : null;
  let started: number | undefined;
  let contrastive: ContrastiveRun | null = null;
  const tables = trainStaticModel(
    sample.map(features),
    {
      ...DEFAULT_STATIC_TRAIN,
      // The width follows the whole corpus, not the sample trained on: it is the index's size.
      dims: options.dims ?? defaultModelDims(texts.length),
      buckets,
      maxRows: options.maxRows ?? DEFAULT_STATIC_TRAIN.maxRows,
      random: () => prng.next(),
      onProgress: (done, total) => {
        options.onProgress?.(done, total);
        // The SVD has finished: what follows is the contrastive stage.
        if (done === total) started = performance.now();
      },
      ...(pairs
        ? {
            contrastive: {
              ...pairs,
              options: { ...DEFAULT_CONTRASTIVE, epochs },
              onResult: (r: ContrastiveResult) => (contrastive = { ...r, ms: performance.now() - started! }),
            },
          }
        : {}),
    },
  );
  return { tables, contrastive };
}

/** One line on the contrastive stage, for the indexer's and the benchmarks' output. */
export function describeContrastive(run: ContrastiveRun | null): string {
  if (!run) return `contrastive stage: not run (fewer than ${MIN_CONTRASTIVE_PASSAGES} passages to train on, a model given, or turned off)`;
  const mrr = run.reports.map((r) => r.heldOutMrr.toFixed(3)).join(' → ');
  return (
    `contrastive stage: ${run.keptEpochs} of ${run.reports.length - 1} epoch(s) kept, held-out MRR by epoch ${mrr}, ` +
    `${(run.ms / 1000).toFixed(1)} s`
  );
}

/** The model folder's files (model.onnx + raireki-model.json) for a trained model. */
export async function staticModelFolderFiles(trained: TrainedStaticModel, trainedOn: number): Promise<Map<string, Uint8Array>> {
  const { tables, contrastive } = trained;
  const { dims, buckets } = tables;
  const name = `raireki-static-ngram-${dims}`;
  const refined = contrastive?.keptEpochs
    ? `, then refined for ${contrastive.keptEpochs} epoch(s) with an in-batch contrastive loss on sentences taken out ` +
      `of their documents (held-out MRR ${contrastive.reports[0]!.heldOutMrr.toFixed(3)} → ` +
      `${contrastive.reports[contrastive.keptEpochs]!.heldOutMrr.toFixed(3)})`
    : '';
  const description =
    `Static embedding trained on the indexed corpus (${trainedOn} passages, at most ${MAX_TRAINING_PASSAGES} of them ` +
    `used for training): hashed words, Latin character ` +
    `trigrams and CJK bigrams/unigrams → ${dims}-dimensional vectors from a truncated SVD of the idf-weighted ` +
    `document–feature matrix (whitened LSA)${refined}, int8 table. Knows only this corpus's vocabulary.`;
  const model = staticModelGraph(tables, description);
  return modelFolderFiles(
    {
      name,
      description,
      dimensions: dims,
      pooling: 'none',
      normalize: true,
      prefixes: { query: '', passage: '' },
      maxLength: STATIC_MAX_FEATURES,
      tokenizer: { kind: 'raireki-ngram-hash', version: NGRAM_FEATURES_VERSION, buckets, maxFeatures: STATIC_MAX_FEATURES },
      inputs: ['feature_ids'],
      output: 'sentence_embedding',
      model: 'model.onnx',
    },
    new Map([['model.onnx', model]]),
  );
}

export interface StaticModelFolder {
  readonly files: Map<string, Uint8Array>;
  readonly contrastive: ContrastiveRun | null;
}

export async function buildStaticModelFolder(texts: readonly string[], options: StaticModelOptions = {}): Promise<StaticModelFolder> {
  const trained = trainStaticModelOnTexts(texts, options);
  return { files: await staticModelFolderFiles(trained, texts.length), contrastive: trained.contrastive };
}
