/**
 * A role's pack whose literature index is partitioned (docs/literature-scale.md): the app
 * opens it with the term dictionary, the centroids and the part tables only, and a search
 * fetches just the vector lists, postings blocks and document blocks it needs, each checked
 * against its part table (signed in the pack manifest in place of every part). A damaged
 * list file is reported in the UI (en/ja) while the rest of the index still answers; an
 * encrypted pack's parts are decrypted and checked alike.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { join } from 'node:path';
import { test, expect } from './fixtures.ts';
import type { Page } from '@playwright/test';
import { E2E_DIR, E2E_PRIVATE_KEY } from './paths.ts';
import { startServer } from '../scripts/serve.ts';
import type { LiteratureManifest } from '../src/core/search/literature-pack.ts';

const PACKS = join(E2E_DIR, 'packs-partitioned');
const DAMAGED = join(E2E_DIR, 'packs-partitioned-damaged');
const BUNDLE_DAMAGED = join(E2E_DIR, 'packs-partitioned-bundle-damaged');
const ENCRYPTED = join(E2E_DIR, 'packs-partitioned-encrypted');
const INT4 = join(E2E_DIR, 'packs-partitioned-int4');
const PASSPHRASE = 'partitioned 来歴 passphrase';
const ROLE = 'auditor';
/** Lists of about 16 of the sample's 320 documents: some 20 lists, so probing a few is visible. */
const LIST_ROWS = 16;

const servers: Server[] = [];
let url = '';
let damagedUrl = '';
let bundleDamagedUrl = '';
let encryptedUrl = '';
let int4Url = '';
let manifest: LiteratureManifest;

test.beforeAll(async () => {
  for (const dir of [PACKS, DAMAGED, BUNDLE_DAMAGED, ENCRYPTED, INT4]) rmSync(dir, { recursive: true, force: true });
  const pack = (out: string, ...extra: string[]) => {
    const r = spawnSync(
      'npx',
      [
        'tsx', 'cli/pack.ts', '--policy', 'policy/default-policy.json', '--snapshot', 'public/snapshots/sample', '--key', E2E_PRIVATE_KEY,
        '--role', ROLE, '--out', out, '--literature', 'fixtures/literature/corpus.jsonl', '--literature-model', 'public/literature/sample/model',
        '--literature-partitioned', '--literature-list-rows', String(LIST_ROWS), ...extra,
      ],
      { encoding: 'utf8' },
    );
    if (r.status !== 0) throw new Error(`pack CLI failed: ${r.stderr}`);
  };
  pack(PACKS);
  mkdirSync(E2E_DIR, { recursive: true });
  writeFileSync(join(E2E_DIR, 'partitioned.pass'), PASSPHRASE);
  pack(ENCRYPTED, '--encrypt', `${ROLE}=${join(E2E_DIR, 'partitioned.pass')}`);
  pack(INT4, '--encrypt', `${ROLE}=${join(E2E_DIR, 'partitioned.pass')}`, '--literature-list-codes', 'int4');
  manifest = JSON.parse(readFileSync(join(PACKS, ROLE, 'literature', 'literature-manifest.json'), 'utf8')) as LiteratureManifest;
  // Every vector list damaged by one byte, after signing, in its own file and in the lists'
  // bundle: search by meaning loses them all. In BUNDLE_DAMAGED only the bundle is.
  const damage = (dir: string, files: boolean) => {
    cpSync(PACKS, dir, { recursive: true });
    const lists = join(dir, ROLE, 'literature', 'lists');
    const bundle = join(dir, ROLE, 'literature', 'bundles', 'lists.parts');
    const bundled = readFileSync(bundle);
    let at = 0;
    for (const f of readdirSync(lists).sort()) {
      const bytes = readFileSync(join(lists, f));
      at += bytes.length;
      bundled[at - 1]! ^= 0xff;
      bytes[bytes.length - 1]! ^= 0xff;
      if (files) writeFileSync(join(lists, f), bytes);
    }
    writeFileSync(bundle, bundled);
  };
  damage(DAMAGED, true);
  damage(BUNDLE_DAMAGED, false);
  const serve = async (port: number, dir: string) => {
    servers.push(await startServer({ dir: 'dist', base: '/raireki/', port, host: '127.0.0.1', mounts: [{ prefix: 'packs', dir }] }));
    return `http://127.0.0.1:${port}/raireki/`;
  };
  url = await serve(4196, PACKS);
  damagedUrl = await serve(4197, DAMAGED);
  bundleDamagedUrl = await serve(4201, BUNDLE_DAMAGED);
  encryptedUrl = await serve(4199, ENCRYPTED);
  int4Url = await serve(4200, INT4);
});

test.afterAll(() => {
  for (const s of servers) s.close();
});

const literaturePaths = (paths: { filter(f: (p: string) => boolean): string[] }, dir: string) => paths.filter((p) => p.includes(`/literature/${dir}/`));

interface Requested {
  origin: string;
  path: string;
  range?: string;
}
/** Records the page's requests (its workers' included): path and Range header. */
function recordRequests(page: Page): Requested[] {
  const out: Requested[] = [];
  page.on('request', (req) => {
    const range = req.headers()['range'];
    const at = new URL(req.url());
    out.push({ origin: at.origin, path: at.pathname, ...(range ? { range } : {}) });
  });
  return out;
}

/**
 * The numbers of the parts of `folder` a page read: from their own files, or out of the
 * folder's bundle by byte ranges. A bundle holds the stored part files back to back, so the
 * part files on disk say where each lies.
 */
function partsRead(requests: readonly Requested[], packDir: string, folder: 'lists' | 'rows' | 'docs' | 'postings'): Set<number> {
  const dir = join(packDir, ROLE, 'literature', folder);
  const files = readdirSync(dir).sort();
  const at = [0];
  for (const f of files) at.push(at[at.length - 1]! + statSync(join(dir, f)).size);
  const read = new Set<number>();
  for (const r of requests) {
    const own = new RegExp(`/literature/${folder}/(\\d{5})\\.`).exec(r.path);
    if (own) read.add(Number(own[1]));
    if (r.path.endsWith(`/literature/bundles/${folder}.parts`) && r.range) {
      for (const spec of r.range.replace('bytes=', '').split(',')) {
        const [a, b] = spec.split('-').map(Number) as [number, number];
        for (let i = 0; i < files.length; i++) if (at[i]! >= a && at[i + 1]! - 1 <= b && at[i + 1]! > at[i]!) read.add(i);
      }
    }
  }
  return read;
}
/** Requests for a folder's bundle. */
const bundleRequests = (requests: readonly Requested[], folder: string) => requests.filter((r) => r.path.endsWith(`/literature/bundles/${folder}.parts`));

/** Opens the encrypted pack at this address with its passphrase and searches it: a metformin document comes first, and no part is reported unreadable. */
async function searchEncrypted(page: Page, at: string): Promise<void> {
  await page.goto(`${at}?lang=en&pack=${ROLE}&view=literature`);
  await page.getByLabel('Passphrase').fill(PASSPHRASE);
  await page.getByRole('button', { name: 'Open', exact: true }).click();
  await expect(page.getByTestId('literature-status')).toContainText('documents indexed', { timeout: 60_000 });
  await page.getByLabel('Search the literature').fill('metformin eGFR dose reduction');
  await expect(page.getByTestId('literature-status')).toContainText(/results · keywords and meaning/, { timeout: 60_000 });
  await expect(page.getByRole('list', { name: 'Literature results' }).locator('.hit-title').first()).toContainText(/metformin/i);
  await expect(page.getByTestId('literature-unavailable')).toHaveCount(0);
}

test.describe('a partitioned literature index in a role pack', () => {
  test('opens with the dictionary alone and answers a search fetching only the lists it probes, a folder\'s parts in one request', async ({ page, pageErrors }) => {
    const { lists, nprobe } = manifest.partitioned!.ivf;
    expect(lists).toBeGreaterThan(nprobe);
    expect(manifest.partitioned!.bundles).toBe(true);
    const requests = recordRequests(page);
    const fetched = { filter: (f: (p: string) => boolean) => requests.map((r) => r.path).filter(f) };
    // The signed manifest lists the part tables and the bundles' sizes, not the parts.
    const signed = (JSON.parse(readFileSync(join(PACKS, ROLE, 'manifest.json'), 'utf8')) as { files: { path: string }[] }).files.map((f) => f.path);
    expect(signed.filter((p) => p.startsWith('literature/parts/')).sort()).toEqual(['literature/parts/docs.bin', 'literature/parts/lists.bin', 'literature/parts/postings.bin']);
    expect(signed.filter((p) => /^literature\/(lists|postings|docs)\//.test(p))).toEqual([]);
    await page.goto(`${url}?lang=en&pack=${ROLE}&view=literature`);
    await expect(page.getByTestId('literature-status')).toContainText('documents indexed', { timeout: 60_000 });
    // Opening reads the dictionary, centroids and part tables: no list, postings or document block yet.
    for (const dir of ['lists', 'postings', 'docs', 'bundles']) expect(literaturePaths(fetched, dir), dir).toEqual([]);
    expect(literaturePaths(fetched, 'parts').length).toBe(3);

    await page.getByLabel('Search the literature').fill('metformin eGFR dose reduction');
    await expect(page.getByTestId('literature-status')).toContainText(/results · keywords and meaning/, { timeout: 60_000 });
    const titles = page.getByRole('list', { name: 'Literature results' }).locator('.hit-title');
    await expect(titles.first()).toContainText(/metformin/i);
    const probed = partsRead(requests, PACKS, 'lists');
    expect(probed.size).toBeGreaterThan(1);
    expect(probed.size).toBeLessThanOrEqual(nprobe);
    // The probed lists came in one request to the lists' bundle, not one request a list.
    expect(bundleRequests(requests, 'lists').length).toBe(1);
    expect(literaturePaths(fetched, 'lists')).toEqual([]);
    // Documents come in blocks: no more blocks than hits shown.
    expect(partsRead(requests, PACKS, 'docs').size).toBeLessThanOrEqual(await titles.count());
    await expect(page.getByTestId('literature-unavailable')).toHaveCount(0);
    // The parts were checked against the tables read on open, not fetched again.
    expect(literaturePaths(fetched, 'parts').length).toBe(3);
    // Nothing leaves this server's origin (the fixture's check knows only the main test server).
    expect(requests.filter((r) => r.origin !== new URL(url).origin)).toEqual([]);
    expect(pageErrors).toEqual([]);
  });

  test('a server that ignores byte ranges is read one file a part, with the same answer', async ({ page, pageErrors }) => {
    const requests = recordRequests(page);
    let whole = 0;
    // As a server without Range support answers: the whole bundle, with 200.
    await page.route('**/literature/bundles/*.parts', async (route) => {
      whole++;
      const { range: _drop, ...headers } = route.request().headers();
      await route.continue({ headers });
    });
    await page.goto(`${url}?lang=en&pack=${ROLE}&view=literature`);
    await expect(page.getByTestId('literature-status')).toContainText('documents indexed', { timeout: 60_000 });
    await page.getByLabel('Search the literature').fill('metformin eGFR dose reduction');
    await expect(page.getByTestId('literature-status')).toContainText(/results · keywords and meaning/, { timeout: 60_000 });
    await expect(page.getByRole('list', { name: 'Literature results' }).locator('.hit-title').first()).toContainText(/metformin/i);
    await expect(page.getByTestId('literature-unavailable')).toHaveCount(0);
    expect(whole).toBeGreaterThan(0);
    const lists = requests.filter((r) => /\/literature\/lists\/\d{5}\.bin$/.test(r.path));
    expect(lists.length).toBeGreaterThan(1);
    expect(lists.length).toBeLessThanOrEqual(manifest.partitioned!.ivf.nprobe);
    // A bundle is asked for ranges once a folder at most: the reader does not try again.
    for (const folder of ['lists', 'postings', 'docs']) expect(bundleRequests(requests, folder).length, folder).toBeLessThanOrEqual(1);
    expect(pageErrors).toEqual([]);
  });

  test('checks an output against the partitioned index as against the whole one', async ({ page, pageErrors }) => {
    const requested = recordRequests(page);
    await page.goto(`${url}?lang=en&pack=${ROLE}&view=literature&check=output:hallucinated-metformin-dose`);
    // The verdicts the whole sample index gives (e2e/literature.spec.ts), with the same marks.
    await expect(page.getByTestId('check-status')).toContainText('2 sentences: 0 supported, 2 contradicted', { timeout: 60_000 });
    const second = page.locator('.check-sentences > li').nth(1);
    await expect(second.locator('.claim-text mark')).toContainText(['eGFRが30を下回って']);
    await expect(second.locator('.evidence > li').first().locator('blockquote')).toContainText(/30〜44|30以上45未満|30 to 44/);
    // The check read only the vector lists its sentences probe: its support threshold comes
    // from the manifest, not from searching the index with every control sentence.
    const lists = partsRead(requested, PACKS, 'lists');
    expect(lists.size).toBeGreaterThan(0);
    expect(lists.size).toBeLessThan(manifest.partitioned!.ivf.lists);
    expect(manifest.support?.threshold).toBeGreaterThan(0);
    await expect(page.getByTestId('literature-unavailable')).toHaveCount(0);
    expect(pageErrors).toEqual([]);
  });

  test('a damaged vector list is reported by name, and the answer is that of the keyword index', async ({ page }) => {
    const titles = page.getByRole('list', { name: 'Literature results' }).locator('.hit-title');
    // The intact pack, keywords only: what the damaged pack must answer without its vectors.
    await page.goto(`${url}?lang=en&pack=${ROLE}&view=literature`);
    await expect(page.getByTestId('literature-status')).toContainText('documents indexed', { timeout: 60_000 });
    await page.getByLabel('Search by meaning').uncheck();
    await page.getByLabel('Search the literature').fill('metformin');
    await expect(page.getByTestId('literature-status')).toContainText('results · keywords only', { timeout: 60_000 });
    const keywordOnly = await titles.allTextContents();
    expect(keywordOnly.length).toBeGreaterThan(0);

    await page.goto(`${damagedUrl}?lang=en&pack=${ROLE}&view=literature`);
    await expect(page.getByTestId('literature-status')).toContainText('documents indexed', { timeout: 60_000 });
    await page.getByLabel('Search the literature').fill('metformin');
    const alert = page.getByTestId('literature-unavailable');
    await expect(alert).toContainText('Part of the literature index could not be read', { timeout: 60_000 });
    await expect(alert).toContainText('search by meaning');
    await expect(alert.locator('code')).toContainText(/lists\/\d{5}\.bin/);
    await expect(titles).toHaveText(keywordOnly);

    await page.goto(`${damagedUrl}?lang=ja&pack=${ROLE}&view=literature`);
    await expect(page.getByTestId('literature-status')).toContainText('索引済み', { timeout: 60_000 });
    await page.getByLabel('文献を検索').fill('metformin');
    await expect(page.getByTestId('literature-unavailable')).toContainText('文献索引の一部を読み込めなかった', { timeout: 60_000 });
  });

  test('a damaged bundle is read around: each list that fails its check there is read from its own file, and the answer is whole', async ({ page, pageErrors }) => {
    const titles = page.getByRole('list', { name: 'Literature results' }).locator('.hit-title');
    await page.goto(`${url}?lang=en&pack=${ROLE}&view=literature`);
    await expect(page.getByTestId('literature-status')).toContainText('documents indexed', { timeout: 60_000 });
    await page.getByLabel('Search the literature').fill('metformin eGFR dose reduction');
    await expect(page.getByTestId('literature-status')).toContainText(/results · keywords and meaning/, { timeout: 60_000 });
    const intact = await titles.allTextContents();

    const requests = recordRequests(page);
    await page.goto(`${bundleDamagedUrl}?lang=en&pack=${ROLE}&view=literature`);
    await expect(page.getByTestId('literature-status')).toContainText('documents indexed', { timeout: 60_000 });
    await page.getByLabel('Search the literature').fill('metformin eGFR dose reduction');
    await expect(page.getByTestId('literature-status')).toContainText(/results · keywords and meaning/, { timeout: 60_000 });
    await expect(titles).toHaveText(intact);
    await expect(page.getByTestId('literature-unavailable')).toHaveCount(0);
    const fromBundle = partsRead(requests.filter((r) => r.path.includes('/bundles/')), BUNDLE_DAMAGED, 'lists');
    const fromFiles = partsRead(requests.filter((r) => !r.path.includes('/bundles/')), BUNDLE_DAMAGED, 'lists');
    expect(fromBundle.size).toBeGreaterThan(1);
    expect([...fromFiles].sort()).toEqual([...fromBundle].sort());
    expect(pageErrors).toEqual([]);
  });

  test('an encrypted pack\'s parts are decrypted and checked against the signed part tables', async ({ page, pageErrors }) => {
    const requests = recordRequests(page);
    await searchEncrypted(page, encryptedUrl);
    // The lists came out of the lists' bundle, which holds their sealed copies: no part was served in the clear.
    expect(partsRead(requests, ENCRYPTED, 'lists').size).toBeGreaterThan(1);
    expect(bundleRequests(requests, 'lists').length).toBe(1);
    expect(requests.filter((r) => /\/literature\/(lists|postings|docs)\//.test(r.path) && !r.path.endsWith('.enc'))).toEqual([]);
    expect(readdirSync(join(ENCRYPTED, ROLE, 'literature', 'bundles')).sort()).toEqual(['docs.parts', 'docs.sizes.enc', 'lists.parts', 'lists.sizes.enc', 'postings.parts', 'postings.sizes.enc']);
    expect(pageErrors).toEqual([]);
  });

  test('lists of 4-bit codes: an encrypted pack answers, reading the int8 rows of probed lists only, each part checked against its signed table', async ({ page, pageErrors }) => {
    const requests = recordRequests(page);
    const signed = (JSON.parse(readFileSync(join(INT4, ROLE, 'manifest.json'), 'utf8')) as { files: { path: string }[] }).files.map((f) => f.path);
    expect(signed.filter((p) => p.startsWith('literature/parts/')).sort()).toEqual(['literature/parts/docs.bin', 'literature/parts/lists.bin', 'literature/parts/postings.bin', 'literature/parts/rows.bin']);
    await searchEncrypted(page, int4Url);
    const lists = partsRead(requests, INT4, 'lists');
    const rows = partsRead(requests, INT4, 'rows');
    expect(lists.size).toBeGreaterThan(0);
    expect(rows.size).toBeGreaterThan(0);
    for (const r of rows) expect(lists.has(r)).toBe(true);
    expect(requests.filter((r) => /\/literature\/(lists|rows)\//.test(r.path) && !r.path.endsWith('.bin.enc'))).toEqual([]);
    expect(pageErrors).toEqual([]);
  });
});
