/**
 * OpenLineage conformance: the real files in ../shared/data imported through the same code
 * as the app, with every figure counted again from the source JSON by code that shares
 * nothing with the importer (no identity helpers, no fold).
 *
 * - marquez-openlineage-examples (all JSON files but web_mock_db/, which is Marquez's web
 *   UI mock, not OpenLineage): each file imports with no error, and its events are all read;
 * - the Marquez seed metadata.template.json: the jobs and datasets equal those counted from
 *   the events (and the jobs equal the web mock's jobs.json, what Marquez's UI shows for
 *   the seed); each run is one activity, COMPLETED, reading and writing what its events say;
 * - apples/: each pick, filling, pie … run, and the bad pie's upstream reaching the crab apples;
 * - openlineage-spec/tests: the files that are events import; facet payload examples are
 *   not events, so they are counted as skipped, and each is also imported once wrapped in a
 *   minimal event to check that its facet is kept (attributes, column lineage, aliases or
 *   relations) and raises no error.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { Relation, SnapshotNode } from '../src/core/format/index.ts';
import { ImportSession, type ImportResult } from '../src/core/interop/import-session.ts';
import { formatIssue } from '../src/core/interop/import-report.ts';
import { openLineageModule } from '../src/core/interop/openlineage/index.ts';
import type { ConformanceCheck, ConformanceRow } from './types.ts';

type Obj = Record<string, unknown>;
const MARQUEZ = 'marquez-openlineage-examples';
const SPEC_TESTS = 'openlineage-spec/tests';

export const checkOpenLineage: ConformanceCheck = async (dataDir) => {
  const rows: ConformanceRow[] = [];
  rows.push(checkFolder(dataDir, MARQUEZ, (p) => !p.startsWith('web_mock_db/')));
  rows.push(checkSeed(dataDir));
  rows.push(checkApples(dataDir));
  rows.push(checkFolder(dataDir, SPEC_TESTS, () => true));
  rows.push(checkSpecFacets(dataDir));
  return rows;
};

// ── helpers ──────────────────────────────────────────────────────────────────────────────

function jsonFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...jsonFiles(p));
    else if (name.endsWith('.json') || name.endsWith('.ndjson')) out.push(p);
  }
  return out;
}

/** Events in a parsed file, counted independently: objects with an eventTime and a run, job or dataset. */
function eventsOf(value: unknown): Obj[] {
  const items = Array.isArray(value) ? value : [value];
  return items.filter((e): e is Obj => typeof e === 'object' && e !== null && 'eventTime' in e && ('run' in e || 'job' in e || 'dataset' in e));
}

function importFiles(files: { path: string; text: string }[]): ImportResult {
  const s = new ImportSession([openLineageModule]);
  for (const f of files) s.addFile(f.path, f.text);
  return s.finish();
}

function problems(r: ImportResult): string[] {
  return [...r.report.skipped, ...r.report.issues.filter((i) => i.severity === 'error')].map(formatIssue);
}

function unmappedCount(r: ImportResult): number {
  const listed = r.report.issues.filter((i) => i.severity !== 'note').length;
  return listed + (r.report.issuesNotListed.error ?? 0) + (r.report.issuesNotListed.unmapped ?? 0);
}

const key = (o: Obj) => `${String(o.namespace)}/${String(o.name)}`;

function sameSet(what: string, expected: Set<string>, found: Set<string>, failures: string[]): void {
  const missing = [...expected].filter((x) => !found.has(x));
  const extra = [...found].filter((x) => !expected.has(x));
  if (missing.length) failures.push(`${what}: missing ${missing.join(', ')}`);
  if (extra.length) failures.push(`${what}: not in the source ${extra.join(', ')}`);
}

/** Node id → "namespace/name", read back from the imported node (not from the identity rule). */
function datasetKeys(nodes: SnapshotNode[]): Set<string> {
  return new Set(nodes.filter((n) => n.kind === 'dataset' && !n.implicit).map((n) => `${String(n.attributes?.namespace)}/${n.name}`));
}
function jobKeys(nodes: SnapshotNode[]): Set<string> {
  return new Set(nodes.filter((n) => n.kind === 'job' && !n.implicit).map((n) => `${(n as { namespace?: string }).namespace}/${n.name}`));
}

// ── rows ─────────────────────────────────────────────────────────────────────────────────

/** Every file of a folder: event files import with no error and every event is read. */
function checkFolder(dataDir: string, set: string, include: (rel: string) => boolean): ConformanceRow {
  const root = join(dataDir, set);
  const failures: string[] = [];
  let files = 0;
  let records = 0;
  let unmapped = 0;
  let nonEvents = 0;
  const all: { path: string; text: string }[] = [];
  for (const path of jsonFiles(root)) {
    const rel = relative(root, path);
    if (!include(rel)) continue;
    const text = readFileSync(path, 'utf8');
    let expected: number;
    try {
      expected = eventsOf(JSON.parse(text)).length;
    } catch (err) {
      failures.push(`${rel}: not JSON (${err instanceof Error ? err.message : String(err)})`);
      continue;
    }
    if (expected === 0) {
      nonEvents++;
      continue;
    }
    files++;
    const r = importFiles([{ path: rel, text }]);
    const read = r.report.formats.openlineage?.records ?? 0;
    const leftOut = r.report.formats.openlineage?.made['events.left out'] ?? 0;
    records += read;
    unmapped += unmappedCount(r);
    if (read !== expected) failures.push(`${rel}: ${expected} events in the file, ${read} read`);
    if (leftOut > 0) failures.push(`${rel}: ${leftOut} events left out`);
    for (const p of problems(r)) failures.push(p);
    all.push({ path: rel, text });
  }
  // All files at once (runs folded across files) must import as cleanly as one by one.
  const together = importFiles(all);
  for (const p of problems(together)) failures.push(`all files together: ${p}`);
  return {
    set,
    files,
    records,
    unmapped,
    failures,
    checked: `every event file imports with no error and all its events are read${nonEvents ? `; ${nonEvents} files are not events (facet payload examples), skipped` : ''}`,
  };
}

function checkSeed(dataDir: string): ConformanceRow {
  const path = join(dataDir, MARQUEZ, 'metadata.template.json');
  const text = readFileSync(path, 'utf8');
  const events = eventsOf(JSON.parse(text));
  const r = importFiles([{ path: 'metadata.template.json', text }]);
  const failures = problems(r);

  const jobs = new Set(events.map((e) => key(e.job as Obj)));
  const datasets = new Set<string>();
  const runs = new Map<string, { job: string; inputs: Set<string>; outputs: Set<string>; types: Set<string> }>();
  for (const e of events) {
    const runId = (e.run as Obj).runId as string;
    let run = runs.get(runId);
    if (!run) runs.set(runId, (run = { job: key(e.job as Obj), inputs: new Set(), outputs: new Set(), types: new Set() }));
    run.types.add(String(e.eventType));
    for (const d of (e.inputs as Obj[] | undefined) ?? []) datasets.add(key(d)), run.inputs.add(key(d));
    for (const d of (e.outputs as Obj[] | undefined) ?? []) datasets.add(key(d)), run.outputs.add(key(d));
  }
  if (events.length !== 26) failures.push(`the seed has ${events.length} events, expected 26`);
  if (jobs.size !== 13 || datasets.size !== 13) failures.push(`the seed names ${jobs.size} jobs and ${datasets.size} datasets, expected 13 and 13`);
  sameSet('jobs', jobs, jobKeys(r.nodes), failures);
  sameSet('datasets', datasets, datasetKeys(r.nodes), failures);

  // What Marquez's UI mock shows for the seed: the same jobs; its datasets include the seed's.
  const mockJobs = JSON.parse(readFileSync(join(dataDir, MARQUEZ, 'web_mock_db/jobs.json'), 'utf8')) as Obj[];
  const mockDatasets = JSON.parse(readFileSync(join(dataDir, MARQUEZ, 'web_mock_db/datasets.json'), 'utf8')) as Obj[];
  sameSet('jobs against web_mock_db/jobs.json', new Set(mockJobs.map(key)), jobKeys(r.nodes), failures);
  const mockSet = new Set(mockDatasets.map(key));
  const notInMock = [...datasetKeys(r.nodes)].filter((d) => !mockSet.has(d));
  if (notInMock.length) failures.push(`datasets not in web_mock_db/datasets.json: ${notInMock.join(', ')}`);

  // Each run: one activity, COMPLETED, with the inputs and outputs of its events.
  const byId = new Map(r.nodes.map((n) => [n.id, n]));
  const nameOf = (id: string) => {
    const n = byId.get(id);
    return n?.kind === 'dataset' ? `${String(n.attributes?.namespace)}/${n.name}` : id;
  };
  const activities = r.nodes.filter((n) => n.kind === 'activity');
  if (activities.length !== runs.size) failures.push(`${runs.size} runs in the seed, ${activities.length} activities imported`);
  for (const [runId, run] of runs) {
    const node = activities.find((n) => n.attributes?.runId === runId);
    if (!node) {
      failures.push(`run ${runId}: no activity`);
      continue;
    }
    const expectedState = run.types.has('COMPLETE') ? 'COMPLETED' : 'RUNNING';
    if (node.attributes?.state !== expectedState) failures.push(`run ${runId}: state ${String(node.attributes?.state)}, expected ${expectedState}`);
    const used = new Set(r.relations.filter((x) => x.type === 'used' && x.from === node.id && x.role !== 'plan').map((x) => nameOf(x.to!)));
    const generated = new Set(r.relations.filter((x) => x.type === 'wasGeneratedBy' && x.to === node.id).map((x) => nameOf(x.from)));
    sameSet(`run ${runId} inputs`, run.inputs, used, failures);
    sameSet(`run ${runId} outputs`, run.outputs, generated, failures);
    const plan = r.relations.find((x) => x.type === 'used' && x.from === node.id && x.role === 'plan');
    if (!plan || !byId.get(plan.to!) || `${(byId.get(plan.to!) as { namespace?: string }).namespace}/${byId.get(plan.to!)!.name}` !== run.job) {
      failures.push(`run ${runId}: its job is not ${run.job}`);
    }
  }
  return {
    set: `${MARQUEZ}/metadata.template.json (Marquez seed)`,
    files: 1,
    records: r.report.formats.openlineage?.records ?? 0,
    unmapped: unmappedCount(r),
    failures,
    checked: `${jobs.size} jobs and ${datasets.size} datasets equal those counted from the events and Marquez's web mock; ${runs.size} runs, each COMPLETED with its inputs and outputs`,
  };
}

function checkApples(dataDir: string): ConformanceRow {
  const dir = join(dataDir, MARQUEZ, 'apples');
  const files = jsonFiles(dir).map((p) => ({ path: `apples/${relative(dir, p)}`, text: readFileSync(p, 'utf8') }));
  const events = files.flatMap((f) => eventsOf(JSON.parse(f.text)));
  const r = importFiles(files);
  const failures = problems(r);
  const jobs = new Set(events.map((e) => key(e.job as Obj)));
  const datasets = new Set(events.flatMap((e) => [...((e.inputs as Obj[]) ?? []), ...((e.outputs as Obj[]) ?? [])].map(key)));
  sameSet('jobs', jobs, jobKeys(r.nodes), failures);
  sameSet('datasets', datasets, datasetKeys(r.nodes), failures);
  const runs = new Set(events.map((e) => (e.run as Obj).runId as string));
  const activities = r.nodes.filter((n) => n.kind === 'activity');
  if (activities.length !== runs.size) failures.push(`${runs.size} runs, ${activities.length} activities`);

  // The story: last holiday's pie tasted off. Its upstream must reach the second picking
  // (crab apples from the backyard) and the extra sugar.
  const pie = r.nodes.find((n) => n.kind === 'dataset' && n.name === 'apple.pie');
  const upstream = pie ? upstreamOf(pie.id, r.relations) : new Set<string>();
  const names = new Set([...upstream].map((id) => r.nodes.find((n) => n.id === id)).filter((n) => n?.kind === 'dataset').map((n) => `${String(n!.attributes?.namespace)}/${n!.name}`));
  for (const want of ['backyard/crab.apples', 'laurents-orchard/red.delicious', 'cupboard/sugar', 'grandmas.kitchen/apple.filling']) {
    if (!names.has(want)) failures.push(`apple.pie's upstream does not reach ${want}`);
  }
  if (names.has('grandmas.kitchen/apple.cider')) failures.push('apple.pie\'s upstream reaches apple.cider, which it was not made from');
  return {
    set: `${MARQUEZ}/apples`,
    files: files.length,
    records: r.report.formats.openlineage?.records ?? 0,
    unmapped: unmappedCount(r),
    failures,
    checked: `${jobs.size} jobs, ${datasets.size} datasets, ${runs.size} runs; the pie's upstream reaches the crab apples and the extra sugar, not the cider`,
  };
}

/** Everything `from → to` reaches from a node (upstream), through any relation. */
function upstreamOf(start: string, relations: Relation[]): Set<string> {
  const out = new Map<string, string[]>();
  for (const r of relations) if (r.to) (out.get(r.from) ?? out.set(r.from, []).get(r.from)!).push(r.to);
  const seen = new Set<string>();
  const todo = [start];
  while (todo.length) {
    const id = todo.pop()!;
    for (const next of out.get(id) ?? []) if (!seen.has(next)) seen.add(next), todo.push(next);
  }
  return seen;
}

/**
 * Each facet payload example wrapped in a minimal event at the place its name says (…RunFacet
 * in run.facets, …JobFacet in job.facets, …DatasetFacet on an output, Input…/Output…
 * DatasetFacet in inputFacets/outputFacets); the facet must leave a trace in the graph.
 */
function checkSpecFacets(dataDir: string): ConformanceRow {
  const root = join(dataDir, SPEC_TESTS);
  const failures: string[] = [];
  let files = 0;
  let unmapped = 0;
  const runId = '00000000-0000-4000-8000-000000000001';
  for (const path of jsonFiles(root)) {
    const rel = relative(root, path);
    const folder = rel.split('/')[0]!;
    const payload = JSON.parse(readFileSync(path, 'utf8')) as Obj;
    if (eventsOf(payload).length > 0 || !rel.includes('/')) continue;
    files++;
    const facets = payload;
    const event: Obj = {
      eventType: 'COMPLETE',
      eventTime: '2024-01-01T00:00:00Z',
      producer: 'https://example.org/conformance',
      schemaURL: 'https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent',
      run: { runId },
      job: { namespace: 'conformance', name: 'job' },
      outputs: [{ namespace: 'conformance', name: 'out' }],
    };
    const isJobLineage = folder === 'LineageFacet' && Object.values(facets).some((f) => typeof f === 'object' && f !== null && 'entries' in f);
    if (folder.endsWith('RunFacet')) (event.run as Obj).facets = facets;
    else if (folder.endsWith('JobFacet') || isJobLineage) (event.job as Obj).facets = facets;
    else if (folder.startsWith('Input')) event.inputs = [{ namespace: 'conformance', name: 'in', inputFacets: facets }];
    else if (folder.startsWith('Output')) (event.outputs as Obj[])[0]!.outputFacets = facets;
    else (event.outputs as Obj[])[0]!.facets = facets;
    const r = importFiles([{ path: `${SPEC_TESTS}/${rel}`, text: JSON.stringify(event) }]);
    for (const p of problems(r)) failures.push(p);
    unmapped += unmappedCount(r);
    const graph = JSON.stringify(r);
    for (const name of Object.keys(facets)) {
      const kept = graph.includes(`"${name}.`) || graph.includes(`"facet:${name}"`) || traceOf(name, r);
      if (!kept) failures.push(`${rel}: the facet "${name}" left no trace in the graph`);
    }
  }
  return {
    set: `${SPEC_TESTS} (facet examples in an event)`,
    files,
    records: files,
    unmapped,
    failures,
    checked: 'each facet payload example, wrapped in a minimal event, imports with no error and is kept (attributes, column lineage, aliases or relations)',
  };
}

/** Facets mapped to structure rather than attributes. */
function traceOf(name: string, r: ImportResult): boolean {
  if (name === 'columnLineage') return r.nodes.some((n) => n.kind === 'dataset' && (n.columnLineage?.length ?? 0) > 0);
  if (name === 'symlinks') return r.nodes.some((n) => (n.aliases?.length ?? 0) > 0);
  if (name === 'lineage') return r.relations.some((x) => x.role === 'lineage' || x.type === 'wasDerivedFrom') || r.nodes.some((n) => n.kind === 'dataset' && (n.columnLineage?.length ?? 0) > 0);
  if (name === 'documentation') return r.nodes.some((n) => n.description !== undefined);
  if (name === 'version') return r.nodes.some((n) => n.version !== undefined);
  if (name === 'tags') return r.nodes.some((n) => (n.tags?.length ?? 0) > 0);
  return false;
}
