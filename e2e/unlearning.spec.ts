/**
 * The sample's unlearning story in the browser: the unlearned model's before/after panel
 * with its computed verdict, and impact analysis of the contaminated dataset marking which
 * models were unlearned and which were not.
 */
import { readFileSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import { test, expect, openApp } from './fixtures.ts';
import { parseCsv } from './read-csv.ts';

const UNLEARNED = 'model:ruh-med-72b-clinical-unlearned';
const CONTAMINATED = 'dataset:ruh-clinical-instructions-ja-v2';

test.describe('unlearning record', () => {
  test('the unlearned model shows a before/after panel with a computed verdict', async ({ page }) => {
    await openApp(page, `?lang=en&node=${UNLEARNED}`);
    const panel = page.getByTestId('unlearning-panel');
    await expect(panel.getByRole('heading', { name: 'Unlearning record' })).toBeVisible();
    const verdict = panel.getByTestId('unlearning-verdict');
    await expect(verdict).toHaveAttribute('data-outcome', 'forgotten');
    await expect(verdict).toContainText('FA fell from 94.6% to 61.8%, within 2 points of unseen data (60.9%)');
    await expect(verdict).toContainText('TA stayed within 2 points (76.3% → 75.9%)');
    const table = panel.getByRole('table', { name: 'Before and after' });
    await expect(table.getByRole('row', { name: /Membership-inference success/ })).toContainText('78.4%');
    await expect(table.getByRole('row', { name: /Leakage probe/ })).toContainText('3.4%');
    await expect(panel.getByRole('link', { name: /RUH clinical instruction set v2: PHI-contaminated records/ })).toBeVisible();
    // The record's own thresholds are explained next to it.
    await expect(panel).toContainText('The verdict is computed from the evaluations above');

    // In Japanese too.
    await page.getByLabel('Language').selectOption('ja');
    await expect(page.getByTestId('unlearning-verdict')).toContainText('忘却できている');
    const results = await new AxeBuilder({ page }).include('.details-panel').analyze();
    expect(results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([]);
  });

  test('impact of the contaminated dataset marks unlearned and not-remediated models, in the table and the CSV', async ({ page }) => {
    await page.goto(`?lang=en&node=${CONTAMINATED}&view=impact&ik=model`);
    const row = (name: string) => page.getByRole('row').filter({ has: page.getByRole('link', { name, exact: true }) });
    await expect(row('RUH-Med-72B-Clinical (PHI unlearned)')).toContainText('Unlearned');
    await expect(row('RUH-Med-72B-Clinical (unlearned, AWQ 4-bit)')).toContainText('From an unlearned model');
    await expect(row('RUH-Med-72B-Clinical (AWQ 4-bit)')).toContainText('Not remediated');

    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export CSV' }).click();
    const rows = parseCsv(readFileSync(await (await download).path(), 'utf8').replace(/^\ufeff/, ''));
    const status = new Map(rows.slice(1).map((r) => [r[2], r[8]]));
    expect(status.get(UNLEARNED)).toBe('unlearned');
    expect(status.get('model:ruh-med-72b-clinical-unlearned-awq-int4')).toBe('from-unlearned');
    expect(status.get('model:ruh-med-72b-clinical')).toBe('superseded');
    expect(status.get('model:ruh-discharge-summary-7b')).toBe('not-remediated');
  });
});
