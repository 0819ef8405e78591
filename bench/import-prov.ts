/**
 * PROV-JSON import benchmark (issue 8, "Scale"): a generated, seeded PROV-JSON document of N
 * relations (default 1,000,000) over N/5 entities, N/10 activities and N/1000 agents, in the
 * relation maps a workflow tool writes most (used, wasGeneratedBy, wasDerivedFrom,
 * wasAssociatedWith, wasInformedBy), most with a time and a role, a tenth with an attribute.
 * PROV-JSON is one JSON document, so it is read the way the CLI and the browser read any
 * document: the whole text, one JSON.parse, then the PROV reader (ImportSession.addFile).
 * Prints relations/s, the time of each phase, peak memory (RSS and heap, sampled), node and
 * relation counts and the size of the graph as JSON.
 *
 *   npx tsx bench/import-prov.ts [--relations 1000000] [--seed 1]
 *
 * The document is written (streamed, never held in memory) under .tmp/bench/ and reused. The
 * import runs in its own Node process (`--expose-gc`, `--max-old-space-size=8192`).
 */
import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, renameSync, statSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { ImportSession, MAX_DOCUMENT_BYTES } from '../src/core/interop/import-session.ts';
import { provJsonModule } from '../src/core/interop/prov-json/index.ts';
import { Prng } from '../src/testing/prng.ts';

const CHILD_FLAGS = ['--expose-gc', '--max-old-space-size=8192', '--import', 'tsx'];
const DIR = join('.tmp', 'bench');
const T0 = Date.parse('2024-01-01T00:00:00Z');

/** Share of each relation map, and its members (first argument an activity or entity). */
const MIX: [map: string, share: number, from: 'e' | 'a' | 'g', fromMember: string, to: 'e' | 'a' | 'g', toMember: string][] = [
  ['used', 0.4, 'a', 'prov:activity', 'e', 'prov:entity'],
  ['wasGeneratedBy', 0.3, 'e', 'prov:entity', 'a', 'prov:activity'],
  ['wasDerivedFrom', 0.15, 'e', 'prov:generatedEntity', 'e', 'prov:usedEntity'],
  ['wasAssociatedWith', 0.1, 'a', 'prov:activity', 'g', 'prov:agent'],
  ['wasInformedBy', 0.05, 'a', 'prov:informed', 'a', 'prov:informant'],
];
const ROLES = ['input', 'training data', 'base model', 'output', 'operator'];

interface Figures {
  relationsInFile: number;
  fileMB: number;
  readSeconds: number;
  importSeconds: number;
  finishSeconds: number;
  peakRssMB: number;
  peakHeapMB: number;
  nodes: number;
  relations: number;
  issues: number;
  outputMB: number;
}

function parseArgs(argv: string[]): { relations: number; seed: number } {
  let relations = 1_000_000;
  let seed = 1;
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--relations' && argv[i + 1]) relations = Number(argv[++i]);
    else if (argv[i] === '--seed' && argv[i + 1]) seed = Number(argv[++i]);
    else {
      console.error(`unknown argument ${JSON.stringify(argv[i])}\nusage: npx tsx bench/import-prov.ts [--relations 1000000] [--seed 1]`);
      process.exit(2);
    }
  }
  if (!Number.isInteger(relations) || relations < 1000 || !Number.isInteger(seed)) {
    console.error('--relations takes a whole number of at least 1000, --seed an integer');
    process.exit(2);
  }
  return { relations, seed };
}

/** Writes the document in pieces, buffering a few MB at a time. */
function generate(path: string, n: number, seed: number): void {
  const rng = new Prng(seed);
  const entities = Math.max(1, Math.floor(n / 5));
  const activities = Math.max(1, Math.floor(n / 10));
  const agents = Math.max(1, Math.floor(n / 1000));
  const tmp = `${path}.part`;
  const fd = openSync(tmp, 'w');
  let buf = '';
  const out = (s: string) => {
    buf += s;
    if (buf.length > 4_000_000) {
      writeSync(fd, buf);
      buf = '';
    }
  };
  const name = { e: (i: number) => `ex:data/e${i}`, a: (i: number) => `ex:run/a${i}`, g: (i: number) => `ex:agent/g${i}` };
  const count = { e: entities, a: activities, g: agents };
  out('{\n"prefix": {"ex": "http://example.org/lineage/"},\n');
  const elements = (map: string, k: 'e' | 'a' | 'g', body: (i: number) => string) => {
    out(`"${map}": {\n`);
    for (let i = 0; i < count[k]; i++) out(`${i ? ',\n' : ''}"${name[k](i)}": ${body(i)}`);
    out('\n},\n');
  };
  elements('entity', 'e', (i) => (i % 3 === 0 ? `{"prov:type": {"$": "raireki:dataset", "type": "prov:QUALIFIED_NAME"}, "prov:label": "Dataset ${i}"}` : `{"prov:label": "Entity ${i}", "ex:size": ${rng.int(1_000_000)}}`));
  elements('activity', 'a', (i) => {
    const start = T0 + i * 60_000;
    return `{"prov:startTime": "${new Date(start).toISOString()}", "prov:endTime": "${new Date(start + 30_000).toISOString()}"}`;
  });
  elements('agent', 'g', (i) => `{"prov:type": {"$": "prov:SoftwareAgent", "type": "prov:QUALIFIED_NAME"}, "prov:label": "Scheduler ${i}"}`);
  let written = 0;
  MIX.forEach(([map, share, from, fromMember, to, toMember], m) => {
    const k = m === MIX.length - 1 ? n - written : Math.round(n * share);
    out(`"${map}": {\n`);
    for (let i = 0; i < k; i++) {
      const parts = [`"${fromMember}": "${name[from](rng.int(count[from]))}"`, `"${toMember}": "${name[to](rng.int(count[to]))}"`];
      if (rng.next() < 0.8) parts.push(`"prov:time": "${new Date(T0 + rng.int(365 * 86_400) * 1000).toISOString()}"`);
      if (rng.next() < 0.5) parts.push(`"prov:role": "${ROLES[rng.int(ROLES.length)]}"`);
      if (rng.next() < 0.1) parts.push(`"ex:note": {"$": "${rng.int(100)}", "type": "xsd:int"}`);
      out(`${i ? ',\n' : ''}"ex:rel/${map}-${i}": {${parts.join(', ')}}`);
    }
    out(`\n}${m === MIX.length - 1 ? '' : ','}\n`);
    written += k;
  });
  out('}\n');
  writeSync(fd, buf);
  closeSync(fd);
  renameSync(tmp, path);
}

/** In the child: read, import, finish, measure. */
function measure(path: string, n: number): Figures {
  let peakRss = 0;
  let peakHeap = 0;
  const sample = () => {
    const m = process.memoryUsage();
    peakRss = Math.max(peakRss, m.rss);
    peakHeap = Math.max(peakHeap, m.heapUsed);
  };
  const timer = setInterval(sample, 50);
  (globalThis as { gc?: () => void }).gc?.();
  let t = performance.now();
  const text = readFileSync(path, 'utf8');
  const readSeconds = (performance.now() - t) / 1000;
  sample();
  t = performance.now();
  const session = new ImportSession([provJsonModule]);
  session.addFile('bench.json', text);
  const importSeconds = (performance.now() - t) / 1000;
  sample();
  t = performance.now();
  const result = session.finish();
  const finishSeconds = (performance.now() - t) / 1000;
  sample();
  const graph = JSON.stringify({ format: 'raireki-snapshot', version: 2, nodes: result.nodes, relations: result.relations });
  sample();
  clearInterval(timer);
  return {
    relationsInFile: n,
    fileMB: statSync(path).size / 1e6,
    readSeconds,
    importSeconds,
    finishSeconds,
    peakRssMB: peakRss / 1e6,
    peakHeapMB: peakHeap / 1e6,
    nodes: result.nodes.length,
    relations: result.relations.length,
    issues: result.report.issues.length + result.report.skipped.length,
    outputMB: Buffer.byteLength(graph) / 1e6,
  };
}

function main(): void {
  if (process.argv[2] === '--child') {
    console.log(JSON.stringify(measure(process.argv[3]!, Number(process.argv[4]))));
    return;
  }
  const { relations, seed } = parseArgs(process.argv.slice(2));
  mkdirSync(DIR, { recursive: true });
  const path = join(DIR, `prov-${relations}-${seed}.json`);
  if (!existsSync(path)) {
    const t = performance.now();
    generate(path, relations, seed);
    console.error(`generated ${path} (${(statSync(path).size / 1e6).toFixed(0)} MB) in ${((performance.now() - t) / 1000).toFixed(1)} s`);
  }
  if (statSync(path).size > MAX_DOCUMENT_BYTES) console.error(`note: ${path} is larger than the ${MAX_DOCUMENT_BYTES / 2 ** 20} MiB a document may be when read in one piece; the CLI would refuse it`);
  const child = spawnSync(process.execPath, [...CHILD_FLAGS, 'bench/import-prov.ts', '--child', path, String(relations)], { encoding: 'utf8', maxBuffer: 1 << 24 });
  if (child.status !== 0) {
    console.error(child.stderr);
    process.exit(1);
  }
  const f = JSON.parse(child.stdout.trim().split('\n').at(-1)!) as Figures;
  const total = f.readSeconds + f.importSeconds + f.finishSeconds;
  console.log(`| relations | file MB | read s | parse+read s | finish s | relations/s | peak RSS MB | peak heap MB | nodes | relations out | issues | graph MB |`);
  console.log(`|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|`);
  console.log(
    `| ${f.relationsInFile.toLocaleString('en')} | ${f.fileMB.toFixed(0)} | ${f.readSeconds.toFixed(2)} | ${f.importSeconds.toFixed(2)} | ${f.finishSeconds.toFixed(2)} | ${Math.round(f.relationsInFile / total).toLocaleString('en')} | ${f.peakRssMB.toFixed(0)} | ${f.peakHeapMB.toFixed(0)} | ${f.nodes.toLocaleString('en')} | ${f.relations.toLocaleString('en')} | ${f.issues} | ${f.outputMB.toFixed(0)} |`,
  );
}

main();
