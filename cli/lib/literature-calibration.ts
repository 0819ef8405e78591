/**
 * The fusion calibration of a literature pack (src/core/search/fusion-calibration.ts), as
 * the indexer runs it: pseudo-queries drawn from the corpus, each taken out of its
 * document; the embedding model the pack ships, or — for the default model, which is
 * trained on the corpus — a second copy trained on the corpus *without* those sentences,
 * so that the model is measured on text it has never seen, as it will be on real queries
 * (trained on them, it would look better than it is and get too much weight); both
 * rankers over that corpus; the rule that fuses them best.
 *
 * The pack's own model is still trained on every passage: holding a few hundred sentences
 * out of it costs retrieval quality on small corpora (measured: −0.02 nDCG@10 on a
 * 474-document set) for nothing. On a corpus larger than the model's training sample
 * (MAX_TRAINING_PASSAGES) no second model is needed: pseudo-queries are drawn from the
 * documents the shipped model was never trained on, and it is measured as it is.
 */
import { calibrationCases } from '../../src/core/search/calibration-cases.ts';
import type { Bm25FieldSpec } from '../../src/core/search/bm25-index.ts';
import { calibrateFusion, type CalibrationCase, type FusionCalibration } from '../../src/core/search/fusion-calibration.ts';
import type { LiteratureDoc } from '../../src/core/search/literature-pack.ts';
import { FUSION_CANDIDATES } from '../../src/core/search/literature-search.ts';
import { drawPseudoQueries } from '../../src/core/search/pseudo-queries.ts';
import { crossSomeQueries } from '../../src/core/search/cross-lingual-queries.ts';
import { corpusLanguages } from '../../src/core/search/text-language.ts';
import { quantizeRows, type Int8Matrix } from '../../src/core/search/vector-quantize.ts';
import { createEmbedder, memoryFolderIo, type Embedder, type RuntimeOptions } from '../../src/embed/index.ts';
import { Prng } from '../../src/testing/prng.ts';
import { buildStaticModelFolder } from './literature-static-model.ts';

/** Pseudo-queries drawn (a few hundred tell rules apart to about 0.01 nDCG@10). */
export const CALIBRATION_QUERIES = 400;
/** Seed of the draw: a rebuild of the same corpus gives the same pack. */
const CALIBRATION_SEED = 11;
/** Seed of which pseudo-queries cross languages: a stream of its own, so the draw itself is as on a corpus of one language. */
const CROSSING_SEED = 17;
const EMBED_CHUNK = 256;

export interface CalibrationOptions {
  readonly docs: readonly LiteratureDoc[];
  /** Each document's text as the pack embeds it. */
  readonly passageText: (doc: { title: string; text: string }) => string;
  readonly fields: readonly Bm25FieldSpec[];
  readonly runtime: RuntimeOptions;
  /** The pack's model and its vectors of the corpus. */
  readonly shipped: {
    readonly modelFiles: ReadonlyMap<string, Uint8Array>;
    readonly vectors: Int8Matrix;
    /** For the corpus-trained default model: whether a document was in its training sample. Absent: a model given by the user, trained on none. */
    readonly trainedOn?: (doc: number) => boolean;
  };
  readonly queries?: number;
  /** As the shipped default model was trained (see BuildPackOptions). */
  readonly contrastiveEpochs?: number;
  readonly onProgress?: (done: number, total: number) => void;
}

export interface CalibrationRun {
  readonly calibration: FusionCalibration;
  readonly cases: readonly CalibrationCase[];
  /**
   * The pseudo-queries embedded by the shipped model (the partitioned index chooses how many
   * vector lists to probe with them); absent when a calibration copy of the model was trained.
   */
  readonly queryVectors?: readonly Float32Array[];
}

async function embedAll(embedder: Embedder, texts: readonly string[], kind: 'query' | 'passage'): Promise<Float32Array[]> {
  const out: Float32Array[] = [];
  for (let i = 0; i < texts.length; i += EMBED_CHUNK) out.push(...(await embedder.embed(texts.slice(i, i + EMBED_CHUNK), kind)));
  return out;
}

export async function calibratePackFusion(o: CalibrationOptions): Promise<CalibrationRun> {
  const prng = new Prng(CALIBRATION_SEED);
  const count = o.queries ?? CALIBRATION_QUERIES;
  const trainedOn = o.shipped.trainedOn;
  const unseen = trainedOn ? o.docs.reduce((n, _, i) => n + (trainedOn(i) ? 0 : 1), 0) : o.docs.length;
  // The shipped model can be measured as it is when enough documents are new to it.
  const reuse = !trainedOn || unseen >= 2 * count;
  const drawn = drawPseudoQueries(o.docs, count, () => prng.next(), reuse && trainedOn ? (i) => !trainedOn(i) : undefined);
  // On a corpus written in both languages, some cross the language boundary.
  const crossing = new Prng(CROSSING_SEED);
  const pseudo = crossSomeQueries(drawn, corpusLanguages(o.docs), () => crossing.next());
  const remainders = pseudo.map((q) => o.passageText(q));
  const passages = o.docs.map((d) => o.passageText(d));
  for (const [i, q] of pseudo.entries()) passages[q.doc] = remainders[i]!;
  const progress = o.onProgress ?? (() => {});
  progress(0, 3);
  const modelFiles = reuse ? o.shipped.modelFiles : (await buildStaticModelFolder(passages, o.contrastiveEpochs !== undefined ? { contrastiveEpochs: o.contrastiveEpochs } : {})).files;
  progress(1, 3);
  const embedder = await createEmbedder(memoryFolderIo(modelFiles), o.runtime);
  let cases: CalibrationCase[];
  // As embedded for the calibration: the texts the app would embed for these queries.
  let queryVectors: Float32Array[] = [];
  try {
    // The shipped model's vectors stand (only the held-out documents change); the calibration
    // copy of the default model embeds its whole corpus.
    const vectors = reuse ? o.shipped.vectors : quantizeRows(await embedAll(embedder, passages, 'passage'), embedder.manifest.dimensions);
    const remainderVectors = await embedAll(embedder, remainders, 'passage');
    progress(2, 3);
    cases = await calibrationCases({
      docs: o.docs,
      fields: o.fields,
      vectors,
      pseudoQueries: pseudo,
      remainderVectors,
      embedQueries: async (texts) => (queryVectors = await embedAll(embedder, texts, 'query')),
      candidates: FUSION_CANDIDATES,
    });
  } finally {
    await embedder.release();
  }
  progress(3, 3);
  return { calibration: calibrateFusion(cases), cases, ...(reuse ? { queryVectors } : {}) };
}
