/**
 * Which JSON objects are OpenLineage events (spec 2-0-x): a RunEvent has `run` and `job`, a
 * DatasetEvent `dataset` and no run, a JobEvent `job` and no run. An object is claimed
 * when it has one of those and one of the fields every event has (eventTime, producer,
 * schemaURL, eventType), so that an event missing a required field still reaches this
 * module and is reported by event-check.ts rather than dismissed as "no format".
 */
import { isJsonObject, type JsonObject } from '../json-values.ts';

export type EventKind = 'run' | 'dataset' | 'job';

const EVENT_FIELDS = ['eventTime', 'producer', 'schemaURL', 'eventType'] as const;

export function matchesOpenLineage(value: JsonObject): boolean {
  if (!isJsonObject(value.run) && !isJsonObject(value.job) && !isJsonObject(value.dataset)) return false;
  if (typeof value.schemaURL === 'string' && /openlineage/i.test(value.schemaURL)) return true;
  return EVENT_FIELDS.some((f) => f in value);
}

/**
 * The kind of an event, as the spec's `oneOf` decides it: a run makes a RunEvent, else a
 * dataset a DatasetEvent, else a job a JobEvent.
 */
export function eventKind(value: JsonObject): EventKind | null {
  if ('run' in value) return 'run';
  if ('dataset' in value) return 'dataset';
  if ('job' in value) return 'job';
  return null;
}
