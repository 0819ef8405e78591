/**
 * Small invented OpenLineage events for the unit tests (never third-party files), and a
 * helper that imports them through the same session as the app.
 */
import type { JsonObject } from '../core/interop/json-values.ts';
import { ImportSession } from '../core/interop/import-session.ts';
import { openLineageModule } from '../core/interop/openlineage/index.ts';

export const PRODUCER = 'https://example.org/lineage-emitter/v1';
export const SCHEMA = 'https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent';
export const RUN_A = '11111111-1111-4111-8111-111111111111';
export const RUN_B = '22222222-2222-4222-8222-222222222222';
export const RUN_PARENT = '33333333-3333-4333-8333-333333333333';


export function runEvent(eventType: string | undefined, eventTime: string, extra: JsonObject = {}, runId = RUN_A): JsonObject {
  const { runFacets, jobFacets, job, ...rest } = extra as JsonObject & { runFacets?: JsonObject; jobFacets?: JsonObject; job?: JsonObject };
  return {
    ...(eventType ? { eventType } : {}),
    eventTime,
    run: { runId, ...(runFacets ? { facets: runFacets } : {}) },
    job: { namespace: 'ward-etl', name: 'discharge_summary', ...(job ?? {}), ...(jobFacets ? { facets: jobFacets } : {}) },
    producer: PRODUCER,
    schemaURL: SCHEMA,
    ...rest,
  };
}

export function facet(body: JsonObject): JsonObject {
  return { _producer: PRODUCER, _schemaURL: 'https://openlineage.io/spec/facets/1-0-0/X.json', ...body };
}

export function importEvents(events: unknown[], file = 'events.ndjson') {
  const s = new ImportSession([openLineageModule]);
  s.addFile(file, events.map((e) => JSON.stringify(e)).join('\n'));
  return s.finish();
}

export function importText(text: string, file = 'events.ndjson') {
  const s = new ImportSession([openLineageModule]);
  s.addFile(file, text);
  return s.finish();
}
