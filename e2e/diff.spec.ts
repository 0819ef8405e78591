/**
 * Snapshot diff in the browser: the sample (binary layout, as served) against a changed copy
 * (JSON, written here), with the expected changes counted from the files themselves.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { writeSnapshotDir } from '../cli/lib/snapshot-files.ts';
import { test, expect } from './fixtures.ts';
import { E2E_DIR, E2E_PRIVATE_KEY, E2E_PUBLIC_KEY } from './paths.ts';
import { startServer } from '../scripts/serve.ts';
import { readSampleGraph } from './sample-graph.ts';
import { parseCsv } from './read-csv.ts';

const COPY = join(E2E_DIR, 'diff-copy');
const DIFF_PACKS = join(E2E_DIR, 'diff-packs');
const PACK_PORT = 4197;
const ENCRYPTED_PORT = 4198;
const RENAMED = 'model:meditron-70b';
const NEW_ID = 'model:meditron-70b-v2';
const REMOVED = 'doc:arxiv-1810.04805';
const RECLASSIFIED = 'dataset:bookscorpus-enwiki';
const RELICENSED = 'model:llama-2-70b';

type Raw = ReturnType<typeof readSampleGraph>;
type RawNode = Raw['nodes'][number] & Record<string, unknown>;
type RawRelation = Raw['relations'][number] & { role?: string };

/** The "later" snapshot: one model renamed (with its old id as an alias), a dataset now PHI, a document removed, a licence changed, a relation's role changed, a new session and output. */
function writeChangedCopy(sample: Raw) {
  const touches = (r: RawRelation, id: string) => r.from === id || r.to === id;
  const roleChanged = (sample.relations as RawRelation[]).find((r) => r.role && !touches(r, RENAMED) && !touches(r, REMOVED))!;
  const nodes = (sample.nodes as RawNode[])
    .filter((n) => n.id !== REMOVED)
    .map((n): RawNode => {
      if (n.id === RENAMED) return { ...n, id: NEW_ID, aliases: [RENAMED] };
      if (n.id === RECLASSIFIED) return { ...n, classification: 'phi', containsPhi: true };
      if (n.id === RELICENSED) return { ...n, license: 'llama2-revised', attributes: { ...((n.attributes as object) ?? {}), note: '<b>bold</b> <img src=x onerror=alert(1)>' } };
      return n;
    });
  nodes.push(
    { id: 'activity:diff-e2e-session', kind: 'activity', subtype: 'inference', name: 'Diff test session', classification: 'internal' } as RawNode,
    { id: 'output:diff-e2e-answer', kind: 'output', name: 'Diff test answer', classification: 'internal', text: '<b>not HTML</b>' } as RawNode,
  );
  const relations = (sample.relations as RawRelation[])
    .filter((r) => !touches(r, REMOVED))
    .map((r) => {
      const moved = { ...r, from: r.from === RENAMED ? NEW_ID : r.from, ...(r.to !== undefined ? { to: r.to === RENAMED ? NEW_ID : r.to } : {}) };
      return r === roleChanged ? { ...moved, role: `${r.role} (revised)` } : moved;
    });
  relations.push({ type: 'used', from: 'activity:diff-e2e-session', to: NEW_ID, role: 'model' }, { type: 'wasGeneratedBy', from: 'output:diff-e2e-answer', to: 'activity:diff-e2e-session' });
  rmSync(COPY, { recursive: true, force: true });
  mkdirSync(COPY, { recursive: true });
  writeSnapshotDir(COPY, { id: 'sample-changed', title: { en: 'Changed sample' }, createdAt: '2026-05-01' }, [{ path: 'graph.json', nodes: nodes as never, relations: relations as never }]);
  const removedRelations = sample.relations.filter((r) => touches(r, REMOVED)).length;
  const renamedRelations = sample.relations.filter((r) => touches(r, RENAMED) && !touches(r, REMOVED)).length;
  return { removedRelations, changedRelations: renamedRelations + 1, totalRelations: sample.relations.length, totalNodes: sample.nodes.length };
}

async function compareWithCopy(page: Page, lang: 'en' | 'ja') {
  await page.goto(`?lang=${lang}&view=diff`);
  await expect(page.locator('.compare-form')).toBeVisible();
  await page.getByTestId('diff-files').setInputFiles([join(COPY, 'manifest.json'), join(COPY, 'graph.json')]);
  await expect(page.getByTestId('diff-summary')).toBeVisible();
}

async function seriousViolations(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')})`);
}

test.describe('snapshot diff', () => {
  let expected: ReturnType<typeof writeChangedCopy>;
  test.beforeAll(() => {
    expected = writeChangedCopy(readSampleGraph());
  });

  test('compares the sample with a changed copy: counts, renames, PHI, new outputs, kind filter and CSV', async ({ page }) => {
    await compareWithCopy(page, 'en');
    // The chosen copy is the earlier side at first; swap so that it is the later one.
    await expect(page.getByText('the open snapshot is the later')).toBeVisible();
    await page.getByRole('button', { name: 'Swap earlier and later' }).click();
    await expect(page.getByText('the open snapshot is the earlier')).toBeVisible();
    const { removedRelations, changedRelations, totalRelations, totalNodes } = expected;
    const summary = page.getByTestId('diff-summary');
    await expect(summary).toContainText(`Nodes: 2 added, 1 removed, 2 changed, 1 renamed, ${totalNodes - 4} unchanged`);
    await expect(summary).toContainText(`Relations: 2 added, ${removedRelations} removed, ${changedRelations} changed, ${totalRelations - removedRelations - changedRelations} unchanged`);
    await expect(page.getByTestId('diff-reclassified')).toContainText('BooksCorpus + English Wikipedia');
    await expect(page.getByTestId('diff-reclassified')).toContainText('now PHI');
    await expect(page.getByTestId('diff-new-outputs')).toHaveText('Meditron-70B: 1 new output(s)');

    const nodes = page.getByTestId('diff-nodes');
    const renamed = nodes.locator('tr[data-change="renamed"]');
    await expect(renamed).toContainText(`${NEW_ID} — was ${RENAMED} (recognised by its aliases)`);
    await expect(nodes.locator('tr[data-change="changed"]').filter({ hasText: 'Llama-2-70B' })).toContainText('license: llama2 → llama2-revised');
    // Snapshot text is text, never HTML.
    await expect(nodes.locator('tr[data-change="changed"]').filter({ hasText: 'Llama-2-70B' })).toContainText('attributes.note: (none) → <b>bold</b> <img src=x onerror=alert(1)>');
    await expect(page.locator('.diff b, .diff img')).toHaveCount(0);
    // A relation whose end was renamed is changed, with the end as its field.
    await expect(page.getByTestId('diff-relations').locator('tr[data-change="changed"]').filter({ hasText: `from: ${RENAMED} → ${NEW_ID}` }).first()).toBeVisible();

    // Only outputs.
    for (const kind of ['Dataset', 'Model', 'Activity', 'Evaluation', 'Prompt', 'Document', 'Agent', 'Job', 'Entity']) {
      await page.getByRole('checkbox', { name: new RegExp(`^${kind}( \\(|$)`) }).uncheck();
    }
    await expect(nodes.locator('tbody tr')).toHaveCount(1);
    await expect(nodes.locator('tbody tr')).toContainText('Diff test answer');
    await expect(page.getByTestId('diff-relations').locator('tbody tr')).toHaveCount(1);
    // The filter is in the link: after a reload, the copy chosen again is shown filtered (as
    // the earlier side again, so swap back).
    await expect(page).toHaveURL(/dk=output(&|$)/);
    await page.reload();
    await page.getByTestId('diff-files').setInputFiles([join(COPY, 'manifest.json'), join(COPY, 'graph.json')]);
    await page.getByRole('button', { name: 'Swap earlier and later' }).click();
    await expect(page.getByText('the open snapshot is the earlier')).toBeVisible();
    await expect(nodes.locator('tbody tr')).toHaveCount(1);
    await expect(nodes.locator('tbody tr')).toContainText('Diff test answer');
    await expect(page.getByRole('checkbox', { name: /^Dataset( \(|$)/ })).not.toBeChecked();

    // Everything, as CSV.
    for (const kind of ['Dataset', 'Model', 'Activity', 'Evaluation', 'Prompt', 'Document', 'Agent', 'Job', 'Entity']) {
      await page.getByRole('checkbox', { name: new RegExp(`^${kind}( \\(|$)`) }).check();
    }
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export CSV' }).click();
    const rows = parseCsv(readFileSync(await (await download).path(), 'utf8').replace(/^\ufeff/, ''));
    expect(rows[0]).toEqual(['item', 'change', 'kind', 'id', 'name', 'relation', 'from', 'to', 'field', 'before', 'after', 'previous_id', 'renamed_by']);
    expect(rows).toContainEqual(['node', 'renamed', 'model', NEW_ID, 'Meditron-70B', '', '', '', 'id', RENAMED, NEW_ID, RENAMED, 'alias']);
    expect(rows).toContainEqual(['node', 'changed', 'dataset', RECLASSIFIED, 'BooksCorpus + English Wikipedia', '', '', '', 'classification', 'public', 'phi', '', '']);
    expect(rows).toContainEqual(['node', 'removed', 'document', REMOVED, expect.any(String), '', '', '', '', '', '', '', '']);
    expect(rows.filter((r) => r[0] === 'relation' && r[1] === 'removed')).toHaveLength(removedRelations);
  });

  test('works from the keyboard: an address on this site, compared on Enter', async ({ page }) => {
    await page.goto('?lang=en&view=diff');
    const field = page.getByLabel('Earlier snapshot: address of its manifest.json on this site');
    await field.focus();
    await page.keyboard.type('snapshots/sample/manifest.json');
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('diff-summary')).toContainText(`Nodes: 0 added, 0 removed, 0 changed, 0 renamed, ${expected.totalNodes} unchanged`);
    // The link restores the comparison.
    await expect(page).toHaveURL(/cmp=snapshots%2Fsample%2Fmanifest.json/);
    await page.reload();
    await expect(page.getByTestId('diff-summary')).toContainText(`${expected.totalNodes} unchanged`);
    await field.focus();
    await page.keyboard.press('Tab');
    await expect(page.getByRole('button', { name: 'Compare' })).toBeFocused();
    // Another origin is refused before any request is made.
    await field.fill('http://192.0.2.1/snapshot/manifest.json');
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('diff-error')).toContainText('only snapshots from this site can be opened');
  });

  for (const lang of ['en', 'ja'] as const) {
    test(`diff view has no serious accessibility violations (${lang})`, async ({ page }) => {
      await compareWithCopy(page, lang);
      await expect(page.getByTestId('diff-nodes')).toBeVisible();
      expect(await seriousViolations(page)).toEqual([]);
    });
  }
});

function packCli(snapshot: string, out: string, extra: string[] = []): void {
  const r = spawnSync('npx', ['tsx', 'cli/pack.ts', '--policy', 'policy/default-policy.json', '--snapshot', snapshot, '--key', E2E_PRIVATE_KEY, '--out', out, ...extra], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`pack CLI failed: ${r.stderr}`);
}

/**
 * Packs of the sample (earlier) and of the changed copy (later) in `dir`, served from `port`:
 * the earlier packs as packs/<role>/, the later pack of `role` beside them as
 * packs/<role>-later/. Returns the server and the app's address on it.
 */
async function servePackPair(dir: string, port: number, role: string, extra: string[] = []): Promise<{ server: Server; base: string }> {
  if (!existsSync(E2E_PRIVATE_KEY)) throw new Error(`${E2E_PRIVATE_KEY} is missing: run the browser tests through \`npm test\`, which creates the key and builds the app with it`);
  writeChangedCopy(readSampleGraph());
  packCli('public/snapshots/sample', join(dir, 'earlier'), extra);
  packCli(COPY, join(dir, 'later'), extra);
  cpSync(join(dir, 'earlier'), join(dir, 'served'), { recursive: true });
  cpSync(join(dir, 'later', role), join(dir, 'served', `${role}-later`), { recursive: true });
  const server = await startServer({ dir: 'dist', base: '/raireki/', port, host: '127.0.0.1', mounts: [{ prefix: 'packs', dir: join(dir, 'served') }] });
  return { server, base: `http://127.0.0.1:${port}/raireki/` };
}

test.describe('snapshot diff of role packs', () => {
  let server: Server | null = null;
  let base = '';
  test.beforeAll(async () => {
    rmSync(DIFF_PACKS, { recursive: true, force: true });
    ({ server, base } = await servePackPair(DIFF_PACKS, PACK_PORT, 'researcher'));
  });
  test.afterAll(() => void server?.close());

  test('a researcher compares two researcher packs (only what they hold), and no pack of another role', async ({ page }) => {
    await page.goto(`${base}?lang=en&pack=researcher&view=diff`);
    await expect(page.getByText('Compare this researcher pack with another pack of the same role.')).toBeVisible();
    await expect(page.getByTestId('diff-files')).toHaveCount(0);
    const field = page.getByLabel('Earlier pack of this role: address of its folder on this site');
    await field.fill('packs/researcher-later/');
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('diff-summary')).toBeVisible();
    // The same result as the command line on the same two packs.
    const cli = spawnSync('npx', ['tsx', 'cli/diff.ts', join(DIFF_PACKS, 'later', 'researcher'), join(DIFF_PACKS, 'earlier', 'researcher'), '--public-key', E2E_PUBLIC_KEY, '--json'], { encoding: 'utf8' });
    expect(cli.status, cli.stderr).toBe(0);
    const diff = JSON.parse(cli.stdout) as { nodes: { change: string; node: { id: string; kind: string } }[]; relations: { change: string }[] };
    const count = (items: { change: string }[], c: string) => items.filter((x) => x.change === c).length;
    await expect(page.getByTestId('diff-summary')).toContainText(
      `Nodes: ${count(diff.nodes, 'added')} added, ${count(diff.nodes, 'removed')} removed, ${count(diff.nodes, 'changed')} changed, ${count(diff.nodes, 'renamed')} renamed`,
    );
    await expect(page.getByTestId('diff-summary')).toContainText(`Relations: ${count(diff.relations, 'added')} added, ${count(diff.relations, 'removed')} removed, ${count(diff.relations, 'changed')} changed`);
    // A researcher's pack holds no outputs: the new answer is in neither the diff nor the page.
    expect(diff.nodes.some((n) => n.node.kind === 'output')).toBe(false);
    await expect(page.getByTestId('diff-nodes')).not.toContainText('Diff test answer');
    await expect(page.getByTestId('diff-new-outputs')).toHaveCount(0);
    await expect(page.getByTestId('diff-nodes').locator('tr[data-change="renamed"]')).toContainText(NEW_ID);
    // Another role's pack is refused.
    await field.fill('packs/clinician/');
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('diff-error')).toContainText(/is the "clinician" role's pack and .* the "researcher" role's: only packs of one role can be compared/);
  });
});

test.describe('snapshot diff of encrypted packs', () => {
  let server: Server | null = null;
  let base = '';
  const passphrase = 'diff passphrase 来歴';
  test.beforeAll(async () => {
    const dir = join(E2E_DIR, 'diff-packs-encrypted');
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'clinician.pass'), passphrase);
    ({ server, base } = await servePackPair(dir, ENCRYPTED_PORT, 'clinician', ['--role', 'clinician', '--encrypt', `clinician=${join(dir, 'clinician.pass')}`]));
  });
  test.afterAll(() => void server?.close());

  test('the other encrypted pack asks for its passphrase, refuses a wrong one, then compares', async ({ page }) => {
    await page.goto(`${base}?lang=en&pack=clinician&view=diff`);
    await page.getByLabel('Passphrase').fill(passphrase);
    await page.getByRole('button', { name: 'Open', exact: true }).click();
    const field = page.getByLabel('Earlier pack of this role: address of its folder on this site');
    await field.fill('packs/clinician-later/');
    await page.keyboard.press('Enter');
    const form = page.locator('form.passphrase');
    await expect(form).toContainText('The clinician pack to compare with (packs/clinician-later/) is encrypted');
    await form.getByLabel('Passphrase').fill('wrong passphrase');
    await form.getByRole('button', { name: 'Open', exact: true }).click();
    await expect(form.getByRole('alert')).toContainText('Wrong passphrase');
    await expect(page.getByTestId('diff-summary')).toHaveCount(0);
    await form.getByLabel('Passphrase').fill(passphrase);
    await form.getByRole('button', { name: 'Open', exact: true }).click();
    await expect(page.getByTestId('diff-summary')).toContainText(/Nodes: \d+ added, \d+ removed, [1-9]\d* changed/);
    await expect(form).toHaveCount(0);
    // The clinician's pack holds outputs: the new answer shows (as removed: the copy is the earlier side).
    await expect(page.getByTestId('diff-nodes')).toContainText('Diff test answer');
  });
});
