/**
 * Hosts that are not plain static servers: one that answers every unknown path with the app's
 * index.html (an SPA fallback), and one whose expired sign-in answers whoami.json with a
 * login page.
 */
import { test as base } from '@playwright/test';
import { test, expect, openApp, waitForGraph } from './fixtures.ts';
import { E2E_SPA_PORT } from './paths.ts';

const SPA_HOST = `http://127.0.0.1:${E2E_SPA_PORT}/raireki/`;

base.describe('a host with an SPA fallback', () => {
  base('opens the sample as a plain host would, with whoami.json answered by the app\'s page', async ({ page }) => {
    const errors: string[] = [];
    const foreign: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('request', (r) => {
      const url = r.url();
      if (!url.startsWith('data:') && !url.startsWith('blob:') && new URL(url).origin !== new URL(SPA_HOST).origin) foreign.push(url);
    });
    // The fallback really is there: an unknown path gives the app's page with 200.
    const probe = await page.request.get(`${SPA_HOST}whoami.json`);
    expect(probe.status()).toBe(200);
    expect(await probe.text()).toContain('name="raireki-app"');

    await page.goto(`${SPA_HOST}?lang=en`);
    await waitForGraph(page);
    await expect(page.getByTestId('snapshot-title')).not.toHaveText('');
    await expect(page.getByTestId('load-error')).toHaveCount(0);
    expect(errors).toEqual([]);
    expect(foreign).toEqual([]);
  });
});

test.describe('an expired sign-in', () => {
  test('whoami.json answered with a login page says the login expired, and shows no sample', async ({ page }) => {
    await page.route('**/whoami.json', (route) =>
      route.fulfill({ status: 200, contentType: 'text/html', body: '<!doctype html><html><head><title>Sign in</title></head><body><form action="/sso"></form></body></html>' }),
    );
    await page.goto('?lang=en');
    await expect(page.getByTestId('login-expired')).toContainText('Your sign-in has expired');
    await expect(page.locator('.graph-canvas[data-drawn]')).toHaveCount(0);
  });

  test('a 401 says the same in Japanese', async ({ page }) => {
    await page.route('**/whoami.json', (route) => route.fulfill({ status: 401, contentType: 'text/plain', body: 'unauthorised' }));
    await page.goto('?lang=ja');
    await expect(page.getByTestId('login-expired')).toContainText('ログインの有効期限が切れています');
  });

  test('a plain host (no whoami.json) still opens the sample', async ({ page }) => {
    await openApp(page);
  });
});
