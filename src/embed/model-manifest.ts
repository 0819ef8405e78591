/**
 * `raireki-model.json`: what the runtime needs to know about a model folder that the ONNX
 * file and tokenizer.json do not say — what the model is for (`task`), pooling,
 * normalisation, the prefixes some models were trained with (e5: `query: ` / `passage: `),
 * the input names, an NLI model's label order, and the files' hashes.
 *
 * Two tasks:
 * - `embedding` (the default: folders written before `task` existed are embedding models and
 *   stay valid unchanged): text in, one vector out (create-embedder.ts);
 * - `nli`: a sequence-pair classifier (an entailment cross-encoder): premise and hypothesis
 *   in, one logit per label out (nli-model.ts).
 */
import { z } from 'zod';

export const MODEL_MANIFEST_FILE = 'raireki-model.json';
export const MODEL_FORMAT = 'raireki-model/1';

const fileEntry = z.object({ sha256: z.string().regex(/^[0-9a-f]{64}$/), bytes: z.number().int().nonnegative() });

/** A Hugging Face tokenizer.json, run by @huggingface/tokenizers. */
const hfTokenizerSpec = z.object({ kind: z.literal('tokenizer.json'), file: z.string().min(1), configFile: z.string().min(1).optional() });

const tokenizerSpec = z.discriminatedUnion('kind', [
  hfTokenizerSpec,
  /** The static model's hashed n-gram features (src/core/search/vector-ngram-features.ts). */
  z.object({
    kind: z.literal('raireki-ngram-hash'),
    version: z.literal(1),
    buckets: z.number().int().min(2),
    maxFeatures: z.number().int().positive(),
  }),
]);

export const modelInput = z.enum(['input_ids', 'attention_mask', 'token_type_ids', 'feature_ids']);

export const MODEL_TASKS = ['embedding', 'nli'] as const;
export type ModelTask = (typeof MODEL_TASKS)[number];

/** What an NLI model's outputs can mean; every NLI folder names each once. */
export const NLI_LABELS = ['entailment', 'neutral', 'contradiction'] as const;
export type NliLabel = (typeof NLI_LABELS)[number];

// Fields every model folder has, whatever its task. The schemas list them in the order a
// manifest is written in (zod's output follows it), which keeps regenerated folders
// byte-identical.
const format = z.literal(MODEL_FORMAT);
const name = z.string().min(1);
const description = z.string();
/** Tokens (or features) per text — per pair for NLI; longer input is truncated. */
const maxLength = z.number().int().positive();
const inputs = z.array(modelInput).min(1);
const output = z.string().min(1);
const model = z.string().min(1);
const files = z.record(z.string(), fileEntry);

/** An embedding model (`task` absent or 'embedding'). */
export const modelManifestSchema = z.object({
  format,
  task: z.literal('embedding').optional(),
  name,
  description,
  dimensions: z.number().int().positive(),
  /** 'none': the graph's output is already one vector per text. */
  pooling: z.enum(['mean', 'cls', 'none']),
  normalize: z.boolean(),
  prefixes: z.object({ query: z.string(), passage: z.string() }),
  maxLength,
  tokenizer: tokenizerSpec,
  inputs,
  output,
  model,
  files,
});

/**
 * An NLI cross-encoder (`task: 'nli'`): tokenizer.json's pair template ([CLS] premise [SEP]
 * hypothesis [SEP] for BERT and DeBERTa) with token_type_ids where the graph takes them;
 * `output` gives logits [batch, 3]; `labels` maps each output index ("0", "1", "2") to
 * what it means, as the model's config.json `id2label` does (lower case). Models differ:
 * cross-encoder/nli-deberta-v3-* is contradiction, entailment, neutral; MoritzLaurer's
 * models are entailment, neutral, contradiction.
 */
export const nliManifestSchema = z.object({
  format,
  task: z.literal('nli'),
  name,
  description,
  maxLength,
  tokenizer: hfTokenizerSpec,
  inputs,
  output,
  labels: z
    .record(z.string(), z.enum(NLI_LABELS))
    .superRefine((labels, ctx) => {
      const indices = Object.keys(labels).sort();
      const names = Object.values(labels);
      const complete = indices.length === NLI_LABELS.length && indices.every((v, i) => v === String(i));
      const once = NLI_LABELS.every((l) => names.filter((n) => n === l).length === 1);
      if (!complete || !once) {
        ctx.addIssue({
          code: 'custom',
          message:
            `must map the output indices 0, 1, 2 to ${NLI_LABELS.join(', ')}, each once, in the model's order ` +
            `(its config.json id2label); got ${JSON.stringify(labels)}`,
        });
      }
    }),
  model,
  files,
});

export type ModelManifest = z.infer<typeof modelManifestSchema>;
export type NliManifest = z.infer<typeof nliManifestSchema>;
/** A manifest of either task. */
export type AnyModelManifest = ModelManifest | NliManifest;
export type ModelInput = z.infer<typeof modelInput>;

/** The task a manifest declares; folders without one are embedding models. */
export function manifestTask(m: AnyModelManifest): ModelTask {
  return m.task ?? 'embedding';
}

function parseWith<T extends AnyModelManifest>(schema: z.ZodType<T>, json: unknown): T {
  const result = schema.safeParse(json);
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

/** A manifest of any task, validated against the schema its `task` names. */
export function parseAnyModelManifest(json: unknown): AnyModelManifest {
  const task = json !== null && typeof json === 'object' ? (json as { task?: unknown }).task : undefined;
  if (task === undefined || task === 'embedding') return parseWith(modelManifestSchema, json);
  if (task === 'nli') return parseWith(nliManifestSchema, json);
  throw new Error(`${MODEL_MANIFEST_FILE}: task: must be ${MODEL_TASKS.map((t) => `"${t}"`).join(' or ')} (got ${JSON.stringify(task)})`);
}

function wrongTask(m: AnyModelManifest, wanted: ModelTask): Error {
  return new Error(`${MODEL_MANIFEST_FILE}: ${m.name} is ${manifestTask(m) === 'nli' ? 'an NLI' : 'an embedding'} model (task "${manifestTask(m)}"), not ${wanted === 'nli' ? 'an NLI' : 'an embedding'} model`);
}

/** An embedding model's manifest (the task of every folder written before `task` existed). */
export function parseModelManifest(json: unknown): ModelManifest {
  return expectTask(parseAnyModelManifest(json), 'embedding');
}

/** An NLI model's manifest. */
export function parseNliManifest(json: unknown): NliManifest {
  return expectTask(parseAnyModelManifest(json), 'nli');
}

/** An already-parsed manifest as the task the caller needs, or an error naming both. */
export function expectTask<T extends ModelTask>(m: AnyModelManifest, wanted: T): T extends 'nli' ? NliManifest : ModelManifest {
  if (manifestTask(m) !== wanted) throw wrongTask(m, wanted);
  return m as T extends 'nli' ? NliManifest : ModelManifest;
}
