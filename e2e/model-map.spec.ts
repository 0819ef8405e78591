/**
 * The map view (issue 12, item 1): every model of the sample on a canvas, its table with
 * nearest neighbours, click-through to lineage, keyboard, comparison selection, colours.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { test, expect, detailsTitle, waitForGraph } from './fixtures.ts';

async function openMap(page: Page, query = '?lang=en&view=map') {
  await page.goto(query);
  await expect(page.getByTestId('map-table')).toBeVisible({ timeout: 60_000 });
}

function row(page: Page, id: string) {
  return page.locator(`[data-testid="map-table"] tr[data-model="${id}"]`);
}

test('Meditron-70B sits next to its family: its nearest neighbours are its base model and siblings', async ({ page }) => {
  await openMap(page);
  await expect(page.getByTestId('model-map-canvas')).toHaveAttribute('aria-label', 'Map of 55 models placed by similarity');
  await page.getByTestId('map-filter').fill('Meditron-70B');
  const neighbours = row(page, 'model:meditron-70b').getByTestId('map-neighbours').getByRole('listitem');
  await expect(neighbours).toHaveCount(5);
  const names = await neighbours.allTextContents();
  // Its base model, its quantised copy and the other fine-tunes of Llama-2-70B; no model of another family.
  expect(names).toContain('Llama-2-70B');
  expect(names).toContain('meditron-70B-GGUF (Q4_K_M)');
  expect(names.some((n) => n === 'Med42-70B' || n === 'Clinical Camel 70B')).toBe(true);
  expect(names).not.toContain('Qwen2.5-72B');
});

interface MapPoint {
  id: string;
  family: string;
  x: number;
  y: number;
}

/** The points as drawn, read through the page's test hook (installed only when asked for before load). */
async function mapPoints(page: Page): Promise<MapPoint[]> {
  return page.evaluate(() => (window as unknown as { __rairekiMap: () => { points: MapPoint[] } }).__rairekiMap().points);
}

test.describe('on the canvas', () => {
  test.beforeEach(async ({ page }) => {
    await page.addInitScript(() => {
      (window as unknown as { __RAIREKI_TEST_HOOKS__: boolean }).__RAIREKI_TEST_HOOKS__ = true;
    });
  });

  test('Meditron-70B is drawn among its family, and clicking its point opens its lineage', async ({ page }) => {
    await openMap(page);
    const points = await mapPoints(page);
    expect(points).toHaveLength(55);
    const meditron = points.find((p) => p.id === 'model:meditron-70b')!;
    expect(meditron.family).toBe('model:llama-2-70b');
    const nearest = points
      .filter((p) => p !== meditron)
      .sort((a, b) => Math.hypot(a.x - meditron.x, a.y - meditron.y) - Math.hypot(b.x - meditron.x, b.y - meditron.y))
      .slice(0, 4);
    // The other four of the Llama-2-70B family (base, GGUF copy, Med42, Clinical Camel) are its nearest points.
    expect(nearest.filter((p) => p.family === 'model:llama-2-70b').length).toBeGreaterThanOrEqual(3);

    const box = (await page.getByTestId('model-map-canvas').boundingBox())!;
    await page.mouse.move(box.x + meditron.x, box.y + meditron.y);
    await expect(page.getByTestId('map-tip')).toContainText('Meditron-70B');
    await expect(page.getByTestId('map-tip')).toContainText('family: Llama-2-70B');
    // Shift-click chooses it for comparison; a plain click opens its lineage.
    await page.keyboard.down('Shift');
    await page.mouse.click(box.x + meditron.x, box.y + meditron.y);
    await page.keyboard.up('Shift');
    await expect(page.getByTestId('map-selected')).toHaveText(/Meditron-70B/);
    await page.mouse.click(box.x + meditron.x, box.y + meditron.y);
    await waitForGraph(page);
    await expect(page).toHaveURL(/node=model%3Ameditron-70b/);
    await expect(detailsTitle(page)).toHaveText('Meditron-70B');
  });
});

test('a model of the table opens its lineage in the explorer', async ({ page }) => {
  await openMap(page);
  await page.getByTestId('map-filter').fill('Meditron-70B');
  await row(page, 'model:meditron-70b').getByRole('rowheader').getByRole('link', { name: 'Meditron-70B' }).click();
  await waitForGraph(page);
  await expect(page).toHaveURL(/node=model%3Ameditron-70b/);
  await expect(page.getByRole('tab', { name: 'Graph' })).toHaveAttribute('aria-selected', 'true');
  await expect(detailsTitle(page)).toHaveText('Meditron-70B');
  await page.goBack();
  await expect(page.getByTestId('map-table')).toBeVisible();
});

test('the keyboard moves between points, shows the model as text and opens its lineage', async ({ page }) => {
  await openMap(page);
  const canvas = page.getByTestId('model-map-canvas');
  await canvas.focus();
  const status = page.getByTestId('map-focus-status');
  await expect(status).not.toBeEmpty();
  const first = await status.textContent();
  await expect(page.getByTestId('map-tip')).toBeVisible();
  for (const key of ['ArrowRight', 'ArrowDown', 'ArrowLeft', 'ArrowUp']) {
    await page.keyboard.press(key);
    if ((await status.textContent()) !== first) break;
  }
  const moved = (await status.textContent())!;
  expect(moved).not.toBe(first);
  // The focused model is the table's current row.
  const current = page.locator('[data-testid="map-table"] tr[aria-current="true"]');
  const id = await current.getAttribute('data-model');
  expect(moved.startsWith((await current.getByRole('rowheader').textContent())!)).toBe(true);
  await page.keyboard.press('Enter');
  await waitForGraph(page);
  await expect(page).toHaveURL(new RegExp(`node=${encodeURIComponent(id!).replace(/[.]/g, '\\.')}`));
});

test('two models chosen in the table give the comparison link, which opens the comparison; Space on a point adds one', async ({ page }) => {
  await openMap(page);
  await page.getByRole('checkbox', { name: 'Compare Meditron-70B', exact: true }).check();
  await expect(page.getByTestId('map-compare')).toHaveCount(0);
  await page.getByRole('checkbox', { name: 'Compare Llama-2-70B', exact: true }).check();
  const compare = page.getByTestId('map-compare');
  await expect(compare).toHaveText('Compare these 2 models');
  await expect(compare).toHaveAttribute('href', /compare=model%3Ameditron-70b%2Cmodel%3Allama-2-70b/);
  await page.getByTestId('model-map-canvas').focus();
  await page.keyboard.press('Space');
  await expect(page.getByTestId('map-selected').getByRole('listitem')).toHaveCount(3);
  await compare.click();
  await expect(page).toHaveURL(/compare=model%3Ameditron-70b%2Cmodel%3Allama-2-70b%2C/);
  // The link opens the comparison of the chosen models.
  await expect(page).toHaveURL(/view=compare/);
  await expect(page.getByTestId('compare-ancestor')).toBeVisible();
  for (const name of ['Meditron-70B', 'Llama-2-70B']) await expect(page.locator('.chosen')).toContainText(name);
  await expect(page.locator('.chosen li')).toHaveCount(3);
});

test('a lasso around the whole map takes at most five models and says so', async ({ page }) => {
  await openMap(page);
  const box = (await page.getByTestId('model-map-canvas').boundingBox())!;
  await page.mouse.move(box.x + 2, box.y + 2);
  await page.mouse.down();
  for (const [fx, fy] of [[0.5, 0.01], [0.99, 0.01], [0.99, 0.99], [0.01, 0.99], [0.01, 0.5]] as const) {
    await page.mouse.move(box.x + fx * box.width, box.y + fy * box.height, { steps: 4 });
  }
  await page.mouse.up();
  await expect(page.getByTestId('map-selected').getByRole('listitem')).toHaveCount(5);
  await expect(page.getByText('The lasso held 55 new models; a comparison takes at most 5, so only the first were added.')).toBeVisible();
  await expect(page.getByTestId('map-compare')).toHaveText('Compare these 5 models');
});

test('colour by a benchmark score: legend with the range, score column, kept in the link; the table sorts', async ({ page }) => {
  await openMap(page);
  await page.getByTestId('map-colour').selectOption('score:MedQA · accuracy');
  await expect(page).toHaveURL(/mc=score%3AMedQA/);
  const legend = page.getByTestId('map-legend');
  await expect(legend).toContainText('from 47.9 (dark) to 64.4 (light)');
  await expect(legend).toContainText(/no score on this benchmark \(\d+\)/);
  const header = page.getByRole('columnheader', { name: 'MedQA · accuracy' });
  await header.getByRole('button').click();
  await header.getByRole('button').click();
  await expect(header).toHaveAttribute('aria-sort', 'descending');
  await expect(page.locator('[data-testid="map-table"] tbody tr').first()).toHaveAttribute('data-model', 'model:meditron-70b');
  await page.reload();
  await expect(page.getByTestId('map-colour')).toHaveValue('score:MedQA · accuracy');
});

test('names from the snapshot are shown as text, never as HTML', async ({ page }) => {
  await openMap(page, '?lang=en&view=map&snapshot=e2e-snapshots/valid/manifest.json');
  await expect(row(page, 'model').getByRole('rowheader')).toHaveText('Tiny model <b>bold</b>');
  await expect(page.locator('[data-testid="map-table"] b')).toHaveCount(0);
});

for (const lang of ['en', 'ja'] as const) {
  test(`the map has no serious accessibility violations (${lang})`, async ({ page }) => {
    await openMap(page, `?lang=${lang}&view=map`);
    await page.getByTestId('model-map-canvas').focus();
    await expect(page.getByTestId('map-tip')).toBeVisible();
    if (lang === 'ja') await expect(page.getByRole('tab', { name: 'マップ' })).toHaveAttribute('aria-selected', 'true');
    const results = await new AxeBuilder({ page }).analyze();
    const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`);
    expect(serious).toEqual([]);
    await page.screenshot({ path: `.tmp/e2e/model-map-${lang}.png`, fullPage: false });
  });
}
