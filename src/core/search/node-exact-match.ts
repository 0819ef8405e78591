/**
 * Exact matches of a query against node ids, names and labels, compared after the
 * analyser's normalisation with white space collapsed ("  LLaMA　2 " equals "llama 2"):
 * the node a person names exactly is listed first whatever BM25 thinks.
 *
 * Entries pack (node, field) into one integer of the ExactKeyTable: node << 2 | field.
 */
import type { SnapshotNode } from '../format/index.ts';
import { ExactKeyTable } from './exact-key-table.ts';
import { normalizeText } from './normalize.ts';

/** Fields compared exactly, in order of preference when several of a node match. */
export const EXACT_FIELDS = ['name', 'label.en', 'label.ja', 'id'] as const;
export type ExactField = (typeof EXACT_FIELDS)[number];
const FIELD_BITS = 2;
const FIELD_MASK = (1 << FIELD_BITS) - 1;
export const MAX_EXACT_NODES = 2 ** (31 - FIELD_BITS);

/** Normalised form compared for exact matches. */
export function exactKey(text: string): string {
  return collapseSpaces(normalizeText(text));
}

/** Trims and collapses white space of normalised text; a loop finds the usual case (nothing to do) without a regex. */
export function collapseSpaces(s: string): string {
  const n = s.length;
  let clean = n === 0 || (s.charCodeAt(0) !== 32 && s.charCodeAt(n - 1) !== 32);
  for (let i = 0; clean && i < n; i++) {
    const c = s.charCodeAt(i);
    if (c === 32 ? s.charCodeAt(i + 1) === 32 : isOtherSpace(c)) clean = false;
  }
  return clean ? s : s.replace(/\s+/g, ' ').trim();
}

/** White space (as in /\s/) other than U+0020. */
function isOtherSpace(c: number): boolean {
  if (c < 0x80) return c >= 9 && c <= 13;
  return (
    c === 0x85 ||
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0xfeff
  );
}

function fieldText(node: SnapshotNode, field: number): string {
  switch (EXACT_FIELDS[field]) {
    case 'name':
      return node.name;
    case 'label.en':
      return node.label?.en ?? '';
    case 'label.ja':
      return node.label?.ja ?? '';
    default:
      return node.id;
  }
}

/** Most entries `nodes` can add: id and name of each, and its labels. */
export function exactCapacity(nodes: readonly SnapshotNode[]): number {
  let n = 0;
  for (const node of nodes) n += 2 + (node.label?.en !== undefined ? 1 : 0) + (node.label?.ja !== undefined ? 1 : 0);
  return n;
}

export class NodeExactMatcher {
  private readonly table: ExactKeyTable;
  /** The key an entry was added under, recomputed from its node to confirm a candidate. */
  private readonly keyOf: (entry: number) => string;
  // Keys of the node being added: a label equal to the name adds nothing.
  private node = -1;
  private readonly nodeKeys: string[] = [];

  constructor(nodes: readonly SnapshotNode[]) {
    if (nodes.length >= MAX_EXACT_NODES) throw new RangeError(`at most ${MAX_EXACT_NODES - 1} nodes can be indexed`);
    this.table = new ExactKeyTable(exactCapacity(nodes));
    this.keyOf = (v) => exactKey(fieldText(nodes[v >> FIELD_BITS]!, v & FIELD_MASK));
  }

  /** Adds a node's field, given as normalizeText already made it. Nodes come in ascending order. */
  add(node: number, field: ExactField, normalized: string): void {
    if (node !== this.node) {
      this.node = node;
      this.nodeKeys.length = 0;
    }
    const key = collapseSpaces(normalized);
    if (this.nodeKeys.includes(key)) return;
    this.nodeKeys.push(key);
    this.table.add(key, (node << FIELD_BITS) | EXACT_FIELDS.indexOf(field));
  }

  /** Nodes (ascending, at most `limit`) whose id, name or label equals the query, each with its preferred matching field. */
  find(query: string, accept: ((node: number) => boolean) | undefined, limit: number): { node: number; field: ExactField }[] {
    const key = exactKey(query);
    // Punctuation alone names nothing a person would look for.
    if (!/[\p{L}\p{N}]/u.test(key)) return [];
    const best = new Map<number, number>();
    for (const v of this.table.candidates(key)) {
      const node = v >> FIELD_BITS;
      if (accept && !accept(node)) continue;
      // Entries come in node order: once a node past the limit appears, the rest are later still.
      if (!best.has(node) && best.size === limit) break;
      if (this.keyOf(v) !== key) continue; // another key with the same hash
      const field = v & FIELD_MASK;
      const seen = best.get(node);
      if (seen === undefined || field < seen) best.set(node, field);
    }
    return [...best].map(([node, field]) => ({ node, field: EXACT_FIELDS[field]! }));
  }
}
