/**
 * Layout of a drawn subgraph whose nodes already know their rank (hop level: negative
 * upstream of the focus, positive downstream) and the node they were reached from. Ranks
 * become columns (left to right) or rows (top to bottom); within a rank, nodes follow a
 * depth-first walk of the "reached from" tree, so the children of one node sit together in
 * the order of their parents, and each rank is packed tightly and slid towards its parents
 * without getting wider than the widest rank.
 *
 * Unlike a general layered layout (dagre, which this replaced), the size of the result is
 * known from the rank sizes alone: that is what lets the explorer cap each rank so that the
 * fitted drawing stays legible. Runs in the layout worker; linear in the node count.
 */
import { NODE_GAP, RANK_GAP, type Orientation } from './fit-plan.ts';

/** How far an attached node overlaps its node's border. */
const ATTACH_OVERLAP = 4;

export interface RankedNode {
  id: string;
  rank: number;
  /** The node it was reached from (null for the focus and other roots). */
  parent: string | null;
  width: number;
  height: number;
  /**
   * Drawn on a corner of another node instead of in a rank ("N more" on its parent):
   * `before` is the upstream side (left or top), `after` the downstream one.
   */
  attach?: { to: string; side: 'before' | 'after' };
}

export interface LayoutResult {
  /** Centre of each node. */
  positions: Record<string, { x: number; y: number }>;
  width: number;
  height: number;
}

export function rankedLayout(all: readonly RankedNode[], orientation: Orientation): LayoutResult {
  const nodes = all.filter((n) => !n.attach);
  const byId = new Map(nodes.map((n) => [n.id, n]));
  // Along = the axis ranks follow; across = the axis nodes of one rank are stacked on.
  const along = (n: RankedNode) => (orientation === 'LR' ? n.width : n.height);
  const across = (n: RankedNode) => (orientation === 'LR' ? n.height : n.width);

  const walk = treeOrder(nodes, byId);
  const ranks = new Map<number, RankedNode[]>();
  for (const n of nodes) {
    const list = ranks.get(n.rank);
    if (list) list.push(n);
    else ranks.set(n.rank, [n]);
  }
  for (const list of ranks.values()) list.sort((a, b) => walk.get(a.id)! - walk.get(b.id)!);
  // The focus (first node) in the middle of its rank, its siblings around it: first in a
  // depth-first walk, it would otherwise sit at the end of a rank of siblings.
  const root = nodes[0];
  if (root) {
    const list = ranks.get(root.rank)!;
    list.splice(list.indexOf(root), 1);
    list.splice(Math.floor(list.length / 2), 0, root);
  }
  const rankKeys = [...ranks.keys()].sort((a, b) => a - b);

  // Position of each rank along the axis: ranks as thick as their thickest node.
  const alongAt = new Map<number, number>();
  let cursor = 0;
  for (const r of rankKeys) {
    const thick = Math.max(...ranks.get(r)!.map(along));
    alongAt.set(r, cursor + thick / 2);
    cursor += thick + RANK_GAP[orientation];
  }

  const length = (list: RankedNode[]) => list.reduce((sum, n) => sum + across(n), 0) + NODE_GAP * (list.length - 1);
  const widest = Math.max(0, ...rankKeys.map((r) => length(ranks.get(r)!)));

  // Ranks nearest the roots first, so each one can slide towards parents already placed.
  const acrossAt = new Map<string, number>();
  const rootRank = nodes[0]?.rank ?? 0;
  for (const r of [...rankKeys].sort((a, b) => Math.abs(a - rootRank) - Math.abs(b - rootRank) || a - b)) {
    const list = ranks.get(r)!;
    const len = length(list);
    const centres: number[] = [];
    let at = -len / 2;
    for (const n of list) {
      centres.push(at + across(n) / 2);
      at += across(n) + NODE_GAP;
    }
    let pull = 0;
    let pulled = 0;
    list.forEach((n, i) => {
      const p = n.parent === null ? undefined : acrossAt.get(n.parent);
      if (p !== undefined) {
        pull += p - centres[i]!;
        pulled++;
      }
    });
    const slack = (widest - len) / 2;
    const shift = pulled ? Math.max(-slack, Math.min(slack, pull / pulled)) : 0;
    list.forEach((n, i) => acrossAt.set(n.id, centres[i]! + shift));
  }

  const positions: LayoutResult['positions'] = {};
  for (const n of nodes) {
    const a = alongAt.get(n.rank)!;
    const c = acrossAt.get(n.id)!;
    positions[n.id] = orientation === 'LR' ? { x: a, y: c } : { x: c, y: a };
  }
  // Attached nodes hang off a corner of their node into the gap between ranks (downstream:
  // right or bottom; upstream: left or top), overlapping its border only: they cover no
  // label, and stay within the node's span across the rank, so no neighbour is covered.
  for (const n of all) {
    if (!n.attach) continue;
    const host = byId.get(n.attach.to);
    const at = host && positions[host.id];
    if (!host || !at) continue;
    const sign = n.attach.side === 'before' ? -1 : 1;
    positions[n.id] =
      orientation === 'LR'
        ? { x: at.x + sign * (host.width / 2 + n.width / 2 - ATTACH_OVERLAP), y: at.y + sign * (host.height / 2 - n.height / 2) }
        : { x: at.x + sign * (host.width / 2 - n.width / 2), y: at.y + sign * (host.height / 2 + n.height / 2 - ATTACH_OVERLAP) };
  }

  let [x1, y1, x2, y2] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const n of all) {
    const p = positions[n.id];
    if (!p) continue;
    x1 = Math.min(x1, p.x - n.width / 2);
    x2 = Math.max(x2, p.x + n.width / 2);
    y1 = Math.min(y1, p.y - n.height / 2);
    y2 = Math.max(y2, p.y + n.height / 2);
  }
  return x1 === Infinity ? { positions, width: 0, height: 0 } : { positions, width: x2 - x1, height: y2 - y1 };
}

/** Depth-first order of the "reached from" tree, children in input order; nodes without a known parent are roots. */
function treeOrder(nodes: readonly RankedNode[], byId: Map<string, RankedNode>): Map<string, number> {
  const children = new Map<string, string[]>();
  const roots: string[] = [];
  for (const n of nodes) {
    if (n.parent !== null && n.parent !== n.id && byId.has(n.parent)) {
      const list = children.get(n.parent);
      if (list) list.push(n.id);
      else children.set(n.parent, [n.id]);
    } else roots.push(n.id);
  }
  const order = new Map<string, number>();
  const stack = [...roots].reverse();
  while (stack.length) {
    const id = stack.pop()!;
    if (order.has(id)) continue;
    order.set(id, order.size);
    const kids = children.get(id);
    if (kids) for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i]!);
  }
  // A parent cycle (not produced by the subgraph, but cheap to survive) leaves nodes unvisited.
  for (const n of nodes) if (!order.has(n.id)) order.set(n.id, order.size);
  return order;
}
