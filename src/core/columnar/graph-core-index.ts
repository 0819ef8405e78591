/**
 * The graph index over a binary snapshot's graph core: the same interface as the JSON
 * path's (core/graph), answered from the core's arrays. Traversal reads the same typed
 * arrays either way; ids, names and labels are decoded from the string table only for
 * the nodes a view shows. Whole nodes come from the details chunks the caller has loaded
 * (details-store.ts); `node(i)` is undefined until then.
 */
import { CLASSIFICATIONS, DERIVATION_TYPES, NODE_KINDS, RELATION_TYPES, type Relation, type SnapshotNode } from '../format/index.ts';
import { ColumnsIndex, type GraphIndex, type NodeHead } from '../graph/index.ts';
import { FLAG_PLACEHOLDER, NO_STRING, NO_SUBTYPE } from './graph-core-layout.ts';
import type { GraphCore } from './graph-core-read.ts';
import { HashLookup } from './string-table.ts';

export class CoreGraphIndex extends ColumnsIndex implements GraphIndex {
  private readonly ids: HashLookup;

  constructor(
    readonly core: GraphCore,
    /** The whole node, when its details chunk is in memory. */
    private readonly details: (i: number) => SnapshotNode | undefined = () => undefined,
  ) {
    super(core.columns);
    this.ids = new HashLookup(core.idSlots, core.strings, (v) => core.node.id[v]!);
  }

  indexOf(id: string): number {
    return this.ids.find(id);
  }

  private check(i: number): void {
    if (!(i >= 0 && i < this.nodeCount)) throw new RangeError(`no node ${i} (the index has ${this.nodeCount})`);
  }

  nodeId(i: number): string {
    this.check(i);
    return this.core.strings.get(this.core.node.id[i]!);
  }

  /** Also the exact-match reader of the search core: name, labels, id. */
  nodeName(i: number): string {
    return this.core.strings.get(this.core.node.name[i]!);
  }

  nodeLabel(i: number, lang: 'en' | 'ja'): string | undefined {
    const s = (lang === 'en' ? this.core.node.labelEn : this.core.node.labelJa)[i]!;
    return s === NO_STRING ? undefined : this.core.strings.get(s);
  }

  nodeHead(i: number): NodeHead {
    this.check(i);
    const { node, strings } = this.core;
    // The same fields, in the same order, as headOf() makes from a whole node.
    const head: NodeHead = {
      id: strings.get(node.id[i]!),
      kind: NODE_KINDS[node.kind[i]!]!,
      name: strings.get(node.name[i]!),
      classification: CLASSIFICATIONS[node.classification[i]!]!,
    };
    const en = this.nodeLabel(i, 'en');
    const ja = this.nodeLabel(i, 'ja');
    if (en !== undefined || ja !== undefined) head.label = en !== undefined && ja !== undefined ? { en, ja } : en !== undefined ? { en } : { ja: ja! };
    if (node.subtype[i] !== NO_STRING) head.subtype = strings.get(node.subtype[i]!);
    if (node.flags[i]! & FLAG_PLACEHOLDER) head.placeholder = true;
    return head;
  }

  nodeSubtype(i: number): string | undefined {
    this.check(i);
    const s = this.core.node.subtype[i]!;
    return s === NO_STRING ? undefined : this.core.strings.get(s);
  }

  node(i: number): SnapshotNode | undefined {
    this.check(i);
    return this.details(i);
  }

  /** Type, ends, derivation subtype and role: the rest of a relation is in its details chunk. */
  relation(e: number): Relation {
    if (!(e >= 0 && e < this.edgeCount)) throw new RangeError(`no edge ${e} (the index has ${this.edgeCount})`);
    const { edge, strings } = this.core;
    const r: Relation = { type: RELATION_TYPES[this.typeCodes[e]!]!, from: this.nodeId(this.edgeFrom[e]!), to: this.nodeId(this.edgeTo[e]!) };
    if (edge.subtype[e] !== NO_SUBTYPE) r.subtype = DERIVATION_TYPES[edge.subtype[e]!]!;
    if (edge.role[e] !== NO_STRING) r.role = strings.get(edge.role[e]!);
    return r;
  }
}
