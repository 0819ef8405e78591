/**
 * Shared test fixture: every test fails if the page makes a request to another origin
 * or logs an uncaught error. Imports nothing from src/ (tests see the app as users do).
 */
import { test as base, expect, type Page } from '@playwright/test';

export interface AppFixtures {
  /** Requests to origins other than the app's, collected during the test. */
  foreignRequests: string[];
  pageErrors: string[];
}

export const test = base.extend<AppFixtures>({
  foreignRequests: async ({ page, baseURL }, use) => {
    const origin = new URL(baseURL!).origin;
    const foreign: string[] = [];
    page.on('request', (req) => {
      const url = req.url();
      if (url.startsWith('data:') || url.startsWith('blob:')) return;
      if (new URL(url).origin !== origin) foreign.push(url);
    });
    await use(foreign);
    expect(foreign, 'requests that left the page origin').toEqual([]);
  },
  pageErrors: async ({ page }, use) => {
    const errors: string[] = [];
    page.on('pageerror', (err) => errors.push(err.message));
    await use(errors);
    expect(errors, 'uncaught errors in the page').toEqual([]);
  },
});

export { expect };

/** Opens the app with a query and waits until the graph has been drawn. */
export async function openApp(page: Page, query = '?lang=en'): Promise<void> {
  await page.goto(query);
  await waitForGraph(page);
}

export async function waitForGraph(page: Page): Promise<void> {
  await expect(page.locator('.graph-canvas')).toHaveAttribute('data-drawn', /^[1-9]\d*$/);
}

/** The search box (labelled in either language). */
export function searchBox(page: Page) {
  return page.getByRole('searchbox');
}

export function detailsTitle(page: Page) {
  return page.locator('#details-title');
}
