/**
 * A hand-written check that a value is a valid `SnapshotNode`, the twin of relation-check.ts
 * for nodes. In the browser's worker zod spends 250–370 ms on each 50,000-node file (and
 * returns a copy); this check takes a fraction of that. When it rejects anything, the file
 * goes through zod, which stays the source of truth for what is valid and for the messages.
 * Each kind's fields are taken from the zod schema itself, and this module refuses to load if
 * the schema has a field it has no check for; a property test keeps the two in agreement.
 */
import {
  ActivityNode,
  AgentNode,
  CLASSIFICATIONS,
  DatasetNode,
  DocumentNode,
  EntityNode,
  EvaluationNode,
  JobNode,
  ISO_TIME_PATTERN,
  MAX_ID_LENGTH,
  ModelNode,
  OutputNode,
  PromptNode,
  UNLEARNING_MEASURES,
  UNLEARNING_METHODS,
  type SnapshotNode,
} from './schema.ts';

type Check = (v: unknown) => boolean;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const str: Check = (v) => typeof v === 'string';
const nonEmpty: Check = (v) => typeof v === 'string' && v.length >= 1;
const id: Check = (v) => typeof v === 'string' && v.length >= 1 && v.length <= MAX_ID_LENGTH;
const strings: Check = (v) => Array.isArray(v) && v.every(str);
const num: Check = (v) => typeof v === 'number' && Number.isFinite(v);
const nonNegative: Check = (v) => num(v) && (v as number) >= 0;
const int: Check = (v) => Number.isSafeInteger(v);
const nonNegativeInt: Check = (v) => int(v) && (v as number) >= 0;
const bool: Check = (v) => typeof v === 'boolean';
const isoTime: Check = (v) => typeof v === 'string' && ISO_TIME_PATTERN.test(v);
const contentHash: Check = (v) => typeof v === 'string' && /^sha256:[0-9a-f]{64}$/.test(v);
const oneOf = (values: readonly string[]): Check => {
  const set = new Set(values);
  return (v) => typeof v === 'string' && set.has(v);
};
const localized: Check = (v) => {
  if (!isObject(v)) return false;
  for (const k of Object.keys(v)) if (k !== 'en' && k !== 'ja') return false;
  const { en, ja } = v;
  return (en === undefined || str(en)) && (ja === undefined || str(ja)) && (en !== undefined || ja !== undefined);
};
const recordOf = (value: Check): Check => (v) => isObject(v) && Object.values(v).every(value);
const scalar: Check = (v) => v === null || str(v) || num(v) || bool(v);
const typedLiteral: Check = (v) => {
  if (!isObject(v)) return false;
  for (const k of Object.keys(v)) if (k !== '$' && k !== 'type' && k !== 'lang') return false;
  const { $, type, lang } = v;
  return (str($) || num($) || bool($)) && (type === undefined || str(type)) && (lang === undefined || str(lang));
};
const attributeValue: Check = (v) => scalar(v) || typedLiteral(v) || (Array.isArray(v) && v.every((x) => scalar(x) || typedLiteral(x)));
export const isAttributeValue = attributeValue;
const ids: Check = (v) => Array.isArray(v) && v.every(id);
const columnLineage: Check = (v) =>
  Array.isArray(v) &&
  v.every(
    (c) =>
      isObject(c) &&
      Object.keys(c).every((k) => k === 'field' || k === 'inputs' || k === 'description') &&
      str(c.field) &&
      (c.description === undefined || str(c.description)) &&
      Array.isArray(c.inputs) &&
      c.inputs.every(
        (i) =>
          isObject(i) &&
          Object.keys(i).every((k) => k === 'dataset' || k === 'field' || k === 'transformation') &&
          id(i.dataset) &&
          str(i.field) &&
          (i.transformation === undefined || str(i.transformation)),
      ),
  );

const numberFields = (v: unknown, keys: readonly string[]): boolean => isObject(v) && Object.keys(v).every((k) => keys.includes(k) && num(v[k]));
const unlearning: Check = (v) =>
  isObject(v) &&
  Object.keys(v).every((k) => ['modelBefore', 'modelAfter', 'forgetSet', 'retainSet', 'method', 'methodDetail', 'metrics', 'thresholds'].includes(k)) &&
  id(v.modelBefore) &&
  id(v.modelAfter) &&
  id(v.forgetSet) &&
  (v.retainSet === undefined || id(v.retainSet)) &&
  oneOf(UNLEARNING_METHODS)(v.method) &&
  (v.methodDetail === undefined || str(v.methodDetail)) &&
  Array.isArray(v.metrics) &&
  v.metrics.every((m) => isObject(m) && Object.keys(m).every((k) => k === 'measure' || k === 'before' || k === 'after') && oneOf(UNLEARNING_MEASURES)(m.measure) && (m.before === undefined || id(m.before)) && (m.after === undefined || id(m.after))) &&
  // The same bounds as zod's: every threshold but the chance level is non-negative.
  (v.thresholds === undefined || (numberFields(v.thresholds, ['forgetGap', 'testAccuracyDrop', 'miaChance', 'miaMargin', 'leakageMax']) && Object.entries(v.thresholds as Record<string, unknown>).every(([k, x]) => k === 'miaChance' || (x as number) >= 0)));
const similarity: Check = (v) =>
  Array.isArray(v) &&
  v.every(
    (s) =>
      isObject(s) &&
      Object.keys(s).every((k) => k === 'space' || k === 'method' || k === 'values' || k === 'embedding') &&
      nonEmpty(s.space) &&
      (s.method === undefined || str(s.method)) &&
      (s.values !== undefined || s.embedding !== undefined) &&
      (s.values === undefined || (isObject(s.values) && Object.entries(s.values).every(([k, x]) => id(k) && num(x) && (x as number) >= 0 && (x as number) <= 1))) &&
      (s.embedding === undefined || (Array.isArray(s.embedding) && s.embedding.length >= 1 && s.embedding.every(num))),
  );

const subtypes = (schema: { shape: { subtype?: unknown } }): Check => oneOf((schema.shape.subtype as { unwrap(): { options: readonly string[] } }).unwrap().options);

/** The check of each field, by name; kind-specific meanings are keyed `kind.field`. */
const FIELD_CHECKS: Record<string, Check> = {
  id,
  name: nonEmpty,
  label: localized,
  description: localized,
  classification: oneOf(CLASSIFICATIONS),
  version: str,
  license: str,
  contentHash,
  createdAt: isoTime,
  url: str,
  tags: strings,
  attributes: recordOf(attributeValue),
  aliases: ids,
  implicit: (v) => v === true,
  bundle: id,
  columnLineage,
  'job.subtype': subtypes(JobNode),
  namespace: str,
  'entity.subtype': subtypes(EntityNode),
  languages: strings,
  'dataset.subtype': subtypes(DatasetNode),
  containsPhi: bool,
  recordCount: nonNegativeInt,
  'model.subtype': subtypes(ModelNode),
  parameterCount: nonNegative,
  architecture: str,
  similarity,
  'activity.subtype': subtypes(ActivityNode),
  startedAt: isoTime,
  endedAt: isoTime,
  unlearning,
  benchmark: str,
  metric: str,
  value: num,
  text: str,
  language: str,
  authors: strings,
  year: int,
  source: str,
  identifiers: recordOf(str),
  'agent.subtype': subtypes(AgentNode),
  role: str,
  affiliation: str,
};

/** Fields every node must have; all others are optional. */
const REQUIRED = ['id', 'name', 'classification', 'kind'];

const KINDS = new Map<string, Map<string, Check>>();
for (const schema of [DatasetNode, ModelNode, ActivityNode, EvaluationNode, PromptNode, OutputNode, DocumentNode, AgentNode, JobNode, EntityNode]) {
  const kind = (schema.shape.kind as unknown as { value: string }).value;
  const fields = new Map<string, Check>();
  for (const field of Object.keys(schema.shape)) {
    if (field === 'kind') continue;
    const check = FIELD_CHECKS[`${kind}.${field}`] ?? FIELD_CHECKS[field];
    if (!check) throw new Error(`node-check.ts has no check for ${kind}.${field}: add one (and keep its test passing)`);
    fields.set(field, check);
  }
  KINDS.set(kind, fields);
}

export function isValidNode(value: unknown): value is SnapshotNode {
  if (!isObject(value)) return false;
  const fields = typeof value.kind === 'string' ? KINDS.get(value.kind) : undefined;
  if (!fields) return false;
  for (const field of REQUIRED) if (value[field] === undefined) return false;
  for (const key of Object.keys(value)) {
    if (key === 'kind') continue;
    const check = fields.get(key);
    if (!check) return false;
    const v = value[key];
    if (v !== undefined && !check(v)) return false;
  }
  return true;
}
