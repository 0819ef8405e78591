/**
 * The neighbourhood the graph view draws, with every hop capped. A plain breadth-first
 * neighbourhood of a hub (a deployed model with thousands of inference sessions, the
 * gateway every request passes through) is hundreds of nodes at depth 1 and the whole
 * snapshot at depth 3; drawn whole, no label is readable. Here each node shows at most
 * `perParent` neighbours per direction (up: what it was built from; down: what was built
 * from or used it), each rank (hop level, negative upstream) at most `perRank` nodes, and
 * the rest of each node's neighbours in a direction is one folded group that the view
 * shows as "N more" and the user can open.
 *
 * Fair and deterministic: within a rank, the nodes reached from each parent are taken in
 * turn (one from each, round after round, in breadth-first order), each parent's in
 * adjacency order, so one hub cannot crowd out the lineage of its siblings, and the same
 * request always draws the same nodes.
 */
import type { NodeKind } from '../format/index.ts';
import type { GraphIndex } from './graph-index.ts';
import { kindMask } from './kind-codes.ts';
import { checkNode, type Direction } from './neighbourhood.ts';
import { withScratch } from './scratch.ts';

export type HopDirection = 'up' | 'down';

export interface CappedNeighbourhoodOptions {
  direction: Direction;
  /** Hops from the start that are walked. */
  depth: number;
  /** Only nodes of these kinds are drawn, walked through and counted (the start always is). */
  kinds?: readonly NodeKind[];
  /** Most nodes drawn in all (start, pinned and expanded nodes included). */
  maxNodes: number;
  /** Most neighbours of one node in one direction drawn before the rest is folded. */
  perParent: number;
  /** Most nodes one rank holds (the "N more" of a folded group sits on its parent's edge, outside the rank); unlimited by default. */
  perRank?: number;
  /** Groups the user opened: all of them is drawn (up to maxNodes), whatever the caps. */
  isOpen?(parent: number, direction: HopDirection): boolean;
  /** Drawn before anything else and whatever the caps (a requested path), each reached from `parent`. */
  pinned?: readonly { node: number; rank: number; parent: number }[];
  /** Nodes whose neighbours, both ways, are added after the walk (per-parent cap only: the user asked). */
  expand?: readonly number[];
}

export interface DrawnNode {
  node: number;
  hop: number;
  /** Hop level along the flow: negative upstream of the start, positive downstream. */
  rank: number;
  /** The node it was reached from; -1 for the start and nodes drawn on their own. */
  parent: number;
}

export interface FoldedGroup {
  parent: number;
  direction: HopDirection;
  /** Rank its nodes would have: the parent's, one up or one down. */
  rank: number;
  /** Neighbours of `parent` in `direction` (of the wanted kinds) that are not drawn. */
  hidden: number;
}

export interface CappedNeighbourhood {
  /** Start first, then pinned nodes, then by hop. */
  nodes: DrawnNode[];
  folded: FoldedGroup[];
  /**
   * Nodes the caps let through that `maxNodes` then left out; `atLeast` when some of them
   * would have led further (their own neighbours were never looked at).
   */
  overLimit: { count: number; atLeast: boolean } | null;
}

interface Pending {
  /** Stored per node in the scratch buffer: which group offered the node first. */
  id: number;
  parent: number;
  direction: HopDirection;
  rank: number;
  candidates: number[];
  take: number;
  open: boolean;
}

export function cappedNeighbourhood(index: GraphIndex, start: number, opts: CappedNeighbourhoodOptions): CappedNeighbourhood {
  checkNode(index, start);
  const mask = kindMask(opts.kinds);
  const maxNodes = Math.max(1, opts.maxNodes);
  const perParent = Math.max(1, opts.perParent);
  const perRank = Math.max(2, opts.perRank ?? Infinity);
  const directions: HopDirection[] = opts.direction === 'both' ? ['up', 'down'] : [opts.direction];
  const wanted = (w: number) => ((mask >> index.kindCodes[w]!) & 1) === 1;

  const drawn = new Map<number, DrawnNode>();
  const nodes: DrawnNode[] = [];
  const rankLoad = new Map<number, number>();
  const refused = new Set<number>();
  let refusedWouldLead = false;
  /** Every group offered, to report what each still hides once all is drawn. */
  const offered: Pending[] = [];

  const draw = (node: number, hop: number, rank: number, parent: number) => {
    const d: DrawnNode = { node, hop, rank, parent };
    drawn.set(node, d);
    nodes.push(d);
    rankLoad.set(rank, (rankLoad.get(rank) ?? 0) + 1);
  };

  // A node is offered by one group only, the first to reach it (breadth-first: the nearest
  // parent): marked in the scratch buffer, with that group's id in `s.a`.
  let groupIds = 0;
  return withScratch(index, 1, (s) => {
    draw(start, 0, 0, -1);
    const pinned = new Set<number>();
    (opts.pinned ?? []).forEach((p, i) => {
      checkNode(index, p.node);
      if (drawn.has(p.node)) return;
      if (drawn.size >= maxNodes) {
        refused.add(p.node);
        return;
      }
      // Its place along the path until the walk reaches it (possibly sooner).
      draw(p.node, i + 1, p.rank, p.parent);
      pinned.add(p.node);
    });

    // Breadth-first, one whole hop at a time, so that a rank's room is shared by all parents of that hop.
    const queued = new Set<number>([start]);
    let frontier = [start];
    for (let hop = 0; hop < opts.depth && frontier.length; hop++) {
      const next: number[] = [];
      const groups: Pending[] = [];
      for (const parent of frontier) {
        for (const direction of directions) {
          const id = groupIds++;
          const candidates: number[] = [];
          forEachNeighbour(index, parent, direction, (w) => {
            if (!wanted(w)) return;
            if (drawn.has(w)) {
              // A pinned node reached by the walk is walked on from, like any other at this hop.
              if (pinned.has(w) && !queued.has(w)) {
                queued.add(w);
                const d = drawn.get(w)!;
                d.hop = Math.min(d.hop, hop + 1);
                next.push(w);
              }
              return;
            }
            if (s.visited(w)) return;
            s.mark(w);
            s.a[w] = id;
            candidates.push(w);
          });
          if (candidates.length) groups.push(pending(id, parent, direction, drawn.get(parent)!.rank, candidates, opts));
        }
      }
      allocate(groups, perParent, perRank, rankLoad);
      offered.push(...groups);
      for (const g of groups) {
        for (let i = 0; i < g.take; i++) {
          const w = g.candidates[i]!;
          if (drawn.size >= maxNodes) {
            refused.add(w);
            if (hop + 1 < opts.depth) refusedWouldLead = true;
            continue;
          }
          draw(w, hop + 1, g.rank, g.parent);
          queued.add(w);
          next.push(w);
        }
      }
      frontier = next;
    }

    for (const x of opts.expand ?? []) {
      checkNode(index, x);
      if (!drawn.has(x)) {
        if (drawn.size >= maxNodes) {
          refused.add(x);
          refusedWouldLead = true;
          continue;
        }
        draw(x, 1, 0, -1);
      }
      const at = drawn.get(x)!;
      const groups: Pending[] = [];
      for (const direction of ['up', 'down'] as const) {
        const id = groupIds++;
        // The user asked for this node's neighbours: also those another group offered and
        // left out (they still count as that group's "more").
        const candidates: number[] = [];
        const seen = new Set<number>();
        forEachNeighbour(index, x, direction, (w) => {
          if (!wanted(w) || drawn.has(w) || seen.has(w)) return;
          seen.add(w);
          if (!s.visited(w)) {
            s.mark(w);
            s.a[w] = id;
          }
          candidates.push(w);
        });
        if (candidates.length) groups.push(pending(id, x, direction, at.rank, candidates, opts));
      }
      allocate(groups, perParent, Infinity, rankLoad);
      offered.push(...groups);
      for (const g of groups) {
        for (let i = 0; i < g.take; i++) {
          const w = g.candidates[i]!;
          if (drawn.size >= maxNodes) refused.add(w);
          else draw(w, at.hop + 1, g.rank, x);
        }
      }
    }

    for (const n of refused) if (drawn.has(n)) refused.delete(n);
    return {
      nodes,
      folded: foldedGroups(offered, drawn, (w) => s.a[w]!),
      overLimit: refused.size ? { count: refused.size, atLeast: refusedWouldLead } : null,
    };
  });
}

function pending(id: number, parent: number, direction: HopDirection, parentRank: number, candidates: number[], opts: CappedNeighbourhoodOptions): Pending {
  return {
    id,
    parent,
    direction,
    rank: parentRank + (direction === 'up' ? -1 : 1),
    candidates,
    take: 0,
    open: opts.isOpen?.(parent, direction) ?? false,
  };
}

/**
 * Decides how many candidates each group draws. Opened groups draw all. The others share
 * their rank's free room in turns, one node each per round, each up to `perParent` (one
 * more when that shows the whole group: "1 more" would say less than the node itself).
 * "N more" takes no room in a rank: it is drawn on the edge of its parent.
 */
function allocate(groups: Pending[], perParent: number, perRank: number, rankLoad: Map<number, number>): void {
  const byRank = new Map<number, Pending[]>();
  for (const g of groups) {
    if (g.open) {
      g.take = g.candidates.length;
      rankLoad.set(g.rank, (rankLoad.get(g.rank) ?? 0) + g.take);
      continue;
    }
    const list = byRank.get(g.rank);
    if (list) list.push(g);
    else byRank.set(g.rank, [g]);
  }
  for (const [rank, list] of byRank) {
    const room = perRank - (rankLoad.get(rank) ?? 0);
    let used = 0;
    for (let progress = true; progress && used < room; ) {
      progress = false;
      for (const g of list) {
        if (used >= room) break;
        const left = g.candidates.length - g.take;
        if (left > 0 && (g.take < perParent || left === 1)) {
          g.take++;
          used++;
          progress = true;
        }
      }
    }
    rankLoad.set(rank, (rankLoad.get(rank) ?? 0) + used);
  }
}

/**
 * What each group still hides once everything is drawn (a node it offered may have been
 * drawn from elsewhere since). Each hidden node counts in the group that offered it first
 * only, so "N more" counts never overlap and add up to what the caps left out. A node
 * walked twice (expanded as well) has one group per direction.
 */
function foldedGroups(offered: readonly Pending[], drawn: Map<number, DrawnNode>, firstOffer: (w: number) => number): FoldedGroup[] {
  const byKey = new Map<string, FoldedGroup>();
  for (const g of offered) {
    let hidden = 0;
    for (const w of g.candidates) if (!drawn.has(w) && firstOffer(w) === g.id) hidden++;
    if (!hidden) continue;
    const key = `${g.direction}${g.parent}`;
    const known = byKey.get(key);
    if (known) known.hidden += hidden;
    else byKey.set(key, { parent: g.parent, direction: g.direction, rank: g.rank, hidden });
  }
  return [...byKey.values()];
}

/** Up: what `v` depends on (its out-edges); down: what depends on `v` (its in-edges). */
function forEachNeighbour(index: GraphIndex, v: number, direction: HopDirection, fn: (w: number) => void): void {
  const [offsets, targets] = direction === 'up' ? [index.outOffsets, index.outNodes] : [index.inOffsets, index.inNodes];
  for (let p = offsets[v]!, end = offsets[v + 1]!; p < end; p++) fn(targets[p]!);
}
