/**
 * The format's vocabularies as plain constants, apart from the zod schemas that use them,
 * so that the page can use them without bundling zod (validation runs in the worker).
 */
export const NODE_KINDS = [
  'dataset',
  'model',
  'activity',
  'evaluation',
  'prompt',
  'output',
  'document',
  'agent',
] as const;

export const CLASSIFICATIONS = ['public', 'internal', 'restricted', 'phi'] as const;

export const RELATION_TYPES = [
  'used',
  'wasGeneratedBy',
  'wasDerivedFrom',
  'wasAttributedTo',
  'wasAssociatedWith',
  'actedOnBehalfOf',
  'wasInformedBy',
] as const;

export const DERIVATION_TYPES = [
  'finetune',
  'adapter',
  'merge',
  'quantized',
  'continued-pretraining',
  'distillation',
  'unlearning',
  'subset',
  'translation',
] as const;

export const LANGS = ['en', 'ja'] as const;

export type Lang = (typeof LANGS)[number];
