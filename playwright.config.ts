import { defineConfig } from '@playwright/test';
import { CHROMIUM_ARGS, findChromium } from './scripts/system-programs.ts';
// The same build behind a server that answers unknown paths with index.html (e2e/hosting.spec.ts).
import { E2E_SPA_PORT } from './e2e/paths.ts';

/**
 * Browser tests run against the production build (`dist/`, built by `npm test` first),
 * served under a sub-path as an intranet server would, in the system Chromium.
 */
export const E2E_PORT = 4180;
export const E2E_BASE = '/raireki/';

export default defineConfig({
  testDir: 'e2e',
  timeout: 60_000,
  expect: { timeout: 15_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [['list']],
  globalSetup: './e2e/global-setup.ts',
  use: {
    baseURL: `http://127.0.0.1:${E2E_PORT}${E2E_BASE}`,
    locale: 'en-US',
    viewport: { width: 1440, height: 900 },
    acceptDownloads: true,
    launchOptions: {
      executablePath: findChromium() ?? undefined,
      args: CHROMIUM_ARGS,
    },
  },
  webServer: [
    {
      command: `npx tsx scripts/serve.ts --port ${E2E_PORT} --base ${E2E_BASE} --mount e2e-snapshots=.tmp/e2e-snapshots --mount models/tiny-bert=fixtures/models/tiny-bert --mount models/tiny-nli=fixtures/models/tiny-nli`,
      url: `http://127.0.0.1:${E2E_PORT}${E2E_BASE}`,
      reuseExistingServer: false,
      timeout: 30_000,
    },
    {
      command: `npx tsx scripts/serve.ts --port ${E2E_SPA_PORT} --base ${E2E_BASE} --spa-fallback`,
      url: `http://127.0.0.1:${E2E_SPA_PORT}${E2E_BASE}`,
      reuseExistingServer: false,
      timeout: 30_000,
    },
  ],
});
