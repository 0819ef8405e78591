/**
 * Retrieval benchmark over BEIR-format folders (corpus.jsonl, queries.jsonl, qrels.tsv),
 * through the app's code paths: the corpus is parsed and packed by the indexer's code
 * (cli/lib/literature-*), loaded back by the browser's loader (loadLiteraturePack), queries
 * are embedded by src/embed and searched by src/core/search (keyword, vector, hybrid).
 * A folder with pairs.jsonl ({s1, s2, score}) is a sentence-similarity set instead: it
 * reports Spearman's rho of cosine similarity against the score.
 *
 *   npm run bench:retrieval -- <folder>... [--model <model folder>]... [--tiny] [--weights 0.5,0.7,0.9] [--svd-only] [--dump-cases <folder>]
 *
 * The default model (trained on each corpus) always runs; --tiny adds the generated tiny
 * BERT as a pipeline-overhead reference. Queries are searched as the app searches them:
 * medical terms translated (term-translation.ts), the pack's calibrated fusion rule. Prints
 * tables, then one summary line per set (hybrid against its better member); writes
 * bench/out/retrieval.json (with what each pack's calibration measured).
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { nodeFolderIo, nodeRuntimeOptions } from '../cli/lib/literature-node-io.ts';
import { buildLiteraturePack } from '../cli/lib/literature-pack-build.ts';
import { parseCorpusFile } from '../cli/lib/literature-parse.ts';
import { buildStaticModelFolder, describeContrastive, type ContrastiveRun } from '../cli/lib/literature-static-model.ts';
import { spreadBrief, type CalibrationCase, type FusionCalibration } from '../src/core/search/fusion-calibration.ts';
import { fuseKeywordAndVector } from '../src/core/search/fusion.ts';
import { loadLiteraturePack, MODEL_DIR } from '../src/core/search/literature-pack.ts';
import { embeddingText, fusionCoverage, hybridSearch, keywordSearch, vectorSearch, FUSION_CANDIDATES } from '../src/core/search/literature-search.ts';
import { translateQueryTerms } from '../src/core/search/term-translation.ts';
import { dot } from '../src/core/search/vector-pooling.ts';
import { createEmbedder, memoryFolderIo, sha256Hex } from '../src/embed/index.ts';
import { createWasmVectorScan } from '../src/embed/vector-scan-wasm.ts';
import { summarize } from './lib/stats.ts';
import { meanMetrics, rankMetrics, spearman, type RankMetrics } from './retrieval-metrics.ts';

const runtime = nodeRuntimeOptions();
const TINY = 'fixtures/models/tiny-bert';

interface Args {
  folders: string[];
  models: string[];
  weights: number[];
  /** --svd-only: the default model without its contrastive stage (for before/after figures). */
  svdOnly: boolean;
  /** --dump-cases <folder>: each set's fusion cases written there (bench/fusion-rules.ts reads them). */
  dumpCases: string | null;
}

function parseArgs(argv: string[]): Args {
  const a: Args = { folders: [], models: [], weights: [0.5, 0.6, 0.7, 0.8, 0.9], svdOnly: false, dumpCases: null };
  for (let i = 0; i < argv.length; i++) {
    const x = argv[i]!;
    if (x === '--model') a.models.push(argv[++i]!);
    else if (x === '--tiny') a.models.push(TINY);
    else if (x === '--weights') a.weights = argv[++i]!.split(',').map(Number);
    else if (x === '--svd-only') a.svdOnly = true;
    else if (x === '--dump-cases') a.dumpCases = argv[++i]!;
    else a.folders.push(x);
  }
  if (!a.folders.length) throw new Error('usage: bench/retrieval.ts <BEIR folder>... [--model <folder>] [--tiny] [--weights 0.5,0.7] [--svd-only] [--dump-cases <folder>]');
  return a;
}

async function readModelFiles(dir: string): Promise<Map<string, Uint8Array>> {
  const io = nodeFolderIo(dir);
  const manifest = JSON.parse(new TextDecoder().decode(await io.read('raireki-model.json')));
  const files = new Map<string, Uint8Array>([['raireki-model.json', await io.read('raireki-model.json')]]);
  for (const name of Object.keys(manifest.files)) files.set(name, await io.read(name));
  return files;
}

const jsonl = (path: string) =>
  readFileSync(path, 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l) as Record<string, unknown>);

function readQrels(path: string): Map<string, Map<string, number>> {
  const out = new Map<string, Map<string, number>>();
  for (const line of readFileSync(path, 'utf8').split('\n').slice(1)) {
    const [q, d, s] = line.trim().split('\t');
    if (!q || !d) continue;
    if (!out.has(q)) out.set(q, new Map());
    out.get(q)!.set(d, Number(s));
  }
  return out;
}

type Row = Record<string, unknown>;

const pairs = (hits: readonly { doc: number; score: number }[]) => hits.map((h) => [h.doc, h.score] as [number, number]);

/** What --dump-cases writes per set: candidate lists as [document, score] pairs. */
export interface FusionCaseDump {
  readonly set: string;
  readonly rule: unknown;
  /** The pack's calibration cases (pseudo-queries), as calibrateFusion saw them. */
  readonly calibration: readonly (Omit<CalibrationCase, 'keyword' | 'vector'> & { keyword: [number, number][]; vector: [number, number][] })[];
  readonly labelled: readonly { keyword: [number, number][]; vector: [number, number][]; coverage: number; relevant: [number, number][] }[];
}

async function benchBeir(folder: string, modelDir: string | null, weights: number[], svdOnly: boolean, dumpCases: string | null): Promise<Row> {
  const corpus = parseCorpusFile('corpus.jsonl', readFileSync(join(folder, 'corpus.jsonl'), 'utf8'));
  const queries = jsonl(join(folder, 'queries.jsonl')).map((q) => ({ id: String(q._id), text: String(q.text) }));
  const qrels = readQrels(join(folder, 'qrels.tsv'));
  const judged = queries.filter((q) => qrels.has(q.id));

  const t0 = performance.now();
  const built = await buildLiteraturePack(corpus.docs, {
    runtime,
    ...(modelDir ? { modelFiles: await readModelFiles(modelDir) } : {}),
    ...(svdOnly ? { contrastiveEpochs: 0 } : {}),
  });
  const buildMs = performance.now() - t0;
  const io = {
    read: async (n: string) => built.files.get(n)!,
    sha256: sha256Hex,
    decodeUtf8: (b: Uint8Array) => new TextDecoder().decode(b),
  };
  const index = await loadLiteraturePack(io);
  const modelFiles = new Map(
    [...built.files].filter(([n]) => n.startsWith(MODEL_DIR)).map(([n, b]) => [n.slice(MODEL_DIR.length), b]),
  );
  const embedder = await createEmbedder(memoryFolderIo(modelFiles), runtime);
  // The scan the browser uses (WebAssembly SIMD), falling back to JavaScript where it cannot.
  const wasmScan = createWasmVectorScan(index.vectors);
  const scoreRows = wasmScan ? (q: Float32Array) => wasmScan.scoreAllRows(q) : undefined;

  const embedMs: number[] = [], keywordMs: number[] = [], vectorMs: number[] = [], fuseMs: number[] = [];
  // fuseMs: the whole hybridSearch call (keyword + vector + fusion), as the app makes it.
  const per: Record<string, RankMetrics[]> = { keyword: [], vector: [], hybrid: [] };
  for (const w of weights) per[`w${w}`] = [];
  const idOf = (doc: number) => index.docs[doc]!.id;
  let translatedQueries = 0;
  // The labelled queries as fusion cases (--dump-cases): both rankers' candidates, the coverage
  // the rule reads, and the graded relevant documents.
  const labelled: FusionCaseDump['labelled'][number][] = [];
  const docOf = new Map(index.docs.map((d, i) => [d.id, i]));
  for (const q0 of judged) {
    // As the app does (literature-session.ts): both rankers read the query with its medical terms translated.
    const translated = translateQueryTerms(index.bm25, q0.text);
    if (translated.translations.length) translatedQueries++;
    const q = q0;
    const tr = translated.translations;
    let t = performance.now();
    const [qv] = await embedder.embed([embeddingText(index, q.text, tr)], 'query');
    embedMs.push(performance.now() - t);
    t = performance.now();
    const kw = keywordSearch(index.bm25, q.text, FUSION_CANDIDATES, tr);
    keywordMs.push(performance.now() - t);
    t = performance.now();
    const vec = vectorSearch(index, qv!, FUSION_CANDIDATES, scoreRows);
    vectorMs.push(performance.now() - t);
    // The app's call: keyword + vector + fusion in one (timed as a whole).
    t = performance.now();
    const hybrid = hybridSearch(index, q.text, qv!, { k: 10, translations: tr, ...(scoreRows ? { scoreRows } : {}) });
    fuseMs.push(performance.now() - t);
    const rel = qrels.get(q.id)!;
    per.keyword!.push(rankMetrics(kw.map((h) => idOf(h.doc)), rel));
    per.vector!.push(rankMetrics(vec.map((h) => idOf(h.doc)), rel));
    per.hybrid!.push(rankMetrics(hybrid.map((h) => idOf(h.doc)), rel));
    for (const w of weights) per[`w${w}`]!.push(rankMetrics(fuseKeywordAndVector(kw, vec, 10, w).map((h) => idOf(h.doc)), rel));
    if (dumpCases) {
      labelled.push({
        keyword: pairs(kw),
        vector: pairs(vec),
        coverage: fusionCoverage(index, q.text, tr),
        // A judged document the corpus lacks (−1) still counts in the ideal ranking, as in rankMetrics.
        relevant: [...rel].map(([id, g]) => [docOf.get(id) ?? -1, g] as [number, number]),
      });
    }
  }
  await embedder.release();
  if (dumpCases) {
    const dump: FusionCaseDump = {
      set: basename(folder),
      rule: index.manifest.fusion ?? null,
      calibration: built.calibrationCases.map((c) => ({ ...c, keyword: pairs(c.keyword), vector: pairs(c.vector) })),
      labelled,
    };
    mkdirSync(dumpCases, { recursive: true });
    writeFileSync(join(dumpCases, `${basename(folder)}.json`), JSON.stringify(dump));
  }
  return {
    set: basename(folder),
    model: index.manifest.model,
    docs: corpus.docs.length,
    queries: judged.length,
    translatedQueries,
    skipped: corpus.problems.length,
    ...Object.fromEntries(Object.entries(per).map(([k, v]) => [k, meanMetrics(v)])),
    buildMs: { total: buildMs, ...built.timings },
    calibration: built.calibration,
    contrastive: built.contrastive,
    // What the browser downloads on the first search by meaning.
    modelBytes: [...modelFiles.values()].reduce((sum, b) => sum + b.length, 0),
    embedMs: summarize(embedMs),
    keywordMs: summarize(keywordMs),
    vectorMs: summarize(vectorMs),
    hybridMs: summarize(fuseMs),
  };
}

async function benchPairs(folder: string, modelDir: string | null): Promise<Row> {
  const pairs = jsonl(join(folder, 'pairs.jsonl')).map((p) => ({ s1: String(p.s1), s2: String(p.s2), score: Number(p.score) }));
  const sentences = [...new Set(pairs.flatMap((p) => [p.s1, p.s2]))];
  const t0 = performance.now();
  // The default model is trained on the sentences themselves, as the indexer would on a corpus.
  const files = modelDir ? await readModelFiles(modelDir) : (await buildStaticModelFolder(sentences)).files;
  const buildMs = performance.now() - t0;
  const embedder = await createEmbedder(memoryFolderIo(files), runtime);
  const cos: number[] = [];
  for (const p of pairs) {
    const [a, b] = await embedder.embed([p.s1, p.s2], 'passage');
    cos.push(dot(a!, b!));
  }
  await embedder.release();
  return { set: basename(folder), model: embedder.manifest.name, pairs: pairs.length, spearman: spearman(cos, pairs.map((p) => p.score)), buildMs: { total: buildMs } };
}

const f3 = (x: number) => x.toFixed(3);
const f4 = (x: number) => x.toFixed(4);
const fm = (m: RankMetrics) => `${f3(m.ndcg)} / ${f3(m.recall)} / ${f3(m.mrr)}`;

function printTable(rows: Row[], weights: number[]): void {
  console.log('\n| set | model | keyword (BM25) | vector | hybrid | build s (model/embed/keyword) | query embed ms p50/p95 | search ms p50/p95: keyword / vector / hybrid |');
  console.log('|---|---|---|---|---|---|---|---|');
  for (const r of rows) {
    const b = r.buildMs as Record<string, number>;
    if ('spearman' in r) {
      console.log(`| ${r.set} | ${r.model} | – | Spearman ρ ${f3(r.spearman as number)} (${r.pairs} pairs) | – | ${(b.total! / 1000).toFixed(1)} | – | – |`);
      continue;
    }
    const e = r.embedMs as { medianMs: number; p95Ms: number };
    const s = ['keywordMs', 'vectorMs', 'hybridMs'].map((k) => r[k] as { medianMs: number; p95Ms: number });
    const lat = s.map((x) => `${x.medianMs.toFixed(2)}/${x.p95Ms.toFixed(2)}`).join(' · ');
    console.log(
      `| ${r.set} | ${r.model} | ${fm(r.keyword as RankMetrics)} | ${fm(r.vector as RankMetrics)} | ${fm(r.hybrid as RankMetrics)} | ` +
        `${(b.total! / 1000).toFixed(1)} (${[b.model, b.embed, b.keyword].map((x) => (x! / 1000).toFixed(1)).join('/')}) | ` +
        `${e.medianMs.toFixed(2)} / ${e.p95Ms.toFixed(2)} | ${lat} |`,
    );
  }
  console.log('\nnDCG@10 to four places: keyword, vector, hybrid (the rule calibrated on the corpus, stored in the pack), and fixed keyword weights w:');
  console.log(`| set | model | keyword | vector | calibrated | ${weights.map((w) => `w=${w}`).join(' | ')} |`);
  console.log(`|---|---|---|---|---|${weights.map(() => '---').join('|')}|`);
  for (const r of rows.filter((x) => !('spearman' in x))) {
    const n = (k: string) => f4((r[k] as RankMetrics).ndcg);
    console.log(`| ${r.set} | ${r.model} | ${n('keyword')} | ${n('vector')} | ${n('hybrid')} | ${weights.map((w) => n(`w${w}`)).join(' | ')} |`);
  }
}

/**
 * One line per set, for seeing a regression at a glance: nDCG@10 of keyword, vector and
 * hybrid search, and the hybrid's margin over the better of its two members (it should
 * never be clearly negative), then the means over the sets.
 */
function summaryLines(rows: readonly Row[]): string[] {
  const beir = rows.filter((x) => !('spearman' in x));
  const out = ['', 'summary (nDCG@10): set · keyword · vector · hybrid · hybrid − better member · hybrid − keyword · calibrated rule (BM25 base weight / margin gain) and how sure (bootstrap of the pseudo-queries: share of resamples choosing it, 5th–95th percentile of their base and gain, and of the chosen rule’s nDCG over the better ranker)'];
  const sums = { k: 0, v: 0, h: 0 };
  for (const r of beir) {
    const [k, v, h] = (['keyword', 'vector', 'hybrid'] as const).map((x) => (r[x] as RankMetrics).ndcg) as [number, number, number];
    sums.k += k, sums.v += v, sums.h += h;
    const margin = h - Math.max(k, v);
    const flag = margin >= -0.005 ? 'ok' : 'BELOW';
    const sign = (x: number) => (x >= 0 ? '+' : '') + f4(x);
    const first = beir.find((x) => x.set === r.set)!;
    const label = first === r ? String(r.set) : `${r.set} [${r.model}]`;
    const c = r.calibration as FusionCalibration | null | undefined;
    const rule = c ? `  rule ${c.rule.base}/${c.rule.gain}${c.spread ? ` (${spreadBrief(c.spread)})` : ''}` : '';
    out.push(`${label.padEnd(28)} keyword ${f4(k)}  vector ${f4(v)}  hybrid ${f4(h)}  margin ${sign(margin)} ${flag.padEnd(5)}  vs keyword ${sign(h - k)}${rule}`);
  }
  if (beir.length > 1) {
    const n = beir.length;
    out.push(`${'mean'.padEnd(28)} keyword ${f4(sums.k / n)}  vector ${f4(sums.v / n)}  hybrid ${f4(sums.h / n)}  (${n} sets)  vs keyword ${f4((sums.h - sums.k) / n)}`);
  }
  return out;
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const rows: Row[] = [];
  for (const folder of args.folders) {
    const needed = existsSync(join(folder, 'pairs.jsonl')) ? [] : ['corpus.jsonl', 'queries.jsonl', 'qrels.tsv'];
    const missing = needed.filter((f) => !existsSync(join(folder, f)));
    if (!existsSync(folder) || missing.length > 0) {
      console.error(`${folder}: not a BEIR folder (${existsSync(folder) ? `no ${missing.join(', ')}` : 'it does not exist'}); expected corpus.jsonl, queries.jsonl and qrels.tsv, or pairs.jsonl`);
      process.exitCode = 2;
      return;
    }
  }
  for (const folder of args.folders) {
    for (const model of [null, ...args.models]) {
      const label = `${basename(folder)} / ${model ?? 'default model'}`;
      process.stderr.write(`${label} …\n`);
      rows.push(existsSync(join(folder, 'pairs.jsonl')) ? await benchPairs(folder, model) : await benchBeir(folder, model, args.weights, args.svdOnly, model === null ? args.dumpCases : null));
    }
  }
  printTable(rows, args.weights);
  console.log(summaryLines(rows).join('\n'));
  console.log(['', 'default model, per set:', ...rows.filter((r) => 'contrastive' in r).map((r) => `${String(r.set).padEnd(28)} ${r.model}, ${((r.modelBytes as number) / 1e6).toFixed(1)} MB; ${describeContrastive(r.contrastive as ContrastiveRun | null)}`)].join('\n'));
  mkdirSync('bench/out', { recursive: true });
  writeFileSync('bench/out/retrieval.json', JSON.stringify(rows, null, 2) + '\n');
}

await main();
