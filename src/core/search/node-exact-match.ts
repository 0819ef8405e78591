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

/** The text of one exact field of a node object. */
export function exactFieldText(node: SnapshotNode, field: ExactField): string {
  switch (field) {
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

/** Reads a field of node `node` for confirming candidates: from node objects or a binary core's strings. */
export type ExactFieldReader = (node: number, field: ExactField) => string;

/** Builds the table: a node's name, labels and id, keys of one node added once each. */
export class NodeExactBuilder {
  readonly table: ExactKeyTable;
  // Keys of the node being added: a label equal to the name adds nothing.
  private node = -1;
  private readonly nodeKeys: string[] = [];

  /** `expectedNodes`: how many nodes will be added (the table grows past it). */
  constructor(expectedNodes: number) {
    this.table = new ExactKeyTable(expectedNodes * 3);
  }

  /** Adds a node's field, given as normalizeText already made it. Nodes come in ascending order. */
  add(node: number, field: ExactField, normalized: string): void {
    if (node >= MAX_EXACT_NODES) throw new RangeError(`at most ${MAX_EXACT_NODES - 1} nodes can be indexed`);
    if (node !== this.node) {
      this.node = node;
      this.nodeKeys.length = 0;
    }
    const key = collapseSpaces(normalized);
    if (this.nodeKeys.includes(key)) return;
    this.nodeKeys.push(key);
    this.table.add(key, (node << FIELD_BITS) | EXACT_FIELDS.indexOf(field));
  }
}

/** True when an entry value of the table names a field of one of `nodeCount` nodes. */
export function isExactEntry(value: number, nodeCount: number): boolean {
  return value >= 0 && value >> FIELD_BITS < nodeCount;
}

export class NodeExactMatcher {
  constructor(
    readonly table: ExactKeyTable,
    /** The key an entry was added under is recomputed from its node to confirm a candidate. */
    private readonly read: ExactFieldReader,
  ) {}

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
      const field = v & FIELD_MASK;
      if (exactKey(this.read(node, EXACT_FIELDS[field]!)) !== key) continue; // another key with the same hash
      const seen = best.get(node);
      if (seen === undefined || field < seen) best.set(node, field);
    }
    return [...best].map(([node, field]) => ({ node, field: EXACT_FIELDS[field]! }));
  }
}
