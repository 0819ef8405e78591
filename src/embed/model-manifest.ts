/**
 * `raireki-model.json`: what the runtime needs to know about a model folder that the ONNX
 * file and tokenizer.json do not say — pooling, normalisation, the prefixes some models
 * were trained with (e5: `query: ` / `passage: `), the input names, and the files' hashes.
 */
import { z } from 'zod';

export const MODEL_MANIFEST_FILE = 'raireki-model.json';
export const MODEL_FORMAT = 'raireki-model/1';

const fileEntry = z.object({ sha256: z.string().regex(/^[0-9a-f]{64}$/), bytes: z.number().int().nonnegative() });

const tokenizerSpec = z.discriminatedUnion('kind', [
  /** A Hugging Face tokenizer.json, run by @huggingface/tokenizers. */
  z.object({ kind: z.literal('tokenizer.json'), file: z.string().min(1), configFile: z.string().min(1).optional() }),
  /** The static model's hashed n-gram features (src/core/search/vector-ngram-features.ts). */
  z.object({
    kind: z.literal('raireki-ngram-hash'),
    version: z.literal(1),
    buckets: z.number().int().min(2),
    maxFeatures: z.number().int().positive(),
  }),
]);

export const modelInput = z.enum(['input_ids', 'attention_mask', 'token_type_ids', 'feature_ids']);

export const modelManifestSchema = z.object({
  format: z.literal(MODEL_FORMAT),
  name: z.string().min(1),
  description: z.string(),
  dimensions: z.number().int().positive(),
  /** 'none': the graph's output is already one vector per text. */
  pooling: z.enum(['mean', 'cls', 'none']),
  normalize: z.boolean(),
  prefixes: z.object({ query: z.string(), passage: z.string() }),
  /** Tokens (or features) per text; longer texts are truncated. */
  maxLength: z.number().int().positive(),
  tokenizer: tokenizerSpec,
  inputs: z.array(modelInput).min(1),
  output: z.string().min(1),
  model: z.string().min(1),
  files: z.record(z.string(), fileEntry),
});

export type ModelManifest = z.infer<typeof modelManifestSchema>;
export type ModelInput = z.infer<typeof modelInput>;

export function parseModelManifest(json: unknown): ModelManifest {
  const result = modelManifestSchema.safeParse(json);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    throw new Error(`${MODEL_MANIFEST_FILE}: ${issue.path.join('.') || '(root)'}: ${issue.message}`);
  }
  const m = result.data;
  for (const needed of [m.model, ...(m.tokenizer.kind === 'tokenizer.json' ? [m.tokenizer.file] : [])]) {
    if (!m.files[needed]) throw new Error(`${MODEL_MANIFEST_FILE}: files has no hash for ${needed}`);
  }
  return m;
}
