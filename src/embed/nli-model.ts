/**
 * Premise and hypothesis in, entailment / neutral / contradiction probabilities out: an NLI
 * cross-encoder (a model folder with `task: "nli"`) run by the same folder loading, hash
 * checks, tokenizer library and ONNX session code as the embedder, in a browser worker and
 * in Node alike. The manifest's `labels` say which output index means what (models differ),
 * so callers always get the three probabilities by name.
 */
import { createHfPairEncoder, type HfPairEncoder, type TextPair } from './hf-tokenizer.ts';
import { loadModelFolder, type ModelFolder, type ModelFolderIo } from './model-folder.ts';
import { expectTask, NLI_LABELS, type AnyModelManifest, type NliLabel, type NliManifest } from './model-manifest.ts';
import { startModelSession, startOnBackend, type ModelRuntimeOptions, type RuntimeReport } from './model-session.ts';
import type { Backend } from './ort-session.ts';

export type NliPair = TextPair;
/** Softmax probabilities over the model's three labels (they sum to 1). */
export type NliScores = Record<NliLabel, number>;

export interface NliModel {
  readonly manifest: NliManifest;
  readonly encoder: HfPairEncoder;
  readonly runtime: RuntimeReport;
  /** One result per pair, in order; pairs are run `batchSize` at a time. */
  classify(pairs: readonly NliPair[]): Promise<NliScores[]>;
  release(): Promise<void>;
}

export interface NliModelOptions extends ModelRuntimeOptions {
  /** Pairs per session run (default 8): a cross-encoder's pairs are long, and padding costs. */
  readonly batchSize?: number;
}

/** The hypothesis the `auto` backend trial pairs with each trial query. */
const TRIAL_HYPOTHESIS = 'The dose must be reduced when kidney function falls.';

/** Softmax of one row of logits, named by the manifest's label order. */
export function nliScores(logits: ArrayLike<number>, labels: NliManifest['labels']): NliScores {
  const max = Math.max(...Array.from(logits));
  const exps = Array.from(logits, (x) => Math.exp(x - max));
  const sum = exps.reduce((a, b) => a + b, 0);
  const out = {} as NliScores;
  for (const [index, label] of Object.entries(labels)) out[label] = exps[Number(index)]! / sum;
  return out;
}

async function startNli(folder: ModelFolder<NliManifest>, options: NliModelOptions, backend: Backend): Promise<NliModel> {
  const { manifest } = folder;
  const encoder = createHfPairEncoder(folder.tokenizerJson, folder.tokenizerConfig, manifest.maxLength, manifest.inputs);
  const session = await startModelSession(manifest, folder.model, options, backend);
  const batchSize = options.batchSize ?? 8;

  async function classifyBatch(pairs: readonly NliPair[]): Promise<NliScores[]> {
    const enc = encoder.encode(pairs);
    const out = await session.run(enc.feeds, [enc.batch, enc.length], manifest.output);
    const n = out.dims[out.dims.length - 1]!;
    if (out.dims.length !== 2 || out.dims[0] !== enc.batch || n !== NLI_LABELS.length) {
      throw new Error(`${manifest.name}: ${manifest.output} has shape [${out.dims.join(', ')}], expected [${enc.batch}, ${NLI_LABELS.length}] (logits per pair)`);
    }
    return pairs.map((_, b) => nliScores(out.data.subarray(b * n, (b + 1) * n), manifest.labels));
  }

  return {
    manifest,
    encoder,
    runtime: { backend, numThreads: session.numThreads },
    async classify(pairs) {
      const out: NliScores[] = [];
      for (let i = 0; i < pairs.length; i += batchSize) out.push(...(await classifyBatch(pairs.slice(i, i + batchSize))));
      return out;
    },
    release: () => session.release(),
  };
}

/** An NLI model on a loaded folder; refuses a folder of another task (an embedding model) by name. */
export async function createNliModelFromFolder(folder: ModelFolder<AnyModelManifest>, options: NliModelOptions): Promise<NliModel> {
  const nli = { ...folder, manifest: expectTask(folder.manifest, 'nli') };
  return startOnBackend(
    options,
    (b) => startNli(nli, options, b),
    // The backend trial times one pair per run and compares the probabilities.
    (m) => ({
      embed: async (texts) =>
        (await m.classify(texts.map((premise) => ({ premise, hypothesis: TRIAL_HYPOTHESIS })))).map((s) => Float32Array.from(NLI_LABELS, (l) => s[l])),
    }),
  );
}

/** Loads (and hash-checks) an NLI model folder, then starts its session. */
export async function createNliModel(io: ModelFolderIo, options: NliModelOptions): Promise<NliModel> {
  return createNliModelFromFolder(await loadModelFolder(io), options);
}
