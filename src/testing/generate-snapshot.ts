/**
 * Deterministic synthetic snapshots shaped like a hospital's medical-AI lineage, from a
 * thousand to a million nodes: a few organisations and thousands of people; hundreds of
 * datasets and documents; foundation models with chains of derived models and their
 * evaluations; and, as the bulk (~95 % of nodes), inference sessions with prompts,
 * outputs and access events. Same options, same output, byte for byte.
 *
 * Used by tests, benchmarks and `npm run gen:snapshot`; never by the app.
 */
import type { Relation, SnapshotNode } from '../core/format/index.ts';
import { generateAgents } from './generate-agents.ts';
import { generateDatasets } from './generate-datasets.ts';
import { generateModels } from './generate-models.ts';
import { generateUsage } from './generate-usage.ts';
import { LineageBuilder, type LineageSink } from './lineage-builder.ts';

export interface GenerateOptions {
  /** Approximate number of nodes (the result overshoots by at most a handful). At least MIN_GENERATED_NODES. */
  nodes: number;
  seed: number;
  /**
   * Number of models (foundation, derived and the embedding model) instead of the share of
   * `nodes` they get by default (4 in 10,000): the map view needs thousands of models
   * without millions of nodes. Their training and evaluations come on top; usage fills the
   * rest up to `nodes`.
   */
  models?: number;
}

export interface GeneratedSnapshot {
  nodes: SnapshotNode[];
  relations: Relation[];
}

/** Below this the fixed part (organisations, first datasets and models) would exceed the request. */
export const MIN_GENERATED_NODES = 200;

/** How many of each kind of thing a snapshot of `nodes` nodes gets; the rest is usage. */
export function generatedCounts(nodes: number, models?: number) {
  // Asked for many models, the zoo gets one family per 20 models, up to 24 families.
  const foundation = Math.max(2, Math.min(24, Math.round(models === undefined ? Math.sqrt(nodes) / 45 : models / 20)));
  return {
    people: Math.max(12, Math.round(nodes * 0.006)),
    software: Math.min(12, 1 + Math.floor(nodes / 100_000)),
    documents: Math.max(8, Math.round(nodes * 0.004)),
    datasets: Math.max(8, Math.round(nodes * 0.0006)),
    foundation,
    derived: models === undefined ? Math.max(8, Math.round(nodes * 0.0004)) : Math.max(8, models - foundation - 1),
  };
}

export function generateSnapshot(opts: GenerateOptions): GeneratedSnapshot {
  const b = generate(opts);
  return { nodes: b.nodes, relations: b.relations };
}

/**
 * The same snapshot, node by node and relation by relation into `sink`, never held whole
 * (for snapshots too large for memory as objects). Every relation comes after both its ends.
 */
export function streamGeneratedSnapshot(opts: GenerateOptions, sink: LineageSink): void {
  generate(opts, sink);
}

function generate(opts: GenerateOptions, sink?: LineageSink): LineageBuilder {
  if (!Number.isInteger(opts.nodes) || opts.nodes < MIN_GENERATED_NODES) {
    throw new RangeError(`nodes must be an integer of at least ${MIN_GENERATED_NODES} (got ${opts.nodes})`);
  }
  if (!Number.isInteger(opts.seed)) throw new RangeError(`seed must be an integer (got ${opts.seed})`);
  if (opts.models !== undefined && (!Number.isInteger(opts.models) || opts.models < 1)) throw new RangeError(`models must be a positive integer (got ${opts.models})`);
  const counts = generatedCounts(opts.nodes, opts.models);
  const b = new LineageBuilder(opts.seed, sink);
  const agents = generateAgents(b, counts);
  const data = generateDatasets(b, agents, counts);
  const models = generateModels(b, agents, data, counts);
  b.stream();
  generateUsage(b, agents, data, models, opts.nodes);
  return b;
}
