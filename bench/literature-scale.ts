/**
 * Literature search at hospital scale: a partitioned index (docs/literature-scale.md) of a
 * generated corpus (bench/lib/literature-bench-corpus.ts: the sample literature's sentences
 * recombined; 100,000 documents by default, --docs 1000000 for the issue's million), built
 * by the indexer's CLI in shards with the default model trained on the corpus, then:
 *
 *   - build time (wall) and peak memory (largest process, /usr/bin/time), stage by stage;
 *   - the shards' speed-up: the embedding of --speedup-docs documents in 2 shards run one
 *     at a time and two at a time (child processes);
 *   - recall@10 of the IVF lists at the chosen nprobe against the exact scan (tie-aware, as
 *     the indexer measures it, and by document id), over the benchmark page's queries and
 *     200 sentences of the corpus, embedded by the pack's model (Node);
 *   - bytes before the first query (manifest, term dictionary, centroids; the model apart)
 *     and bytes fetched per cold hybrid query (Node, the same code as the browser);
 *   - in Chromium (literature-bench.html, the app's search code): hybrid search p50/p95
 *     warm (after the first pass) and cold (none of the query's parts fetched yet);
 *   - with --real <BEIR folder> (e.g. .tmp/eval/medmcqa-covidfact from `npm run bench:sets`,
 *     built from ../shared/data): the same recall and bytes on that corpus and its queries.
 *
 *   npm run bench:literature-scale -- [--docs 100000] [--seed 1] [--runs 2] [--rounds 3]
 *                                    [--speedup-docs 20000] [--real <dir>] [--no-browser]
 *                                    [--list-rows n]   (rows per vector list of the generated corpus's index)
 *                                    [--list-codes int4] (its lists as 4-bit codes, re-ranked on int8 rows)
 *                                    [--server node|nginx|both]
 *
 * --server: what serves the page to Chromium. node (the default): `npm start`'s own static
 * server (scripts/serve.ts). nginx: Debian's nginx as deploy/nginx/raireki.conf serves the
 * app (TLS 1.2/1.3, HTTP/2, gzip of the same types, the isolation headers), on loopback.
 * both: each, one after the other, on the same index.
 *
 * Everything it writes is under .tmp/bench/scale/ (reused when present: delete to rebuild)
 * and bench/out/literature-scale.json. Figures only, no asserts.
 */
import { spawnSync } from 'node:child_process';
import { appendFileSync, existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { chromium } from '@playwright/test';
import { nodeFolderIo, nodeRuntimeOptions, readCorpusFile } from '../cli/lib/literature-node-io.ts';
import { passageText } from '../cli/lib/literature-pack-build.ts';
import { runShards } from '../cli/lib/literature-shards.ts';
import { SHIPPED_CONFIG, startNginx } from '../cli/lib/pack-nginx-harness.ts';
import { startServer } from '../scripts/serve.ts';
import { CHROMIUM_ARGS, ensureChromium } from '../scripts/system-programs.ts';
import { LITERATURE_MANIFEST, MODEL_DIR, readLiteratureManifest, type LiteratureManifest } from '../src/core/search/literature-pack.ts';
import { listFile, openPartitionedLiterature, PARTITION_FILES, rowsFile, type PartitionedLiterature, type SearchPhases } from '../src/core/search/literature-partitioned.ts';
import { PART_ENTRY_BYTES, PART_FOLDERS, partTableFile, partTableOf, type PartFolder } from '../src/core/search/part-tables.ts';
import { splitSentences } from '../src/core/search/literature-sentences.ts';
import { searchInt8 } from '../src/core/search/vector-scan.ts';
import type { Int8Matrix } from '../src/core/search/vector-quantize.ts';
import type { LiteratureBenchFigures } from '../src/diagnostics/literature-bench-page.ts';
import { QUERIES } from '../src/diagnostics/literature-bench-queries.ts';
import { createEmbedder, sha256Hex } from '../src/embed/index.ts';
import { createWasmArenaScorer } from '../src/embed/vector-scan-wasm.ts';
import { Prng } from '../src/testing/prng.ts';
import { generateCorpus } from './lib/literature-bench-corpus.ts';
import { quantile } from './lib/stats.ts';
import { benchOptions } from './lib/bench-args.ts';

const { opt, has, corpus } = benchOptions();
const { docs, seed, runs, rounds } = corpus({ runs: 2, rounds: 3 });
const speedupDocs = Number(opt('speedup-docs', '20000'));
const real = has('real') ? opt('real', '') : '';
const browser = !has('no-browser');
const listRows = has('list-rows') ? ['--list-rows', opt('list-rows', '')] : [];
const listCodes = has('list-codes') ? ['--list-codes', opt('list-codes', '')] : [];
const serverOpt = opt('server', 'node');
if (!['node', 'nginx', 'both'].includes(serverOpt)) throw new Error(`--server must be node, nginx or both, not ${serverOpt}`);
const servers = (serverOpt === 'both' ? ['node', 'nginx'] : [serverOpt]) as ('node' | 'nginx')[];
const ROOT = '.tmp/bench/scale';
/** The issue's aims. */
const AIM = { warmP95Ms: 50, coldP95Ms: 300, recall: 0.95, coldBytes: 2e6, openBytes: 5e6 };
const PAGE = 'literature-bench.html';
const CLI = 'cli/pack-literature.ts';

mkdirSync(ROOT, { recursive: true });
const s1 = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const mb = (b: number) => `${(b / 1e6).toFixed(2)} MB`;
const p = (xs: readonly number[]) => {
  const sorted = [...xs].sort((a, b) => a - b);
  return { p50: quantile(sorted, 0.5), p95: quantile(sorted, 0.95), max: sorted.at(-1) ?? NaN };
};

/** Node with tsx, as `npx tsx` runs it: the loader flags this process was started with. */
const nodeArgs = (...rest: string[]) => [...process.execArgv, ...rest];

interface BuildFigures {
  wallMs: number;
  peakRssMb: number;
  log: string;
}

/** Builds the index with the CLI, in shards, under /usr/bin/time for the peak memory; reused when present. */
function buildIndex(corpus: string, out: string, extra: string[]): BuildFigures {
  const figuresFile = `${out}.build.json`;
  if (existsSync(join(out, LITERATURE_MANIFEST)) && existsSync(figuresFile)) return JSON.parse(readFileSync(figuresFile, 'utf8')) as BuildFigures;
  rmSync(out, { recursive: true, force: true });
  const t0 = performance.now();
  const r = spawnSync('/usr/bin/time', ['-v', process.execPath, ...nodeArgs(CLI, corpus, out, '--partitioned', ...extra)], { encoding: 'utf8', stdio: ['ignore', 'inherit', 'pipe'], maxBuffer: 1 << 28 });
  const wallMs = performance.now() - t0;
  if (r.status !== 0) throw new Error(`the build failed:\n${r.stderr.slice(-3000)}`);
  const rss = /Maximum resident set size \(kbytes\): (\d+)/.exec(r.stderr);
  const log = r.stderr.split('\n').filter((l) => /^(indexed|fusion|shard)/.test(l)).join('\n');
  const figures: BuildFigures = { wallMs, peakRssMb: rss ? Number(rss[1]) / 1024 : NaN, log };
  writeFileSync(figuresFile, JSON.stringify(figures, null, 2) + '\n');
  return figures;
}

function writeCorpus(path: string, n: number): void {
  if (existsSync(path)) return;
  // In chunks: a million records are more text than one string may hold.
  const docs = generateCorpus({ docs: n, seed });
  writeFileSync(`${path}.partial`, '');
  for (let i = 0; i < docs.length; i += 10_000) {
    const chunk = docs.slice(i, i + 10_000).map((d) => JSON.stringify({ id: d.id, title: d.title, abstract: d.text, source: d.source, year: d.year }) + '\n');
    appendFileSync(`${path}.partial`, chunk.join(''));
  }
  renameSync(`${path}.partial`, path);
}

function dirBytes(dir: string): number {
  let n = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) n += e.isDirectory() ? dirBytes(join(dir, e.name)) : statSync(join(dir, e.name)).size;
  return n;
}

/** The index folder as the reader sees it; `reads` records each file read, in order. */
const fileIo = (dir: string, reads: string[] = []) => {
  const io = nodeFolderIo(dir);
  return { read: (name: string) => (reads.push(name), io.read(name)), sha256: sha256Hex, decodeUtf8: (b: Uint8Array) => new TextDecoder().decode(b) };
};

function fileCount(dir: string): number {
  let n = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) n += e.isDirectory() ? fileCount(join(dir, e.name)) : 1;
  return n;
}

/** Part-table entries per page, if tables were fetched in pages instead of whole at open. */
const TABLE_PAGE_ENTRIES = 128;

/** Rows in all the index's list files together (each spilled row counted in both its lists). */
function listRowsOf(dir: string, m: LiteratureManifest): number {
  let rows = 0;
  const rowBytes = m.partitioned!.ivf.codes === 'int4' ? 8 + m.dims / 2 : 8 + m.dims;
  for (let l = 0; l < m.partitioned!.ivf.lists; l++) rows += statSync(join(dir, listFile(l))).size / rowBytes;
  return rows;
}

/** Every row of the index's lists, back in document order: the exact scan's matrix. */
function wholeMatrix(dir: string, m: LiteratureManifest): Int8Matrix {
  const { docCount, dims } = m;
  const codes = new Int8Array(docCount * dims);
  const scales = new Float32Array(docCount);
  const int4 = m.partitioned!.ivf.codes === 'int4';
  for (let l = 0; l < m.partitioned!.ivf.lists; l++) {
    const b = readFileSync(join(dir, listFile(l)));
    const n = b.byteLength / (int4 ? 8 + dims / 2 : 8 + dims);
    const buf = b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength);
    const ids = new Int32Array(buf, 0, n);
    // 4-bit lists keep their int8 rows in rows/ (scales, then codes).
    const r = int4 ? readFileSync(join(dir, rowsFile(l))) : null;
    const rbuf = r ? r.buffer.slice(r.byteOffset, r.byteOffset + r.byteLength) : buf;
    const sc = new Float32Array(rbuf, int4 ? 0 : n * 4, n);
    const cd = new Int8Array(rbuf, int4 ? n * 4 : n * 8, n * dims);
    ids.forEach((id, i) => {
      scales[id] = sc[i]!;
      codes.set(cd.subarray(i * dims, (i + 1) * dims), id * dims);
    });
  }
  return { rows: docCount, dims, codes, scales };
}

interface NodeFigures {
  docs: number;
  lists: number;
  /** Each row also in SOAR's second list ('soar'), or in its own only ('none'). */
  spill: string;
  /** Rows a list file holds, on average (about twice the rows a list is built for when spilled). */
  rowsPerList: number;
  nprobe: number;
  buildRecall: number;
  queries: number;
  recallTies: number;
  recallIds: number;
  recallByNprobe: Record<number, number>;
  keyword: { recall: number; postingsRead: number; everyTierPostings: number; rounds: ReturnType<typeof p> };
  openBytes: number;
  modelBytes: number;
  indexBytes: number;
  /** Files in the folder, and of them listed in the manifest (the rest are parts, in tables). */
  files: number;
  listed: number;
  manifestBytes: number;
  /** Bytes of the part tables (read on open), by table. */
  tableBytes: Record<string, number>;
  /** Bytes a cold query would read of part tables fetched in pages of TABLE_PAGE_ENTRIES entries instead. */
  pagedTableBytes: ReturnType<typeof p>;
  cold: { bytes: ReturnType<typeof p>; files: ReturnType<typeof p>; ms: ReturnType<typeof p>; byPart: Record<string, ReturnType<typeof p>>; filesByPart: Record<string, ReturnType<typeof p>> };
  warmMs: ReturnType<typeof p>;
}

/** Recall, bytes and Node latencies of a partitioned index over these query texts. */
async function measureNode(dir: string, queryTexts: readonly string[]): Promise<NodeFigures> {
  const manifest = await readLiteratureManifest(fileIo(dir));
  const layout = manifest.partitioned!;
  const embedder = await createEmbedder(nodeFolderIo(join(dir, MODEL_DIR)), nodeRuntimeOptions());
  const vectors = await embedder.embed(queryTexts, 'query');
  await embedder.release();
  const matrix = wholeMatrix(dir, manifest);
  const reads: string[] = [];
  // Scanned as the app scans them: the lists in one WebAssembly arena (the worker's choice).
  const index: PartitionedLiterature = await openPartitionedLiterature(fileIo(dir, reads), manifest, createWasmArenaScorer() ?? undefined);
  const nprobes = [...new Set([1, 2, 4, 8, 16, 32, 64, layout.ivf.nprobe].filter((n) => n <= layout.ivf.lists))].sort((a, b) => a - b);
  const ties = new Map<number, number>(nprobes.map((n) => [n, 0]));
  let ids = 0;
  for (const v of vectors) {
    const exact = searchInt8(matrix, v, 10);
    const kth = exact.at(-1)!.score;
    for (const n of nprobes) {
      const approx = await index.vectorHits(v, 10, [], { nprobe: n });
      ties.set(n, ties.get(n)! + approx.filter((h) => h.score >= kth).length / exact.length);
      if (n === layout.ivf.nprobe) ids += approx.filter((h) => exact.some((e) => e.doc === h.doc)).length / exact.length;
    }
  }
  // Keyword recall@10 of the tiered reading against reading every tier (the whole index's ranking), tie-aware.
  const everyTier = await openPartitionedLiterature(fileIo(dir), manifest);
  everyTier.tierSlack = null;
  let keywordFound = 0;
  let keywordOf = 0;
  for (const q of queryTexts) {
    everyTier.forgetParts();
    index.forgetParts();
    const exact = await everyTier.keywordHits(q, 1000, {}, []);
    if (exact.length === 0) continue;
    const kth = exact[Math.min(10, exact.length) - 1]!.score;
    const score = new Map(exact.map((h) => [h.doc, h.score]));
    keywordFound += (await index.keywordHits(q, 10, {}, [])).filter((h) => (score.get(h.doc) ?? 0) >= kth).length;
    keywordOf += Math.min(10, exact.length);
  }
  everyTier.forgetParts();
  const wholeReads = { ...everyTier.tierReads };
  const tables = (Object.keys(PART_FOLDERS) as PartFolder[]).map(partTableFile).filter((t) => manifest.files[t]);
  const openBytes = [LITERATURE_MANIFEST, ...Object.values(PARTITION_FILES), ...tables].reduce((n, f) => n + statSync(join(dir, f)).size, 0);
  const pagedTableBytes: number[] = [];
  // Cold: a fresh index per query (dictionary and centroids already read, as after opening).
  const coldBytes: number[] = [];
  const coldFiles: number[] = [];
  const coldMs: number[] = [];
  const warmMs: number[] = [];
  const byPart: Record<string, number[]> = { postings: [], vectors: [], docs: [] };
  /** Files a cold query reads from each folder of parts (postings/ blocks, lists/, docs/ blocks). */
  const filesByPart: Record<string, number[]> = { postings: [], lists: [], rows: [], docs: [] };
  const rounds: number[] = [];
  const tiered = { ...index.tierReads };
  for (const [i, q] of queryTexts.entries()) {
    index.forgetParts();
    const before = { ...index.fetched, byPart: { ...index.fetched.byPart } };
    const roundsBefore = index.tierReads.rounds;
    const readsBefore = reads.length;
    let t0 = performance.now();
    await index.search(q, vectors[i]!, { k: 10 });
    coldMs.push(performance.now() - t0);
    // The table pages this query's parts fall in: what paged tables would add to it.
    const pages = new Set(reads.slice(readsBefore).map(partTableOf).filter((x) => x !== null).map((x) => `${x.table}:${Math.floor(x.index / TABLE_PAGE_ENTRIES)}`));
    pagedTableBytes.push(pages.size * TABLE_PAGE_ENTRIES * PART_ENTRY_BYTES);
    coldBytes.push(index.fetched.bytes - before.bytes);
    coldFiles.push(index.fetched.files - before.files);
    for (const k of Object.keys(byPart)) byPart[k]!.push(index.fetched.byPart[k as keyof typeof before.byPart] - before.byPart[k as keyof typeof before.byPart]);
    const partsRead = reads.slice(readsBefore).map(partTableOf);
    for (const k of Object.keys(filesByPart)) filesByPart[k]!.push(partsRead.filter((x) => x?.folder === k).length);
    rounds.push(index.tierReads.rounds - roundsBefore);
    t0 = performance.now();
    await index.search(q, vectors[i]!, { k: 10 });
    warmMs.push(performance.now() - t0);
  }
  return {
    docs: manifest.docCount,
    lists: layout.ivf.lists,
    spill: layout.ivf.spill ?? 'none',
    rowsPerList: listRowsOf(dir, manifest) / layout.ivf.lists,
    nprobe: layout.ivf.nprobe,
    buildRecall: layout.ivf.recall,
    queries: queryTexts.length,
    recallTies: ties.get(layout.ivf.nprobe)! / vectors.length,
    recallIds: ids / vectors.length,
    recallByNprobe: Object.fromEntries([...ties].map(([n, r]) => [n, r / vectors.length])),
    keyword: {
      recall: keywordOf ? keywordFound / keywordOf : NaN,
      // Of the postings the queries' terms have, the share the tiered reading read (the first pass of keywordHits above).
      postingsRead: tiered.of ? tiered.postings / tiered.of : NaN,
      everyTierPostings: wholeReads.postings,
      rounds: p(rounds),
    },
    openBytes,
    modelBytes: dirBytes(join(dir, MODEL_DIR)),
    indexBytes: dirBytes(dir),
    files: fileCount(dir),
    listed: Object.keys(manifest.files).length,
    manifestBytes: statSync(join(dir, LITERATURE_MANIFEST)).size,
    tableBytes: Object.fromEntries(tables.map((t) => [t, statSync(join(dir, t)).size])),
    pagedTableBytes: p(pagedTableBytes),
    cold: { bytes: p(coldBytes), files: p(coldFiles), ms: p(coldMs), byPart: Object.fromEntries(Object.entries(byPart).map(([k, xs]) => [k, p(xs)])), filesByPart: Object.fromEntries(Object.entries(filesByPart).map(([k, xs]) => [k, p(xs)])) },
    warmMs: p(warmMs),
  };
}

/** Sentences of the corpus as extra queries (seeded), beside the benchmark page's. */
async function corpusSentences(corpusPath: string, n: number): Promise<string[]> {
  const parsed = (await readCorpusFile(corpusPath)).docs;
  const prng = new Prng(seed + 1);
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    const d = parsed[prng.int(parsed.length)]!;
    const sentences = splitSentences(d.text);
    out.push(sentences.length ? prng.pick(sentences).text : passageText(d));
  }
  return out;
}

/**
 * The benchmark page and an index served by nginx with the shipped configuration's transport
 * (deploy/nginx/raireki.conf: TLS, HTTP/2, gzip of the same types, the isolation headers),
 * without its authentication and role folders, which the page does not need.
 */
function nginxBlock(index: string): string {
  const shipped = readFileSync(SHIPPED_CONFIG, 'utf8');
  const line = (directive: string) => {
    const found = shipped.split('\n').find((l) => l.trim().startsWith(directive));
    if (!found) throw new Error(`deploy/nginx/raireki.conf has no ${directive} line: update the benchmark`);
    return found.trim();
  };
  return [
    'server {',
    '  listen 127.0.0.1:{{PORT}};',
    '  listen 127.0.0.1:{{TLS_PORT}} ssl http2;',
    '  ssl_certificate {{CERT}};',
    '  ssl_certificate_key {{KEY}};',
    `  ${line('ssl_protocols')}`,
    `  ${line('gzip on')}`,
    `  ${line('gzip_types')}`,
    `  ${line('gzip_min_length')}`,
    '  types { text/html html; text/css css; text/javascript js mjs; application/json json map; application/wasm wasm; application/x-raireki-core bin; application/x-onnx onnx; }',
    ...['Cross-Origin-Opener-Policy', 'Cross-Origin-Embedder-Policy', 'Cross-Origin-Resource-Policy'].map((h) => `  ${line(`add_header ${h}`)}`),
    `  location /raireki/bench-scale/ { alias ${resolve(index)}/; }`,
    '  location /raireki/ { alias {{WWW}}/; }',
    '}',
  ].join('\n');
}

/** The index in Chromium through the benchmark page: warm and cold hybrid figures, pooled over page loads. */
async function measureBrowser(dir: string, serverKind: 'node' | 'nginx'): Promise<{ openMs: number; warm: ReturnType<typeof p>; keywordWarm: ReturnType<typeof p>; cold: ReturnType<typeof p>; coldBytes: ReturnType<typeof p>; coldWireBytes: ReturnType<typeof p>; coldRequests: ReturnType<typeof p>; coldFiles: ReturnType<typeof p>; coldPhases: ReturnType<typeof coldPhases>; coldKeyword: ReturnType<typeof p>; modelLoadMs: number }> {
  if (!existsSync(`dist/${PAGE}`)) throw new Error(`dist/${PAGE} is missing: run npx vite build first`);
  const mount = 'bench-scale';
  let origin: string;
  let close: () => Promise<void>;
  if (serverKind === 'nginx') {
    const site = await startNginx({ dir: join(ROOT, 'nginx'), wwwRoot: 'dist', packsRoot: ROOT, users: [], serverBlock: nginxBlock(dir) });
    origin = site.tls!.url;
    close = () => site.stop();
  } else {
    const server = await startServer({ dir: 'dist', base: '/raireki/', port: 0, host: '127.0.0.1', mounts: [{ prefix: mount, dir }] });
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    close = async () => void server.close();
  }
  const b = await chromium.launch({ executablePath: ensureChromium(), args: CHROMIUM_ARGS });
  const figures: LiteratureBenchFigures[] = [];
  try {
    for (let i = 0; i < runs; i++) {
      // The harness's certificate is its own, made for 127.0.0.1.
      const context = await b.newContext({ ignoreHTTPSErrors: serverKind === 'nginx' });
      const page = await context.newPage();
      await page.goto(`${origin}/raireki/${PAGE}?pack=${mount}/&rounds=${rounds}&cold=1`);
      await page.locator('[data-testid="status"][data-result]').waitFor({ timeout: 1_200_000 });
      const status = page.getByTestId('status');
      if ((await status.getAttribute('data-result')) !== 'ok') throw new Error(`${dir}: ${await status.textContent()}`);
      figures.push(await page.evaluate(() => (performance.getEntriesByName('raireki:literature-bench')[0] as PerformanceMark).detail as LiteratureBenchFigures));
      await context.close();
    }
  } finally {
    await b.close();
    await close();
  }
  return {
    openMs: p(figures.map((f) => f.openMs)).p50,
    modelLoadMs: p(figures.map((f) => f.modelLoadMs)).p50,
    warm: p(figures.flatMap((f) => f.hybrid.raw.searchMs)),
    keywordWarm: p(figures.flatMap((f) => f.keyword.raw.searchMs)),
    cold: p(figures.flatMap((f) => f.cold!.raw.searchMs)),
    coldBytes: p(figures.flatMap((f) => f.cold!.raw.bytes)),
    coldWireBytes: p(figures.flatMap((f) => f.cold!.raw.wireBytes ?? [])),
    coldRequests: p(figures.flatMap((f) => f.cold!.raw.requests ?? [])),
    coldFiles: p(figures.flatMap((f) => f.cold!.raw.files)),
    coldPhases: coldPhases(figures.flatMap((f) => f.cold!.raw.phases ?? [])),
    coldKeyword: p(figures.flatMap((f) => f.coldKeyword?.raw.searchMs ?? [])),
  };
}

/** Each phase of the cold searches (ms from the search's start), p50 / p95: where a cold query's time goes. */
function coldPhases(phases: readonly SearchPhases[]): Record<keyof SearchPhases, ReturnType<typeof p>> | null {
  if (!phases.length) return null;
  const keys: (keyof SearchPhases)[] = ['keywordMs', 'listsFetchedMs', 'vectorMs', 'docsMs'];
  return Object.fromEntries(keys.map((k) => [k, p(phases.map((x) => x[k]))])) as Record<keyof SearchPhases, ReturnType<typeof p>>;
}

/** Embedding `n` documents in 2 shards, one at a time, then two at a time: the speed-up of parallel shards. */
async function shardSpeedup(corpusPath: string, modelDir: string, n: number): Promise<{ docs: number; serialMs: number; parallelMs: number }> {
  const sub = join(ROOT, `speedup-${n}.jsonl`);
  const all = readFileSync(corpusPath);
  let end = 0;
  for (let i = 0; i < n && end >= 0; i++) end = all.indexOf(0x0a, end) + 1;
  writeFileSync(sub, all.subarray(0, end > 0 ? end : all.length));
  const parsed = (await readCorpusFile(sub)).docs;
  const modelFiles = new Map<string, Uint8Array>();
  const io = nodeFolderIo(modelDir);
  const m = JSON.parse(new TextDecoder().decode(await io.read('raireki-model.json'))) as { files: Record<string, unknown> };
  modelFiles.set('raireki-model.json', await io.read('raireki-model.json'));
  for (const f of Object.keys(m.files)) modelFiles.set(f, await io.read(f));
  const time = async (parallel: number) => {
    const work = join(ROOT, `speedup-work-${parallel}`);
    rmSync(work, { recursive: true, force: true });
    const t0 = performance.now();
    await runShards(work, 2, parsed, modelFiles, parallel, (s) => nodeArgs(CLI, sub, '--shard', `${s.index}/${s.count}`, '--work', work, '--model', modelDir), () => {});
    const ms = performance.now() - t0;
    rmSync(work, { recursive: true, force: true });
    return ms;
  };
  return { docs: n, serialMs: await time(1), parallelMs: await time(2) };
}

// ---- the generated corpus ----
const corpusPath = join(ROOT, `corpus-${docs}-seed${seed}.jsonl`);
writeCorpus(corpusPath, docs);
const outDir = join(ROOT, `literature-${docs}-seed${seed}${listRows.length ? `-rows${listRows[1]}` : ''}${listCodes.length ? `-${listCodes[1]}` : ''}`);
console.log(`generated corpus: ${docs} documents (${corpusPath}); building ${outDir} in 2 shards, 2 at a time, default model …`);
// The shards' work (model and vectors) is shared by builds that differ only in their lists.
const workDir = `${join(ROOT, `literature-${docs}-seed${seed}`)}.shards`;
const build = buildIndex(corpusPath, outDir, ['--shards', '2', '--parallel', '2', '--work', workDir, ...listRows, ...listCodes]);
console.log(`build: ${s1(build.wallMs)} wall, peak memory ${build.peakRssMb.toFixed(0)} MB (largest process)\n${build.log}`);
const queryTexts = [...QUERIES.map((q) => q.text), ...(await corpusSentences(corpusPath, 200))];
const gen = await measureNode(outDir, queryTexts);
const speedup = speedupDocs > 0 ? await shardSpeedup(corpusPath, join(workDir, 'model'), Math.min(speedupDocs, docs)) : null;
const chromiumByServer = new Map<string, Awaited<ReturnType<typeof measureBrowser>>>();
if (browser) for (const kind of servers) chromiumByServer.set(kind, await measureBrowser(outDir, kind));
const chromiumFigures = chromiumByServer.get(servers[0]!) ?? null;

// ---- a real corpus (../shared/data, built by npm run bench:sets) ----
let realFigures: (NodeFigures & { build: BuildFigures }) | null = null;
// The real corpus in Chromium too: the aims hold for it as for the generated one (its page's
// 14 queries are the benchmark page's, medical questions in both languages).
const realChromiumByServer = new Map<string, Awaited<ReturnType<typeof measureBrowser>>>();
if (real) {
  const corpus = join(real, 'corpus.jsonl');
  const queries = readFileSync(join(real, 'queries.jsonl'), 'utf8').split('\n').filter((l) => l.trim()).map((l) => (JSON.parse(l) as { text: string }).text);
  const out = join(ROOT, `real-${real.replace(/[^a-z0-9]+/gi, '-')}${listCodes.length ? `-${listCodes[1]}` : ''}`);
  // A few thousand documents: lists of 64 so that probing is a choice, as at scale.
  const realBuild = buildIndex(corpus, out, ['--list-rows', '64', ...listCodes]);
  realFigures = { ...(await measureNode(out, queries.slice(0, 500))), build: realBuild };
  if (browser) for (const kind of servers) realChromiumByServer.set(kind, await measureBrowser(out, kind));
}
const realChromium = realChromiumByServer.get(servers[0]!) ?? null;

const line = (label: string, f: NodeFigures) =>
  `${label}: ${f.docs} docs, ${f.files} files (${mb(f.indexBytes)} with the model), ${f.lists} lists of ${f.rowsPerList.toFixed(0)} rows (spill: ${f.spill}), nprobe ${f.nprobe} (build-time recall ${f.buildRecall})\n` +
  `  manifest ${mb(f.manifestBytes)} listing ${f.listed} files; part tables ${Object.entries(f.tableBytes).map(([t, b]) => `${t} ${(b / 1e3).toFixed(1)} kB`).join(', ') || 'none'} ` +
  `(paged in ${TABLE_PAGE_ENTRIES}-entry pages instead, a cold query would read p50 ${(f.pagedTableBytes.p50 / 1e3).toFixed(1)} / p95 ${(f.pagedTableBytes.p95 / 1e3).toFixed(1)} kB of them)\n` +
  `  recall@10 vs exact at nprobe ${f.nprobe} over ${f.queries} queries: ${f.recallTies.toFixed(3)} tie-aware, ${f.recallIds.toFixed(3)} by document id ` +
  `(${(f.recallTies / AIM.recall).toFixed(2)}× of the ${AIM.recall} aim); by nprobe: ${Object.entries(f.recallByNprobe).map(([n, r]) => `${n}: ${r.toFixed(3)}`).join(', ')}\n` +
  `  keyword recall@10 of the tiered postings vs reading every tier: ${f.keyword.recall.toFixed(3)} tie-aware; postings read ${(100 * f.keyword.postingsRead).toFixed(1)} % of the query terms' (${(1 / f.keyword.postingsRead).toFixed(1)}× fewer); rounds per cold query p50 ${f.keyword.rounds.p50} / p95 ${f.keyword.rounds.p95}\n` +
  `  bytes before the first query: ${mb(f.openBytes)} (${(f.openBytes / AIM.openBytes).toFixed(2)}× of 5 MB) + the model ${mb(f.modelBytes)} for search by meaning\n` +
  `  bytes per cold hybrid query: p50 ${mb(f.cold.bytes.p50)}, p95 ${mb(f.cold.bytes.p95)} (${(f.cold.bytes.p95 / AIM.coldBytes).toFixed(2)}× of 2 MB), max ${mb(f.cold.bytes.max)}; files p50 ${f.cold.files.p50}, p95 ${f.cold.files.p95}\n` +
  `    of which (p50 / p95): ${Object.entries(f.cold.byPart).map(([k, b]) => `${k} ${mb(b.p50)} / ${mb(b.p95)}`).join(', ')}; files ${Object.entries(f.cold.filesByPart).map(([k, n]) => `${k}/ ${n.p50} / ${n.p95}`).join(', ')}\n` +
  `  Node search (files on local disk): cold p50 ${f.cold.ms.p50.toFixed(1)} ms / p95 ${f.cold.ms.p95.toFixed(1)} ms; warm p50 ${f.warmMs.p50.toFixed(1)} ms / p95 ${f.warmMs.p95.toFixed(1)} ms`;
console.log('\n' + line(`generated ${docs}`, gen));
if (speedup) console.log(`  shards' speed-up (embedding ${speedup.docs} documents in 2 shards): one at a time ${s1(speedup.serialMs)}, two at a time ${s1(speedup.parallelMs)} = ${(speedup.serialMs / speedup.parallelMs).toFixed(2)}×`);
const ph = (x: ReturnType<typeof p>) => `${x.p50.toFixed(1)} / ${x.p95.toFixed(1)}`;
const chromiumLine = (c: NonNullable<typeof chromiumFigures>, kind: string) =>
  `  Chromium, served by ${kind === 'nginx' ? 'nginx (TLS, HTTP/2)' : 'scripts/serve.ts'} (${runs} page loads × ${rounds} rounds × ${QUERIES.length} queries): open ${c.openMs.toFixed(0)} ms, model load ${c.modelLoadMs.toFixed(0)} ms; ` +
  `hybrid search warm p50 ${c.warm.p50.toFixed(1)} / p95 ${c.warm.p95.toFixed(1)} ms (${(c.warm.p95 / AIM.warmP95Ms).toFixed(2)}× of 50 ms), ` +
  `cold p50 ${c.cold.p50.toFixed(1)} / p95 ${c.cold.p95.toFixed(1)} ms (${(c.cold.p95 / AIM.coldP95Ms).toFixed(2)}× of 300 ms), cold bytes p95 ${mb(c.coldBytes.p95)} (over the wire p50 ${mb(c.coldWireBytes.p50)} / p95 ${mb(c.coldWireBytes.p95)}), parts p50 / p95 ${c.coldFiles.p50} / ${c.coldFiles.p95} in requests ${c.coldRequests.p50} / ${c.coldRequests.p95}; keyword-only warm p95 ${c.keywordWarm.p95.toFixed(1)} ms` +
  (c.coldPhases
    ? `\n    cold keyword-only search p50 / p95 ${ph(c.coldKeyword)} ms; cold hybrid search by phase, ms from its start to each phase's end, p50 / p95: keyword ranker ${ph(c.coldPhases.keywordMs)}, lists fetched ${ph(c.coldPhases.listsFetchedMs)}, vector ranker ${ph(c.coldPhases.vectorMs)}, documents read (the whole search) ${ph(c.coldPhases.docsMs)}`
    : '');
for (const [kind, c] of chromiumByServer) console.log(chromiumLine(c, kind));
if (realFigures) {
  console.log(line(`real (${real})`, realFigures) + `\n  build ${s1(realFigures.build.wallMs)}, peak ${realFigures.build.peakRssMb.toFixed(0)} MB`);
  for (const [kind, c] of realChromiumByServer) console.log(chromiumLine(c, kind));
}
mkdirSync('bench/out', { recursive: true });
writeFileSync(
  'bench/out/literature-scale.json',
  JSON.stringify({ docs, seed, build, generated: gen, speedup, chromium: chromiumFigures, real: realFigures, realChromium, chromiumByServer: Object.fromEntries(chromiumByServer), realChromiumByServer: Object.fromEntries(realChromiumByServer) }, null, 2) + '\n',
);
console.log('written to bench/out/literature-scale.json');
