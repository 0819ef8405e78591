import { test, expect, openApp, detailsTitle } from './fixtures.ts';

const broken: [name: string, expected: RegExp][] = [
  ['not-json', /graph\.json:1:\d+.*not valid JSON/],
  ['bad-schema', /graph\.json nodes\[2\]\.kind:.*(spaceship|Invalid)/i],
  ['bad-hash', /graph\.json: SHA-256 .* does not match/],
  ['truncated', /graph\.json: has \d+ bytes but the manifest says \d+ \(truncated\?\)/],
];

test.describe('bad snapshots', () => {
  for (const [name, expected] of broken) {
    test(`a ${name} snapshot gives a message naming the file and the problem`, async ({ page }) => {
      await page.goto(`?lang=en&snapshot=e2e-snapshots/${name}/manifest.json`);
      const error = page.getByTestId('load-error');
      await expect(error).toBeVisible();
      await expect(error).toContainText('The snapshot could not be loaded');
      await expect(error).toContainText(expected);
      // Never a blank page: the rest of the app still works.
      await expect(page.getByRole('searchbox')).toBeVisible();
    });
  }

  test('a missing manifest says so', async ({ page }) => {
    await page.goto('?lang=en&snapshot=e2e-snapshots/empty/manifest.json');
    await expect(page.getByTestId('load-error')).toContainText('manifest.json: could not be fetched (HTTP 404)');
  });

  test('a snapshot on another origin is refused without a request', async ({ page, foreignRequests }) => {
    await page.goto('?lang=en&snapshot=http://example.invalid/manifest.json');
    await expect(page.getByTestId('load-error')).toContainText('only snapshots from this site can be opened');
    expect(foreignRequests).toEqual([]);
  });

  test('dangling references load with a warning that names the file and relation', async ({ page }) => {
    await openApp(page, '?lang=en&snapshot=e2e-snapshots/dangling/manifest.json');
    const warnings = page.getByTestId('load-warnings');
    await expect(warnings).toContainText('1 problems were found');
    await warnings.getByRole('button', { name: 'Show problems' }).click();
    await expect(warnings).toContainText(/graph\.json relations\[2\].*ghost-dataset/);
  });

  test('loading broken files keeps the snapshot that was open', async ({ page }) => {
    await openApp(page, '?lang=en&snapshot=e2e-snapshots/valid/manifest.json');
    await expect(detailsTitle(page)).toHaveText('Tiny model <b>bold</b>');
    await expect(page.getByTestId('snapshot-title')).toHaveText('Test snapshot valid');

    const truncated = Buffer.from('{"format":"raireki-manifest","version":1,"snapshot":{"id":"x"');
    await page.locator('input[type=file]').setInputFiles([{ name: 'manifest.json', mimeType: 'application/json', buffer: truncated }]);
    const error = page.getByTestId('load-error');
    await expect(error).toContainText(/manifest\.json:1:\d+: the file ends early \(truncated\?\)/);
    // Still the previous snapshot, still usable.
    await expect(page.getByTestId('snapshot-title')).toHaveText('Test snapshot valid');
    await page.getByRole('searchbox').fill('Tiny dataset');
    await page.getByRole('link', { name: /Tiny dataset/ }).first().click();
    await expect(detailsTitle(page)).toHaveText('Tiny dataset');
  });

  test('snapshot text is shown as text, never as HTML', async ({ page }) => {
    await openApp(page, '?lang=en&snapshot=e2e-snapshots/valid/manifest.json');
    await expect(detailsTitle(page)).toHaveText('Tiny model <b>bold</b>');
    await expect(page.locator('#details-title b')).toHaveCount(0);
  });
});
