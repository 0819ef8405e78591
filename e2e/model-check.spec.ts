import type { BrowserType, Page } from '@playwright/test';
import { test, expect } from './fixtures.ts';
import { CHROMIUM_ARGS, findChromium } from '../scripts/system-programs.ts';

const TINY_BERT = 'model-check.html?model=models/tiny-bert/&golden=models/tiny-bert/golden.json';

/** Workers that onnxruntime-web starts for its thread pool (from its own .mjs). */
function ortThreadWorkers(page: Page): string[] {
  const urls: string[] = [];
  page.on('worker', (w) => {
    if (/ort-wasm-simd-threaded[^/]*\.mjs$/.test(w.url())) urls.push(w.url());
  });
  return urls;
}

/** Names of the files of onnxruntime-web the page (and its workers) fetched. */
function ortFiles(page: Page): string[] {
  const names: string[] = [];
  page.on('request', (r) => {
    const name = new URL(r.url()).pathname.split('/').pop()!;
    if (/^ort[.-]/.test(name)) names.push(name);
  });
  return names;
}

/** The page's figures, printed by the tests (measured, never asserted as time limits). */
function rows(page: Page): Promise<string> {
  return page.locator('#results dt').evaluateAll((dts) => dts.map((dt) => `  ${dt.textContent}: ${dt.nextElementSibling?.textContent}`).join('\n'));
}

test.describe('model check page', () => {
  test('the browser computes the vectors the Node tools wrote, to 1e-4 (tiny BERT)', async ({ page, foreignRequests, pageErrors }) => {
    await page.goto(TINY_BERT);
    const status = page.getByTestId('status');
    await expect(status).toHaveAttribute('data-result', /match|mismatch|error/, { timeout: 60_000 });
    await expect(status).toHaveAttribute('data-result', 'match');
    const diff = Number(await page.getByTestId('max-diff').textContent());
    expect(diff).toBeLessThanOrEqual(1e-4);
    await expect(page.getByTestId('model')).toContainText('raireki-tiny-bert-random');
    await expect(page.getByTestId('backend')).toHaveAttribute('data-value', 'wasm');
    console.log(`tiny BERT in Chromium:\n${await rows(page)}`);
    expect(foreignRequests).toEqual([]);
    expect(pageErrors).toEqual([]);
  });

  test('the default literature model runs on WASM threads (the page is isolated), from this origin only', async ({ page, foreignRequests, pageErrors }) => {
    const threadWorkers = ortThreadWorkers(page);
    const ort = ortFiles(page);
    await page.goto('model-check.html?model=literature/sample/model/');
    await expect(page.getByTestId('status')).toHaveAttribute('data-result', 'ok', { timeout: 60_000 });
    await expect(page.getByTestId('model')).toContainText('raireki-static-ngram-256');
    await expect(page.getByTestId('embed-ms')).toContainText(/p50 \d+\.\d+ ms/);
    await expect(page.getByTestId('isolated')).toHaveText('true');

    // Without a WebGPU adapter (Chromium's default here) the backend is WASM, and the page says why.
    const backend = page.getByTestId('backend');
    await expect(backend).toHaveAttribute('data-value', 'wasm');
    await expect(backend).toContainText('WebGPU not used: WebGPU gave no adapter');
    // ...and only ORT's WASM-only build was fetched: the WebGPU build waits for an adapter.
    expect(ort.filter((n) => n.endsWith('.wasm'))).toEqual([expect.stringMatching(/^ort-wasm-simd-threaded-[\w-]+\.wasm$/)]);
    expect(ort.filter((n) => /jsep|asyncify|webgpu/.test(n))).toEqual([]);

    // The threads ORT runs with (read back from ORT after it started): one per core, at
    // most 4, so more than one on any machine with two cores.
    const cores = await page.evaluate(() => navigator.hardwareConcurrency);
    const threads = Number(await page.getByTestId('threads').getAttribute('data-value'));
    expect(threads).toBe(Math.min(4, cores));
    if (cores > 1) expect(threads).toBeGreaterThan(1);
    // ...and they really run: ORT's pool is threads − 1 workers, started from our own .mjs.
    await expect.poll(() => threadWorkers.length).toBe(threads - 1);
    for (const url of threadWorkers) expect(new URL(url).origin).toBe(new URL(page.url()).origin);
    console.log(`default model in Chromium:\n${await rows(page)}`);
    expect(foreignRequests).toEqual([]);
    expect(pageErrors).toEqual([]);
  });

  test('one thread when asked for one: no pool workers are started', async ({ page }) => {
    const threadWorkers = ortThreadWorkers(page);
    await page.goto('model-check.html?model=literature/sample/model/&threads=1&backend=wasm');
    await expect(page.getByTestId('status')).toHaveAttribute('data-result', 'ok', { timeout: 60_000 });
    await expect(page.getByTestId('threads')).toHaveAttribute('data-value', '1');
    await expect(page.getByTestId('backend')).toHaveText('wasm, as asked');
    expect(threadWorkers).toEqual([]);
    console.log(`default model in Chromium, one thread:\n${await rows(page)}`);
  });

  test('a model folder that does not exist is reported, not crashed on', async ({ page }) => {
    await page.goto('model-check.html?model=models/nothing-here/');
    await expect(page.getByTestId('status')).toHaveAttribute('data-result', 'error', { timeout: 60_000 });
    await expect(page.getByTestId('status')).toContainText('raireki-model.json');
  });
});

// Chromium offers WebGPU here only behind a flag, on SwiftShader (a software adapter):
// enough to run ORT's WebGPU path for real, though not to make it fast. A browser of its
// own, because launch flags cannot change per test in one file; the fixture's checks
// (requests to other origins, page errors) are repeated by hand for it.
test.describe('model check page with WebGPU (software adapter)', () => {
  test.setTimeout(180_000);

  async function webGpuPage(browserType: BrowserType, baseURL: string, run: (page: Page, ort: string[]) => Promise<void>): Promise<void> {
    const browser = await browserType.launch({ executablePath: findChromium() ?? undefined, args: [...CHROMIUM_ARGS, '--enable-unsafe-webgpu'] });
    try {
      const page = await browser.newPage({ baseURL });
      const foreign: string[] = [];
      const errors: string[] = [];
      page.on('request', (r) => {
        if (!/^(data|blob):/.test(r.url()) && new URL(r.url()).origin !== new URL(baseURL).origin) foreign.push(r.url());
      });
      page.on('pageerror', (e) => errors.push(e.message));
      await run(page, ortFiles(page));
      expect(foreign, 'requests that left the page origin').toEqual([]);
      expect(errors, 'uncaught errors in the page').toEqual([]);
    } finally {
      await browser.close();
    }
  }

  test('WebGPU computes the golden vectors (tiny BERT, backend=webgpu)', async ({ playwright, baseURL }) => {
    await webGpuPage(playwright.chromium, baseURL!, async (page) => {
      await page.goto(`${TINY_BERT}&backend=webgpu`);
      const status = page.getByTestId('status');
      await expect(status).toHaveAttribute('data-result', /match|mismatch|error/, { timeout: 150_000 });
      await expect(status).toHaveAttribute('data-result', 'match');
      await expect(page.getByTestId('backend')).toHaveAttribute('data-value', 'webgpu');
      await expect(page.locator('dt', { hasText: 'Query embedding (one text, webgpu)' })).toBeVisible();
      console.log(`tiny BERT on WebGPU (SwiftShader):\n${await rows(page)}`);
    });
  });

  test('auto times both backends, keeps the faster and reports both timings', async ({ playwright, baseURL }) => {
    await webGpuPage(playwright.chromium, baseURL!, async (page, ort) => {
      await page.goto(TINY_BERT);
      const status = page.getByTestId('status');
      await expect(status).toHaveAttribute('data-result', /match|mismatch|error/, { timeout: 150_000 });
      await expect(status).toHaveAttribute('data-result', 'match');
      const timings = page.getByTestId('backend-timings');
      await expect(timings).toHaveText(/^WASM p50 \d+\.\d+ ms, p95 \d+\.\d+ ms; WebGPU p50 \d+\.\d+ ms, p95 \d+\.\d+ ms \(\d+ runs each\)$/);
      const [wasm, webgpu] = [...(await timings.innerText()).matchAll(/p50 (\d+\.\d+) ms/g)].map((m) => Number(m[1]));
      // Whichever the measurement favoured (the two agree on tiny BERT's vectors), and the
      // page names the adapter it tried.
      const backend = page.getByTestId('backend');
      await expect(backend).toHaveAttribute('data-value', webgpu! < wasm! ? 'webgpu' : 'wasm');
      await expect(backend).toContainText('adapter: ');
      // With an adapter both builds were loaded for the trial: WASM-only and WebGPU (its own
      // .wasm), never the JSEP build of the default `onnxruntime-web` export.
      expect(ort.filter((n) => n.endsWith('.wasm')).sort()).toEqual([
        expect.stringMatching(/^ort-wasm-simd-threaded-[\w-]+\.wasm$/),
        expect.stringMatching(/^ort-wasm-simd-threaded\.asyncify-[\w-]+\.wasm$/),
      ]);
      expect(ort.some((n) => /^ort\.webgpu\.bundle\.min-[\w-]+\.js$/.test(n))).toBe(true);
      expect(ort.filter((n) => n.includes('jsep'))).toEqual([]);
      console.log(`tiny BERT, backend auto with WebGPU available:\n${await rows(page)}`);
    });
  });
});
