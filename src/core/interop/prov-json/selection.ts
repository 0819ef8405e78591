/**
 * The selection a PROV-JSON export of "this node's lineage" writes: the node and everything
 * up- or downstream of it (src/core/graph closure). Callers with a selection of their own
 * pass its ids to `exportProvJson` directly.
 */
import { closureColumns, type GraphIndex } from '../../graph/index.ts';

/** Ids of `nodeId` and its closure; empty when the index has no such node. */
export function provSelection(index: GraphIndex, nodeId: string, direction: 'up' | 'down'): Set<string> {
  const start = index.indexOf(nodeId);
  if (start < 0) return new Set();
  const out = new Set([nodeId]);
  const { node } = closureColumns(index, start, direction);
  for (const i of node) out.add(index.nodeId(i));
  return out;
}
