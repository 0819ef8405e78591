/**
 * Roles: each role is served its own signed pack, built by the pack CLI from the sample.
 * Packs are served by the bundled static server (hosts without authentication, optionally
 * encrypted) and by Debian's nginx with the shipped configuration (basic auth → role).
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { test, expect, waitForGraph } from './fixtures.ts';
import { E2E_DIR, E2E_PRIVATE_KEY } from './paths.ts';
import { startServer } from '../scripts/serve.ts';
import { startNginx, type NginxSite } from '../cli/lib/pack-nginx-harness.ts';

const PACKS = join(E2E_DIR, 'packs');
const ENCRYPTED = join(E2E_DIR, 'packs-encrypted');
const TAMPERED = join(E2E_DIR, 'packs-tampered');
const WITHOUT_LITERATURE = join(E2E_DIR, 'packs-without-literature');
const PASSPHRASE = 'correct horse battery staple 来歴';

const INCIDENT_REPORT = 'Incident report INC-2025-0412';

function packCli(args: string[], literature = true): void {
  const withLiterature = literature ? ['--literature', 'fixtures/literature/corpus.jsonl'] : [];
  const r = spawnSync('npx', ['tsx', 'cli/pack.ts', '--policy', 'policy/default-policy.json', '--snapshot', 'public/snapshots/sample', '--key', E2E_PRIVATE_KEY, '--built-by', 'E2E pack builder', ...withLiterature, ...args], {
    encoding: 'utf8',
  });
  if (r.status !== 0) throw new Error(`pack CLI failed: ${r.stderr}`);
}

const servers: Server[] = [];
let plainUrl = '';
let encryptedUrl = '';
let tamperedUrl = '';
let withoutLiteratureUrl = '';
let nginx: NginxSite | null = null;

test.beforeAll(async () => {
  if (!existsSync(E2E_PRIVATE_KEY)) throw new Error(`${E2E_PRIVATE_KEY} is missing: run the browser tests through \`npm test\`, which creates the key and builds the app with it`);
  for (const dir of [PACKS, ENCRYPTED, TAMPERED, WITHOUT_LITERATURE]) rmSync(dir, { recursive: true, force: true });
  packCli(['--out', PACKS]);
  mkdirSync(E2E_DIR, { recursive: true });
  writeFileSync(join(E2E_DIR, 'clinician.pass'), PASSPHRASE);
  packCli(['--out', ENCRYPTED, '--role', 'clinician', '--encrypt', `clinician=${join(E2E_DIR, 'clinician.pass')}`]);
  packCli(['--out', WITHOUT_LITERATURE, '--role', 'researcher'], false);
  // One changed byte in the graph core of an otherwise valid, signed pack.
  cpSync(PACKS, TAMPERED, { recursive: true });
  const core = join(TAMPERED, 'clinician', 'core', 'graph.bin');
  const bytes = readFileSync(core);
  bytes[bytes.indexOf('Meditron')] = 'm'.charCodeAt(0);
  writeFileSync(core, bytes);
  // And one changed byte in the auditor's literature index, whose graph is intact.
  const docs = join(TAMPERED, 'auditor', 'literature', 'docs.json');
  writeFileSync(docs, readFileSync(docs, 'utf8').replace('Meditron', 'Meditrom'));

  const serve = async (port: number, packs: string) => {
    servers.push(await startServer({ dir: 'dist', base: '/raireki/', port, host: '127.0.0.1', mounts: [{ prefix: 'packs', dir: packs }] }));
    return `http://127.0.0.1:${port}/raireki/`;
  };
  plainUrl = await serve(4191, PACKS);
  encryptedUrl = await serve(4192, ENCRYPTED);
  tamperedUrl = await serve(4193, TAMPERED);
  withoutLiteratureUrl = await serve(4194, WITHOUT_LITERATURE);

  const www = join(E2E_DIR, 'www');
  rmSync(www, { recursive: true, force: true });
  cpSync('dist', join(www, 'raireki'), { recursive: true });
  nginx = await startNginx({
    dir: join(E2E_DIR, 'nginx'),
    wwwRoot: www,
    packsRoot: PACKS,
    users: [
      { name: 'hanako', password: 'clinician-pass', role: 'clinician' },
      { name: 'shuichi', password: 'auditor-pass', role: 'auditor' },
      { name: 'kenta', password: 'researcher-pass', role: 'researcher' },
      { name: 'visitor', password: 'visitor-pass' },
    ],
  });
});

test.afterAll(async () => {
  for (const s of servers) s.close();
  await nginx?.stop();
});

/** Searches the literature tab (already open) and returns the result titles. */
async function searchLiterature(page: Page, query: string) {
  await page.getByLabel('Search the literature').fill(query);
  await expect(page.getByTestId('literature-status')).toContainText('results', { timeout: 60_000 });
  return page.getByRole('list', { name: 'Literature results' }).locator('.hit-title');
}

test.describe('packs per role', () => {
  test('a clinician sees outputs and models, with prompts as placeholders and no access logs or people', async ({ page }) => {
    await page.goto(`${plainUrl}?lang=en&pack=clinician&node=output:hallucinated-metformin-dose`);
    await waitForGraph(page);
    await expect(page.getByTestId('role')).toHaveText('clinician');
    await expect(page.locator('#details-title')).toHaveText('Answer: Metformin and reduced eGFR');
    const derived = page.locator('.neighbour-group[data-relation="out:wasDerivedFrom"]');
    await expect(derived).toContainText('Restricted');
    await expect(derived).not.toContainText('Question: Metformin');
    // No people, no access events, no PHI dataset by name.
    await page.goto(`${plainUrl}?lang=en&pack=clinician&node=person:hanako-sato`);
    await expect(page.getByText('Node “person:hanako-sato” is not in this snapshot.').first()).toBeVisible();
    await page.getByRole('searchbox').fill('RUH Japanese clinical instruction set');
    const names = page.locator('.search-results .result-name');
    await expect(names.getByText('RUH Japanese clinical instruction set v3', { exact: true })).toBeVisible();
    await expect(names.getByText('RUH Japanese clinical instruction set v2', { exact: true })).toHaveCount(0);
    await page.goto(`${plainUrl}?lang=en&pack=clinician&node=dataset:ruh-clinical-instructions-ja-v2`);
    await expect(page.getByText('Node “dataset:ruh-clinical-instructions-ja-v2” is not in this snapshot.').first()).toBeVisible();
  });

  test('a clinician’s pack shows the unlearning record with the forget set restricted, and a researcher’s compares models', async ({ page }) => {
    await page.goto(`${plainUrl}?lang=en&pack=clinician&node=model:ruh-med-72b-clinical-unlearned`);
    await waitForGraph(page);
    const panel = page.getByTestId('unlearning-panel');
    await expect(panel.getByTestId('unlearning-verdict')).toHaveAttribute('data-outcome', 'forgotten');
    // The PHI forget set is a placeholder in this pack: named "Restricted", never by its name or id.
    await expect(panel.locator('.field').filter({ has: page.getByText('Forget set', { exact: true }) })).toContainText('Restricted');
    await expect(panel).not.toContainText('PHI-contaminated records');
    await page.goto(`${plainUrl}?lang=en&pack=researcher&view=compare&compare=model:meditron-70b,model:llama-2-70b`);
    await expect(page.getByTestId('role')).toHaveText('researcher');
    await expect(page.getByTestId('compare-ancestor')).toContainText('Llama-2-70B');
    await expect(page.getByTestId('compare-evaluations').getByRole('table')).toBeVisible();
  });

  test('a researcher sees lineage but no outputs', async ({ page }) => {
    await page.goto(`${plainUrl}?lang=en&pack=researcher&node=model:meditron-70b`);
    await waitForGraph(page);
    await expect(page.getByTestId('role')).toHaveText('researcher');
    await expect(page.locator('.neighbour-group[data-relation="out:wasDerivedFrom"]')).toContainText('Llama-2-70B');
    await page.goto(`${plainUrl}?lang=en&pack=researcher&node=output:0011`);
    await expect(page.getByText('Node “output:0011” is not in this snapshot.').first()).toBeVisible();
  });

  test('a researcher’s pack shows the map of the models it holds, with the research similarity it carries', async ({ page }) => {
    await page.goto(`${plainUrl}?lang=en&pack=researcher&view=map`);
    await expect(page.getByTestId('map-table')).toBeVisible({ timeout: 60_000 });
    await expect(page.getByTestId('role')).toHaveText('researcher');
    await expect(page.getByTestId('model-map-canvas')).toHaveAttribute('aria-label', 'Map of 55 models placed by similarity');
    await expect(page.getByTestId('map-sources')).toContainText('Research similarity: ruh-probe:clinical-notes-ja-en-v1.');
    await page.getByTestId('map-filter').fill('Meditron-70B');
    await expect(page.locator('tr[data-model="model:meditron-70b"]').getByTestId('map-neighbours')).toContainText('Llama-2-70B');
  });

  test('an auditor sees people and access logs, PHI content only as hashes, and who built the pack', async ({ page }) => {
    await page.goto(`${plainUrl}?lang=en&pack=auditor&node=person:hanako-sato`);
    await waitForGraph(page);
    await expect(page.locator('#details-title')).toHaveText('Hanako Sato');
    await page.getByTestId('pack-badge').locator('summary').click();
    await expect(page.getByTestId('pack-badge')).toContainText('built by E2E pack builder');
    await page.goto(`${plainUrl}?lang=en&pack=auditor&node=output:phi-leak-2025-09-11`);
    await expect(page.locator('#details-title')).toHaveText(/^sha256:[0-9a-f]{64}$/);
    await expect(page.locator('.details')).not.toContainText('村田');
  });

  test('each role searches the literature index of its own pack, which leaves out what the role may not read', async ({ page }) => {
    const fetched: string[] = [];
    page.on('request', (r) => fetched.push(new URL(r.url()).pathname));
    await page.goto(`${plainUrl}?lang=en&pack=auditor&view=literature`);
    await expect(page.getByTestId('role')).toHaveText('auditor');
    await expect((await searchLiterature(page, 'incident report INC-2025-0412 patient identifiers')).filter({ hasText: INCIDENT_REPORT })).toHaveCount(1);
    // The incident report is restricted: a placeholder in the clinician's graph, and not in the clinician's literature.
    await page.goto(`${plainUrl}?lang=en&pack=clinician&view=literature`);
    await expect(page.getByTestId('role')).toHaveText('clinician');
    const titles = await searchLiterature(page, 'incident report INC-2025-0412 patient identifiers');
    await expect(titles.first()).toBeVisible();
    await expect(titles.filter({ hasText: INCIDENT_REPORT })).toHaveCount(0);
    await expect((await searchLiterature(page, 'anaphylaxis adrenaline intramuscular')).first()).toContainText(/anaphyla/i);
    const literature = fetched.filter((p) => /\/literature\//.test(p));
    expect(literature.some((p) => p.startsWith('/raireki/packs/clinician/literature/model/'))).toBe(true);
    // Never the shared index beside the app.
    expect(literature.filter((p) => !/^\/raireki\/packs\/(auditor|clinician)\/literature\//.test(p))).toEqual([]);
  });

  test('a literature file changed after signing is refused, naming the file, and the graph stays', async ({ page }) => {
    await page.goto(`${tamperedUrl}?lang=en&pack=auditor&view=literature`);
    await expect(page.getByTestId('role')).toHaveText('auditor');
    await expect(page.getByRole('alert').filter({ hasText: 'literature' })).toContainText(/literature\/docs\.json.*SHA-256/);
  });

  test('a pack built without literature says so in the Literature tab, and never falls back to the shared index', async ({ page }) => {
    const fetched: string[] = [];
    page.on('request', (r) => fetched.push(new URL(r.url()).pathname));
    await page.goto(`${withoutLiteratureUrl}?lang=en&pack=researcher&view=literature`);
    await expect(page.getByTestId('role')).toHaveText('researcher');
    await expect(page.getByTestId('literature-not-in-pack')).toContainText('built without a literature index');
    expect(fetched.filter((p) => /\/literature\/.+/.test(p))).toEqual([]);
  });

  test('a pack changed after signing is refused, naming the file', async ({ page }) => {
    await page.goto(`${tamperedUrl}?lang=en&pack=clinician`);
    const error = page.getByTestId('load-error');
    await expect(error).toContainText(/core\/graph\.bin.*SHA-256/);
    await expect(page.getByTestId('role')).toHaveCount(0);
  });

  test('an encrypted pack asks for the passphrase and refuses a wrong one', async ({ page }) => {
    await page.goto(`${encryptedUrl}?lang=en&pack=clinician`);
    const field = page.getByLabel('Passphrase');
    await field.fill('wrong passphrase');
    await page.getByRole('button', { name: 'Open', exact: true }).click();
    await expect(page.getByRole('alert').filter({ hasText: 'Wrong passphrase' })).toBeVisible();
    await field.fill(PASSPHRASE);
    await page.getByRole('button', { name: 'Open', exact: true }).click();
    await waitForGraph(page);
    await expect(page.getByTestId('role')).toHaveText('clinician');
    // Its literature index is encrypted too, and opens with the same key.
    await page.getByRole('tab', { name: 'Literature' }).click();
    await expect((await searchLiterature(page, 'metformin eGFR')).first()).toContainText(/metformin/i);
  });
});

test.describe('nginx with the shipped configuration', () => {
  test('serves each user their role\'s pack and refuses the others', async ({ browser }) => {
    // Over the shipped server's TLS (HTTP/2), with the harness's certificate for 127.0.0.1.
    const base = `${nginx!.tls!.url}/raireki/`;
    const tls = { ignoreHTTPSErrors: true };
    const clinician = await browser.newContext({ ...tls, httpCredentials: { username: 'hanako', password: 'clinician-pass' } });
    const page = await clinician.newPage();
    await page.goto(`${base}?lang=en&node=model:meditron-70b`);
    await waitForGraph(page);
    await expect(page.getByTestId('role')).toHaveText('clinician');
    expect(await page.evaluate(() => (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming).nextHopProtocol)).toBe('h2');
    expect((await page.request.get(`${base}packs/auditor/manifest.json`)).status()).toBe(403);
    expect((await page.request.get(`${base}packs/clinician/manifest.json`)).status()).toBe(200);
    expect((await page.request.get(`${base}snapshots/sample/manifest.json`)).status()).toBe(404);
    expect((await page.request.get(`${base}literature/sample/literature-manifest.json`)).status()).toBe(404);
    expect((await page.request.get(`${base}packs/auditor/literature/docs.json`)).status()).toBe(403);
    await page.getByRole('tab', { name: 'Literature' }).click();
    await expect((await searchLiterature(page, 'anaphylaxis adrenaline intramuscular')).first()).toContainText(/anaphyla/i);
    await page.goto(`${base}?lang=en&node=person:hanako-sato`);
    await expect(page.getByText('Node “person:hanako-sato” is not in this snapshot.').first()).toBeVisible();
    await clinician.close();

    const auditor = await browser.newContext({ ...tls, httpCredentials: { username: 'shuichi', password: 'auditor-pass' } });
    const auditorPage = await auditor.newPage();
    await auditorPage.goto(`${base}?lang=en&node=person:hanako-sato`);
    await waitForGraph(auditorPage);
    await expect(auditorPage.getByTestId('role')).toHaveText('auditor');
    await expect(auditorPage.locator('#details-title')).toHaveText('Hanako Sato');
    await auditor.close();

    const anonymous = await browser.newContext(tls);
    expect((await anonymous.request.get(`${base}packs/clinician/manifest.json`)).status()).toBe(401);
    await anonymous.close();

    const noRole = await browser.newContext({ ...tls, httpCredentials: { username: 'visitor', password: 'visitor-pass' } });
    const visitor = await noRole.newPage();
    await visitor.goto(`${base}?lang=en`);
    await expect(visitor.getByTestId('load-error')).toContainText('Your account has no role in Raireki');
    await noRole.close();
  });
});
