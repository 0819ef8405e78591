/**
 * Text in, unit vectors out: manifest-driven prefixes, tokenisation, the ONNX session,
 * pooling and normalisation. The browser worker and the Node indexer both go through
 * `createEmbedder`, so a vector computed at index time and one computed for a query are
 * the same function of the text.
 */
import { l2NormalizeInPlace, pool } from '../core/search/vector-pooling.ts';
import { createHfEncoder } from './hf-tokenizer.ts';
import { loadModelFolder, type ModelFolder, type ModelFolderIo } from './model-folder.ts';
import type { ModelManifest } from './model-manifest.ts';
import { createNgramEncoder } from './ngram-encoder.ts';
import { createOnnxSession, type RuntimeOptions } from './ort-session.ts';
import type { TextInputEncoder } from './text-inputs.ts';

export type TextRole = 'query' | 'passage';

export interface Embedder {
  readonly manifest: ModelManifest;
  readonly encoder: TextInputEncoder;
  /** One vector of `manifest.dimensions` per text (unit length when `normalize`). */
  embed(texts: readonly string[], role: TextRole): Promise<Float32Array[]>;
  release(): Promise<void>;
}

export interface EmbedderOptions extends RuntimeOptions {
  /** Texts per session run; padding makes very large batches of mixed lengths wasteful. */
  readonly batchSize?: number;
}

function createEncoder(folder: ModelFolder): TextInputEncoder {
  const m = folder.manifest;
  if (m.tokenizer.kind === 'tokenizer.json') {
    return createHfEncoder(folder.tokenizerJson, folder.tokenizerConfig, m.maxLength, m.inputs);
  }
  return createNgramEncoder(m.tokenizer.buckets, Math.min(m.tokenizer.maxFeatures, m.maxLength), m.inputs);
}

export async function createEmbedderFromFolder(folder: ModelFolder, options: EmbedderOptions): Promise<Embedder> {
  const { manifest } = folder;
  const encoder = createEncoder(folder);
  const session = await createOnnxSession(folder.model, options);
  const missing = manifest.inputs.filter((i) => !session.inputNames.includes(i));
  const unfed = session.inputNames.filter((i) => !(manifest.inputs as readonly string[]).includes(i));
  if (missing.length || unfed.length || !session.outputNames.includes(manifest.output)) {
    await session.release();
    throw new Error(
      `${manifest.name}: the manifest does not match the ONNX graph (graph inputs ${session.inputNames.join(', ')}; ` +
        `outputs ${session.outputNames.join(', ')}; manifest inputs ${manifest.inputs.join(', ')}, output ${manifest.output})`,
    );
  }
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
