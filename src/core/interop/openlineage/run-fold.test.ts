import { describe, expect, it } from 'vitest';
import { facet, importEvents, PRODUCER, RUN_A, RUN_B, RUN_PARENT, runEvent } from '../../../testing/openlineage-events.ts';

const RUN = `ol-run:${RUN_A}`;
const JOB = 'ol-job:ward-etl/discharge_summary';
const IN = { namespace: 'pg://ehr', name: 'public.admissions' };
const OUT = { namespace: 'pg://ehr', name: 'public.summaries' };

function node(result: ReturnType<typeof importEvents>, id: string) {
  return result.nodes.find((n) => n.id === id) as (Record<string, unknown> & { attributes?: Record<string, unknown> }) | undefined;
}

describe('folding the events of one run', () => {
  it('START then COMPLETE: one activity with start, end and state COMPLETED, using its job as plan', () => {
    const r = importEvents([
      runEvent('START', '2024-03-01T08:00:00Z', { inputs: [IN] }),
      runEvent('COMPLETE', '2024-03-01T08:05:00Z', { outputs: [OUT] }),
    ]);
    const run = node(r, RUN)!;
    expect(run.kind).toBe('activity');
    expect(run.startedAt).toBe('2024-03-01T08:00:00Z');
    expect(run.endedAt).toBe('2024-03-01T08:05:00Z');
    expect(run.attributes).toMatchObject({ state: 'COMPLETED', runId: RUN_A, events: 2 });
    expect(r.nodes.filter((n) => n.kind === 'activity')).toHaveLength(1);
    expect(node(r, JOB)).toMatchObject({ kind: 'job', name: 'discharge_summary', namespace: 'ward-etl' });
    expect(r.relations).toContainEqual({ type: 'used', from: RUN, to: JOB, role: 'plan' });
    expect(r.relations).toContainEqual({ type: 'used', from: RUN, to: 'ol:pg://ehr/public.admissions' });
    expect(r.relations).toContainEqual({ type: 'wasGeneratedBy', from: 'ol:pg://ehr/public.summaries', to: RUN, time: '2024-03-01T08:05:00Z' });
  });

  it('FAIL and ABORT end the run with states FAILED and ABORTED', () => {
    const r = importEvents([
      runEvent('START', '2024-03-01T08:00:00Z'),
      runEvent('FAIL', '2024-03-01T08:01:00Z', { runFacets: { errorMessage: facet({ message: 'disk full', programmingLanguage: 'python' }) } }),
      runEvent('START', '2024-03-01T09:00:00Z', {}, RUN_B),
      runEvent('ABORT', '2024-03-01T09:02:00Z', {}, RUN_B),
    ]);
    expect(node(r, RUN)).toMatchObject({ endedAt: '2024-03-01T08:01:00Z', attributes: { state: 'FAILED', 'errorMessage.message': 'disk full' } });
    expect(node(r, `ol-run:${RUN_B}`)).toMatchObject({ endedAt: '2024-03-01T09:02:00Z', attributes: { state: 'ABORTED' } });
  });

  it('RUNNING keeps the run running; OTHER adds facets and datasets but changes no state', () => {
    const r = importEvents([
      runEvent('START', '2024-03-01T08:00:00Z'),
      runEvent('RUNNING', '2024-03-01T08:01:00Z', { inputs: [IN] }),
      runEvent('OTHER', '2024-03-01T08:02:00Z', { outputs: [OUT], runFacets: { progress: facet({ percent: 40 }) } }),
    ]);
    const run = node(r, RUN)!;
    expect(run.attributes).toMatchObject({ state: 'RUNNING', 'progress.percent': 40, events: 3 });
    expect(run.endedAt).toBeUndefined();
    expect(r.relations.filter((x) => x.from === RUN || x.to === RUN).map((x) => x.type).sort()).toEqual(['used', 'used', 'wasAssociatedWith', 'wasGeneratedBy']);
  });

  it('a run seen only through OTHER events has no state', () => {
    const r = importEvents([runEvent('OTHER', '2024-03-01T08:02:00Z')]);
    expect(node(r, RUN)!.attributes!.state).toBeUndefined();
  });

  it('out-of-order delivery: COMPLETE before START still ends the run, START sets the start', () => {
    const r = importEvents([
      runEvent('COMPLETE', '2024-03-01T08:05:00Z'),
      runEvent('RUNNING', '2024-03-01T08:03:00Z'),
      runEvent('START', '2024-03-01T08:00:00Z'),
    ]);
    expect(node(r, RUN)).toMatchObject({ startedAt: '2024-03-01T08:00:00Z', endedAt: '2024-03-01T08:05:00Z', attributes: { state: 'COMPLETED' } });
  });

  it('of two terminal events the later by eventTime wins, whatever the arrival order', () => {
    const r = importEvents([
      runEvent('COMPLETE', '2024-03-01T08:09:00Z'),
      runEvent('FAIL', '2024-03-01T08:05:00Z'),
    ]);
    expect(node(r, RUN)).toMatchObject({ endedAt: '2024-03-01T08:09:00Z', attributes: { state: 'COMPLETED' } });
  });

  it('a placeholder eventTime is kept as an attribute with a note, never as startedAt', () => {
    const r = importEvents([runEvent('START', '{{RUN_START_TIME}}'), runEvent('COMPLETE', '{{RUN_END_TIME}}')]);
    const run = node(r, RUN)!;
    expect(run.startedAt).toBeUndefined();
    expect(run.endedAt).toBeUndefined();
    expect(run.attributes).toMatchObject({ state: 'COMPLETED', 'eventTime.START': '{{RUN_START_TIME}}', 'eventTime.COMPLETE': '{{RUN_END_TIME}}' });
    expect(r.report.issues.filter((i) => i.severity === 'note' && i.path === 'eventTime')).toHaveLength(2);
  });

  it('an event without eventType is folded like OTHER', () => {
    const r = importEvents([runEvent(undefined, '2024-03-01T08:00:00Z', { inputs: [IN] })]);
    expect(node(r, RUN)!.attributes!.state).toBeUndefined();
    expect(r.report.formats.openlineage!.made['events.(no eventType)']).toBe(1);
  });

  it('many events of one run make one node, their datasets unioned and facets the latest', () => {
    const events = [];
    for (let i = 0; i < 300; i++) {
      events.push(runEvent('RUNNING', `2024-03-01T08:${String(i % 60).padStart(2, '0')}:00Z`, {
        inputs: [{ namespace: 'pg://ehr', name: `t${i % 3}` }],
        runFacets: { progress: facet({ step: i }) },
      }));
    }
    const r = importEvents(events);
    expect(r.nodes.filter((n) => n.kind === 'activity')).toHaveLength(1);
    expect(node(r, RUN)!.attributes).toMatchObject({ events: 300, 'progress.step': 299 });
    expect(r.relations.filter((x) => x.type === 'used' && x.from === RUN && x.role !== 'plan')).toHaveLength(3);
  });

  it('a run reported for another job later keeps its first job, with a note', () => {
    const r = importEvents([runEvent('START', '2024-03-01T08:00:00Z'), runEvent('COMPLETE', '2024-03-01T08:01:00Z', { job: { name: 'other_job' } })]);
    expect(r.relations).toContainEqual({ type: 'used', from: RUN, to: JOB, role: 'plan' });
    expect(r.report.issues.some((i) => i.severity === 'note' && /first is kept/.test(i.message))).toBe(true);
  });

  it('the producer is a software agent associated with the run, the job as plan', () => {
    const r = importEvents([runEvent('COMPLETE', '2024-03-01T08:00:00Z')]);
    expect(node(r, PRODUCER)).toMatchObject({ kind: 'agent', subtype: 'software' });
    expect(r.relations).toContainEqual({ type: 'wasAssociatedWith', from: RUN, to: PRODUCER, args: { plan: JOB } });
  });

  it('the parent run facet: wasInformedBy the parent run, wasStartedBy with the parent as starter, the parent using its job', () => {
    const parentFacet = facet({ run: { runId: RUN_PARENT }, job: { namespace: 'scheduler', name: 'nightly_dag' } });
    const r = importEvents([runEvent('START', '2024-03-01T08:00:00Z', { runFacets: { parent: parentFacet } })]);
    const parent = `ol-run:${RUN_PARENT}`;
    expect(r.relations).toContainEqual({ type: 'wasInformedBy', from: RUN, to: parent, role: 'parent' });
    expect(r.relations).toContainEqual({ type: 'wasStartedBy', from: RUN, args: { starter: parent } });
    expect(r.relations).toContainEqual({ type: 'used', from: parent, to: 'ol-job:scheduler/nightly_dag', role: 'plan' });
    expect(node(r, parent)).toMatchObject({ kind: 'activity', implicit: true });
    expect(node(r, RUN)!.attributes).toMatchObject({ 'parent.run.runId': RUN_PARENT, 'parent.job.name': 'nightly_dag' });
  });

  it('a parent run described by its own events is one node, not implicit', () => {
    const parentFacet = facet({ run: { runId: RUN_PARENT }, job: { namespace: 'scheduler', name: 'nightly_dag' } });
    const r = importEvents([
      runEvent('START', '2024-03-01T08:00:00Z', { runFacets: { parent: parentFacet } }),
      runEvent('START', '2024-03-01T07:59:00Z', { job: { namespace: 'scheduler', name: 'nightly_dag' } }, RUN_PARENT),
    ]);
    const parent = node(r, `ol-run:${RUN_PARENT}`)!;
    expect(parent.implicit).toBeUndefined();
    expect(parent.startedAt).toBe('2024-03-01T07:59:00Z');
  });

  it('importing the same events twice gives the same bytes', () => {
    const events = [runEvent('START', '2024-03-01T08:00:00Z', { inputs: [IN] }), runEvent('COMPLETE', '2024-03-01T08:05:00Z', { outputs: [OUT] })];
    expect(JSON.stringify(importEvents(events))).toBe(JSON.stringify(importEvents(events)));
  });
});
