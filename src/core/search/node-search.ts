/**
 * Keyword search over snapshot nodes: a BM25F index of each node's searchable fields
 * (node-fields.ts), plus exact matching of ids, names and labels (node-exact-match.ts) so
 * that the node a person names exactly is always the first hit.
 *
 * Document i of the BM25F index is node i, so hits are node indices and the index holds
 * no node objects of its own beyond the array it was given. Building is one pass over the
 * nodes; each string is normalised once, for both the BM25F index and the exact keys.
 */
import { NODE_KINDS, type NodeKind, type SnapshotNode } from '../format/index.ts';
import type { Bm25Index } from './bm25-index.ts';
import { Bm25Builder } from './bm25-builder.ts';
import { bm25ScoreDoc, bm25TopK } from './bm25.ts';
import { NodeExactMatcher } from './node-exact-match.ts';
import { fieldExplainer } from './node-field-explainer.ts';
import * as nodeFields from './node-fields.ts';
import { queryTerms } from './query-terms.ts';

export const DEFAULT_SEARCH_LIMIT = 20;

export interface NodeSearchIndex {
  readonly nodes: readonly SnapshotNode[];
  readonly bm25: Bm25Index;
  /** Position of each node's kind in NODE_KINDS. */
  readonly kindCodes: Uint8Array;
  readonly exact: NodeExactMatcher;
}

export interface NodeHit {
  /** Index into the nodes the search index was built from. */
  node: number;
  /** Descending along the hits. Exact matches are raised above every other hit. */
  score: number;
  /** Field that matched best, as a path: 'name', 'label.ja', 'description.en', 'text', 'attributes.xxx'… */
  field: string;
  /** The normalised query equals the node's id, name or a label. */
  exact: boolean;
}

export interface NodeSearchOptions {
  /** Most hits to return (default DEFAULT_SEARCH_LIMIT). */
  limit?: number;
  /** Only nodes of these kinds (default: every kind). */
  kinds?: readonly NodeKind[];
}

const KIND_CODE = new Map<string, number>(NODE_KINDS.map((k, i) => [k, i]));
// Module-local copies: imported bindings can be getters under CommonJS loaders, and these are read per field.
const { NODE_SEARCH_FIELDS, visitSearchFields, NAME, LABEL, ID } = nodeFields;

export function buildNodeSearchIndex(nodes: readonly SnapshotNode[]): NodeSearchIndex {
  const steps = indexSteps(nodes, Number.POSITIVE_INFINITY);
  for (let step = steps.next(); ; step = steps.next()) if (step.done) return step.value;
}

/**
 * The same index, built a slice of nodes at a time with `pause()` awaited in between, so a
 * worker that builds it keeps answering other requests (the graph is drawn before a big
 * snapshot's search index is ready).
 */
export async function buildNodeSearchIndexInSlices(
  nodes: readonly SnapshotNode[],
  pause: () => Promise<void>,
  sliceSize = 20_000,
): Promise<NodeSearchIndex> {
  const steps = indexSteps(nodes, sliceSize);
  for (let step = steps.next(); ; step = steps.next()) {
    if (step.done) return step.value;
    await pause();
  }
}

/** Indexes the nodes in order, yielding after every `sliceSize` of them. */
function* indexSteps(nodes: readonly SnapshotNode[], sliceSize: number): Generator<void, NodeSearchIndex> {
  const exact = new NodeExactMatcher(nodes);
  const builder = new Bm25Builder(NODE_SEARCH_FIELDS, { expectedDocs: nodes.length });
  const kindCodes = new Uint8Array(nodes.length);
  let current = 0;
  const addField = (field: string, text: string, bm25Field: number) => {
    const normalized = builder.addText(bm25Field, text);
    if (bm25Field === NAME) exact.add(current, 'name', normalized);
    else if (bm25Field === LABEL) exact.add(current, field === 'label.en' ? 'label.en' : 'label.ja', normalized);
    else if (bm25Field === ID) exact.add(current, 'id', normalized);
  };
  for (let i = 0; i < nodes.length; i++) {
    const node = nodes[i]!;
    current = i;
    kindCodes[i] = KIND_CODE.get(node.kind) ?? 0;
    visitSearchFields(node, addField);
    builder.endDocument();
    if ((i + 1) % sliceSize === 0) yield;
  }
  return { nodes, bm25: builder.finish(), kindCodes, exact };
}

/**
 * Hits for `query`, best first: exact matches of id, name or label (by BM25F score, then
 * node index), then BM25F hits (by score, then node index). The query's last word is
 * completed as a prefix while it is being typed (no trailing space).
 */
export function searchNodes(index: NodeSearchIndex, query: string, opts: NodeSearchOptions = {}): NodeHit[] {
  const limit = Math.floor(opts.limit ?? DEFAULT_SEARCH_LIMIT);
  if (!(limit > 0)) return [];
  const accept = kindFilter(index, opts.kinds);
  const { groups } = queryTerms(index.bm25, query, { complete: true });

  const exact = index.exact
    .find(query, accept, limit)
    .map((h) => ({ ...h, score: bm25ScoreDoc(index.bm25, groups, h.node) }))
    .sort((a, b) => b.score - a.score || a.node - b.node);
  const ranked = groups.length > 0 ? bm25TopK(index.bm25, groups, limit + exact.length, accept) : [];

  // Exact hits sit above the best BM25F score, keeping scores descending down the list.
  const lift = (ranked[0]?.score ?? 0) + 1;
  const hits: NodeHit[] = exact.map((h) => ({ node: h.node, score: lift + h.score, field: h.field, exact: true }));
  const exactNodes = new Set(exact.map((h) => h.node));
  const explain = fieldExplainer(index.bm25, index.nodes, groups);
  for (const r of ranked) {
    if (hits.length >= limit) break;
    if (!exactNodes.has(r.doc)) hits.push({ node: r.doc, score: r.score, field: explain(r.doc), exact: false });
  }
  return hits;
}

function kindFilter(index: NodeSearchIndex, kinds: readonly NodeKind[] | undefined): ((node: number) => boolean) | undefined {
  if (kinds === undefined) return undefined;
  let mask = 0;
  for (const k of kinds) {
    const code = KIND_CODE.get(k);
    if (code !== undefined) mask |= 1 << code;
  }
  const codes = index.kindCodes;
  return (node) => ((mask >> codes[node]!) & 1) === 1;
}
