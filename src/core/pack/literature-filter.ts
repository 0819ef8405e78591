/**
 * Which literature documents a role's pack may carry. A literature index cannot be redacted
 * field by field the way a node can: its terms, its vectors and (for the corpus-trained
 * default model) its model's vocabulary all come from the documents' text. So a document is
 * left out whole when
 *
 *   - it is linked to a snapshot node (`identifiers.raireki`) that the role is not shown in
 *     full — hidden, a placeholder, or with fields redacted: the abstract is that node's
 *     content; or
 *   - any of its text (title, abstract, source, identifiers) contains, case- and
 *     width-folded and as whole words, an identifying value the role may not see (a hidden
 *     node's id, name, label, text, multi-word field value or content hash:
 *     access/hidden-values.ts; a hidden access event's "view" is not one).
 *
 * The index is then built from what is left, as if the other documents never existed.
 */
import { HiddenValueMatcher, compileRole, effectiveEffect, hiddenValuesFor, type HiddenValues, type Policy } from '../access/index.ts';
import type { Relation, SnapshotNode } from '../format/index.ts';
import type { LiteratureDoc } from '../search/literature-pack.ts';

/** Key under a document's `identifiers` that names the snapshot node it is. */
export const LITERATURE_NODE_KEY = 'raireki';

export interface LeftOutDocument {
  id: string;
  reason: 'linked-node-not-shown' | 'names-hidden-value';
  /** The node that decided it. */
  node: string;
  /** For names-hidden-value: the hidden node's field whose value the document contains. */
  field?: string;
}

export interface LiteratureForRole<D extends LiteratureDoc> {
  kept: D[];
  leftOut: LeftOutDocument[];
}

export interface LiteratureFilterContext {
  /** Whether the role is shown this snapshot node with every field (not hidden, not redacted). */
  showsInFull(id: string): boolean;
  /** Whether the snapshot has this node at all. */
  hasNode(id: string): boolean;
  hidden: HiddenValues;
}

export function literatureForRole<D extends LiteratureDoc>(docs: readonly D[], ctx: LiteratureFilterContext): LiteratureForRole<D> {
  const matcher = new HiddenValueMatcher(ctx.hidden.values.filter((v) => v.identifying));
  const kept: D[] = [];
  const leftOut: LeftOutDocument[] = [];
  for (const doc of docs) {
    const linked = doc.identifiers?.[LITERATURE_NODE_KEY];
    if (linked !== undefined && ctx.hasNode(linked) && !ctx.showsInFull(linked)) {
      leftOut.push({ id: doc.id, reason: 'linked-node-not-shown', node: linked });
      continue;
    }
    const named = matcher.firstIn(documentText(doc));
    if (named) {
      leftOut.push({ id: doc.id, reason: 'names-hidden-value', node: named.node, field: named.field });
      continue;
    }
    kept.push(doc);
  }
  return { kept, leftOut };
}

/** Every string of a document that ends up in the index, one per line. */
function documentText(doc: LiteratureDoc): string {
  const parts = [doc.id, doc.title, doc.text, doc.source ?? ''];
  for (const [k, v] of Object.entries(doc.identifiers ?? {})) parts.push(k, v);
  return parts.join('\n');
}

/** The filter's view of a role: what it is shown in full, and the values it may not see. */
export function literatureFilterContext(policy: Policy, role: string, nodes: readonly SnapshotNode[], relations: readonly Relation[]): LiteratureFilterContext {
  const decide = compileRole(policy, role);
  const inFull = new Map<string, boolean>();
  for (const node of nodes) inFull.set(node.id, (inFull.get(node.id) ?? true) && effectiveEffect(decide(node)) === 'show');
  return {
    showsInFull: (id) => inFull.get(id) === true,
    hasNode: (id) => inFull.has(id),
    hidden: hiddenValuesFor(policy, role, nodes, relations),
  };
}
