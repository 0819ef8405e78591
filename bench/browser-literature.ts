/**
 * Browser benchmark of literature search: pack open time, query embedding and search
 * latency (keyword-only and hybrid) in the system Chromium against the production build,
 * through the app's own search code (literature-bench.html, whose worker drives the
 * literature worker's LiteratureSession), on the built-in sample pack and on a generated
 * corpus of 100,000 documents.
 *
 *   npx tsx bench/browser-literature.ts [--docs 100000] [--seed 1] [--runs 3] [--rounds 5]
 *                                      [--dist dist] [--build]
 *
 * The generated corpus recombines sentences of the project's sample literature (see
 * bench/lib/literature-bench-corpus.ts); its pack is cached under .tmp/bench/. --runs page
 * loads per pack (open time: their median; query figures: pooled), --rounds passes over the
 * query list per page load. --build rebuilds dist/ first (it is built when the page is
 * missing). Figures only, no wall-clock asserts: timings on a shared machine vary.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { spawnSync } from 'node:child_process';
import { chromium, type Browser } from '@playwright/test';
import { startServer } from '../scripts/serve.ts';
import { CHROMIUM_ARGS, ensureChromium } from '../scripts/system-programs.ts';
import type { LiteratureBenchFigures, ModeFigures } from '../src/diagnostics/literature-bench-page.ts';
import { ensureBenchPack } from './lib/literature-bench-corpus.ts';
import { quantile } from './lib/stats.ts';
import { benchOptions } from './lib/bench-args.ts';

const args = process.argv.slice(2);
const { opt, corpus } = benchOptions(args);
const { docs, seed, runs, rounds } = corpus({ runs: 3, rounds: 5 });
const dist = opt('dist', 'dist');
/** The issue's aims with the default model: query embedding under 10 ms, search over 100k documents under 20 ms. */
const EMBED_AIM_MS = 10;
const SEARCH_AIM_MS = 20;
const PAGE = 'literature-bench.html';

if (args.includes('--build') || !existsSync(`${dist}/${PAGE}`)) {
  if (dist !== 'dist') {
    console.error(`${dist}/${PAGE} is missing; build it first (--build only rebuilds dist/)`);
    process.exit(1);
  }
  console.log('building dist/ …');
  if (spawnSync('npx', ['vite', 'build'], { stdio: 'inherit' }).status !== 0) process.exit(1);
  if (!existsSync(`${dist}/${PAGE}`)) {
    console.error(`vite build wrote no ${dist}/${PAGE}: vite.config.ts must list it under build.rollupOptions.input ('literature-bench': '${PAGE}')`);
    process.exit(1);
  }
}

console.log(`generated corpus: ${docs} documents, seed ${seed}`);
const pack = await ensureBenchPack({ docs, seed });
{
  const b = pack.build;
  const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
  console.log(
    `${pack.cached ? 'reusing' : 'built'} ${pack.dir} (${b.megabytes.toFixed(1)} MB), build time ${s(b.totalMs)}${pack.cached ? ' when it was built (delete the folder to rebuild)' : ''}: ` +
      `generating ${s(b.generateMs)}, embedding ${s(b.stages.embed)}, keyword index ${s(b.stages.keyword)}, hashing ${s(b.stages.write)}, writing ${s(b.writeMs)}`,
  );
}
console.log(
  'model: the sample pack\'s raireki-static-ngram-256 (public/literature/sample/model/), not the default model trained on the generated corpus. ' +
    'A query costs the same with either (one table row per n-gram feature of the query, whatever the corpus); one trained on 100k documents has a bigger table ' +
    '(up to 60,000 rows, about 17 MB instead of 5.6 MB), which lengthens the model load, not the queries. Relevance on this corpus is not measured here.\n',
);

const MOUNT = `bench-literature-${docs}`;
// Port 0: any free port, so that this can run beside the e2e server or another benchmark.
const server = await startServer({ dir: dist, base: '/raireki/', port: 0, host: '127.0.0.1', mounts: [{ prefix: MOUNT, dir: pack.dir }] });
const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
const browser = await chromium.launch({ executablePath: ensureChromium(), args: CHROMIUM_ARGS });

async function measure(b: Browser, packPath: string): Promise<LiteratureBenchFigures> {
  const context = await b.newContext();
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${origin}/raireki/${PAGE}?pack=${encodeURIComponent(packPath)}&rounds=${rounds}`);
  const status = page.getByTestId('status');
  await page.locator('[data-testid="status"][data-result]').waitFor({ timeout: 600_000 });
  const result = await status.getAttribute('data-result');
  if (result === 'error') throw new Error(`${packPath}: ${await status.textContent()}${errors.length ? ` (${errors.join('; ')})` : ''}`);
  if (result !== 'ok') console.warn(`${packPath}: ${await status.textContent()}`);
  const figures = await page.evaluate(() => (performance.getEntriesByName('raireki:literature-bench')[0] as PerformanceMark).detail as LiteratureBenchFigures);
  await context.close();
  return figures;
}

interface Row {
  label: string;
  docs: number;
  model: string;
  isolated: boolean;
  openMs: number;
  modelLoadMs: number;
  keyword: { search: { p50: number; p95: number }; call: { p50: number }; searches: number };
  hybrid: { embed: { p50: number; p95: number }; search: { p50: number; p95: number }; call: { p50: number }; searches: number; semantic: boolean };
  queriesWithHits: { keyword: number; hybrid: number; of: number };
  /** Median search time per query, slowest hybrid first: the queries that make the p95. */
  perQuery: { query: string; keywordP50: number; hybridP50: number }[];
  /** Checking the 10-sentence output of src/diagnostics/check-bench-text.ts (issue: < 1 s). */
  check: { firstMs: number; p50: number; p95: number; checks: number; contradicted: number };
}

/** Issue 10: a 10-sentence output checked against 100k documents in under a second. */
const CHECK_AIM_MS = 1000;

const median = (xs: number[]) => quantile([...xs].sort((a, b) => a - b), 0.5);
const pooled = (fs: LiteratureBenchFigures[], pick: (f: LiteratureBenchFigures) => ModeFigures, key: keyof ModeFigures['raw']) => fs.flatMap((f) => pick(f).raw[key]);
const p = (xs: number[]) => {
  const sorted = [...xs].sort((a, b) => a - b);
  return { p50: quantile(sorted, 0.5), p95: quantile(sorted, 0.95) };
};

function summarise(label: string, fs: LiteratureBenchFigures[]): Row {
  const first = fs[0]!;
  const kw = (f: LiteratureBenchFigures) => f.keyword;
  const hy = (f: LiteratureBenchFigures) => f.hybrid;
  return {
    label,
    docs: first.docs,
    model: first.model,
    isolated: first.isolated,
    openMs: median(fs.map((f) => f.openMs)),
    modelLoadMs: median(fs.map((f) => f.modelLoadMs)),
    keyword: { search: p(pooled(fs, kw, 'searchMs')), call: { p50: median(pooled(fs, kw, 'callMs')) }, searches: pooled(fs, kw, 'searchMs').length },
    hybrid: {
      embed: p(pooled(fs, hy, 'embedMs')),
      search: p(pooled(fs, hy, 'searchMs')),
      call: { p50: median(pooled(fs, hy, 'callMs')) },
      searches: pooled(fs, hy, 'searchMs').length,
      semantic: fs.every((f) => f.hybrid.semantic),
    },
    queriesWithHits: {
      keyword: first.queries.filter((q) => q.keywordHits > 0).length,
      hybrid: first.queries.filter((q) => q.hybridHits > 0).length,
      of: first.queries.length,
    },
    check: {
      firstMs: median(fs.map((f) => f.check.firstMs)),
      ...p(fs.flatMap((f) => f.check.raw)),
      checks: fs.reduce((n, f) => n + f.check.callMs.n, 0),
      contradicted: first.check.contradicted,
    },
    perQuery: first.queries
      .map((q, i) => {
        // Raw figures run round after round over the query list: entry j is query j mod count.
        const of = (pick: (f: LiteratureBenchFigures) => ModeFigures) => median(fs.flatMap((f) => pick(f).raw.searchMs.filter((_, j) => j % first.queries.length === i)));
        return { query: q.query, keywordP50: of(kw), hybridP50: of(hy) };
      })
      .sort((a, b) => b.hybridP50 - a.hybridP50),
  };
}

const targets: [string, string][] = [
  ['sample', 'literature/sample/'],
  [`generated ${docs}`, `${MOUNT}/`],
];
const rows: Row[] = [];
try {
  for (const [label, packPath] of targets) {
    const fs: LiteratureBenchFigures[] = [];
    for (let i = 0; i < runs; i++) {
      const f = await measure(browser, packPath);
      console.log(`${label}: page load ${i + 1}/${runs}: open ${f.openMs.toFixed(0)} ms, hybrid search p95 ${f.hybrid.searchMs.p95.toFixed(2)} ms`);
      fs.push(f);
    }
    rows.push(summarise(label, fs));
  }
  console.log();
} finally {
  await browser.close();
  server.close();
}

const f2 = (n: number) => n.toFixed(2);
const first = rows[0]!;
console.log(
  `Literature search in Chromium headless (${first.model}, cross-origin isolated: ${first.isolated}), ` +
    `${runs} page loads × ${rounds} rounds × ${first.queriesWithHits.of} queries (ja + en) per mode; open time: median of the page loads`,
);
console.log('keyword = keyword-only (BM25); hybrid = query embedding + BM25 + WASM SIMD vector scan + fusion. Times in ms.\n');
const header = [
  'pack'.padEnd(17),
  'docs'.padStart(7),
  'open'.padStart(8),
  'model load'.padStart(11),
  'kw search p50/p95'.padStart(18),
  'embed p50/p95'.padStart(14),
  'hybrid search p50/p95'.padStart(22),
  'call p50 kw/hyb'.padStart(16),
  'hits kw/hyb'.padStart(12),
  'hybrid p95 / 20 ms'.padStart(19),
  'embed p95 / 10 ms'.padStart(18),
];
console.log(header.join(' '));
for (const r of rows) {
  console.log(
    [
      r.label.padEnd(17),
      String(r.docs).padStart(7),
      r.openMs.toFixed(0).padStart(8),
      r.modelLoadMs.toFixed(0).padStart(11),
      `${f2(r.keyword.search.p50)} / ${f2(r.keyword.search.p95)}`.padStart(18),
      `${f2(r.hybrid.embed.p50)} / ${f2(r.hybrid.embed.p95)}`.padStart(14),
      `${f2(r.hybrid.search.p50)} / ${f2(r.hybrid.search.p95)}`.padStart(22),
      `${f2(r.keyword.call.p50)} / ${f2(r.hybrid.call.p50)}`.padStart(16),
      `${r.queriesWithHits.keyword}/${r.queriesWithHits.hybrid} of ${r.queriesWithHits.of}`.padStart(12),
      `${(r.hybrid.search.p95 / SEARCH_AIM_MS).toFixed(2)}×`.padStart(19),
      `${(r.hybrid.embed.p95 / EMBED_AIM_MS).toFixed(2)}×`.padStart(18),
    ].join(' '),
  );
  if (!r.hybrid.semantic) console.log(`  (${r.label}: the model did not load, so "hybrid" was keyword-only)`);
}
const big = rows.at(-1)!;
console.log(`\nslowest queries on ${big.docs} documents (search p50, keyword-only / hybrid):`);
for (const q of big.perQuery.slice(0, 4)) console.log(`  ${f2(q.keywordP50).padStart(6)} / ${f2(q.hybridP50).padStart(6)} ms  ${q.query}`);
console.log(
  `\n${big.docs} documents: hybrid search p50 ${f2(big.hybrid.search.p50)} ms = ${(big.hybrid.search.p50 / SEARCH_AIM_MS).toFixed(2)}× and p95 ${f2(big.hybrid.search.p95)} ms = ` +
    `${(big.hybrid.search.p95 / SEARCH_AIM_MS).toFixed(2)}× of the ${SEARCH_AIM_MS} ms aim; keyword-only p95 ${(big.keyword.search.p95 / SEARCH_AIM_MS).toFixed(2)}×; ` +
    `query embedding p95 ${(big.hybrid.embed.p95 / EMBED_AIM_MS).toFixed(2)}× of the ${EMBED_AIM_MS} ms aim.`,
);
mkdirSync('bench/out', { recursive: true });
writeFileSync('bench/out/browser-literature.json', JSON.stringify({ runs, rounds, pack: pack.dir, build: { ...pack.build, cached: pack.cached }, rows }, null, 2) + '\n');
for (const r of rows) {
  console.log(
    `${r.label}: checking a 10-sentence output: first call ${r.check.firstMs.toFixed(0)} ms (with calibration), then p50 ${f2(r.check.p50)} ms, p95 ${f2(r.check.p95)} ms ` +
      `over ${r.check.checks} checks = ${(r.check.p95 / CHECK_AIM_MS).toFixed(2)}× of the ${CHECK_AIM_MS} ms aim (${r.check.contradicted} sentences contradicted)`,
  );
}
console.log('written to bench/out/browser-literature.json');
