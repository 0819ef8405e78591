/**
 * The neighbourhood of a node up to a depth: what the explorer draws around a focus.
 * Breadth-first, so every node gets its shortest hop count and a cap (`maxNodes`) keeps
 * the nearest nodes rather than an arbitrary branch.
 */
import type { NodeKind } from '../format/index.ts';
import type { GraphIndex } from './graph-index.ts';
import { kindMask } from './kind-codes.ts';
import { withScratch } from './scratch.ts';

export type Direction = 'up' | 'down' | 'both';

export interface NeighbourhoodOptions {
  direction: Direction;
  /** Hops from the start; 0 returns the start alone. */
  depth: number;
  /** Only nodes of these kinds are returned and walked through (the start always is). */
  kinds?: readonly NodeKind[];
  /** Stop once this many nodes (start included) are found, and set `truncated`. */
  maxNodes?: number;
}

export interface Neighbourhood {
  /** In breadth-first order: the start first, then by hop. */
  nodes: { node: number; hop: number }[];
  /** Every kept edge whose two ends are both in `nodes`, each once. */
  edges: number[];
  /** True when nodes within reach were left out because of `maxNodes`. */
  truncated: boolean;
}

export function neighbourhood(index: GraphIndex, start: number, opts: NeighbourhoodOptions): Neighbourhood {
  checkNode(index, start);
  const up = opts.direction !== 'down';
  const down = opts.direction !== 'up';
  const depth = opts.depth;
  const mask = kindMask(opts.kinds);
  const maxNodes = Math.max(1, opts.maxNodes ?? Infinity);
  const { kindCodes, outOffsets, outNodes, inOffsets, inNodes } = index;

  return withScratch(index, 1, (s) => {
    const { queue, a: hops } = s;
    let tail = 0;
    let truncated = false;
    s.mark(start);
    queue[tail] = start;
    hops[tail++] = 0;

    // Returns false when the cap is hit. Nodes of unwanted kinds are skipped unmarked:
    // testing their kind again later is cheaper than a second mark array.
    const visit = (w: number, hop: number): boolean => {
      if (s.visited(w) || ((mask >> kindCodes[w]!) & 1) === 0) return true;
      if (tail >= maxNodes) {
        truncated = true;
        return false;
      }
      s.mark(w);
      queue[tail] = w;
      hops[tail++] = hop;
      return true;
    };

    bfs: for (let head = 0; head < tail; head++) {
      const v = queue[head]!;
      const hop = hops[head]!;
      if (hop >= depth) break; // breadth-first: every later node is at least as far
      if (up) {
        for (let p = outOffsets[v]!, end = outOffsets[v + 1]!; p < end; p++) if (!visit(outNodes[p]!, hop + 1)) break bfs;
      }
      if (down) {
        for (let p = inOffsets[v]!, end = inOffsets[v + 1]!; p < end; p++) if (!visit(inNodes[p]!, hop + 1)) break bfs;
      }
    }

    const nodes = new Array<{ node: number; hop: number }>(tail);
    for (let i = 0; i < tail; i++) nodes[i] = { node: queue[i]!, hop: hops[i]! };
    return { nodes, edges: edgesAmong(index, queue, tail, s.visited.bind(s)), truncated };
  });
}

/**
 * Every kept edge whose two ends are both in `nodes`, each once: what a view that drew
 * these nodes should connect. Reads the out-edges of each node only, so a hub with
 * 100,000 incoming relations costs nothing unless its neighbours are drawn too.
 */
export function inducedEdges(index: GraphIndex, nodes: readonly number[]): number[] {
  for (const v of nodes) checkNode(index, v);
  return withScratch(index, 1, (s) => {
    let count = 0;
    for (const v of nodes) {
      if (s.visited(v)) continue;
      s.mark(v);
      s.queue[count++] = v;
    }
    return edgesAmong(index, s.queue, count, s.visited.bind(s));
  });
}

/** Kept edges with both ends among the first `count` nodes of `list`; each edge is found once, from its `from` end. */
function edgesAmong(index: GraphIndex, list: Int32Array, count: number, isMember: (v: number) => boolean): number[] {
  const { outOffsets, outEdges, outNodes } = index;
  const edges: number[] = [];
  for (let i = 0; i < count; i++) {
    const v = list[i]!;
    for (let p = outOffsets[v]!, end = outOffsets[v + 1]!; p < end; p++) if (isMember(outNodes[p]!)) edges.push(outEdges[p]!);
  }
  return edges;
}

export function checkNode(index: GraphIndex, v: number): void {
  if (!Number.isInteger(v) || v < 0 || v >= index.nodeCount) {
    throw new RangeError(`node ${v} is not in the graph (it has ${index.nodeCount} nodes)`);
  }
}
