/** Comparing two to five models (docs/models-and-unlearning.md). */
export { closestCommonAncestor, type CommonAncestor } from './common-ancestor.ts';
export { upstreamHops } from './lineage-walk.ts';
export {
  buildComparison,
  comparisonNodes,
  DATA_ROWS_SHOWN,
  MAX_COMPARED,
  MIN_COMPARED,
  type BenchmarkRow,
  type ChainStep,
  type ComparedModel,
  type ComparisonView,
  type DataRow,
} from './compare-models.ts';
export { comparisonCsv, COMPARISON_CSV_HEADER } from './compare-csv.ts';
