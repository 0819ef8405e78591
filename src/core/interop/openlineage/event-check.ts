/**
 * A hand-written check of what the OpenLineage schema (2-0-x, OpenLineage.json) requires of
 * an event, run before anything is read from it. JSON Schema validation of every event
 * would cost more than the whole import at a million events; the fields below are the ones
 * the mapping relies on.
 *
 * Decisions taken from the spec and from what Marquez accepts:
 * - a missing `schemaURL` is a note, not a failure: Marquez accepts such events (its own
 *   examples have none) and nothing in the mapping needs it;
 * - an `eventTime` that is not an ISO 8601 date-time (Marquez's seed has placeholders such
 *   as "{{RUN_START_TIME}}") is a note: the event is kept, the text is kept as an
 *   attribute, and no start or end time is made from it;
 * - a facet that is not an object fails only that facet (reported by the reader), not the
 *   event: the rest of the event is still good lineage;
 * - `runId` must be a UUID, as the spec says and Marquez enforces.
 * Everything else listed here fails the event, which is then reported with the JSON path
 * of the first problem and left out.
 */
import { ISO_TIME_PATTERN } from '../../format/index.ts';
import { eventKind, type EventKind } from './detect.ts';
import { isJsonObject, typeName, type JsonObject } from '../json-values.ts';
import { isNonEmptyString, type PathSegment } from './place.ts';

export const EVENT_TYPES = ['START', 'RUNNING', 'COMPLETE', 'ABORT', 'FAIL', 'OTHER'] as const;
export type EventType = (typeof EVENT_TYPES)[number];
const EVENT_TYPE_SET: ReadonlySet<string> = new Set(EVENT_TYPES);

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const BASE_KEYS = ['eventTime', 'producer', 'schemaURL'];
/** Top-level fields of each kind of event (the spec's); any other key is reported as not mapped. */
export const EVENT_KEYS: Record<EventKind, ReadonlySet<string>> = {
  run: new Set([...BASE_KEYS, 'eventType', 'run', 'job', 'inputs', 'outputs']),
  dataset: new Set([...BASE_KEYS, 'dataset']),
  job: new Set([...BASE_KEYS, 'job', 'inputs', 'outputs']),
};

export interface EventProblem {
  path: PathSegment[];
  message: string;
  /** True: the event is left out. False: a note, the event is kept. */
  fatal: boolean;
}

export interface EventCheck {
  kind: EventKind | null;
  problems: EventProblem[];
  /** The eventTime is an ISO 8601 date-time the snapshot format accepts. */
  timeIsIso: boolean;
}

export function isIsoTime(v: unknown): boolean {
  return typeof v === 'string' && ISO_TIME_PATTERN.test(v) && !Number.isNaN(Date.parse(v));
}

export function checkEvent(event: JsonObject): EventCheck {
  const problems: EventProblem[] = [];
  const fail = (path: PathSegment[], message: string) => problems.push({ path, message, fatal: true });
  const note = (path: PathSegment[], message: string) => problems.push({ path, message, fatal: false });
  const kind = eventKind(event);

  let timeIsIso = false;
  if (!('eventTime' in event)) fail(['eventTime'], 'is required');
  else if (typeof event.eventTime !== 'string') fail(['eventTime'], `must be a date-time string, found ${typeName(event.eventTime)}`);
  else if (isIsoTime(event.eventTime)) timeIsIso = true;
  else note(['eventTime'], `${JSON.stringify(event.eventTime.slice(0, 60))} is not an ISO 8601 date-time; kept as an attribute, no time is taken from it`);

  if (!('producer' in event)) fail(['producer'], 'is required (a URI naming what emitted the event)');
  else if (!isNonEmptyString(event.producer)) fail(['producer'], `must be a URI string, found ${typeName(event.producer)}`);

  if (!('schemaURL' in event)) note(['schemaURL'], 'is missing (the spec requires it; Marquez accepts events without it, and so does this import)');
  else if (typeof event.schemaURL !== 'string') fail(['schemaURL'], `must be a URI string, found ${typeName(event.schemaURL)}`);

  if ('eventType' in event && !(typeof event.eventType === 'string' && EVENT_TYPE_SET.has(event.eventType))) {
    fail(['eventType'], `must be one of ${EVENT_TYPES.join(', ')}, found ${describe(event.eventType)}`);
  }

  if (kind === 'run') {
    if (!isJsonObject(event.run)) fail(['run'], `must be an object, found ${typeName(event.run)}`);
    else {
      const runId = event.run.runId;
      if (!('runId' in event.run)) fail(['run', 'runId'], 'is required');
      else if (!(typeof runId === 'string' && UUID.test(runId))) fail(['run', 'runId'], `must be a UUID, found ${describe(runId)}`);
      checkFacets(event.run.facets, ['run', 'facets'], fail);
    }
    if (!('job' in event)) fail(['job'], 'is required in a RunEvent');
    else checkJob(event.job, fail);
  } else if (kind === 'dataset') {
    if ('job' in event && 'run' in event) fail(['job'], 'a DatasetEvent has no job and run');
    checkDataset(event.dataset, ['dataset'], fail);
  } else if (kind === 'job') {
    checkJob(event.job, fail);
  } else {
    fail([], 'has none of run, job or dataset');
  }
  if (kind === 'run' || kind === 'job') {
    for (const side of ['inputs', 'outputs'] as const) {
      const list = event[side];
      if (list === undefined) continue;
      if (!Array.isArray(list)) {
        fail([side], `must be a list, found ${typeName(list)}`);
        continue;
      }
      list.forEach((d, i) => checkDataset(d, [side, i], fail, side === 'inputs' ? 'inputFacets' : 'outputFacets'));
    }
  }
  // Fatal problems first, so the message names what left the event out.
  problems.sort((a, b) => Number(b.fatal) - Number(a.fatal));
  return { kind, problems, timeIsIso };
}

type Fail = (path: PathSegment[], message: string) => void;

function checkJob(job: unknown, fail: Fail): void {
  if (!isJsonObject(job)) {
    fail(['job'], `must be an object, found ${typeName(job)}`);
    return;
  }
  checkName(job, ['job'], fail);
  checkFacets(job.facets, ['job', 'facets'], fail);
}

function checkDataset(d: unknown, path: PathSegment[], fail: Fail, ioFacets?: string): void {
  if (!isJsonObject(d)) {
    fail(path, `must be an object, found ${typeName(d)}`);
    return;
  }
  checkName(d, path, fail);
  checkFacets(d.facets, [...path, 'facets'], fail);
  if (ioFacets) checkFacets(d[ioFacets], [...path, ioFacets], fail);
}

function checkName(o: JsonObject, path: PathSegment[], fail: Fail): void {
  for (const f of ['namespace', 'name'] as const) {
    if (!(f in o)) fail([...path, f], 'is required');
    else if (!isNonEmptyString(o[f])) fail([...path, f], `must be a non-empty string, found ${describe(o[f])}`);
  }
}

function checkFacets(facets: unknown, path: PathSegment[], fail: Fail): void {
  if (facets !== undefined && !isJsonObject(facets)) fail(path, `must be an object of facets, found ${typeName(facets)}`);
}

function describe(v: unknown): string {
  if (typeof v === 'string') return v.length === 0 ? 'an empty string' : JSON.stringify(v.length > 60 ? `${v.slice(0, 57)}…` : v);
  return typeName(v);
}
