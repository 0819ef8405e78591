/**
 * Graph index and traversal over a loaded snapshot. Plain TypeScript on typed arrays:
 * runs the same in Node and in a Web Worker.
 *
 * Direction (from the format): relations point from the dependent (`from`) to what it
 * depends on (`to`). "up" follows from → to (what was this built from?), "down" follows
 * to → from (what was built from or used this?).
 */
export { buildGraphIndex, ColumnsIndex, type GraphIndex, type GraphInput } from './graph-index.ts';
export { GraphIndexBuilder, MAX_DESCRIBED_CYCLES, buildCsr, type BuiltGraph, type GraphColumns, type Locate } from './graph-builder.ts';
export { IdTable, hashString } from './id-table.ts';
export { kindCode, relationTypeCode, UNKNOWN_TYPE_CODE } from './kind-codes.ts';
export { headOf, type NodeHead } from './node-head.ts';
export { neighbourhood, inducedEdges, type Direction, type Neighbourhood, type NeighbourhoodOptions } from './neighbourhood.ts';
export { closure, closureColumns, impact, type ClosureColumns, type ClosureOptions, type ClosureRow } from './closure.ts';
export { shortestPath, type GraphPath, type PathDirection } from './shortest-path.ts';
export { neighboursByRelation, type RelationGroup } from './neighbours-by-relation.ts';
export { makeItemLocator, DEFAULT_GRAPH_FILE, type ItemLocation } from './item-locator.ts';
export {
  cappedNeighbourhood,
  type CappedNeighbourhood,
  type CappedNeighbourhoodOptions,
  type DrawnNode,
  type FoldedGroup,
  type HopDirection,
} from './capped-neighbourhood.ts';
