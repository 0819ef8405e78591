/**
 * How a model was made from its base models: the card's `base_model_relation` when it gives
 * one, else inferred the way the Hub infers it (https://huggingface.co/docs/hub/model-cards,
 * "Specifying a base model"): adapter files or the `peft` library → adapter, GGUF or other
 * quantized weights → quantized, several base models → merge, otherwise finetune.
 */
export const BASE_MODEL_RELATIONS = ['finetune', 'adapter', 'merge', 'quantized'] as const;
export type BaseModelRelation = (typeof BASE_MODEL_RELATIONS)[number];

export interface RelationSignals {
  baseCount: number;
  library?: string;
  /** Hub tags (`gguf`, `peft`, `gptq` …) and the card's own tags. */
  tags: readonly string[];
  /** File names of the repo (Hub API `siblings[].rfilename`). */
  files: readonly string[];
}

const QUANTIZED_TAGS = new Set(['gguf', 'gptq', 'awq', 'exl2', 'ggml', 'quantized', '4-bit', '8-bit', 'bitsandbytes', 'mlx-4bit']);
const QUANTIZED_FILE = /\.(gguf|ggml)$|(^|\/)quantize_config\.json$/i;
const ADAPTER_FILE = /(^|\/)adapter_(config\.json|model\.(safetensors|bin))$/i;

export function isBaseModelRelation(v: unknown): v is BaseModelRelation {
  return typeof v === 'string' && (BASE_MODEL_RELATIONS as readonly string[]).includes(v);
}

export function inferBaseModelRelation(s: RelationSignals): BaseModelRelation {
  const tags = s.tags.map((t) => t.toLowerCase());
  if (s.library?.toLowerCase() === 'peft' || tags.includes('peft') || s.files.some((f) => ADAPTER_FILE.test(f))) return 'adapter';
  if (tags.some((t) => QUANTIZED_TAGS.has(t)) || s.files.some((f) => QUANTIZED_FILE.test(f))) return 'quantized';
  if (s.baseCount > 1) return 'merge';
  return 'finetune';
}

/** The snapshot's model subtype and training activity subtype for each relation. */
export const MODEL_SUBTYPE = { finetune: 'finetuned', adapter: 'adapter', merge: 'merged', quantized: 'quantized' } as const;
export const ACTIVITY_SUBTYPE = { finetune: 'finetuning', adapter: 'finetuning', merge: 'merge', quantized: 'quantization' } as const;
export const ACTIVITY_NAME = { finetune: 'Fine-tuning', adapter: 'Adapter training', merge: 'Merge', quantized: 'Quantization' } as const;
