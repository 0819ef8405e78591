import { describe, expect, it } from 'vitest';
import { MAX_TEXT_LENGTH } from '../import-draft.ts';
import { ImportSession } from '../import-session.ts';
import { matchesOpenLineage } from './detect.ts';
import { checkEvent } from './event-check.ts';
import { openLineageModule } from './index.ts';
import { facet, importEvents, importText, RUN_A, RUN_B, runEvent } from '../../../testing/openlineage-events.ts';

const T = '2024-03-01T08:00:00Z';
const good = runEvent('COMPLETE', T, { outputs: [{ namespace: 'pg://ehr', name: 'summary' }] });
const goodB = runEvent('COMPLETE', T, { inputs: [{ namespace: 'pg://ehr', name: 'notes' }] }, RUN_B);
const activities = (r: ReturnType<typeof importText>) => r.nodes.filter((n) => n.kind === 'activity').map((n) => n.id);

describe('bad input', () => {
  it('a truncated NDJSON line is reported with its line, the other lines import', () => {
    const text = [JSON.stringify(good), JSON.stringify(goodB).slice(0, 60), JSON.stringify(runEvent('START', T, {}, RUN_B))].join('\n');
    const r = importText(text, 'log.ndjson');
    const issue = r.report.issues.find((i) => i.severity === 'error');
    expect(issue).toMatchObject({ file: 'log.ndjson', line: 2 });
    expect(issue!.message).toMatch(/ends early/);
    expect(activities(r)).toEqual([`ol-run:${RUN_A}`, `ol-run:${RUN_B}`]);
  });

  it('an event failing the schema is reported with its JSON path and left out; the rest imports', () => {
    const noRunId = runEvent('START', T, {}, 'not-a-uuid');
    const noJobName = runEvent('START', T, { job: { name: 42 } }, RUN_B);
    const badType = runEvent('FINISHED', T, {}, RUN_B);
    const noProducer = { ...runEvent('START', T, {}, RUN_B), producer: undefined };
    const badInput = runEvent('START', T, { inputs: [{ namespace: 'pg://ehr' }] }, RUN_B);
    const r = importText([good, noRunId, noJobName, badType, noProducer, badInput].map((e) => JSON.stringify(e)).join('\n'), 'log.ndjson');
    const errors = r.report.issues.filter((i) => i.severity === 'error').map((i) => [i.line, i.path, i.message]);
    expect(errors).toEqual([
      [2, 'run.runId', 'must be a UUID, found "not-a-uuid"; the event is left out'],
      [3, 'job.name', 'must be a non-empty string, found a number; the event is left out'],
      [4, 'eventType', 'must be one of START, RUNNING, COMPLETE, ABORT, FAIL, OTHER, found "FINISHED"; the event is left out'],
      [5, 'producer', 'is required (a URI naming what emitted the event); the event is left out'],
      [6, 'inputs[0].name', 'is required; the event is left out'],
    ]);
    expect(activities(r)).toEqual([`ol-run:${RUN_A}`]);
    expect(r.report.formats.openlineage!.made['events.left out']).toBe(5);
  });

  it('an event without schemaURL imports with a note (as Marquez accepts it)', () => {
    const { schemaURL: _, ...noSchema } = good;
    const r = importEvents([noSchema]);
    expect(activities(r)).toEqual([`ol-run:${RUN_A}`]);
    expect(r.report.issues).toContainEqual(expect.objectContaining({ severity: 'note', path: 'schemaURL' }));
  });

  it('a path inside a JSON array names the element', () => {
    const s = new ImportSession([openLineageModule]);
    s.addFile('events.json', JSON.stringify([good, runEvent('START', T, { job: { namespace: '' } }, RUN_B)], null, 2));
    const r = s.finish();
    expect(r.report.issues.find((i) => i.severity === 'error')).toMatchObject({ file: 'events.json', path: '[1].job.namespace' });
  });

  it('a facet that is not an object is left out with its path; the event still imports', () => {
    const r = importEvents([runEvent('COMPLETE', T, { runFacets: { nominalTime: 'yesterday', processing_engine: facet({ name: 'Spark', version: '3.5' }) } })]);
    expect(r.report.issues).toContainEqual(expect.objectContaining({ severity: 'error', path: 'run.facets.nominalTime' }));
    expect(r.nodes.find((n) => n.id === `ol-run:${RUN_A}`)!.attributes).toMatchObject({ 'processing_engine.name': 'Spark' });
  });

  it('__proto__ keys (a facet, a key in a facet, a key of the event) are refused and reported; nothing is polluted', () => {
    const text =
      '{"eventType":"COMPLETE","eventTime":"2024-03-01T08:00:00Z","producer":"https://example.org/p","schemaURL":"https://openlineage.io/spec/2-0-2/OpenLineage.json",' +
      `"run":{"runId":"${RUN_A}","facets":{"__proto__":{"polluted":true},"acme":{"__proto__":{"polluted":true},"ok":1}}},` +
      '"job":{"namespace":"ns","name":"j"},"__proto__":{"polluted":true}}';
    const r = importText(text, 'log.ndjson');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    const run = r.nodes.find((n) => n.id === `ol-run:${RUN_A}`)!;
    expect(run.attributes).toMatchObject({ 'acme.ok': 1 });
    expect(Object.keys(run.attributes!).some((k) => k.includes('proto'))).toBe(false);
    const unmapped = r.report.issues.filter((i) => i.severity === 'unmapped').map((i) => i.path);
    expect(unmapped).toEqual(expect.arrayContaining(['run.facets.__proto__', 'run.facets.acme.__proto__', '__proto__']));
  });

  it('a 50 MB string in a facet is cut with a note naming its place; the run imports', () => {
    const big = 'x'.repeat(50 * 1024 * 1024);
    const r = importEvents([runEvent('COMPLETE', T, { jobFacets: { sql: facet({ query: big }) } })]);
    const job = r.nodes.find((n) => n.id === 'ol-job:ward-etl/discharge_summary')!;
    expect((job.attributes!['sql.query'] as string).length).toBe(MAX_TEXT_LENGTH);
    expect(r.report.issues).toContainEqual(expect.objectContaining({ severity: 'note', path: 'job.facets.sql.query' }));
    expect(activities(r)).toEqual([`ol-run:${RUN_A}`]);
  });

  it('a file that is not OpenLineage imports nothing and says so; an OpenLineage file beside it still imports', () => {
    const s = new ImportSession([openLineageModule]);
    s.addFile('notes.txt', 'discharge notes, not lineage');
    s.addFile('other.json', JSON.stringify({ bomFormat: 'CycloneDX', components: [] }));
    s.addFile('log.ndjson', JSON.stringify(good));
    const r = s.finish();
    expect(r.report.skipped).toContainEqual(expect.objectContaining({ file: 'notes.txt' }));
    expect(r.report.issues).toContainEqual(expect.objectContaining({ file: 'other.json', severity: 'error' }));
    expect(activities(r)).toEqual([`ol-run:${RUN_A}`]);
  });

  it('a top-level key a RunEvent does not have is reported as not mapped', () => {
    const r = importEvents([{ ...good, dataset: { namespace: 'x', name: 'y' } }]);
    expect(r.report.issues).toContainEqual(expect.objectContaining({ severity: 'unmapped', path: 'dataset' }));
  });

  it('a key the kind of event does not have (eventType in a JobEvent) is reported, the job imports', () => {
    const r = importEvents([{ eventType: 'COMPLETE', eventTime: T, producer: 'https://example.org/p', schemaURL: 's', job: { namespace: 'ns', name: 'j' } }]);
    expect(r.report.issues).toContainEqual(expect.objectContaining({ severity: 'unmapped', path: 'eventType', message: 'is not part of a JobEvent; left out' }));
    expect(r.nodes.some((n) => n.id === 'ol-job:ns/j')).toBe(true);
  });

  it('lines fed one at a time (the CLI streaming a large file) fold the same way', () => {
    const s = new ImportSession([openLineageModule]);
    s.addLine('big.ndjson', 1, JSON.stringify(runEvent('START', T)));
    s.addLine('big.ndjson', 2, '{"eventType": "RUNN');
    s.addLine('big.ndjson', 3, JSON.stringify(runEvent('COMPLETE', '2024-03-01T09:00:00Z')));
    const r = s.finish();
    expect(r.nodes.find((n) => n.id === `ol-run:${RUN_A}`)).toMatchObject({ startedAt: T, endedAt: '2024-03-01T09:00:00Z' });
    expect(r.report.issues.find((i) => i.severity === 'error')).toMatchObject({ line: 2 });
  });
});

describe('recognising events', () => {
  it('claims RunEvents, DatasetEvents and JobEvents, and events missing a required field', () => {
    expect(matchesOpenLineage(good)).toBe(true);
    expect(matchesOpenLineage({ eventTime: T, dataset: { namespace: 'a', name: 'b' } })).toBe(true);
    expect(matchesOpenLineage({ producer: 'p', job: { namespace: 'a', name: 'b' } })).toBe(true);
    expect(matchesOpenLineage({ run: { runId: RUN_A }, job: {}, schemaURL: 'https://openlineage.io/spec/2-0-2/OpenLineage.json' })).toBe(true);
  });

  it('does not claim facet payloads, PROV documents or other JSON', () => {
    expect(matchesOpenLineage({ schema: facet({ fields: [] }) })).toBe(false);
    expect(matchesOpenLineage({ prefix: {}, entity: {}, activity: {} })).toBe(false);
    expect(matchesOpenLineage({ job: 'x', eventTime: T })).toBe(false);
  });

  it('tells the kind of event as the spec does', () => {
    expect(checkEvent(good).kind).toBe('run');
    expect(checkEvent({ eventTime: T, producer: 'p', schemaURL: 's', dataset: { namespace: 'a', name: 'b' } })).toMatchObject({ kind: 'dataset', problems: [] });
    expect(checkEvent({ eventTime: T, producer: 'p', schemaURL: 's', job: { namespace: 'a', name: 'b' } })).toMatchObject({ kind: 'job', problems: [] });
  });

  it('accepts times without zone or with microseconds, which Marquez accepts', () => {
    expect(checkEvent({ ...good, eventTime: '2020-12-28T19:51:01.641499' }).timeIsIso).toBe(true);
    expect(checkEvent({ ...good, eventTime: '2020-12-28T19:51:01.641499Z' }).timeIsIso).toBe(true);
    expect(checkEvent({ ...good, eventTime: 'tomorrow' }).timeIsIso).toBe(false);
  });
});
