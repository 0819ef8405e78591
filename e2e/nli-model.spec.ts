/**
 * The NLI model path in the browser: the generated tiny NLI cross-encoder
 * (fixtures/models/tiny-nli) loaded by the app's own worker code on the model check page,
 * and its probabilities compared with those the Node tools wrote (golden.json).
 */
import type { Page } from '@playwright/test';
import { test, expect } from './fixtures.ts';
import { CHROMIUM_ARGS, findChromium } from '../scripts/system-programs.ts';

const TINY_NLI = 'model-check.html?model=models/tiny-nli/&golden=models/tiny-nli/golden.json';

function rows(page: Page): Promise<string> {
  return page.locator('#results dt').evaluateAll((dts) => dts.map((dt) => `  ${dt.textContent}: ${dt.nextElementSibling?.textContent}`).join('\n'));
}

test.describe('NLI model in the browser', () => {
  test('the browser computes the probabilities the Node tools wrote, to 1e-4 (tiny NLI)', async ({ page, foreignRequests, pageErrors }) => {
    await page.goto(TINY_NLI);
    const status = page.getByTestId('status');
    await expect(status).toHaveAttribute('data-result', /match|mismatch|error/, { timeout: 60_000 });
    await expect(status).toHaveAttribute('data-result', 'match');
    await expect(status).toContainText('golden probabilities');
    const diff = Number(await page.getByTestId('max-diff').textContent());
    expect(diff).toBeLessThanOrEqual(1e-4);
    const model = page.getByTestId('model');
    await expect(model).toHaveAttribute('data-task', 'nli');
    // The fixture's own label order (nli-deberta-v3's), read from its raireki-model.json.
    await expect(model).toHaveText('raireki-tiny-nli-random (NLI; outputs contradiction, entailment, neutral)');
    await expect(page.getByTestId('backend')).toHaveAttribute('data-value', 'wasm');
    await expect(page.getByTestId('embed-ms')).toContainText(/p50 \d+\.\d+ ms/);
    console.log(`tiny NLI in Chromium (largest difference from Node: ${diff}):\n${await rows(page)}`);
    expect(foreignRequests).toEqual([]);
    expect(pageErrors).toEqual([]);
  });

  test('an NLI model checked against golden vectors is an error, not a match', async ({ page }) => {
    await page.goto('model-check.html?model=models/tiny-nli/&golden=models/tiny-bert/golden.json');
    const status = page.getByTestId('status');
    await expect(status).toHaveAttribute('data-result', 'error', { timeout: 60_000 });
    await expect(status).toContainText('holds vectors, but raireki-tiny-nli-random is an NLI model');
  });

  test('an NLI model runs without golden values too (the page\'s own pairs)', async ({ page }) => {
    await page.goto('model-check.html?model=models/tiny-nli/&threads=1&backend=wasm');
    await expect(page.getByTestId('status')).toHaveAttribute('data-result', 'ok', { timeout: 60_000 });
    await expect(page.getByTestId('model')).toHaveAttribute('data-task', 'nli');
    await expect(page.getByText('Pair classification (one pair, wasm)')).toBeVisible();
  });
});

// As in model-check.spec.ts: WebGPU only behind a flag here, on SwiftShader, in a browser of
// its own; the fixture's checks (other origins, page errors) are repeated by hand.
test.describe('NLI model on WebGPU (software adapter)', () => {
  test.setTimeout(180_000);

  test('WebGPU computes the golden probabilities (tiny NLI, backend=webgpu)', async ({ playwright, baseURL }) => {
    const browser = await playwright.chromium.launch({ executablePath: findChromium() ?? undefined, args: [...CHROMIUM_ARGS, '--enable-unsafe-webgpu'] });
    try {
      const page = await browser.newPage({ baseURL: baseURL! });
      const foreign: string[] = [];
      const errors: string[] = [];
      page.on('request', (r) => {
        if (!/^(data|blob):/.test(r.url()) && new URL(r.url()).origin !== new URL(baseURL!).origin) foreign.push(r.url());
      });
      page.on('pageerror', (e) => errors.push(e.message));
      await page.goto(`${TINY_NLI}&backend=webgpu`);
      const status = page.getByTestId('status');
      await expect(status).toHaveAttribute('data-result', /match|mismatch|error/, { timeout: 150_000 });
      await expect(status).toHaveAttribute('data-result', 'match');
      await expect(page.getByTestId('backend')).toHaveAttribute('data-value', 'webgpu');
      console.log(`tiny NLI on WebGPU (SwiftShader):\n${await rows(page)}`);
      expect(foreign, 'requests that left the page origin').toEqual([]);
      expect(errors, 'uncaught errors in the page').toEqual([]);
    } finally {
      await browser.close();
    }
  });
});
