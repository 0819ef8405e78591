import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { test, expect, openApp, waitForGraph, detailsTitle, searchBox } from './fixtures.ts';


/** Files written for these tests (invented lineage of a ward's ETL and a safety review). */
const FILES = 'e2e/interop-files';
const file = (name: string, mimeType = 'application/json') => ({ name, mimeType, buffer: readFileSync(join(FILES, name)) });

interface DroppedFile {
  name: string;
  mimeType: string;
  buffer: Buffer;
}

/** Drops files on the page as a person dragging them from the desktop would. */
async function dropFiles(page: Page, files: DroppedFile[]): Promise<void> {
  const dataTransfer = await page.evaluateHandle(
    (list) => {
      const dt = new DataTransfer();
      for (const f of list) dt.items.add(new File([new Uint8Array(f.bytes)], f.name, { type: f.mimeType }));
      return dt;
    },
    files.map((f) => ({ name: f.name, mimeType: f.mimeType, bytes: [...f.buffer] })),
  );
  await page.dispatchEvent('.app', 'dragenter', { dataTransfer });
  await expect(page.getByTestId('drop-overlay')).toBeVisible();
  await page.dispatchEvent('.app', 'drop', { dataTransfer });
}

async function download(page: Page, click: () => Promise<void>): Promise<string> {
  const pending = page.waitForEvent('download');
  await click();
  const d = await pending;
  return readFileSync((await d.path())!, 'utf8');
}

test.describe('lineage in other formats', () => {
  test('an OpenLineage log and a PROV document dropped on the page open at once; a dataset leads to the runs that read it', async ({ page }) => {
    await openApp(page);
    await dropFiles(page, [file('ward7-etl.ndjson', 'application/x-ndjson'), file('safety-review.prov.json')]);
    const report = page.getByTestId('import-report');
    await expect(report).toContainText('OpenLineage: 1 files, 6 records');
    await expect(report).toContainText('W3C PROV-JSON: 1 files, 1 records');
    await waitForGraph(page);
    await expect(page.getByTestId('snapshot-title')).toContainText('Imported lineage');

    // From the de-identified notes to the run of the job that read them.
    await searchBox(page).fill('deid/discharge_notes');
    await page.getByRole('link', { name: /deid\/discharge_notes/ }).first().click();
    await expect(detailsTitle(page)).toContainText('deid/discharge_notes');
    const readers = page.locator('.neighbour-group[data-relation="in:used"]');
    await expect(readers).toContainText('ward7.build_instruction_set');
    await readers.getByRole('link').first().click();
    await expect(detailsTitle(page)).toContainText('ward7.build_instruction_set');
    await expect(page.locator('.details .kind-badge').first()).toContainText('Activity');
    // The run used the notes and made the instruction set; its job is one click away.
    await expect(page.locator('.neighbour-group[data-relation="out:used"]')).toContainText('deid/discharge_notes');
    await expect(page.locator('.neighbour-group[data-relation="in:wasGeneratedBy"]')).toContainText('sft/discharge_qa');

    // Column lineage of the de-identified notes is shown with its details.
    await searchBox(page).fill('deid/discharge_notes');
    await page.getByRole('link', { name: /deid\/discharge_notes/ }).first().click();
    await expect(page.getByTestId('column-lineage')).toContainText('text_deid');
    await expect(page.getByTestId('column-lineage')).toContainText('note_text');
    await expect(page.locator('dl.fields')).not.toContainText('columnLineage');

    // The PROV document's people and activities are there too.
    await searchBox(page).fill('Dr. Sato');
    await page.getByRole('link', { name: /Dr\. Sato/ }).first().click();
    await expect(detailsTitle(page)).toHaveText('Dr. Sato');
    await expect(page.locator('.neighbour-group[data-relation="in:wasAssociatedWith"]')).toContainText('November safety review');
  });

  test('what cannot be mapped is listed with file and line; the rest opens; junk alone keeps what was open', async ({ page }) => {
    await openApp(page);
    const title = await page.getByTestId('snapshot-title').textContent();
    // Junk only: refused with the file named, and the sample stays.
    await dropFiles(page, [{ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('not lineage') }]);
    await expect(page.getByTestId('load-error')).toContainText('notes.txt');
    await expect(page.getByTestId('snapshot-title')).toHaveText(title!);

    // A log whose third line is cut off: the other lines import, the bad line is named.
    const lines = readFileSync(join(FILES, 'ward7-etl.ndjson'), 'utf8').split('\n');
    lines[2] = lines[2]!.slice(0, 80);
    await dropFiles(page, [{ name: 'cut.ndjson', mimeType: 'application/x-ndjson', buffer: Buffer.from(lines.join('\n')) }]);
    const report = page.getByTestId('import-report');
    await expect(report).toContainText('OpenLineage: 1 files, 5 records');
    await report.getByRole('button', { name: 'Show problems' }).click();
    await expect(page.getByTestId('import-issues')).toContainText('cut.ndjson:3');
    await expect(page.getByTestId('import-issues')).toContainText('truncated');
    await waitForGraph(page);
  });

  test('an ML-BOM of Meditron-70B from the sample names Llama-2-70B and its training data', async ({ page }) => {
    await openApp(page, '?lang=en&node=model:meditron-70b');
    await expect(detailsTitle(page)).toHaveText('Meditron-70B');
    const text = await download(page, () => page.getByRole('button', { name: 'ML-BOM (CycloneDX)' }).click());
    const bom = JSON.parse(text) as { bomFormat: string; specVersion: string; metadata: { component: { name: string } }; components: { name: string; type: string }[] };
    expect(bom.bomFormat).toBe('CycloneDX');
    expect(bom.specVersion).toBe('1.6');
    expect(bom.metadata.component.name).toBe('Meditron-70B');
    const names = bom.components.map((c) => `${c.type}:${c.name}`);
    expect(names).toContain('machine-learning-model:Llama-2-70B');
    expect(names).toContain('data:GAP-Replay');
  });

  test('a PROV-JSON export of a model\'s upstream opens again as the same lineage', async ({ page }) => {
    await openApp(page, '?lang=en&node=model:meditron-70b');
    await expect(detailsTitle(page)).toHaveText('Meditron-70B');
    const text = await download(page, () => page.getByRole('button', { name: 'PROV-JSON (upstream)' }).click());
    const doc = JSON.parse(text) as { entity: Record<string, unknown>; activity: Record<string, unknown>; agent: Record<string, unknown> };
    const exported = Object.keys(doc.entity).length + Object.keys(doc.activity ?? {}).length + Object.keys(doc.agent ?? {}).length;
    await dropFiles(page, [{ name: 'meditron-upstream.prov.json', mimeType: 'application/json', buffer: Buffer.from(text) }]);
    await expect(page.getByTestId('import-report')).toContainText('W3C PROV-JSON: 1 files, 1 records');
    await expect(page.locator('.app-footer')).toContainText(`${exported} nodes`);
    await searchBox(page).fill('Meditron-70B');
    await page.getByRole('link', { name: /^M?\s*Meditron-70B$/ }).first().click();
    await expect(page.locator('.neighbour-group[data-relation="out:wasDerivedFrom"]')).toContainText('Llama-2-70B');
  });
});
