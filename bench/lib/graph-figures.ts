/** Figures one size of the graph benchmark produces (written by graph-run.ts, read by graph.ts). */
import type { Summary } from './stats.ts';
import type { PhaseTimes } from './load-phases.ts';

export interface QueryFigures extends Summary {
  /** Mean size of the answer (nodes returned, rows, path length…). */
  meanSize: number;
}

export interface GraphFigures {
  requested: number;
  dir: string;
  nodes: number;
  relations: number;
  edges: number;
  files: number;
  bytes: number;
  problems: number;
  /** 1-minute load average of the machine before and after this size ran: other work skews timings. */
  loadAverage: [number, number];
  load: {
    /** readSnapshotDir (read + SHA-256 + decode + parse + validate), median of `runs`. */
    readSnapshotMs: number;
    indexMs: number;
    totalMs: number;
    /** CPU time of the process (all its threads) in the same spans: robust to other load on the machine. */
    readSnapshotCpuMs: number;
    indexCpuMs: number;
    /** Garbage-collection pauses within readSnapshotMs and indexMs. */
    readSnapshotGcMs: number;
    indexGcMs: number;
    runs: number;
  };
  phases: PhaseTimes & { indexMs: number };
  memory: {
    heapUsedMB: number;
    externalMB: number;
    rssMB: number;
    /** (heap + array buffers after load and index − before) / nodes. */
    bytesPerNode: number;
    /** Typed arrays of the index itself. */
    indexArraysMB: number;
    /** Heap + array buffers added by buildGraphIndex (id map, arrays). */
    indexDeltaMB: number;
    gcExposed: boolean;
  };
  neighbourhood: { capped: QueryFigures; uncapped: QueryFigures; cap: number };
  closure: {
    dataset: { id: string; rows: number; objectsMs: number; columnsMs: number };
    foundation: { id: string; rows: number; objectsMs: number; columnsMs: number };
  };
  path: { auto: QueryFigures; any: QueryFigures; foundFraction: number };
  search: { buildMs: number; query: QueryFigures } | { error: string };
}

/** What the main run of graph-run.ts writes; the phases run writes PhaseFigures. */
export type MainFigures = Omit<GraphFigures, 'phases'>;
export type PhaseFigures = Pick<GraphFigures, 'phases'>;
