/**
 * What an import keeps between events: one entry per run, job, dataset and producer, each
 * with its facets (the latest of each name). Events themselves are never kept.
 */
import type { SourcePlace } from '../import-report.ts';
import type { FacetMap } from './facet-attributes.ts';
import type { RunState } from './run-fold.ts';

export interface DatasetState {
  id: string;
  namespace: string;
  name: string;
  place: SourcePlace;
  facets: FacetMap;
  /** Producers of DatasetEvents that described it (RunEvents' producers go to the run). */
  producers: Set<string>;
}

export interface JobState {
  id: string;
  namespace: string;
  name: string;
  place: SourcePlace;
  facets: FacetMap;
  /** Datasets a JobEvent (no run) names as the job's inputs and outputs. */
  inputs: Set<string>;
  outputs: Set<string>;
  producers: Set<string>;
}

export interface FoldState {
  runs: Map<string, RunState>;
  jobs: Map<string, JobState>;
  datasets: Map<string, DatasetState>;
  /** Producer URI → agent id. */
  producers: Map<string, string>;
}
