import type { SnapshotNode } from '../format/index.ts';
import { headOf, type GraphIndex } from '../graph/index.ts';
import type { NodeSummary } from './types.ts';

/** The summary of a whole node (e.g. one read from a details chunk). */
export function summarize(node: SnapshotNode): NodeSummary {
  return headOf(node);
}

/** The summary of node `i` of the index, from what every layout keeps in memory. */
export function summarizeAt(index: GraphIndex, i: number): NodeSummary {
  return index.nodeHead(i);
}
