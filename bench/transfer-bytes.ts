/**
 * Bytes a visitor transfers: (a) a first visit (the explorer opening the sample snapshot),
 * (b) opening the Literature tab, (c) the first semantic search, up to its result; raw, and
 * gzip-compressed as a server with gzip would send them, per file type. A fresh browser
 * context (empty cache) against the production build served by scripts/serve.ts.
 *
 *   npm run bench:bytes [-- --dist dist] [--build]
 *
 * Every response is taken from the server itself, so the files fetched by workers (and by
 * the workers that ORT's thread pool starts) are counted as the page's own. The server sends
 * files uncompressed; the gzip columns compress each body that deploy/nginx/raireki.conf
 * would compress (bench/lib/transfer-tally.ts). --dist measures another build (e.g. one of
 * an older commit); --build rebuilds dist/ first (it is built when missing).
 */
import { existsSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { spawnSync } from 'node:child_process';
import { chromium, type Page } from '@playwright/test';
import { startServer } from '../scripts/serve.ts';
import { CHROMIUM_ARGS, ensureChromium } from '../scripts/system-programs.ts';
import { fileList, sizesOf, tallyTable, type Sizes } from './lib/transfer-tally.ts';

const args = process.argv.slice(2);
const opt = (name: string, fallback: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] ? args[i + 1]! : fallback;
};
const dist = opt('dist', 'dist');
const BASE = '/raireki/';
/** The network counts as settled after this long without a request starting or ending. */
const QUIET_MS = 2000;
const QUERY = 'anaphylaxis first-line adrenaline intramuscular';

if (args.includes('--build') || !existsSync(`${dist}/index.html`)) {
  if (dist !== 'dist') {
    console.error(`${dist}/index.html is missing; build it first (--build only rebuilds dist/)`);
    process.exit(1);
  }
  console.log('building dist/ …');
  if (spawnSync('npx', ['vite', 'build'], { stdio: 'inherit' }).status !== 0) process.exit(1);
}

interface Served {
  path: string;
  status: number;
  body: Uint8Array;
}

const server = await startServer({ dir: dist, base: BASE, port: 0, host: '127.0.0.1', mounts: [] });
const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
let served: Served[] = [];
let inFlight = 0;
let lastActivity = Date.now();
// First in line, before the app's handler rewrites req.url or answers: every chunk written
// to the response is kept, so the figures are what the server really sent.
server.prependListener('request', (req, res) => {
  const path = new URL(req.url ?? '/', origin).pathname;
  const chunks: Buffer[] = [];
  const keep = (chunk: unknown, encoding?: unknown) => {
    if (chunk === undefined || chunk === null || typeof chunk === 'function') return;
    chunks.push(typeof chunk === 'string' ? Buffer.from(chunk, typeof encoding === 'string' ? (encoding as BufferEncoding) : 'utf8') : Buffer.from(chunk as Uint8Array));
  };
  const write = res.write.bind(res) as (...a: unknown[]) => boolean;
  const end = res.end.bind(res) as (...a: unknown[]) => typeof res;
  res.write = ((...a: unknown[]) => (keep(a[0], a[1]), write(...a))) as typeof res.write;
  res.end = ((...a: unknown[]) => (keep(a[0], a[1]), end(...a))) as typeof res.end;
  inFlight++;
  lastActivity = Date.now();
  res.on('close', () => {
    inFlight--;
    lastActivity = Date.now();
    served.push({ path, status: res.statusCode, body: Buffer.concat(chunks) });
  });
});

async function settled(): Promise<void> {
  while (inFlight > 0 || Date.now() - lastActivity < QUIET_MS) await new Promise((r) => setTimeout(r, 100));
}

function take(): { path: string; sizes: Sizes }[] {
  const out = served;
  served = [];
  // A 404 is expected (whoami.json on a host without roles); the figures count files only.
  for (const s of out.filter((s) => s.status >= 300)) console.log(`(not counted: ${s.path}, HTTP ${s.status})`);
  return out.filter((s) => s.status < 300).map((s) => ({ path: s.path, sizes: sizesOf(s) }));
}

async function literatureStatus(page: Page, text: RegExp): Promise<void> {
  const status = page.getByTestId('literature-status');
  await status.filter({ hasText: text }).waitFor({ timeout: 120_000 });
}

const browser = await chromium.launch({ executablePath: ensureChromium(), args: CHROMIUM_ARGS });
const phases: [string, { path: string; sizes: Sizes }[]][] = [];
/** Requests to another origin: none may happen, and they would be missing from the figures. */
const foreign: string[] = [];
try {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'en-US' });
  const page = await context.newPage();
  page.on('request', (r) => {
    if (!r.url().startsWith(origin) && !/^(data|blob):/.test(r.url())) foreign.push(r.url());
  });

  await page.goto(`${origin}${BASE}?lang=en`);
  await page.locator('.graph-canvas[data-drawn]:not([data-drawn="0"])').waitFor({ timeout: 120_000 });
  await settled();
  phases.push(['(a) first visit: the explorer opens the sample snapshot', take()]);

  await page.getByRole('tab', { name: 'Literature' }).click();
  await literatureStatus(page, /documents indexed/);
  await settled();
  phases.push(['(b) the Literature tab opened (keyword index loaded)', take()]);

  await page.getByLabel('Search the literature').fill(QUERY);
  await literatureStatus(page, /results · (keywords and meaning|keywords only)/);
  const status = (await page.getByTestId('literature-status').textContent()) ?? '';
  if (!status.includes('keywords and meaning')) throw new Error(`the search ran without the embedding model: "${status}"`);
  await settled();
  phases.push(['(c) the first semantic search, up to its result', take()]);
  await context.close();
} finally {
  await browser.close();
  server.close();
}
if (foreign.length) throw new Error(`requests left the origin: ${foreign.join(', ')}`);

console.log(`Bytes transferred, ${dist}/ (served by scripts/serve.ts, fresh browser context, headless Chromium with --disable-gpu)\n`);
for (const [name, fetched] of phases) {
  console.log(`${name}\n\n${tallyTable(fetched)}\n\nfiles of 10 kB or more:\n${fileList(fetched)}\n`);
}
const all = phases.flatMap(([, f]) => f);
console.log(`(a)+(b)+(c) first visit up to the first semantic search result\n\n${tallyTable(all)}`);
