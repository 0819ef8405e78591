/**
 * Snapshots in the binary layout (issue 9): the graph core opens the graph, details come
 * from chunks fetched when a node is shown, and damage to either is refused naming the file
 * while what is open stays.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test, expect, openApp, detailsTitle, searchBox, waitForGraph } from './fixtures.ts';

const E2E_SNAPSHOTS = '.tmp/e2e-snapshots';
const path = (url: string) => new URL(url).pathname;

test.describe('binary snapshots', () => {
  test('the sample opens from its graph core; a node\'s details come from its chunk when it is shown', async ({ page }) => {
    const requested: string[] = [];
    page.on('request', (r) => requested.push(path(r.url())));
    await openApp(page, '?lang=en&node=model:meditron-70b');
    await expect(detailsTitle(page)).toHaveText('Meditron-70B');
    expect(requested.some((p) => p.endsWith('/snapshots/sample/core/graph.bin'))).toBe(true);
    expect(requested.some((p) => p.endsWith('/snapshots/sample/graph.json'))).toBe(false);
    const chunksBefore = requested.filter((p) => p.includes('/details/nodes-'));
    expect(chunksBefore.length).toBeGreaterThan(0);
    expect(chunksBefore.length).toBeLessThan(4); // the details shown, not the snapshot
    // A node elsewhere in the snapshot: its chunk is fetched when it is opened.
    await searchBox(page).fill('Hanako Sato');
    await page.getByRole('list', { name: 'Search results' }).getByRole('link', { name: /Hanako Sato/ }).first().click();
    await expect(detailsTitle(page)).toHaveText('Hanako Sato');
    expect(requested.filter((p) => p.includes('/details/nodes-')).length).toBeGreaterThan(chunksBefore.length);
  });

  test('search lists hits from the search core, then their snippets from the details chunks', async ({ page }) => {
    const requested: string[] = [];
    await openApp(page, '?lang=en');
    page.on('request', (r) => requested.push(path(r.url())));
    // Words of descriptions, not of names: the snippet shows where they matched.
    await searchBox(page).fill('patient identifiers');
    const results = page.getByRole('list', { name: 'Search results' });
    await expect(results.locator('.result-snippet').first()).toContainText(/patient identifiers/i);
    expect(requested.some((p) => p.includes('/details/nodes-'))).toBe(true);
  });

  test('a generated snapshot opens from the binary layout: graph, search and details', async ({ page }) => {
    await openApp(page, `?lang=en&snapshot=e2e-snapshots/binary-generated/manifest.json`);
    await expect(page.getByTestId('snapshot-title')).toHaveText('Test snapshot binary-generated');
    // An exact id is the first hit; opening it reads its chunk, which the page had not fetched.
    await searchBox(page).fill('output:0000042');
    const results = page.getByRole('list', { name: 'Search results' });
    await expect(results.getByRole('link')).not.toHaveCount(0);
    await results.getByRole('link').first().click();
    await expect(page.locator('.details')).toContainText('output:0000042');
  });

  test('a details chunk changed after the core was written is refused, naming it; the graph stays', async ({ page }) => {
    const chunk = JSON.parse(readFileSync(join(E2E_SNAPSHOTS, 'binary-tampered-chunk', 'details', 'nodes-000003.json'), 'utf8')) as { nodes: { id: string }[] };
    const inTampered = chunk.nodes[1]!.id;
    await openApp(page, `?lang=en&snapshot=e2e-snapshots/binary-tampered-chunk/manifest.json&node=${encodeURIComponent(inTampered)}`);
    await expect(page.getByTestId('details-error')).toContainText(/details\/nodes-000003\.json: SHA-256 .* given by core\/graph\.bin: the file was changed or damaged/);
    // The graph is still there, and nodes of other chunks still open.
    await waitForGraph(page);
    await searchBox(page).fill('Meditron-70B');
    await page.getByRole('list', { name: 'Search results' }).getByRole('link', { name: /Meditron-70B/ }).first().click();
    await expect(detailsTitle(page)).toHaveText('Meditron-70B');
  });

  test('a graph core whose index disagrees with its relations is refused, and the open snapshot stays', async ({ page }) => {
    await openApp(page, '?lang=en&snapshot=e2e-snapshots/valid/manifest.json');
    await expect(page.getByTestId('snapshot-title')).toHaveText('Test snapshot valid');
    const dir = join(E2E_SNAPSHOTS, 'binary-bad-core');
    await page.locator('input[type=file]').setInputFiles([join(dir, 'manifest.json'), join(dir, 'core', 'graph.bin'), join(dir, 'core', 'search.bin')]);
    const error = page.getByTestId('load-error');
    await expect(error).toContainText(/core\/graph\.bin: out-adjacency of node \d+ (lists edge \d+ out of order|.*disagrees with the relations)/);
    await expect(page.getByTestId('snapshot-title')).toHaveText('Test snapshot valid');
    await searchBox(page).fill('Tiny dataset');
    await page.getByRole('link', { name: /Tiny dataset/ }).first().click();
    await expect(detailsTitle(page)).toHaveText('Tiny dataset');
  });
});
