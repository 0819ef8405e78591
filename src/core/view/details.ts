import type { RelationType } from '../format/index.ts';
import { neighboursByRelation, type GraphIndex } from '../graph/index.ts';
import { summarizeAt } from './summarize.ts';
import type { NeighbourGroup, NodeDetails } from './types.ts';

/** Neighbours listed per relation; a hub (a base model with 10,000 outputs) lists the first few. */
const MAX_ITEMS_PER_GROUP = 100;

/** Order in which relation groups are shown: lineage first, people last. */
const ORDER: RelationType[] = ['wasDerivedFrom', 'wasGeneratedBy', 'used', 'wasInformedBy', 'wasAttributedTo', 'wasAssociatedWith', 'actedOnBehalfOf'];

export function buildDetails(index: GraphIndex, id: string, fileOf: (id: string) => string): NodeDetails | null {
  const n = index.indexOf(id);
  if (n < 0) return null;
  const groups: NeighbourGroup[] = neighboursByRelation(index, n).map((g) => ({
    type: g.type,
    direction: g.direction,
    total: g.items.length,
    items: g.items.slice(0, MAX_ITEMS_PER_GROUP).map(({ edge, node }) => {
      const r = index.relation(edge);
      const item: NeighbourGroup['items'][number] = summarizeAt(index, node);
      if (r.subtype) item.derivation = r.subtype;
      if (r.role) item.edgeRole = r.role;
      return item;
    }),
  }));
  groups.sort((a, b) => ORDER.indexOf(a.type) - ORDER.indexOf(b.type) || (a.direction === 'out' ? -1 : 1));
  // A binary snapshot's session reads the node's details chunk before asking.
  const node = index.node(n);
  if (!node) throw new Error(`the details of "${id}" are not loaded`);
  return { node, file: fileOf(id), groups };
}
