import AxeBuilder from '@axe-core/playwright';
import { test, expect, openApp } from './fixtures.ts';
import type { Page } from '@playwright/test';

async function seriousViolations(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')})`);
}

for (const lang of ['en', 'ja'] as const) {
  test(`graph view has no serious accessibility violations (${lang})`, async ({ page }) => {
    await openApp(page, `?lang=${lang}&node=model:meditron-70b`);
    await page.getByRole('searchbox').fill('meditron');
    await expect(page.locator('.search-results')).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);
  });

  test(`graph view with "+N" groups, their list and the keyboard in the graph has no serious accessibility violations (${lang})`, async ({ page }) => {
    await openApp(page, `?lang=${lang}&node=model:ruh-med-72b-clinical-awq-int4&depth=2`);
    await page.locator('.drawn-list summary').click();
    await expect(page.locator('.more-list button').first()).toBeVisible();
    await page.locator('.toolbar button').last().focus();
    await page.keyboard.press('Tab');
    await expect(page.getByRole('tooltip')).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);
  });

  test(`literature view with a check has no serious accessibility violations (${lang})`, async ({ page }) => {
    await page.goto(`?lang=${lang}&view=literature&lq=metformin&check=output:hallucinated-metformin-dose`);
    await expect(page.locator('.check-sentences > li').first()).toBeVisible({ timeout: 60_000 });
    await expect(page.locator('.literature-hit').first()).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);
  });

  test(`impact view has no serious accessibility violations (${lang})`, async ({ page }) => {
    await page.goto(`?lang=${lang}&node=dataset:mimic-iii-notes&view=impact`);
    await expect(page.getByTestId('impact-count')).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);
  });
}

test('the main flow works from the keyboard', async ({ page }) => {
  await openApp(page, '?lang=en');
  await page.keyboard.press('/');
  await expect(page.getByRole('searchbox')).toBeFocused();
  await page.keyboard.type('GAP-Replay');
  await expect(page.locator('.search-results')).toBeVisible();
  await page.keyboard.press('Enter');
  await expect(page.locator('#details-title')).toHaveText('GAP-Replay');
});
