/**
 * Reads OpenLineage events one at a time into the fold state (state.ts); `finish` writes
 * the graph (write-graph.ts). Each event is checked first (event-check.ts): one that fails
 * is reported with the JSON path of the problem and left out, the others still import.
 */
import type { ImportDraft } from '../import-draft.ts';
import type { FormatReader } from '../format-module.ts';
import { placeWithin, type SourcePlace } from '../import-report.ts';
import { openLineageDatasetId, openLineageJobId, openLineageRunId } from '../identity.ts';
import { cleanJson, isUnsafeKey } from './clean-json.ts';
import { checkEvent, EVENT_KEYS, type EventType } from './event-check.ts';
import type { FacetMap } from './facet-attributes.ts';
import { isJsonObject, type JsonObject } from '../json-values.ts';
import { foldTransition, newRun, type IoState } from './run-fold.ts';
import type { DatasetState, FoldState, JobState } from './state.ts';
import { writeGraph } from './write-graph.ts';

export class OpenLineageReader implements FormatReader {
  private order = 0;
  private readonly state: FoldState = { runs: new Map(), jobs: new Map(), datasets: new Map(), producers: new Map() };

  constructor(private readonly draft: ImportDraft) {}

  readJson(event: JsonObject, place: SourcePlace): void {
    const draft = this.draft;
    const check = checkEvent(event);
    const fatal = check.problems.find((p) => p.fatal);
    if (fatal || !check.kind) {
      const p = fatal ?? { path: [], message: 'is not an OpenLineage event' };
      draft.issue('error', placeWithin(place, ...p.path), `${p.message}; the event is left out`, 'openlineage');
      draft.count('openlineage', 'events.left out');
      return;
    }
    for (const p of check.problems) draft.issue('note', placeWithin(place, ...p.path), p.message, 'openlineage');
    for (const key of Object.keys(event)) {
      if (EVENT_KEYS[check.kind].has(key)) continue;
      draft.issue('unmapped', placeWithin(place, key), `is not part of ${kindLabel(check.kind)}; left out`, 'openlineage');
    }
    const producer = this.producer(event.producer as string, place);
    const order = this.order++;
    if (check.kind === 'dataset') {
      draft.count('openlineage', 'events.DatasetEvent');
      const d = this.dataset(event.dataset as JsonObject, placeWithin(place, 'dataset'));
      if (d && producer) d.producers.add(producer);
      return;
    }
    const job = this.job(event.job as JsonObject, placeWithin(place, 'job'));
    if (!job) return;
    if (check.kind === 'job') {
      draft.count('openlineage', 'events.JobEvent');
      if (producer) job.producers.add(producer);
      this.datasets(event.inputs, 'inputs', place, (d) => job.inputs.add(d.id));
      this.datasets(event.outputs, 'outputs', place, (d) => job.outputs.add(d.id));
      return;
    }
    const type = event.eventType as EventType | undefined;
    draft.count('openlineage', `events.${type ?? '(no eventType)'}`);
    const runObj = event.run as JsonObject;
    const runId = runObj.runId as string;
    const id = openLineageRunId(runId);
    let run = this.state.runs.get(id);
    if (!run) this.state.runs.set(id, (run = newRun(runId, id, job.id, job.name, place)));
    else if (run.jobId !== job.id) {
      draft.issue('note', placeWithin(place, 'job'), `run ${runId} was first reported for job "${run.jobId}", now for "${job.id}"; the first is kept`, 'openlineage');
    }
    foldTransition(run, type, event.eventTime as string, check.timeIsIso, order);
    this.facets(run.facets, runObj.facets, placeWithin(place, 'run', 'facets'));
    if (producer) run.producers.add(producer);
    const r = run;
    this.datasets(event.inputs, 'inputs', place, (d, raw, p) => this.io(r.inputs, d, raw, raw.inputFacets, placeWithin(p, 'inputFacets')));
    this.datasets(event.outputs, 'outputs', place, (d, raw, p) => this.io(r.outputs, d, raw, raw.outputFacets, placeWithin(p, 'outputFacets')));
  }

  finish(): void {
    writeGraph(this.state, this.draft);
  }

  private datasets(list: unknown, side: 'inputs' | 'outputs', place: SourcePlace, each: (d: DatasetState, raw: JsonObject, place: SourcePlace) => void): void {
    if (!Array.isArray(list)) return;
    list.forEach((raw: JsonObject, i) => {
      const p = placeWithin(place, side, i);
      const d = this.dataset(raw, p);
      if (d) each(d, raw, p);
    });
  }

  private io(map: Map<string, IoState>, d: DatasetState, raw: JsonObject, ioFacets: unknown, place: SourcePlace): void {
    let io = map.get(d.id);
    if (!io) map.set(d.id, (io = { facets: new Map() }));
    this.facets(io.facets, ioFacets, place);
    const version = isJsonObject(raw.facets) && isJsonObject(raw.facets.version) ? raw.facets.version.datasetVersion : undefined;
    if (typeof version === 'string' || typeof version === 'number') io.version = this.draft.text(String(version), place, 'openlineage');
  }

  private dataset(raw: JsonObject, place: SourcePlace): DatasetState | null {
    const namespace = raw.namespace as string;
    const name = raw.name as string;
    const id = this.draft.checkId(openLineageDatasetId(namespace, name), place, 'openlineage');
    if (!id) return null;
    let d = this.state.datasets.get(id);
    if (!d) {
      d = { id, namespace: this.draft.text(namespace, place), name: this.draft.text(name, place), place, facets: new Map(), producers: new Set() };
      this.state.datasets.set(id, d);
    }
    this.facets(d.facets, raw.facets, placeWithin(place, 'facets'));
    return d;
  }

  private job(raw: JsonObject, place: SourcePlace): JobState | null {
    const namespace = raw.namespace as string;
    const name = raw.name as string;
    const id = this.draft.checkId(openLineageJobId(namespace, name), place, 'openlineage');
    if (!id) {
      this.draft.count('openlineage', 'events.left out');
      return null;
    }
    let job = this.state.jobs.get(id);
    if (!job) {
      job = { id, namespace, name, place, facets: new Map(), inputs: new Set(), outputs: new Set(), producers: new Set() };
      this.state.jobs.set(id, job);
    }
    this.facets(job.facets, raw.facets, placeWithin(place, 'facets'));
    return job;
  }

  /** Folds an event's facets into what is kept: the latest of each name; `_deleted` removes one. */
  private facets(into: FacetMap, facets: unknown, place: SourcePlace): void {
    if (!isJsonObject(facets)) return;
    for (const name of Object.keys(facets)) {
      const p = placeWithin(place, name);
      if (isUnsafeKey(name)) {
        this.draft.issue('unmapped', p, `a facet named ${JSON.stringify(name)} is not kept (it cannot be stored safely)`, 'openlineage');
        continue;
      }
      const raw = facets[name];
      if (!isJsonObject(raw)) {
        this.draft.issue('error', p, `a facet must be an object, found ${raw === null ? 'null' : Array.isArray(raw) ? 'a list' : typeof raw}; this facet is left out`, 'openlineage');
        continue;
      }
      if (raw._deleted === true) {
        into.delete(name);
        continue;
      }
      into.set(name, { value: cleanJson(raw, this.draft, p) as JsonObject, place: p });
    }
  }

  private producer(uri: string, place: SourcePlace): string | null {
    const known = this.state.producers.get(uri);
    if (known) return known;
    const id = this.draft.checkId(uri, placeWithin(place, 'producer'), 'openlineage');
    if (id) this.state.producers.set(uri, id);
    return id;
  }
}

function kindLabel(kind: 'run' | 'dataset' | 'job'): string {
  return kind === 'run' ? 'a RunEvent' : kind === 'dataset' ? 'a DatasetEvent' : 'a JobEvent';
}
