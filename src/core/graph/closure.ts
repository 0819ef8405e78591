/**
 * Transitive closure up- or downstream of a node, with the shortest hop distance and one
 * predecessor on a shortest route: the auditor's "everything affected by this dataset".
 *
 * The breadth-first search walks through nodes of every kind (a dataset reaches outputs
 * only through training runs, models and inference sessions); `kinds` filters the list
 * that comes back. `closureColumns` returns typed arrays for callers that handle
 * hundreds of thousands of rows; `closure` wraps it in objects.
 */
import type { NodeKind } from '../format/index.ts';
import type { GraphIndex } from './graph-index.ts';
import { kindMask } from './kind-codes.ts';
import { checkNode } from './neighbourhood.ts';
import { withScratch } from './scratch.ts';

export interface ClosureOptions {
  /** Kinds to list (all are walked through). */
  kinds?: readonly NodeKind[];
  /** Furthest hop to follow. */
  maxDepth?: number;
}

export interface ClosureRow {
  node: number;
  /** Shortest number of hops from the start. */
  hop: number;
  /** Predecessor on a shortest route from the start (the start itself at hop 1). */
  via: number;
  /** Edge from `via` to `node`. */
  viaEdge: number;
}

/** Rows in breadth-first order, as parallel arrays of equal length. */
export interface ClosureColumns {
  node: Int32Array;
  hop: Int32Array;
  via: Int32Array;
  viaEdge: Int32Array;
}

export function closureColumns(index: GraphIndex, start: number, direction: 'up' | 'down', opts: ClosureOptions = {}): ClosureColumns {
  checkNode(index, start);
  const mask = kindMask(opts.kinds);
  const maxDepth = opts.maxDepth ?? Infinity;
  const offsets = direction === 'up' ? index.outOffsets : index.inOffsets;
  const adjNodes = direction === 'up' ? index.outNodes : index.inNodes;
  const adjEdges = direction === 'up' ? index.outEdges : index.inEdges;
  const { kindCodes } = index;

  return withScratch(index, 1, (s) => {
    // Queue slot i holds a node with its hop and the edge it was reached by in a/b[i];
    // the predecessor is that edge's other end, so it needs no array of its own.
    const { queue, a: hops, b: viaEdges } = s;
    let tail = 0;
    s.mark(start);
    queue[tail] = start;
    hops[tail] = 0;
    viaEdges[tail++] = -1;
    for (let head = 0; head < tail; head++) {
      const v = queue[head]!;
      const hop = hops[head]! + 1;
      if (hop > maxDepth) break;
      for (let p = offsets[v]!, end = offsets[v + 1]!; p < end; p++) {
        const w = adjNodes[p]!;
        if (s.visited(w)) continue;
        s.mark(w);
        queue[tail] = w;
        hops[tail] = hop;
        viaEdges[tail++] = adjEdges[p]!;
      }
    }
    // Keep the rows whose kind is wanted, start excluded, in order.
    const viaEnd = direction === 'up' ? index.edgeFrom : index.edgeTo;
    let count = 0;
    for (let i = 1; i < tail; i++) if ((mask >> kindCodes[queue[i]!]!) & 1) count++;
    const out: ClosureColumns = { node: new Int32Array(count), hop: new Int32Array(count), via: new Int32Array(count), viaEdge: new Int32Array(count) };
    for (let i = 1, j = 0; i < tail; i++) {
      if (((mask >> kindCodes[queue[i]!]!) & 1) === 0) continue;
      const e = viaEdges[i]!;
      out.node[j] = queue[i]!;
      out.hop[j] = hops[i]!;
      out.via[j] = viaEnd[e]!;
      out.viaEdge[j++] = e;
    }
    return out;
  });
}

export function closure(index: GraphIndex, start: number, direction: 'up' | 'down', opts: ClosureOptions = {}): ClosureRow[] {
  const c = closureColumns(index, start, direction, opts);
  const rows = new Array<ClosureRow>(c.node.length);
  for (let i = 0; i < rows.length; i++) rows[i] = { node: c.node[i]!, hop: c.hop[i]!, via: c.via[i]!, viaEdge: c.viaEdge[i]! };
  return rows;
}

/** Impact analysis: everything downstream of `start` (what was built from it or used it). */
export function impact(index: GraphIndex, start: number, opts: { kinds?: readonly NodeKind[] } = {}): ClosureRow[] {
  return closure(index, start, 'down', opts);
}
