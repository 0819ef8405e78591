/**
 * What the graph view draws: the focus's neighbourhood, plus the one-hop neighbourhoods
 * of nodes the user expanded, plus the path to a second node, capped at `maxNodes`
 * (drawing thousands of nodes is what makes lineage UIs unusable).
 */
import { inducedEdges, neighbourhood, shortestPath, type GraphIndex } from '../graph/index.ts';
import { summarizeAt } from './summarize.ts';
import type { EdgeView, SubgraphRequest, SubgraphView } from './types.ts';

export function edgeView(index: GraphIndex, e: number): EdgeView {
  const r = index.relation(e);
  // Edges exist only for relations with both ends (the index skips the others).
  const view: EdgeView = { id: `e${e}`, type: r.type, from: r.from, to: r.to! };
  if (r.subtype) view.subtype = r.subtype;
  return view;
}

export function buildSubgraph(index: GraphIndex, req: SubgraphRequest): SubgraphView {
  const missing: string[] = [];
  const hops = new Map<number, number>();
  let truncated = false;
  const kinds = req.kinds ?? undefined;

  const add = (node: number, hop: number): boolean => {
    const known = hops.get(node);
    if (known !== undefined) {
      if (hop < known) hops.set(node, hop);
      return true;
    }
    if (hops.size >= req.maxNodes) {
      truncated = true;
      return false;
    }
    hops.set(node, hop);
    return true;
  };

  const focus = index.indexOf(req.focus);
  if (focus < 0) {
    return { nodes: [], edges: [], truncated: false, path: null, missing: [req.focus] };
  }

  // The path first: it is what the user asked to see, so it must survive the cap.
  let path: SubgraphView['path'] = null;
  if (req.pathTo) {
    const target = index.indexOf(req.pathTo);
    if (target < 0) missing.push(req.pathTo);
    else {
      const found = shortestPath(index, focus, target);
      if (found) {
        found.nodes.forEach((n, i) => add(n, i));
        path = { nodes: found.nodes.map((n) => index.nodeId(n)), edges: found.edges.map((e) => `e${e}`) };
      } else {
        path = { nodes: [], edges: [] };
      }
    }
  }

  const main = neighbourhood(index, focus, { direction: req.direction, depth: req.depth, kinds, maxNodes: req.maxNodes });
  truncated ||= main.truncated;
  for (const { node, hop } of main.nodes) add(node, hop);

  for (const id of req.expanded) {
    const n = index.indexOf(id);
    if (n < 0) {
      missing.push(id);
      continue;
    }
    const baseHop = hops.get(n) ?? 1;
    add(n, baseHop);
    const around = neighbourhood(index, n, { direction: 'both', depth: 1, kinds, maxNodes: req.maxNodes });
    truncated ||= around.truncated;
    for (const { node, hop } of around.nodes) add(node, baseHop + hop);
  }

  // Every relation among the drawn nodes, each once (outgoing edges only: a hub with 100k
  // dependents costs nothing extra).
  const edges = inducedEdges(index, [...hops.keys()]);

  return {
    nodes: [...hops].map(([n, hop]) => ({ ...summarizeAt(index, n), hop })),
    edges: [...edges].sort((a, b) => a - b).map((e) => edgeView(index, e)),
    truncated,
    path,
    missing,
  };
}
