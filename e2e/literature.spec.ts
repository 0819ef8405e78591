/**
 * Literature search in the browser: keyword + meaning on the sample literature written by
 * the project, the model and runtime files served from the app's own origin, and keyword
 * search carrying on (with a clear message) when the model is missing or damaged.
 */
import { cpSync, rmSync, truncateSync } from 'node:fs';
import type { Server } from 'node:http';
import { join } from 'node:path';
import { test, expect } from './fixtures.ts';
import { E2E_DIR } from './paths.ts';
import { startServer } from '../scripts/serve.ts';
import type { Page } from '@playwright/test';

const PACK = 'public/literature/sample';

async function search(page: Page, query: string) {
  const box = page.getByLabel(/Search the literature|文献を検索/);
  await box.fill(query);
  await expect(page).toHaveURL(/lq=/);
  const status = page.getByTestId('literature-status');
  await expect(status).toContainText(/results|件/, { timeout: 60_000 });
  return page.getByRole('list', { name: /Literature results|文献の検索結果/ }).locator('.hit-title');
}

test.describe('literature search', () => {
  test('finds documents by meaning in English and Japanese, from files on this origin only', async ({ page, baseURL }) => {
    const fetched: string[] = [];
    page.on('request', (r) => fetched.push(r.url()));
    await page.goto('?lang=en&view=literature');
    const titles = await search(page, 'anaphylaxis first-line adrenaline intramuscular');
    await expect(page.getByTestId('literature-status')).toContainText('keywords and meaning');
    await expect(titles.first()).toContainText(/anaphyla/i);
    const ja = await search(page, 'メトホルミン 腎機能 eGFR 減量');
    await expect(ja.first()).toContainText('メトホルミン');
    const runtime = fetched.filter((u) => /\.wasm$|model\.onnx$|raireki-model\.json$/.test(u));
    expect(runtime.some((u) => u.endsWith('.wasm'))).toBe(true);
    expect(runtime.some((u) => u.endsWith('model.onnx'))).toBe(true);
    for (const u of runtime) expect(new URL(u).origin).toBe(new URL(baseURL!).origin);
  });

  test('says when results came through translated terms, in the page language', async ({ page }) => {
    await page.goto('?lang=en&view=literature');
    await search(page, '糖尿病');
    await expect(page.getByTestId('literature-translations')).toContainText('Also searched for translated terms: 糖尿病 → diabetes');
    await page.goto('?lang=ja&view=literature');
    await search(page, 'diabetes');
    await expect(page.getByTestId('literature-translations')).toContainText('翻訳した用語でも検索しました: diabetes → 糖尿病');
  });

  test('highlights the query terms in the passage as text', async ({ page }) => {
    await page.goto('?lang=en&view=literature');
    await search(page, 'metformin');
    await expect(page.locator('.hit-passage mark').first()).toHaveText(/metformin/i);
  });

  test('checks an output from the graph sentence by sentence, each with its closest evidence', async ({ page }) => {
    await page.goto('?lang=en&node=output:hallucinated-metformin-dose');
    await page.getByRole('button', { name: 'Check against literature' }).click();
    await expect(page).toHaveURL(/view=literature&.*check=output%3Ahallucinated-metformin-dose|check=output%3Ahallucinated-metformin-dose.*view=literature/);
    const status = page.getByTestId('check-status');
    await expect(status).toContainText(/2 sentences: \d+ supported, \d+ contradicted/, { timeout: 60_000 });
    const claims = page.locator('.check-sentences > li');
    await expect(claims).toHaveCount(2);
    // Every sentence shows its evidence: the sentence of the closest documents it rests on.
    await expect(claims.first().locator('.evidence blockquote').first()).not.toBeEmpty();
  });

  test('the wrong metformin advice is contradicted by the eGFR 30–44 evidence, with the conflicting words marked', async ({ page }) => {
    await page.goto('?lang=en&view=literature&check=output:hallucinated-metformin-dose');
    await expect(page.getByTestId('check-status')).toContainText('2 sentences: 0 supported, 2 contradicted', { timeout: 60_000 });
    // "Dose adjustment only needs considering once eGFR falls below 30."
    const second = page.locator('.check-sentences > li').nth(1);
    await expect(second).toHaveAttribute('data-verdict', 'contradicted');
    await expect(second.locator('.claim-mark')).toHaveText('Contradicted');
    await expect(second.locator('.claim-text mark')).toContainText(['eGFRが30を下回って']);
    await expect(second.locator('.claim-reasons')).toContainText('reserves this for one eGFR band');
    const evidence = second.locator('.evidence > li').first();
    await expect(evidence).toHaveAttribute('data-conflict', 'true');
    await expect(evidence.locator('blockquote')).toContainText(/30〜44|30以上45未満|30 to 44/);
    await expect(evidence.locator('blockquote mark').first()).toContainText(/eGFR (of )?30/);
    // The first sentence allows the full dose: its 2,250 mg is marked against the 750 mg cap.
    const first = page.locator('.check-sentences > li').nth(0);
    await expect(first).toHaveAttribute('data-verdict', 'contradicted');
    await expect(first.locator('.claim-text mark')).toContainText(['2,250mg']);
    await expect(first.locator('.evidence > li').first().locator('blockquote mark').first()).toContainText('750');
  });

  test('a correct answer about the same drug and band stays supported', async ({ page }) => {
    await page.goto('?lang=ja&view=literature&check=output:0004');
    await expect(page.getByTestId('check-status')).toContainText('2 文中、裏付けあり 2・矛盾 0', { timeout: 60_000 });
    for (const claim of await page.locator('.check-sentences > li').all()) {
      await expect(claim).toHaveAttribute('data-verdict', 'supported');
      await expect(claim.locator('mark')).toHaveCount(0);
    }
  });

  test('evidence that is a document of the lineage links back into the graph', async ({ page }) => {
    await page.goto('?lang=en&view=literature');
    await page.getByLabel('Text to check (an LLM output, sentence by sentence)').fill('Meditron-70B was adapted from Llama 2 by continued pretraining on PubMed papers and clinical guidelines.');
    await page.getByRole('button', { name: 'Check', exact: true }).click();
    const link = page.locator('.check-sentences').getByRole('link', { name: 'Open in the lineage graph' }).first();
    await expect(link).toHaveAttribute('href', /node=doc%3A/, { timeout: 60_000 });
    await link.click();
    await expect(page.locator('#details-title')).not.toBeEmpty();
    await expect(page).toHaveURL(/node=doc%3A/);
  });

  test('a pasted text gets supported, unsupported and unchecked sentences, in Japanese too', async ({ page }) => {
    await page.goto('?lang=ja&view=literature');
    const box = page.getByLabel('照合する文章（LLM の出力を文ごとに照合します）');
    await box.fill('成人のアナフィラキシーでは、アドレナリン0.5 mgを大腿外側に筋肉内注射する。火星の地下には巨大な図書館があり、毎晩ひとりでに本が並び替えられる。ほかに質問はありますか？');
    await page.getByRole('button', { name: '照合', exact: true }).click();
    await expect(page.getByTestId('check-status')).toContainText('3 文中、裏付けあり 1・矛盾 0・近い裏付けなし 1・照合対象外 1', { timeout: 60_000 });
    const claims = page.locator('.check-sentences > li');
    await expect(claims.nth(0)).toHaveAttribute('data-verdict', 'supported');
    await expect(claims.nth(1)).toHaveAttribute('data-verdict', 'no-close-support');
    await expect(claims.nth(2)).toHaveAttribute('data-verdict', 'not-checkable');
    await expect(claims.nth(2).locator('.claim-mark')).toHaveText('照合対象外');
  });

  for (const damage of ['missing', 'corrupt'] as const) {
    test(`keyword search keeps working when the model is ${damage}`, async ({ page }) => {
      const dir = join(E2E_DIR, `literature-${damage}`);
      rmSync(dir, { recursive: true, force: true });
      cpSync(PACK, dir, { recursive: true });
      if (damage === 'missing') rmSync(join(dir, 'model', 'model.onnx'));
      else truncateSync(join(dir, 'model', 'model.onnx'), 100);
      const port = damage === 'missing' ? 4195 : 4196;
      const server: Server = await startServer({ dir: 'dist', base: '/raireki/', port, host: '127.0.0.1', mounts: [{ prefix: 'literature/sample', dir }] });
      try {
        await page.goto(`http://127.0.0.1:${port}/raireki/?lang=en&view=literature`);
        const titles = await search(page, 'metformin');
        await expect(page.getByTestId('model-error')).toContainText('model.onnx');
        await expect(page.getByTestId('literature-status')).toContainText('keywords only');
        await expect(titles.first()).toContainText(/metformin/i);
      } finally {
        server.close();
      }
    });
  }
});
