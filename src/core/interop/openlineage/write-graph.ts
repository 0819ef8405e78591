/**
 * The fold state → the draft's nodes and relations, once every event was read.
 *
 * | OpenLineage | snapshot |
 * |---|---|
 * | dataset (namespace + name) | `dataset` node `ol:<namespace>/<name>` |
 * | job (namespace + name) | `job` node `ol-job:<namespace>/<name>` |
 * | run (runId) | `activity` node `ol-run:<runId>`, `used` → its job (role "plan") |
 * | run input | `used` run → dataset (inputFacets and version as attributes) |
 * | run output | `wasGeneratedBy` dataset → run (outputFacets and version as attributes) |
 * | producer | `agent` (software) node, id = the producer URI; `wasAssociatedWith` run → agent (plan: the job) |
 * | parent run facet | `wasInformedBy` run → parent run, and `wasStartedBy` run (starter: parent run) |
 * | symlinks facet | the dataset's `aliases` (and one node for all of them) |
 * | JobEvent inputs / outputs | `wasInfluencedBy` job → dataset (role "input"), dataset → job (role "output") |
 * | DatasetEvent / JobEvent producer | `wasAttributedTo` dataset or job → agent |
 */
import type { AttributeValue, Relation } from '../../format/index.ts';
import type { ImportDraft } from '../import-draft.ts';
import { placeWithin, type SourcePlace } from '../import-report.ts';
import { openLineageDatasetId, openLineageJobId, openLineageRunId } from '../identity.ts';
import { readColumnLineage } from './column-lineage.ts';
import { facetsToNode, type NodeExtras } from './facet-attributes.ts';
import { readLineageFacet, type LineageSink } from './lineage-facet.ts';
import { isJsonObject } from '../json-values.ts';
import { isNonEmptyString } from './place.ts';
import { endedAt, runStateName, startedAt, type RunState } from './run-fold.ts';
import type { DatasetState, FoldState, JobState } from './state.ts';

type Attrs = Record<string, AttributeValue>;

export function writeGraph(state: FoldState, draft: ImportDraft): void {
  const sink: LineageSink = {
    relation: (r) => draft.relation(r),
    reference: (id, kind, name) => draft.reference(id, kind, name),
    columnLineage: (id, name, lineage) => draft.node({ id, kind: 'dataset', name, columnLineage: lineage }, 'openlineage'),
  };
  for (const d of state.datasets.values()) writeDataset(d, draft, sink);
  for (const j of state.jobs.values()) writeJob(j, draft, sink);
  for (const r of state.runs.values()) writeRun(r, draft, sink);
  for (const [uri, id] of state.producers) {
    draft.node({ id, kind: 'agent', subtype: 'software', name: uri, url: uri }, 'openlineage');
  }
  draft.count('openlineage', 'nodes.dataset', state.datasets.size);
  draft.count('openlineage', 'nodes.job', state.jobs.size);
  draft.count('openlineage', 'nodes.run', state.runs.size);
  draft.count('openlineage', 'nodes.producer', state.producers.size);
}

function origin(place: SourcePlace): string {
  return `openlineage:${place.file}`;
}

/** Node fields every kind may have, from the facets' extras. */
function common(extras: NodeExtras): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (extras.description) out.description = extras.description;
  if (extras.version) out.version = extras.version;
  if (extras.url) out.url = extras.url;
  if (extras.tags) out.tags = extras.tags;
  return out;
}

function writeDataset(d: DatasetState, draft: ImportDraft, sink: LineageSink): void {
  const attributes: Attrs = { namespace: d.namespace };
  const extras = facetsToNode(d.facets, draft, attributes);
  const fields: Record<string, unknown> = { id: d.id, kind: 'dataset', name: d.name, ...common(extras) };

  const cl = d.facets.get('columnLineage');
  if (cl) {
    const read = readColumnLineage(cl.value, draft, cl.place);
    if (read.lineage.length > 0) fields.columnLineage = read.lineage;
    if (read.datasetWide.length > 0) draft.setAttribute(attributes, 'columnLineage.dataset', read.datasetWide, cl.place, 'openlineage');
    for (const [id, name] of read.inputs) draft.reference(id, 'dataset', name);
  }

  const symlinks = d.facets.get('symlinks');
  if (symlinks && Array.isArray(symlinks.value.identifiers)) {
    const ids: string[] = [];
    symlinks.value.identifiers.forEach((ident, i) => {
      const p = placeWithin(symlinks.place, 'identifiers', i);
      if (!isJsonObject(ident) || !isNonEmptyString(ident.namespace) || !isNonEmptyString(ident.name)) {
        draft.issue('unmapped', p, 'a symlink needs "namespace" and "name"; left out', 'openlineage');
        return;
      }
      const id = draft.checkId(openLineageDatasetId(ident.namespace, ident.name), p, 'openlineage');
      if (id && id !== d.id) ids.push(id);
    });
    if (ids.length > 0) {
      // One dataset under several names: the symlinked ids merge into this node wherever
      // another event describes them, and are listed as its aliases.
      fields.aliases = ids;
      draft.aliases.same([d.id, ...ids]);
    }
  }

  fields.attributes = attributes;
  draft.node(fields as never, origin(d.place), d.place);

  const lineage = d.facets.get('lineage');
  if (lineage) readLineageFacet(lineage.value, { kind: 'dataset', id: d.id, name: d.name }, draft, lineage.place, sink);
  for (const p of d.producers) draft.relation({ type: 'wasAttributedTo', from: d.id, to: p });
}

function writeJob(j: JobState, draft: ImportDraft, sink: LineageSink): void {
  const attributes: Attrs = {};
  const extras = facetsToNode(j.facets, draft, attributes);
  const fields: Record<string, unknown> = { id: j.id, kind: 'job', name: j.name, namespace: j.namespace, ...common(extras) };
  if (extras.subtype) fields.subtype = extras.subtype;
  if (Object.keys(attributes).length > 0) fields.attributes = attributes;
  draft.node(fields as never, origin(j.place), j.place);

  const lineage = j.facets.get('lineage');
  if (lineage) readLineageFacet(lineage.value, { kind: 'job', id: j.id, name: j.name }, draft, lineage.place, sink);
  for (const d of j.inputs) draft.relation({ type: 'wasInfluencedBy', from: j.id, to: d, role: 'input' });
  for (const d of j.outputs) draft.relation({ type: 'wasInfluencedBy', from: d, to: j.id, role: 'output' });
  for (const p of j.producers) draft.relation({ type: 'wasAttributedTo', from: j.id, to: p });
}

function writeRun(r: RunState, draft: ImportDraft, sink: LineageSink): void {
  const attributes: Attrs = { runId: r.runId, events: r.events };
  const state = runStateName(r);
  if (state) attributes.state = state;
  if (r.rawTimes) for (const [k, v] of Object.entries(r.rawTimes)) draft.setAttribute(attributes, k, v, r.place, 'openlineage');
  const extras = facetsToNode(r.facets, draft, attributes);
  const start = startedAt(r);
  const end = endedAt(r);
  // Runs of one job are told apart by when they ran; the runId's end is the fallback (its start
  // is the same for runs close in time when ids are time-ordered UUIDv7s).
  const when = start ?? end;
  const name = `${r.jobName} · ${when ? when.replace('T', ' ').replace(/(:\d{2})(\.\d+)?(Z|[+-]\d{2}:\d{2})?$/, '$1$3') : r.runId.slice(-8)}`;
  const fields: Record<string, unknown> = { id: r.id, kind: 'activity', name, ...common(extras), attributes };
  if (start) fields.startedAt = start;
  if (end) fields.endedAt = end;
  draft.node(fields as never, origin(r.place), r.place);

  draft.relation({ type: 'used', from: r.id, to: r.jobId, role: 'plan' });
  for (const p of r.producers) draft.relation({ type: 'wasAssociatedWith', from: r.id, to: p, args: { plan: r.jobId } });
  for (const [d, io] of r.inputs) draft.relation(withIo({ type: 'used', from: r.id, to: d }, io, draft));
  for (const [d, io] of r.outputs) draft.relation(withIo({ type: 'wasGeneratedBy', from: d, to: r.id, ...(end ? { time: end } : {}) }, io, draft));

  const parent = r.facets.get('parent');
  if (parent) writeParent(r, parent.value, parent.place, draft, sink);
}

function withIo(rel: Relation, io: { facets: RunState['facets']; version?: string }, draft: ImportDraft): Relation {
  const attributes: Attrs = {};
  if (io.version !== undefined) attributes.datasetVersion = io.version;
  facetsToNode(io.facets, draft, attributes);
  return Object.keys(attributes).length > 0 ? { ...rel, attributes } : rel;
}

/**
 * The parent run facet: the run was started from within another run (an Airflow DAG run
 * starting a task, a Spark application starting a job). Written as `wasInformedBy` run →
 * parent run (so the parent shows upstream of the child) and `wasStartedBy` whose starter is
 * the parent run (PROV's own statement of "started by", its trigger left unknown). The
 * parent run `used` its job, as every run does.
 */
function writeParent(r: RunState, facet: Record<string, unknown>, place: SourcePlace, draft: ImportDraft, sink: LineageSink): void {
  const run = facet.run;
  const job = facet.job;
  if (!isJsonObject(run) || !isNonEmptyString(run.runId)) {
    draft.issue('unmapped', placeWithin(place, 'run', 'runId'), 'the parent facet names no parent runId; no relation is made', 'openlineage');
    return;
  }
  const parentRun = draft.checkId(openLineageRunId(run.runId), placeWithin(place, 'run', 'runId'), 'openlineage');
  if (!parentRun || parentRun === r.id) return;
  let parentJob: string | null = null;
  let jobName = 'parent';
  if (isJsonObject(job) && isNonEmptyString(job.namespace) && isNonEmptyString(job.name)) {
    parentJob = draft.checkId(openLineageJobId(job.namespace, job.name), placeWithin(place, 'job'), 'openlineage');
    jobName = job.name;
  }
  sink.reference(parentRun, 'activity', `${jobName} ${run.runId.slice(0, 8)}`);
  draft.relation({ type: 'wasInformedBy', from: r.id, to: parentRun, role: 'parent' });
  draft.relation({ type: 'wasStartedBy', from: r.id, args: { starter: parentRun } });
  if (parentJob) {
    sink.reference(parentJob, 'job', jobName);
    draft.relation({ type: 'used', from: parentRun, to: parentJob, role: 'plan' });
  }
}

