/**
 * The literature benchmark page (literature-bench.html) on the built-in sample pack: it
 * runs the app's search code to the end and reports finite figures and hits. A functional
 * check only: timings on a shared test machine are not asserted.
 */
import { test, expect } from './fixtures.ts';
import type { Locator } from '@playwright/test';

const FIGURE = /^p50 (\d+\.\d+) ms, p95 (\d+\.\d+) ms over (\d+) searches$/;

async function percentiles(cell: Locator): Promise<{ p50: number; p95: number; n: number }> {
  await expect(cell).toHaveText(FIGURE);
  const [, p50, p95, n] = FIGURE.exec((await cell.textContent()) ?? '')!;
  return { p50: Number(p50), p95: Number(p95), n: Number(n) };
}

test.describe('literature benchmark page', () => {
  test('searches the sample pack keyword-only and hybrid and reports figures and hits', async ({ page, foreignRequests, pageErrors }) => {
    await page.goto('literature-bench.html?pack=literature/sample/&rounds=1');
    const status = page.getByTestId('status');
    await expect(status).toHaveAttribute('data-result', /ok|no-model|error/, { timeout: 60_000 });
    await expect(status).toHaveAttribute('data-result', 'ok');
    await expect(page.getByTestId('docs')).toHaveText('320');
    await expect(page.getByTestId('model')).toContainText('raireki-static-ngram-256');
    await expect(page.getByTestId('open-ms')).toHaveText(/^\d+ ms$/);
    await expect(page.getByTestId('isolated')).toHaveText('true');

    for (const id of ['keyword-search-ms', 'hybrid-embed-ms', 'hybrid-search-ms']) {
      const p = await percentiles(page.getByTestId(id));
      expect(p.n, id).toBeGreaterThan(0);
      expect(p.p95, id).toBeGreaterThanOrEqual(p.p50);
    }

    // Every query finds documents in both modes, and the first hits are on topic.
    const hits = /^(\d+) \/ (\d+) of (\d+)$/.exec((await page.getByTestId('hits').textContent()) ?? '');
    expect(hits).not.toBeNull();
    const [, keyword, hybrid, of] = hits!.map(Number);
    expect(of).toBeGreaterThan(0);
    expect([keyword, hybrid]).toEqual([of, of]);
    const rows = page.getByTestId('query-row');
    await expect(rows).toHaveCount(of!);
    await expect(rows.filter({ hasText: 'メトホルミン 腎機能' }).locator('td').last()).toContainText('メトホルミン');
    await expect(rows.filter({ hasText: 'anaphylaxis intramuscular adrenaline' }).locator('td').last()).toContainText(/anaphyla/i);

    // The figures a benchmark reads: the User Timing mark's detail, every number finite.
    const numbers = await page.evaluate(() => {
      const mark = performance.getEntriesByName('raireki:literature-bench')[0] as PerformanceMark | undefined;
      const d = mark?.detail as { openMs: number; modelLoadMs: number; keyword: { raw: Record<string, number[]> }; hybrid: { raw: Record<string, number[]> } } | undefined;
      if (!d) return null;
      return [d.openMs, d.modelLoadMs, ...Object.values(d.keyword.raw).flat(), ...Object.values(d.hybrid.raw).flat()];
    });
    expect(numbers).not.toBeNull();
    expect(numbers!.length).toBeGreaterThan(2);
    for (const n of numbers!) expect(Number.isFinite(n) && n >= 0, String(n)).toBe(true);
    // Model, runtime and pack all come from this origin.
    expect(foreignRequests).toEqual([]);
    expect(pageErrors).toEqual([]);
  });

  test('a pack that does not exist is reported, not crashed on', async ({ page }) => {
    await page.goto('literature-bench.html?pack=literature/nothing-here/');
    await expect(page.getByTestId('status')).toHaveAttribute('data-result', 'error', { timeout: 60_000 });
    await expect(page.getByTestId('status')).toContainText('literature-manifest.json');
  });
});
