/// <reference lib="webworker" />
/** Worker entry for graph layout. Stateless: the page terminates it when a newer layout is wanted. */
import { rankedLayout, type Orientation, type RankedNode } from '../core/layout/index.ts';
import { serve } from './rpc.ts';

const api = {
  layout: (args: { nodes: RankedNode[]; orientation: Orientation }) => rankedLayout(args.nodes, args.orientation),
};

export type LayoutApi = typeof api;

serve(api, (err) => ({ message: err instanceof Error ? err.message : String(err) }));
