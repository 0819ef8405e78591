/** The auditor's worst case the benchmarks time: the PHI dataset with the most downstream of it. */
import { NODE_KINDS } from '../../src/core/format/index.ts';
import { closureColumns, type GraphIndex } from '../../src/core/graph/index.ts';

/** Node number of that dataset (-1 when there is none) and how many nodes depend on it. */
export function largestPhiDataset(index: GraphIndex): { node: number; rows: number } {
  const dataset = NODE_KINDS.indexOf('dataset');
  let node = -1;
  let rows = -1;
  for (let v = 0; v < index.nodeCount; v++) {
    if (index.kindCodes[v] !== dataset || index.nodeHead(v).classification !== 'phi') continue;
    const n = closureColumns(index, v, 'down').node.length;
    if (n > rows) [node, rows] = [v, n];
  }
  return { node, rows };
}
