/**
 * What of onnxruntime-web a visitor downloads, and when: nothing on a first visit (the
 * explorer never embeds text), and on the first semantic search only ORT's WASM-only build
 * — its JS and its 14 MB `.wasm` — not the JSEP (28 MB) or WebGPU (27 MB) one. Headless
 * Chromium here has no WebGPU adapter (`--disable-gpu`), so the WebGPU build must not be
 * fetched at all. Requests made by workers are seen by the page, which the tests check too.
 */
import type { Page } from '@playwright/test';
import { test, expect, openApp } from './fixtures.ts';

/** Any file of onnxruntime-web: its JS chunks (ort.wasm.bundle.min-…js) and runtime files (ort-wasm-simd-threaded…). */
const ORT_FILE = /\/ort[.-][^/]*$/;
const file = (url: string) => new URL(url).pathname.split('/').pop()!;

function requests(page: Page): string[] {
  const urls: string[] = [];
  page.on('request', (r) => urls.push(r.url()));
  return urls;
}

test.describe('loading onnxruntime-web', () => {
  test('a first visit fetches no part of onnxruntime-web and no WebAssembly', async ({ page }) => {
    const fetched = requests(page);
    await openApp(page);
    await page.waitForLoadState('networkidle');
    const names = fetched.map(file);
    // The workers the page starts at boot are seen, and so is what they fetch (the snapshot).
    expect(names.some((n) => /^snapshot\.worker-.*\.js$/.test(n))).toBe(true);
    expect(names).toContain('graph.bin');
    expect(names.filter((n) => ORT_FILE.test(`/${n}`) || n.endsWith('.wasm'))).toEqual([]);
  });

  test('the Literature tab fetches the WASM-only build on the first semantic search, not before', async ({ page }) => {
    const fetched = requests(page);
    await page.goto('?lang=en&view=literature');
    const status = page.getByTestId('literature-status');
    await expect(status).toContainText('documents indexed', { timeout: 60_000 });

    // Keywords only: the literature worker runs, without ORT.
    const meaning = page.getByLabel(/Search by meaning/);
    await meaning.uncheck();
    await page.getByLabel('Search the literature').fill('metformin');
    await expect(status).toContainText('keywords only', { timeout: 60_000 });
    expect(fetched.map(file).some((n) => /^literature\.worker-.*\.js$/.test(n))).toBe(true);
    expect(fetched.filter((u) => ORT_FILE.test(u) || u.endsWith('.wasm'))).toEqual([]);

    // The same query by meaning loads the model, on ORT's WASM-only build.
    await meaning.check();
    await expect(status).toContainText('keywords and meaning', { timeout: 60_000 });
    const ort = fetched.filter((u) => ORT_FILE.test(u)).map(file);
    expect(ort.filter((n) => n.endsWith('.js'))).toEqual([expect.stringMatching(/^ort\.wasm\.bundle\.min-[\w-]+\.js$/)]);
    expect(ort.filter((n) => n.endsWith('.wasm'))).toEqual([expect.stringMatching(/^ort-wasm-simd-threaded-[\w-]+\.wasm$/)]);
    // Neither the JSEP build (the default `onnxruntime-web` export) nor the WebGPU one.
    expect(ort.filter((n) => /jsep|asyncify|webgpu|^ort\.(bundle\.)?min/.test(n))).toEqual([]);
  });
});
