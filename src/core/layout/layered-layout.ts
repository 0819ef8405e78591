/**
 * Left-to-right layered (DAG) layout of a small subgraph with dagre. Dependencies sit to
 * the left of what depends on them, so data flows left → right: dataset → training run →
 * model → inference → output. Runs in a Web Worker; only ever given the few hundred nodes
 * that are drawn, never a whole snapshot (dagre takes seconds past ~1,000 nodes).
 */
import dagre from '@dagrejs/dagre';

export interface LayoutNode {
  id: string;
  width: number;
  height: number;
}

export interface LayoutEdge {
  /** The dependency (PROV second argument): placed to the left. */
  source: string;
  /** The dependent (PROV first argument): placed to the right. */
  target: string;
}

export interface LayoutResult {
  positions: Record<string, { x: number; y: number }>;
  width: number;
  height: number;
}

export function layeredLayout(nodes: readonly LayoutNode[], edges: readonly LayoutEdge[]): LayoutResult {
  const g = new dagre.graphlib.Graph({ multigraph: true });
  g.setGraph({ rankdir: 'LR', nodesep: 14, ranksep: 90, edgesep: 6, marginx: 20, marginy: 20, ranker: 'network-simplex' });
  g.setDefaultEdgeLabel(() => ({}));
  for (const n of nodes) g.setNode(n.id, { width: n.width, height: n.height });
  edges.forEach((e, i) => {
    if (e.source !== e.target && g.hasNode(e.source) && g.hasNode(e.target)) g.setEdge(e.source, e.target, {}, `e${i}`);
  });
  dagre.layout(g);
  const positions: LayoutResult['positions'] = {};
  for (const id of g.nodes()) {
    const n = g.node(id);
    positions[id] = { x: n.x ?? 0, y: n.y ?? 0 };
  }
  const graph = g.graph();
  return { positions, width: graph.width ?? 0, height: graph.height ?? 0 };
}

/** Estimated label box: about 7 px per Latin character, 13 px per CJK character. */
export function labelSize(label: string, maxChars = 28): { width: number; height: number } {
  let width = 0;
  for (const ch of label.slice(0, maxChars)) width += /[\u3000-\u9fff\uff00-\uffef]/.test(ch) ? 13 : 7;
  return { width: Math.max(60, width + 24), height: 34 };
}
