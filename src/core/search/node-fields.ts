/**
 * Which strings of a snapshot node are searchable: each under a path (what `fieldText` in
 * core/view reads back for snippets: `name`, `label.ja`, `description.en`, `tags`,
 * `identifiers.doi`, `attributes.<key>`…) and in one of a few BM25F fields, which set its
 * weight and the length it is normalised against.
 *
 * Names and labels are what people search for, so they weigh most and are completed from
 * prefixes; free text (prompts, outputs, attributes) weighs least so that a model mentioned
 * in ten thousand outputs does not bury the model itself.
 */
import type { AttributeValue, SnapshotNode } from '../format/index.ts';
import type { Bm25FieldSpec } from './bm25-index.ts';

export const NAME = 0;
export const LABEL = 1;
export const ID = 2;
export const TAGS = 3;
export const DESCRIPTION = 4;
/** Short strings of a kind: architecture, benchmark, metric, authors, source, identifiers, role, affiliation. */
export const PROPERTY = 5;
/** Prompt and output text. */
export const TEXT = 6;
/** Subtype, licence, attribute values. */
export const OTHER = 7;

/** The BM25F fields of node search, indexed by the constants above. */
export const NODE_SEARCH_FIELDS: readonly Bm25FieldSpec[] = [
  { weight: 8, prefix: true }, // NAME
  { weight: 8, prefix: true }, // LABEL
  // Ids are found whole by the exact-match table; their words help partial queries, their serial numbers do not.
  { weight: 2, skipNumbers: true }, // ID
  { weight: 4 }, // TAGS
  { weight: 2 }, // DESCRIPTION
  { weight: 2 }, // PROPERTY
  { weight: 1 }, // TEXT
  { weight: 1 }, // OTHER
];

/** `field`: the path reported to users; `bm25Field`: one of the constants above. */
export type FieldVisitor = (field: string, text: string, bm25Field: number) => void;

/** Calls `visit` for each searchable string of the node: name, labels and id first, in that order. */
export function visitSearchFields(node: SnapshotNode, visit: FieldVisitor): void {
  visit('name', node.name, NAME);
  if (node.label?.en !== undefined) visit('label.en', node.label.en, LABEL);
  if (node.label?.ja !== undefined) visit('label.ja', node.label.ja, LABEL);
  visit('id', node.id, ID);
  if (node.tags) for (const tag of node.tags) visit('tags', tag, TAGS);
  if (node.description?.en !== undefined) visit('description.en', node.description.en, DESCRIPTION);
  if (node.description?.ja !== undefined) visit('description.ja', node.description.ja, DESCRIPTION);
  visitKindFields(node, visit);
  if (node.license !== undefined) visit('license', node.license, OTHER);
  if (node.attributes) {
    for (const key in node.attributes) {
      const value = node.attributes[key];
      for (const text of attributeTexts(value)) visit(`attributes.${key}`, text, OTHER);
    }
  }
}

/** The searchable strings of an attribute value: strings, and the text of string literals. */
function attributeTexts(value: AttributeValue | undefined): string[] {
  const out: string[] = [];
  const one = (v: unknown) => {
    if (typeof v === 'string') out.push(v);
    else if (v !== null && typeof v === 'object' && typeof (v as { $: unknown }).$ === 'string') out.push((v as { $: string }).$);
  };
  if (Array.isArray(value)) value.forEach(one);
  else one(value);
  return out;
}

function opt(visit: FieldVisitor, field: string, text: string | undefined, bm25Field: number): void {
  if (text !== undefined) visit(field, text, bm25Field);
}

function visitKindFields(node: SnapshotNode, visit: FieldVisitor): void {
  switch (node.kind) {
    case 'dataset':
      opt(visit, 'subtype', node.subtype, OTHER);
      break;
    case 'model':
      opt(visit, 'subtype', node.subtype, OTHER);
      opt(visit, 'architecture', node.architecture, PROPERTY);
      break;
    case 'activity':
      opt(visit, 'subtype', node.subtype, OTHER);
      break;
    case 'evaluation':
      opt(visit, 'benchmark', node.benchmark, PROPERTY);
      opt(visit, 'metric', node.metric, PROPERTY);
      break;
    case 'prompt':
    case 'output':
      opt(visit, 'text', node.text, TEXT);
      break;
    case 'document':
      if (node.authors) for (const a of node.authors) visit('authors', a, PROPERTY);
      opt(visit, 'source', node.source, PROPERTY);
      if (node.identifiers) for (const key in node.identifiers) visit(`identifiers.${key}`, node.identifiers[key]!, PROPERTY);
      break;
    case 'agent':
      opt(visit, 'subtype', node.subtype, OTHER);
      opt(visit, 'role', node.role, PROPERTY);
      opt(visit, 'affiliation', node.affiliation, PROPERTY);
      break;
  }
}
