/**
 * The LLM map (docs/model-map.md): what the snapshot knows of each model, a distance between
 * models built from it, exact nearest neighbours and a seeded UMAP layout. No React, no DOM:
 * the snapshot worker builds the input, the map worker projects it, `npm run bench:map` times it.
 */
export { buildModelMapInput, mapModelNodes, mapRecordNodes, evaluationNodesOf, DERIVATION_STEP, type MapModel, type ModelMapInput } from './map-input.ts';
export { modelDistance, FEATURE_WEIGHTS, type ModelDistance } from './model-distance.ts';
export { nearestNeighbours, type Neighbours, type Pruning } from './nearest-neighbours.ts';
export { modelNeighbours } from './model-neighbours.ts';
export { projectModelMap, MAP_NEIGHBOURS, type ModelMapLayout, type ProjectOptions } from './project.ts';
