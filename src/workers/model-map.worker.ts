/// <reference lib="webworker" />
/**
 * Worker entry for the map view's projection (core/model-map): nearest neighbours and UMAP,
 * seconds for thousands of models, so never on the page's thread nor in the snapshot worker
 * (whose searches and details must stay quick meanwhile). Stateless: the page terminates it
 * when the snapshot changes under a running projection.
 */
import { projectModelMap, type ModelMapInput } from '../core/model-map/index.ts';
import { serve } from './rpc.ts';

const api = {
  project: (input: ModelMapInput) => projectModelMap(input, { now: () => performance.now() }),
};

export type ModelMapApi = typeof api;

serve(api, (err) => ({ message: err instanceof Error ? err.message : String(err) }));
