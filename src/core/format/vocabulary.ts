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
  // Graph version 2 (imports from PROV and OpenLineage):
  'job',
  'entity',
] as const;

/** Node kinds a version-1 graph file may use; the others need version 2. */
export const NODE_KINDS_V1: readonly string[] = NODE_KINDS.slice(0, 8);

export const CLASSIFICATIONS = ['public', 'internal', 'restricted', 'phi'] as const;

export const RELATION_TYPES = [
  'used',
  'wasGeneratedBy',
  'wasDerivedFrom',
  'wasAttributedTo',
  'wasAssociatedWith',
  'actedOnBehalfOf',
  'wasInformedBy',
  // Graph version 2: the rest of PROV's relations (imports from PROV-JSON, OpenLineage):
  'wasStartedBy',
  'wasEndedBy',
  'wasInvalidatedBy',
  'wasInfluencedBy',
  'specializationOf',
  'alternateOf',
  'hadMember',
  'mentionOf',
] as const;

/** Relation types a version-1 graph file may use. */
export const RELATION_TYPES_V1: readonly string[] = RELATION_TYPES.slice(0, 7);

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
  // Graph version 2: PROV's own kinds of derivation.
  'revision',
  'quotation',
  'primary-source',
] as const;

export const DERIVATION_TYPES_V1: readonly string[] = DERIVATION_TYPES.slice(0, 9);

/**
 * Further arguments a PROV relation may have besides its two ends (graph version 2), keyed
 * by PROV's own names: wasDerivedFrom's activity, generation and usage; wasAssociatedWith's
 * plan; actedOnBehalfOf's activity; wasStartedBy's starter, wasEndedBy's ender; mentionOf's
 * bundle.
 */
export const RELATION_ARGS = ['activity', 'generation', 'usage', 'plan', 'starter', 'ender', 'bundle'] as const;

export const LANGS = ['en', 'ja'] as const;

export type Lang = (typeof LANGS)[number];
