/**
 * Events of one run folded into one activity, the way Marquez keeps a run: one state per
 * runId, updated by each event as it arrives and never holding the events themselves, so
 * memory grows with runs, jobs and datasets, not with events.
 *
 * - startedAt: the earliest START event's time (a run seen only through RUNNING events:
 *   the earliest RUNNING);
 * - endedAt: the terminal event's time (COMPLETE, FAIL, ABORT); if several arrive, the
 *   latest by eventTime (by arrival where times are not comparable);
 * - state, with Marquez's names: COMPLETED, FAILED, ABORTED from the terminal event, else
 *   RUNNING after START or RUNNING. OTHER (and an event without eventType) adds facets and
 *   datasets but changes no state. A terminal event that arrives before its START
 *   (out-of-order delivery) still ends the run: a later START only sets the start time.
 * - times that are not ISO 8601 are kept as attributes `eventTime.<type>`, never as
 *   startedAt or endedAt.
 */
import type { SourcePlace } from '../import-report.ts';
import type { EventType } from './event-check.ts';
import type { FacetMap } from './facet-attributes.ts';

interface TimeMark {
  time: string;
  /** Milliseconds since the epoch; NaN where the text is no time. */
  ms: number;
  /** Arrival order among all events of the import. */
  order: number;
}

export interface IoState {
  /** inputFacets or outputFacets: they describe this run's reading or writing of the dataset. */
  facets: FacetMap;
  /** The dataset's version (version facet) as this run read or wrote it. */
  version?: string;
}

export interface RunState {
  runId: string;
  id: string;
  jobId: string;
  jobName: string;
  place: SourcePlace;
  events: number;
  start?: TimeMark;
  running?: TimeMark;
  end?: TimeMark & { type: EventType };
  /** A START or RUNNING event came (whatever its time). */
  sawStartOrRunning?: boolean;
  /** eventTimes that are not ISO 8601, the first of each event type. */
  rawTimes?: Record<string, string>;
  facets: FacetMap;
  inputs: Map<string, IoState>;
  outputs: Map<string, IoState>;
  producers: Set<string>;
}

const TERMINAL: Partial<Record<EventType, string>> = { COMPLETE: 'COMPLETED', FAIL: 'FAILED', ABORT: 'ABORTED' };

export function newRun(runId: string, id: string, jobId: string, jobName: string, place: SourcePlace): RunState {
  return { runId, id, jobId, jobName, place, events: 0, facets: new Map(), inputs: new Map(), outputs: new Map(), producers: new Set() };
}

/** Folds one event's transition (its type and time) into the run. */
export function foldTransition(run: RunState, type: EventType | undefined, time: string, timeIsIso: boolean, order: number): void {
  run.events++;
  const mark: TimeMark = { time, ms: timeIsIso ? Date.parse(time) : Number.NaN, order };
  if (!timeIsIso) {
    const key = `eventTime.${type ?? 'event'}`;
    run.rawTimes ??= {};
    run.rawTimes[key] ??= time;
  }
  if (type === 'START') {
    if (timeIsIso && (!run.start || earlier(mark, run.start))) run.start = mark;
  } else if (type === 'RUNNING') {
    if (timeIsIso && (!run.running || earlier(mark, run.running))) run.running = mark;
  } else if (type && TERMINAL[type]) {
    // The state follows the terminal event even when its time is not a time (the seed's
    // placeholders): only the endedAt needs a real time.
    if (!run.end || later(mark, run.end)) run.end = { ...mark, type };
  }
  if (type === 'START' || type === 'RUNNING') run.sawStartOrRunning = true;
}

export function runStateName(run: RunState): string | undefined {
  if (run.end) return TERMINAL[run.end.type];
  return run.sawStartOrRunning ? 'RUNNING' : undefined;
}

export function startedAt(run: RunState): string | undefined {
  return (run.start ?? run.running)?.time;
}

export function endedAt(run: RunState): string | undefined {
  return run.end && !Number.isNaN(run.end.ms) ? run.end.time : undefined;
}

function earlier(a: TimeMark, b: TimeMark): boolean {
  return a.ms < b.ms || (a.ms === b.ms && a.order < b.order);
}

function later(a: TimeMark, b: TimeMark): boolean {
  if (!Number.isNaN(a.ms) && !Number.isNaN(b.ms)) return a.ms > b.ms || (a.ms === b.ms && a.order > b.order);
  return a.order > b.order;
}
