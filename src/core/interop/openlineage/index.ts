/**
 * OpenLineage (spec 2-0-x): RunEvent, DatasetEvent and JobEvent, from JSON, JSON arrays,
 * NDJSON or folders of them. Runs are folded across events and files (run-fold.ts) and
 * written when the import finishes (write-graph.ts). Mapping: docs/interop.md, "OpenLineage".
 */
import type { FormatModule } from '../format-module.ts';
import { matchesOpenLineage } from './detect.ts';
import { OpenLineageReader } from './reader.ts';

export const openLineageModule: FormatModule = {
  format: 'openlineage',
  matchesJson: matchesOpenLineage,
  createReader: (draft) => new OpenLineageReader(draft),
};
