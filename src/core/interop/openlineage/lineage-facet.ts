/**
 * The lineage facet (facets/LineageFacet.json): lineage a producer states outright rather
 * than through a run's inputs and outputs. As a dataset facet it lists what feeds that
 * dataset; as a job facet, `entries` of targets (datasets or jobs) with what feeds each.
 *
 * Mapping (`from` is the dependent, as everywhere in the snapshot):
 * | target ← source | relation |
 * |---|---|
 * | dataset ← dataset | `wasDerivedFrom` target → source |
 * | dataset ← job | `wasInfluencedBy` target → job (role "lineage"); with the job's `runId` also `wasGeneratedBy` target → that run |
 * | job ← dataset | `wasInfluencedBy` job → dataset (role "lineage"); with the target's `runId` also `used` run → dataset |
 * | job ← job | `wasInfluencedBy` target job → source job (role "lineage"); with both `runId`s also `wasInformedBy` target run → source run |
 * | field ← dataset field | the target's `columnLineage` |
 * | field ← job | `wasInfluencedBy` target → job with the attribute `field` |
 * Jobs are plans (PROV entities), so job-to-job lineage cannot be `wasInformedBy` (which
 * links activities); runs can. A job without namespace and name is the event's own job.
 * Transformations are kept as the relation's `transformations` attribute.
 */
import type { AttributeValue, ColumnLineage, NodeKind, Relation } from '../../format/index.ts';
import type { ImportDraft } from '../import-draft.ts';
import { placeWithin, type SourcePlace } from '../import-report.ts';
import { openLineageDatasetId, openLineageJobId, openLineageRunId } from '../identity.ts';
import { transformationOf } from './column-lineage.ts';
import { isJsonObject, type JsonObject } from '../json-values.ts';
import { isNonEmptyString } from './place.ts';

export interface LineageSink {
  relation(r: Relation): void;
  reference(id: string, kind: NodeKind, name: string): void;
  columnLineage(datasetId: string, name: string, lineage: ColumnLineage[]): void;
}

interface Target {
  kind: 'dataset' | 'job';
  id: string;
  name: string;
  runId?: string;
}

/** A lineage facet of a dataset (`owner.kind` "dataset") or of a job. */
export function readLineageFacet(facet: JsonObject, owner: Target, draft: ImportDraft, place: SourcePlace, sink: LineageSink): void {
  if (owner.kind === 'dataset' || !('entries' in facet)) {
    if (owner.kind === 'job') {
      draft.issue('unmapped', place, 'a job\'s lineage facet needs "entries"; it is left out', 'openlineage');
      return;
    }
    readTarget(facet, owner, owner, draft, place, sink);
    return;
  }
  if (!Array.isArray(facet.entries)) {
    draft.issue('unmapped', placeWithin(place, 'entries'), 'must be a list; the lineage facet is left out', 'openlineage');
    return;
  }
  facet.entries.forEach((entry, i) => {
    const entryPlace = placeWithin(place, 'entries', i);
    const target = isJsonObject(entry) ? endpoint(entry, owner, draft, entryPlace) : null;
    if (!target || !isJsonObject(entry)) {
      if (!isJsonObject(entry)) draft.issue('unmapped', entryPlace, 'a lineage entry must be an object; it is left out', 'openlineage');
      return;
    }
    sink.reference(target.id, target.kind, target.name);
    readTarget(entry, target, owner, draft, entryPlace, sink);
  });
}

function readTarget(entry: JsonObject, target: Target, ownJob: Target, draft: ImportDraft, place: SourcePlace, sink: LineageSink): void {
  if (Array.isArray(entry.inputs)) {
    entry.inputs.forEach((input, i) => {
      const p = placeWithin(place, 'inputs', i);
      const source = isJsonObject(input) ? endpoint(input, ownJob, draft, p) : null;
      if (!source || !isJsonObject(input)) return;
      relate(target, source, transformationOf(input.transformations, undefined), undefined, sink);
    });
  } else if (entry.inputs !== undefined) {
    draft.issue('unmapped', placeWithin(place, 'inputs'), 'must be a list; left out', 'openlineage');
  }
  if (isJsonObject(entry.fields)) {
    if (target.kind !== 'dataset') {
      draft.issue('unmapped', placeWithin(place, 'fields'), 'field-level lineage is only read for a dataset target; left out', 'openlineage');
      return;
    }
    const lineage: ColumnLineage[] = [];
    for (const [field, fieldEntry] of Object.entries(entry.fields)) {
      const fp = placeWithin(place, 'fields', field);
      if (!isJsonObject(fieldEntry) || !Array.isArray(fieldEntry.inputs)) {
        draft.issue('unmapped', fp, 'needs a list "inputs"; left out', 'openlineage');
        continue;
      }
      const inputs: ColumnLineage['inputs'] = [];
      fieldEntry.inputs.forEach((input, i) => {
        const p = placeWithin(fp, 'inputs', i);
        const source = isJsonObject(input) ? endpoint(input, ownJob, draft, p) : null;
        if (!source || !isJsonObject(input)) return;
        const t = transformationOf(input.transformations, undefined);
        if (source.kind === 'dataset' && typeof input.field === 'string') {
          sink.reference(source.id, 'dataset', source.name);
          inputs.push({ dataset: source.id, field: input.field, ...(t ? { transformation: t } : {}) });
        } else {
          relate(target, source, t, field, sink);
        }
      });
      if (inputs.length > 0) lineage.push({ field, inputs });
    }
    if (lineage.length > 0) sink.columnLineage(target.id, target.name, lineage);
  }
}

function relate(target: Target, source: Target, transformation: string | undefined, field: string | undefined, sink: LineageSink): void {
  sink.reference(source.id, source.kind, source.name);
  const attributes: Record<string, AttributeValue> = {};
  if (transformation) attributes.transformations = transformation;
  if (field) attributes.field = field;
  const attrs = Object.keys(attributes).length > 0 ? { attributes } : {};
  if (target.kind === 'dataset' && source.kind === 'dataset') {
    sink.relation({ type: 'wasDerivedFrom', from: target.id, to: source.id, ...attrs });
    return;
  }
  sink.relation({ type: 'wasInfluencedBy', from: target.id, to: source.id, role: 'lineage', ...attrs });
  if (field) return;
  const targetRun = target.runId ? openLineageRunId(target.runId) : undefined;
  const sourceRun = source.runId ? openLineageRunId(source.runId) : undefined;
  if (target.kind === 'dataset' && sourceRun) {
    sink.reference(sourceRun, 'activity', `${source.name} run`);
    sink.relation({ type: 'wasGeneratedBy', from: target.id, to: sourceRun });
  } else if (source.kind === 'dataset' && targetRun) {
    sink.reference(targetRun, 'activity', `${target.name} run`);
    sink.relation({ type: 'used', from: targetRun, to: source.id });
  } else if (targetRun && sourceRun) {
    sink.reference(targetRun, 'activity', `${target.name} run`);
    sink.reference(sourceRun, 'activity', `${source.name} run`);
    sink.relation({ type: 'wasInformedBy', from: targetRun, to: sourceRun });
  }
}

/** A target or source: a dataset or job by namespace and name, or the event's own job. */
function endpoint(o: JsonObject, ownJob: Target, draft: ImportDraft, place: SourcePlace): Target | null {
  const runId = typeof o.runId === 'string' ? o.runId : undefined;
  if (o.type === 'JOB') {
    if (o.namespace === undefined && o.name === undefined) {
      if (ownJob.kind !== 'job') {
        draft.issue('unmapped', place, 'a job without namespace and name means the event\'s own job, and this event has none; left out', 'openlineage');
        return null;
      }
      return { ...ownJob, ...(runId ? { runId } : {}) };
    }
    if (!isNonEmptyString(o.namespace) || !isNonEmptyString(o.name)) {
      draft.issue('unmapped', place, 'a job needs both "namespace" and "name"; left out', 'openlineage');
      return null;
    }
    const id = draft.checkId(openLineageJobId(o.namespace, o.name), place, 'openlineage');
    return id ? { kind: 'job', id, name: o.name, ...(runId ? { runId } : {}) } : null;
  }
  if (o.type === 'DATASET') {
    if (!isNonEmptyString(o.namespace) || !isNonEmptyString(o.name)) {
      draft.issue('unmapped', place, 'a dataset needs "namespace" and "name"; left out', 'openlineage');
      return null;
    }
    const id = draft.checkId(openLineageDatasetId(o.namespace, o.name), place, 'openlineage');
    return id ? { kind: 'dataset', id, name: o.name } : null;
  }
  draft.issue('unmapped', placeWithin(place, 'type'), `must be "DATASET" or "JOB", found ${JSON.stringify(o.type) ?? 'nothing'}; left out`, 'openlineage');
  return null;
}
