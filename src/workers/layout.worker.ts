/// <reference lib="webworker" />
/** Worker entry for graph layout. Stateless: the page terminates it when a newer layout is wanted. */
import { layeredLayout, type LayoutEdge, type LayoutNode } from '../core/layout/index.ts';
import { serve } from './rpc.ts';

const api = {
  layout: (args: { nodes: LayoutNode[]; edges: LayoutEdge[] }) => layeredLayout(args.nodes, args.edges),
};

export type LayoutApi = typeof api;

serve(api, (err) => ({ message: err instanceof Error ? err.message : String(err) }));
