/**
 * Keyword search over snapshot nodes: a BM25F index of each node's searchable fields
 * (node-fields.ts), plus exact matching of ids, names and labels (node-exact-match.ts) so
 * that the node a person names exactly is always the first hit.
 *
 * Document i of the BM25F index is node i, so hits are node indices and the index holds
 * no node objects: exact candidates are confirmed through a reader of names, labels and
 * ids, and the field a hit matched in is found from the whole node once it is at hand
 * (a binary snapshot fetches it on demand). Building is one pass over the nodes; each
 * string is normalised once, for both the BM25F index and the exact keys.
 */
import { NODE_KINDS, type NodeKind, type SnapshotNode } from '../format/index.ts';
import type { Bm25Index } from './bm25-index.ts';
import { Bm25Builder } from './bm25-builder.ts';
import { bm25ScoreDoc, bm25TopK, type TermGroup } from './bm25.ts';
import { GrowableUint8 } from '../arrays/growable.ts';
import { NodeExactBuilder, NodeExactMatcher, exactFieldText, type ExactField, type ExactFieldReader } from './node-exact-match.ts';
import { fieldExplainer } from './node-field-explainer.ts';
import * as nodeFields from './node-fields.ts';
import { queryTerms } from './query-terms.ts';

export const DEFAULT_SEARCH_LIMIT = 20;

export interface NodeSearchIndex {
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

/** A hit before its field is known: the field is read from the whole node, which may not be in memory yet. */
export type RankedHit = Omit<NodeHit, 'field'> & { /** Set for exact hits. */ exactField?: ExactField };

export interface NodeSearchOptions {
  /** Most hits to return (default DEFAULT_SEARCH_LIMIT). */
  limit?: number;
  /** Only nodes of these kinds (default: every kind). */
  kinds?: readonly NodeKind[];
}

const KIND_CODE = new Map<string, number>(NODE_KINDS.map((k, i) => [k, i]));
// Module-local copies: imported bindings can be getters under CommonJS loaders, and these are read per field.
const { NODE_SEARCH_FIELDS, visitSearchFields, NAME, LABEL, ID } = nodeFields;

/**
 * Builds the index one node at a time, in node order (node i is document i): the JSON
 * snapshot's session and the binary snapshot writer feed it the same way.
 */
export class NodeSearchBuilder {
  private readonly builder: Bm25Builder;
  private readonly exact: NodeExactBuilder;
  private readonly kinds: GrowableUint8;
  private current = 0;
  private readonly addField: (field: string, text: string, bm25Field: number) => void;

  constructor(expectedNodes = 1024) {
    this.builder = new Bm25Builder(NODE_SEARCH_FIELDS, { expectedDocs: expectedNodes });
    this.exact = new NodeExactBuilder(expectedNodes);
    this.kinds = new GrowableUint8(expectedNodes);
    this.addField = (field, text, bm25Field) => {
      const normalized = this.builder.addText(bm25Field, text);
      if (bm25Field === NAME) this.exact.add(this.current, 'name', normalized);
      else if (bm25Field === LABEL) this.exact.add(this.current, field === 'label.en' ? 'label.en' : 'label.ja', normalized);
      else if (bm25Field === ID) this.exact.add(this.current, 'id', normalized);
    };
  }

  get count(): number {
    return this.current;
  }

  add(node: SnapshotNode): void {
    this.kinds.push(KIND_CODE.get(node.kind) ?? 0);
    visitSearchFields(node, this.addField);
    this.builder.endDocument();
    this.current++;
  }

  /** The keyword index's parts; the exact matcher confirms candidates through `read`. */
  finish(read: ExactFieldReader): NodeSearchIndex {
    return { bm25: this.builder.finish(), kindCodes: this.kinds.toArray(), exact: new NodeExactMatcher(this.exact.table, read) };
  }
}

/** Exact fields read from node objects. */
export const readExactFields =
  (nodes: readonly SnapshotNode[]): ExactFieldReader =>
  (node, field) =>
    exactFieldText(nodes[node]!, field);

export function buildNodeSearchIndex(nodes: readonly SnapshotNode[]): NodeSearchIndex {
  const builder = new NodeSearchBuilder(nodes.length);
  for (const node of nodes) builder.add(node);
  return builder.finish(readExactFields(nodes));
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
  const builder = new NodeSearchBuilder(nodes.length);
  for (let i = 0; i < nodes.length; i++) {
    builder.add(nodes[i]!);
    if ((i + 1) % sliceSize === 0) await pause();
  }
  return builder.finish(readExactFields(nodes));
}

/** Ranked hits and what explaining their fields needs. */
export interface RankedSearch {
  hits: RankedHit[];
  groups: TermGroup[];
}

/**
 * Hits for `query`, best first: exact matches of id, name or label (by BM25F score, then
 * node index), then BM25F hits (by score, then node index). The query's last word is
 * completed as a prefix while it is being typed (no trailing space). Reads the index only:
 * which field matched is told by `explainHit`, from the whole node.
 */
export function rankNodes(index: NodeSearchIndex, query: string, opts: NodeSearchOptions = {}): RankedSearch {
  const limit = Math.floor(opts.limit ?? DEFAULT_SEARCH_LIMIT);
  if (!(limit > 0)) return { hits: [], groups: [] };
  const accept = kindFilter(index, opts.kinds);
  const { groups } = queryTerms(index.bm25, query, { complete: true });

  const exact = index.exact
    .find(query, accept, limit)
    .map((h) => ({ ...h, score: bm25ScoreDoc(index.bm25, groups, h.node) }))
    .sort((a, b) => b.score - a.score || a.node - b.node);
  const ranked = groups.length > 0 ? bm25TopK(index.bm25, groups, limit + exact.length, accept) : [];

  // Exact hits sit above the best BM25F score, keeping scores descending down the list.
  const lift = (ranked[0]?.score ?? 0) + 1;
  const hits: RankedHit[] = exact.map((h) => ({ node: h.node, score: lift + h.score, exact: true, exactField: h.field }));
  const exactNodes = new Set(exact.map((h) => h.node));
  for (const r of ranked) {
    if (hits.length >= limit) break;
    if (!exactNodes.has(r.doc)) hits.push({ node: r.doc, score: r.score, exact: false });
  }
  return { hits, groups };
}

/** Tells, for whole nodes, which field matched `query` best (what `explainHit` tells for ranked hits). */
export function queryFieldExplainer(index: NodeSearchIndex, query: string): (node: SnapshotNode) => string {
  return fieldExplainer(index.bm25, queryTerms(index.bm25, query, { complete: true }).groups);
}

/** The field a ranked hit matched in: its exact field, else the field of the node with the most query weight. */
export function explainHit(index: NodeSearchIndex, search: RankedSearch, hit: RankedHit, node: SnapshotNode): string {
  return hit.exactField ?? fieldExplainer(index.bm25, search.groups)(node);
}

/** Ranks and explains, for callers that hold every node (tests, benchmarks, JSON snapshots). */
export function searchNodes(index: NodeSearchIndex, query: string, opts: NodeSearchOptions & { nodes: readonly SnapshotNode[] }): NodeHit[] {
  const search = rankNodes(index, query, opts);
  const explain = fieldExplainer(index.bm25, search.groups);
  return search.hits.map(({ exactField, ...h }) => ({ ...h, field: exactField ?? explain(opts.nodes[h.node]!) }));
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
