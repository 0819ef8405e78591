/**
 * OpenLineage import benchmark (issue 8, "Scale"): a generated, seeded OpenLineage NDJSON log
 * of N events (default 1,000,000: 100k runs of 10k jobs, 10 events a run, runs interleaved
 * as a collector receives them), imported line by line through ImportSession.addLine as the
 * CLI does for large files. Prints events/s, peak memory (RSS and heap, sampled), node and
 * relation counts and the size of the graph as JSON.
 *
 * Then shows that memory does not grow with the number of events of one run: the same number
 * of runs with 10 and with 100 events each, heap measured after a forced GC at each sample
 * (the live heap, not garbage), printed side by side.
 *
 *   npx tsx bench/import-openlineage.ts [--events 1000000] [--seed 1]
 *
 * Logs are written (streamed, never held in memory) under .tmp/bench/ and reused. Each import
 * runs in its own Node process (`--expose-gc`, `--max-old-space-size=8192`). Aim reported
 * against, not asserted: ≥ 50k events/s.
 */
import { spawnSync } from 'node:child_process';
import { closeSync, createReadStream, existsSync, mkdirSync, openSync, readFileSync, renameSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { ImportSession } from '../src/core/interop/import-session.ts';
import { openLineageModule } from '../src/core/interop/openlineage/index.ts';
import { Prng } from '../src/testing/prng.ts';

const CHILD_FLAGS = ['--expose-gc', '--max-old-space-size=8192', '--import', 'tsx'];
const DIR = join('.tmp', 'bench');
const PRODUCER = 'https://example.org/bench/openlineage-emitter/1.0';
const SCHEMA = 'https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent';
const FACET = { _producer: PRODUCER, _schemaURL: 'https://openlineage.io/spec/facets/1-0-0/Facet.json' };
const T0 = Date.parse('2024-01-01T00:00:00Z');

interface LogSpec {
  runs: number;
  perRun: number;
  jobs: number;
  seed: number;
  /** Varied facets and states (the main log) or the same small events (the per-run comparison). */
  rich: boolean;
}

interface Figures {
  events: number;
  importSeconds: number;
  finishSeconds: number;
  peakRssMB: number;
  peakHeapMB: number;
  nodes: number;
  relations: number;
  outputMB: number;
  errors: number;
}

// ── generating ───────────────────────────────────────────────────────────────────────────

function uuid(p: Prng): string {
  const h = () => p.uint32().toString(16).padStart(8, '0');
  const a = h(), b = h(), c = h(), d = h();
  return `${a}-${b.slice(0, 4)}-4${b.slice(5, 8)}-8${c.slice(1, 4)}-${c.slice(4)}${d}`;
}

const iso = (ms: number) => new Date(ms).toISOString();

/** Inputs and output of a job: the same on every run of it (derived from the job number). */
function jobDatasets(job: number, jobs: number, seed: number): { inputs: string[]; output: string } {
  const p = new Prng(seed * 7919 + job);
  const inputs = [`raw.table_${job % Math.max(1, Math.floor(jobs / 2))}`];
  if (job > 0) inputs.push(`mart.out_${p.int(job)}`);
  return { inputs, output: `mart.out_${job}` };
}

function* runEvents(i: number, spec: LogSpec, p: Prng): Generator<object> {
  const job = i % spec.jobs;
  const runId = uuid(p);
  const { inputs, output } = jobDatasets(job, spec.jobs, spec.seed);
  const jobRef = { namespace: 'bench', name: `job_${job}` };
  const start = T0 + i * 60_000;
  const ds = (name: string) => ({ namespace: 'pg://warehouse', name });
  const base = (eventType: string, k: number) => ({ eventType, eventTime: iso(start + k * 5_000), producer: PRODUCER, schemaURL: SCHEMA });
  const startRun: Record<string, unknown> = { runId };
  if (spec.rich) {
    const runFacets: Record<string, unknown> = { nominalTime: { ...FACET, nominalStartTime: iso(start) } };
    if (i > spec.jobs && p.chance(0.1)) runFacets.parent = { ...FACET, run: { runId: '00000000-0000-4000-8000-' + String(i % 1000).padStart(12, '0') }, job: { namespace: 'bench', name: 'nightly_dag' } };
    startRun.facets = runFacets;
  }
  const jobFacets = spec.rich
    ? { sql: { ...FACET, query: `INSERT INTO ${output} SELECT * FROM ${inputs.join(' JOIN ')}` }, jobType: { ...FACET, processingType: 'BATCH', integration: 'AIRFLOW', jobType: 'TASK' } }
    : undefined;
  yield { ...base('START', 0), run: startRun, job: { ...jobRef, ...(jobFacets ? { facets: jobFacets } : {}) }, inputs: inputs.map(ds) };
  for (let k = 1; k < spec.perRun - 1; k++) {
    const type = spec.rich && p.chance(0.1) ? 'OTHER' : 'RUNNING';
    yield { ...base(type, k), run: { runId, facets: { progress: { ...FACET, step: k } } }, job: jobRef, inputs: inputs.map(ds) };
  }
  const r = spec.rich ? p.next() : 0;
  const end = r < 0.9 ? 'COMPLETE' : r < 0.97 ? 'FAIL' : 'ABORT';
  const out: Record<string, unknown> = ds(output);
  if (spec.rich) {
    const facets: Record<string, unknown> = { schema: { ...FACET, fields: [{ name: 'id', type: 'BIGINT' }, { name: 'value', type: 'DOUBLE' }] } };
    if (p.chance(0.05)) facets.columnLineage = { ...FACET, fields: { value: { inputFields: [{ ...ds(inputs[0]!), field: 'value', transformations: [{ type: 'DIRECT', subtype: 'IDENTITY' }] }] } } };
    out.facets = facets;
    out.outputFacets = { outputStatistics: { ...FACET, rowCount: p.int(1_000_000) } };
  }
  const endRun = end === 'FAIL' ? { runId, facets: { errorMessage: { ...FACET, message: 'task failed', programmingLanguage: 'python' } } } : { runId };
  yield { ...base(end, spec.perRun - 1), run: endRun, job: jobRef, outputs: end === 'COMPLETE' ? [out] : [] };
}

/** Writes the log in chunks; runs are interleaved through a window of 64 open runs. */
function generate(spec: LogSpec): { file: string; events: number } {
  mkdirSync(DIR, { recursive: true });
  const file = join(DIR, `openlineage-${spec.runs}x${spec.perRun}-j${spec.jobs}-s${spec.seed}${spec.rich ? '' : '-plain'}.ndjson`);
  const events = spec.runs * spec.perRun;
  if (existsSync(file)) return { file, events };
  const p = new Prng(spec.seed);
  const tmp = `${file}.part`;
  const fd = openSync(tmp, 'w');
  let chunk: string[] = [];
  let bytes = 0;
  const flush = () => {
    writeSync(fd, chunk.join(''));
    chunk = [];
    bytes = 0;
  };
  const open: Generator<object>[] = [];
  let next = 0;
  while (next < spec.runs || open.length > 0) {
    while (open.length < 64 && next < spec.runs) open.push(runEvents(next++, spec, p));
    const k = p.int(open.length);
    const step = open[k]!.next();
    if (step.done) {
      open[k] = open[open.length - 1]!;
      open.pop();
      continue;
    }
    const line = JSON.stringify(step.value) + '\n';
    chunk.push(line);
    bytes += line.length;
    if (bytes > 1 << 20) flush();
  }
  flush();
  closeSync(fd);
  renameSync(tmp, file);
  return { file, events };
}

// ── importing (in a child process) ───────────────────────────────────────────────────────

async function measure(file: string, forceGc: boolean): Promise<Figures> {
  const gc = (globalThis as { gc?: () => void }).gc;
  let peakRss = 0;
  let peakHeap = 0;
  const sample = () => {
    if (forceGc && gc) gc();
    const m = process.memoryUsage();
    peakRss = Math.max(peakRss, m.rss);
    peakHeap = Math.max(peakHeap, m.heapUsed);
  };
  const session = new ImportSession([openLineageModule]);
  const lines = createInterface({ input: createReadStream(file, { encoding: 'utf8', highWaterMark: 1 << 20 }), crlfDelay: Infinity });
  const t0 = performance.now();
  let n = 0;
  for await (const line of lines) {
    session.addLine(file, ++n, line);
    if (n % 20_000 === 0) sample();
  }
  const t1 = performance.now();
  sample();
  const result = session.finish();
  const t2 = performance.now();
  sample();
  const json = JSON.stringify({ format: 'raireki-snapshot', version: 2, nodes: result.nodes, relations: result.relations });
  sample();
  return {
    events: n,
    importSeconds: (t1 - t0) / 1000,
    finishSeconds: (t2 - t1) / 1000,
    peakRssMB: peakRss / 2 ** 20,
    peakHeapMB: peakHeap / 2 ** 20,
    nodes: result.nodes.length,
    relations: result.relations.length,
    outputMB: Buffer.byteLength(json) / 2 ** 20,
    errors: result.report.issues.filter((i) => i.severity === 'error').length + (result.report.issuesNotListed.error ?? 0),
  };
}

function inChild(file: string, forceGc: boolean): Figures {
  const out = join(DIR, `figures-${process.pid}.json`);
  const run = spawnSync(process.execPath, [...CHILD_FLAGS, 'bench/import-openlineage.ts', '--measure', file, '--out', out, ...(forceGc ? ['--gc'] : [])], { stdio: 'inherit' });
  if (run.status !== 0) {
    console.error(`importing ${file} failed (exit ${run.status ?? run.signal})`);
    process.exit(1);
  }
  return JSON.parse(readFileSync(out, 'utf8')) as Figures;
}

// ── main ─────────────────────────────────────────────────────────────────────────────────

function parseArgs(argv: string[]) {
  const args = { events: 1_000_000, seed: 1, measure: '', out: '', gc: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--events' && argv[i + 1]) args.events = Number(argv[++i]);
    else if (a === '--seed' && argv[i + 1]) args.seed = Number(argv[++i]);
    else if (a === '--measure' && argv[i + 1]) args.measure = argv[++i]!;
    else if (a === '--out' && argv[i + 1]) args.out = argv[++i]!;
    else if (a === '--gc') args.gc = true;
    else {
      console.error(`unknown argument ${JSON.stringify(a)}\nusage: npx tsx bench/import-openlineage.ts [--events 1000000] [--seed 1]`);
      process.exit(2);
    }
  }
  if (!Number.isInteger(args.events) || args.events < 1000 || !Number.isInteger(args.seed)) {
    console.error('--events takes a whole number of at least 1000; --seed an integer');
    process.exit(2);
  }
  return args;
}

const fmt = (n: number, digits = 0) => n.toLocaleString('en', { maximumFractionDigits: digits, minimumFractionDigits: digits });

const args = parseArgs(process.argv.slice(2));
if (args.measure) {
  writeFileSync(args.out, JSON.stringify(await measure(args.measure, args.gc)));
} else {
  const runs = Math.floor(args.events / 10);
  const jobs = Math.max(1, Math.floor(runs / 10));
  const main = generate({ runs, perRun: 10, jobs, seed: args.seed, rich: true });
  const f = inChild(main.file, false);
  console.log(`OpenLineage import: ${fmt(f.events)} events (${fmt(runs)} runs of ${fmt(jobs)} jobs), ${main.file}`);
  console.log(`  read and folded   ${fmt(f.importSeconds, 2)} s   ${fmt(f.events / f.importSeconds)} events/s   (aim ≥ 50,000)`);
  console.log(`  finish (write)    ${fmt(f.finishSeconds, 2)} s   overall ${fmt(f.events / (f.importSeconds + f.finishSeconds))} events/s`);
  console.log(`  peak memory       RSS ${fmt(f.peakRssMB)} MB, heap ${fmt(f.peakHeapMB)} MB (sampled every 20,000 lines)`);
  console.log(`  graph             ${fmt(f.nodes)} nodes, ${fmt(f.relations)} relations, ${fmt(f.outputMB, 1)} MB as JSON; ${f.errors} errors`);

  const sameRuns = Math.max(100, Math.floor(runs / 10));
  console.log(`\nMemory against events per run (${fmt(sameRuns)} runs each, live heap after GC):`);
  for (const perRun of [10, 100]) {
    const log = generate({ runs: sameRuns, perRun, jobs: Math.max(1, Math.floor(sameRuns / 10)), seed: args.seed, rich: false });
    const g = inChild(log.file, true);
    console.log(`  ${String(perRun).padStart(3)} events/run: ${fmt(g.events).padStart(10)} events   peak heap ${fmt(g.peakHeapMB, 1)} MB   RSS ${fmt(g.peakRssMB)} MB   ${fmt(g.nodes)} nodes, ${fmt(g.relations)} relations`);
  }
}
