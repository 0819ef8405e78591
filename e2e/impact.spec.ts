import { readFileSync } from 'node:fs';
import { test, expect } from './fixtures.ts';
import { downstream, readSampleGraph } from './sample-graph.ts';
import { parseCsv } from './read-csv.ts';

const PHI_DATASET = 'dataset:ruh-clinical-instructions-ja-v2';

test.describe('impact analysis', () => {
  test('lists everything downstream of a PHI-flagged dataset and exports it as CSV', async ({ page }) => {
    const graph = readSampleGraph();
    const expected = downstream(graph, PHI_DATASET);
    const kindOf = new Map(graph.nodes.map((n) => [n.id, n.kind]));
    const expectedOutputs = [...expected.keys()].filter((id) => kindOf.get(id) === 'output');
    expect(expectedOutputs.length).toBeGreaterThan(0);

    await page.goto(`?lang=en&node=${encodeURIComponent(PHI_DATASET)}&view=impact`);
    await expect(page.getByTestId('impact-count')).toHaveText(`${expected.size} affected nodes`);
    const adapter = page.getByRole('row').filter({ hasText: 'RUH-Med-72B-Clinical LoRA adapter' });
    await expect(adapter.getByRole('cell').first()).toHaveText(String(expected.get('model:ruh-med-72b-clinical-lora')));
    await expect(page.getByRole('row').filter({ hasText: 'RUH-Med-72B-Clinical (AWQ 4-bit)' }).first()).toBeVisible();
    await expect(page.getByRole('button', { name: /^Show 200 more/ })).toBeVisible();

    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export CSV' }).click();
    const file = await (await download).path();
    const rows = parseCsv(readFileSync(file, 'utf8').replace(/^\ufeff/, ''));
    expect(rows[0]).toEqual(['hop', 'kind', 'id', 'name', 'classification', 'via_id', 'via_relation', 'start_id', 'remediation', 'remediation_via_id']);
    const body = rows.slice(1);
    expect(body).toHaveLength(expected.size);
    for (const [hop, kind, id, , , , , start] of body) {
      expect(Number(hop), id).toBe(expected.get(id!));
      expect(kind).toBe(kindOf.get(id!));
      expect(start).toBe(PHI_DATASET);
    }
    expect(body.map((r) => r[2])).toContain('output:phi-leak-2025-09-11');

    // Only outputs: the filter is in the list, the URL and the export.
    for (const kind of ['Dataset', 'Model', 'Activity', 'Evaluation', 'Prompt', 'Document', 'Agent']) {
      await page.getByRole('checkbox', { name: new RegExp(`^${kind} \\(`) }).uncheck();
    }
    await expect(page.getByTestId('impact-count')).toHaveText(`${expectedOutputs.length} affected nodes`);
    await expect(page).toHaveURL(/ik=output/);
    const download2 = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export CSV' }).click();
    const outputsOnly = parseCsv(readFileSync(await (await download2).path(), 'utf8').replace(/^\ufeff/, '')).slice(1);
    expect(outputsOnly.map((r) => r[2]).sort()).toEqual(expectedOutputs.sort());
  });

  test('a node with nothing downstream says so', async ({ page }) => {
    const graph = readSampleGraph();
    const leaf = graph.nodes.find((n) => n.kind === 'activity' && downstream(graph, n.id).size === 0)!;
    await page.goto(`?lang=en&node=${encodeURIComponent(leaf.id)}&view=impact`);
    await expect(page.getByText('Nothing depends on this node.')).toBeVisible();
  });
});
