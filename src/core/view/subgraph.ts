/**
 * What the graph view draws: the focus's neighbourhood with every hop capped (see
 * `cappedNeighbourhood`), plus the one-hop neighbourhoods of nodes the user expanded, plus
 * the path to a second node, within `maxNodes` in all (drawing thousands of nodes is what
 * makes lineage UIs unusable). Neighbours left out by the caps come back as folded groups
 * that the view draws as "N more"; opening one adds the rest.
 */
import { cappedNeighbourhood, inducedEdges, shortestPath, type GraphIndex, type HopDirection } from '../graph/index.ts';
import { moreGroupKey, parseMoreGroupKey } from './more-groups.ts';
import { summarizeAt } from './summarize.ts';
import type { EdgeView, SubgraphRequest, SubgraphView } from './types.ts';

/**
 * Neighbours of one node per direction drawn before the rest folds into "N more". In the
 * sample every model and data set has at most 9 dependents and 7 dependencies, so their
 * whole one-hop lineage shows; what folds are usage hubs (deployed models with 15–69
 * inference sessions, clinicians, the gateway with 459). Ten also fits one column of a
 * laptop-sized view at a legible size (planFit gives 13 at 760 × 600 px).
 */
export const HOP_CAP = 10;

export function edgeView(index: GraphIndex, e: number): EdgeView {
  const r = index.relation(e);
  // Edges exist only for relations with both ends (the index skips the others).
  const view: EdgeView = { id: `e${e}`, type: r.type, from: r.from, to: r.to! };
  if (r.subtype) view.subtype = r.subtype;
  return view;
}

export function buildSubgraph(index: GraphIndex, req: SubgraphRequest): SubgraphView {
  const missing: string[] = [];
  const focus = index.indexOf(req.focus);
  if (focus < 0) {
    return { nodes: [], edges: [], truncated: false, notDrawn: null, more: [], path: null, missing: [req.focus] };
  }

  // The path first: it is what the user asked to see, so it survives every cap.
  let path: SubgraphView['path'] = null;
  const pinned: { node: number; rank: number; parent: number }[] = [];
  if (req.pathTo) {
    const target = index.indexOf(req.pathTo);
    if (target < 0) missing.push(req.pathTo);
    else {
      const found = shortestPath(index, focus, target);
      if (found) {
        // Each step goes one rank up (towards what it depends on) or down.
        let rank = 0;
        for (let i = 1; i < found.nodes.length; i++) {
          rank += index.edgeTo[found.edges[i - 1]!] === found.nodes[i] ? -1 : 1;
          pinned.push({ node: found.nodes[i]!, rank, parent: found.nodes[i - 1]! });
        }
        path = { nodes: found.nodes.map((n) => index.nodeId(n)), edges: found.edges.map((e) => `e${e}`) };
      } else {
        path = { nodes: [], edges: [] };
      }
    }
  }

  const expand: number[] = [];
  for (const id of req.expanded) {
    const n = index.indexOf(id);
    if (n < 0) missing.push(id);
    else expand.push(n);
  }

  const open = new Set<string>();
  for (const key of req.more ?? []) {
    const group = parseMoreGroupKey(key);
    const parent = group ? index.indexOf(group.parent) : -1;
    if (group && parent >= 0) open.add(`${group.direction}${parent}`);
  }

  const drawn = cappedNeighbourhood(index, focus, {
    direction: req.direction,
    depth: req.depth,
    kinds: req.kinds ?? undefined,
    maxNodes: req.maxNodes,
    perParent: req.perParent ?? HOP_CAP,
    perRank: req.perRank,
    isOpen: (parent: number, direction: HopDirection) => open.has(`${direction}${parent}`),
    pinned,
    expand,
  });

  // Every relation among the drawn nodes, each once (outgoing edges only: a hub with 100k
  // dependents costs nothing extra).
  const edges = inducedEdges(
    index,
    drawn.nodes.map((d) => d.node),
  );

  return {
    nodes: drawn.nodes.map((d) => ({ ...summarizeAt(index, d.node), hop: d.hop, rank: d.rank, parent: d.parent >= 0 ? index.nodeId(d.parent) : null })),
    edges: [...edges].sort((a, b) => a - b).map((e) => edgeView(index, e)),
    truncated: drawn.overLimit !== null,
    notDrawn: drawn.overLimit,
    more: drawn.folded.map((g) => {
      const parent = index.nodeId(g.parent);
      return { key: moreGroupKey(g.direction, parent), parent, direction: g.direction, hidden: g.hidden, rank: g.rank };
    }),
    path,
    missing,
  };
}
