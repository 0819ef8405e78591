import { test, expect } from './fixtures.ts';

test.describe('model check page', () => {
  test('the browser computes the vectors the Node tools wrote, to 1e-4 (tiny BERT)', async ({ page }) => {
    await page.goto('model-check.html?model=models/tiny-bert/&golden=models/tiny-bert/golden.json');
    const status = page.getByTestId('status');
    await expect(status).toHaveAttribute('data-result', /match|mismatch|error/, { timeout: 60_000 });
    await expect(status).toHaveAttribute('data-result', 'match');
    const diff = Number(await page.getByTestId('max-diff').textContent());
    expect(diff).toBeLessThanOrEqual(1e-4);
    await expect(page.getByTestId('model')).toContainText('raireki-tiny-bert-random');
  });

  test('the default literature model loads and reports its latency', async ({ page }) => {
    await page.goto('model-check.html?model=literature/sample/model/');
    await expect(page.getByTestId('status')).toHaveAttribute('data-result', 'ok', { timeout: 60_000 });
    await expect(page.getByTestId('model')).toContainText('raireki-static-ngram-256');
    await expect(page.getByTestId('embed-ms')).toContainText(/p50 \d+\.\d+ ms/);
    await expect(page.getByTestId('isolated')).toHaveText('true');
  });

  test('a model folder that does not exist is reported, not crashed on', async ({ page }) => {
    await page.goto('model-check.html?model=models/nothing-here/');
    await expect(page.getByTestId('status')).toHaveAttribute('data-result', 'error', { timeout: 60_000 });
    await expect(page.getByTestId('status')).toContainText('raireki-model.json');
  });
});
