/**
 * Text in, unit vectors out: manifest-driven prefixes, tokenisation, the ONNX session,
 * pooling and normalisation. The browser worker and the Node indexer both go through
 * `createEmbedder`, so a vector computed at index time and one computed for a query are
 * the same function of the text.
 */
import { l2NormalizeInPlace, pool } from '../core/search/vector-pooling.ts';
import { createHfEncoder } from './hf-tokenizer.ts';
import { loadModelFolder, type ModelFolder, type ModelFolderIo } from './model-folder.ts';
import { expectTask, type AnyModelManifest, type ModelManifest } from './model-manifest.ts';
import { startModelSession, startOnBackend, type ModelRuntimeOptions, type RuntimeReport } from './model-session.ts';
import { createNgramEncoder } from './ngram-encoder.ts';
import type { Backend } from './ort-session.ts';
import type { TextInputEncoder } from './text-inputs.ts';

export type TextRole = 'query' | 'passage';

export type { RuntimeReport };

export interface Embedder {
  readonly manifest: ModelManifest;
  readonly encoder: TextInputEncoder;
  readonly runtime: RuntimeReport;
  /** One vector of `manifest.dimensions` per text (unit length when `normalize`). */
  embed(texts: readonly string[], role: TextRole): Promise<Float32Array[]>;
  release(): Promise<void>;
}

export interface EmbedderOptions extends ModelRuntimeOptions {
  /** Texts per session run; padding makes very large batches of mixed lengths wasteful. */
  readonly batchSize?: number;
}

function createEncoder(folder: ModelFolder<ModelManifest>): TextInputEncoder {
  const m = folder.manifest;
  if (m.tokenizer.kind === 'tokenizer.json') {
    return createHfEncoder(folder.tokenizerJson, folder.tokenizerConfig, m.maxLength, m.inputs);
  }
  return createNgramEncoder(m.tokenizer.buckets, Math.min(m.tokenizer.maxFeatures, m.maxLength), m.inputs);
}

/** An embedder on a loaded folder; refuses a folder of another task (an NLI model) by name. */
export async function createEmbedderFromFolder(folder: ModelFolder<AnyModelManifest>, options: EmbedderOptions): Promise<Embedder> {
  const embedding = { ...folder, manifest: expectTask(folder.manifest, 'embedding') };
  return startOnBackend(options, (b) => startEmbedder(embedding, options, b), (e) => e);
}

async function startEmbedder(folder: ModelFolder<ModelManifest>, options: EmbedderOptions, backend: Backend): Promise<Embedder> {
  const { manifest } = folder;
  const encoder = createEncoder(folder);
  const session = await startModelSession(manifest, folder.model, options, backend);
  const batchSize = options.batchSize ?? 16;

  async function embedBatch(texts: readonly string[]): Promise<Float32Array[]> {
    const enc = encoder.encode(texts);
    const out = await session.run(enc.feeds, [enc.batch, enc.length], manifest.output);
    const dims = out.dims[out.dims.length - 1]!;
    if (dims !== manifest.dimensions) {
      throw new Error(`${manifest.name}: the model gives ${dims} dimensions, the manifest says ${manifest.dimensions}`);
    }
    const tokens = out.dims.length === 3 ? out.dims[1]! : 1;
    const vectors = pool({ data: out.data, batch: enc.batch, tokens, dims }, enc.mask, manifest.pooling);
    if (manifest.normalize) vectors.forEach(l2NormalizeInPlace);
    return vectors;
  }

  return {
    manifest,
    encoder,
    runtime: { backend, numThreads: session.numThreads },
    async embed(texts, role) {
      const prefix = manifest.prefixes[role];
      const out: Float32Array[] = [];
      for (let i = 0; i < texts.length; i += batchSize) {
        out.push(...(await embedBatch(texts.slice(i, i + batchSize).map((t) => prefix + t))));
      }
      return out;
    },
    release: () => session.release(),
  };
}

/** Loads (and hash-checks) a model folder, then starts its session. */
export async function createEmbedder(io: ModelFolderIo, options: EmbedderOptions): Promise<Embedder> {
  return createEmbedderFromFolder(await loadModelFolder(io), options);
}
