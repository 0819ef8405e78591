/**
 * The graph view fits what it draws: every drawn node inside the frame, labels at a
 * readable size, each hop capped with "+N" controls that add the rest, and an honest
 * message when the drawing limit applies. Positions come from the page's test hook
 * (`window.__rairekiGraph`, installed only when `__RAIREKI_TEST_HOOKS__` is set before the
 * app loads); what should be drawn comes from the snapshot files, read independently.
 */
import type { Page, TestInfo } from '@playwright/test';
import { test, expect, openApp, waitForGraph, detailsTitle } from './fixtures.ts';
import { neighbours, readSampleGraph, readSnapshotGraph } from './sample-graph.ts';
import { E2E_GENERATED } from './paths.ts';

/** The smallest rendered label size the app promises (MIN_LEGIBLE_FONT_PX in src/core/layout/fit-plan.ts). */
const LEGIBLE_PX = 10;
/** Free space the fit keeps around the drawing, at least (FIT_PADDING is 20). */
const MARGIN_PX = 10;
/** The drawing limit (MAX_DRAWN_NODES). */
const LIMIT = 400;

interface Probe {
  width: number;
  height: number;
  zoom: number;
  nodes: { id: string; type: 'node' | 'more'; label: string; fontPx: number; box: { x1: number; y1: number; x2: number; y2: number } }[];
}

test.beforeEach(async ({ page }) => {
  await page.addInitScript(() => {
    (window as unknown as { __RAIREKI_TEST_HOOKS__: boolean }).__RAIREKI_TEST_HOOKS__ = true;
  });
});

async function probe(page: Page): Promise<Probe> {
  await waitForGraph(page);
  return page.evaluate(() => (window as unknown as { __rairekiGraph(): Probe }).__rairekiGraph());
}

/** Runs `action` and waits until the graph was drawn again. */
async function redrawn(page: Page, action: () => Promise<void>): Promise<Probe> {
  const canvas = page.locator('.graph-canvas');
  const before = Number(await canvas.getAttribute('data-drawn'));
  await action();
  await expect.poll(async () => Number(await canvas.getAttribute('data-drawn'))).toBeGreaterThan(before);
  return probe(page);
}

/** Every drawn node and "+N" badge lies inside the frame, with room to spare. */
function expectFitted(g: Probe): void {
  expect(g.nodes.length).toBeGreaterThan(0);
  const outside = g.nodes.filter((n) => n.box.x1 < MARGIN_PX || n.box.y1 < MARGIN_PX || n.box.x2 > g.width - MARGIN_PX || n.box.y2 > g.height - MARGIN_PX);
  expect(outside.map((n) => `${n.id} ${JSON.stringify(n.box)}`), `outside the ${g.width}×${g.height} frame`).toEqual([]);
}

function expectLegible(g: Probe): void {
  const small = g.nodes.filter((n) => n.fontPx < LEGIBLE_PX);
  expect(small.map((n) => `${n.id}: ${n.fontPx.toFixed(1)}px`)).toEqual([]);
}

async function saveScreenshot(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  const path = testInfo.outputPath(`${name}.png`);
  await page.locator('.graph-region').screenshot({ path });
  await testInfo.attach(name, { path, contentType: 'image/png' });
}

/** Page coordinates of the centre of a drawn node. */
async function centreOf(page: Page, node: Probe['nodes'][number]): Promise<{ x: number; y: number }> {
  const frame = (await page.locator('.graph-canvas').boundingBox())!;
  return { x: frame.x + (node.box.x1 + node.box.x2) / 2, y: frame.y + (node.box.y1 + node.box.y2) / 2 };
}

const SAMPLE_FOCUS = 'model:meditron-70b';
const AWQ = 'model:ruh-med-72b-clinical-awq-int4';

test.describe('graph view fits what it draws', () => {
  for (const depth of [1, 3]) {
    test(`the sample at depth ${depth} opens fitted, every node inside the frame and legible`, async ({ page }, testInfo) => {
      await openApp(page, `?lang=en&depth=${depth}`);
      const g = await probe(page);
      await saveScreenshot(page, testInfo, `sample-depth-${depth}`);
      const canvas = page.locator('.graph-canvas');
      expect(g.nodes.filter((n) => n.type === 'node')).toHaveLength(Number(await canvas.getAttribute('data-node-count')));
      expect(g.nodes.filter((n) => n.type === 'more')).toHaveLength(Number(await canvas.getAttribute('data-more-count')));
      expectFitted(g);
      expectLegible(g);

      const graph = readSampleGraph();
      const oneHop = new Set([SAMPLE_FOCUS, ...neighbours(graph, SAMPLE_FOCUS, 'up'), ...neighbours(graph, SAMPLE_FOCUS, 'down')]);
      const drawn = new Set(g.nodes.filter((n) => n.type === 'node').map((n) => n.id));
      if (depth === 1) {
        // Meditron-70B has fewer neighbours than any cap: all of them are drawn, nothing folded.
        expect([...drawn].sort()).toEqual([...oneHop].sort());
        expect(g.nodes.filter((n) => n.type === 'more')).toEqual([]);
      } else {
        // Depth 3 reaches far more than fits: the caps fold some of it, the nearest stays.
        expect(g.nodes.some((n) => n.type === 'more')).toBe(true);
        for (const id of oneHop) expect(drawn.has(id), id).toBe(true);
      }
    });
  }

  test('stays fitted after a depth change, an expansion, a path and a new focus', async ({ page }) => {
    await openApp(page, '?lang=en');
    expectFitted(await probe(page));

    let g = await redrawn(page, () => page.getByLabel('Depth').fill('2'));
    expectFitted(g);
    expectLegible(g);

    await page.getByText(/nodes, \d+ relations drawn/).click();
    g = await redrawn(page, () => page.getByRole('button', { name: 'Expand neighbours: Llama-2-70B', exact: true }).click());
    // Llama-2-70B has fewer neighbours than the cap: the expansion adds every one of them.
    const sample = readSampleGraph();
    const drawn = new Set(g.nodes.map((n) => n.id));
    for (const id of [...neighbours(sample, 'model:llama-2-70b', 'up'), ...neighbours(sample, 'model:llama-2-70b', 'down')]) expect(drawn.has(id), id).toBe(true);
    expectFitted(g);

    await page.getByRole('button', { name: 'GAP-Replay', exact: true }).click();
    await expect(detailsTitle(page)).toHaveText('GAP-Replay');
    g = await redrawn(page, () => page.getByRole('button', { name: 'Show path from focus' }).click());
    expectFitted(g);

    g = await redrawn(page, () => page.locator('.neighbour-group').getByRole('link', { name: 'PubMed abstracts', exact: true }).first().click());
    await expect(page).toHaveURL(/node=dataset%3Apubmed-abstracts/);
    expectFitted(g);
    expectLegible(g);
  });

  test('shows the full name of a shortened label on hover, as text', async ({ page }) => {
    await openApp(page, '?lang=en');
    const g = await probe(page);
    const run = g.nodes.find((n) => n.id === 'activity:cpt-meditron-70b')!;
    expect(run.label).toMatch(/…$/);
    const at = await centreOf(page, run);
    await page.mouse.move(at.x, at.y);
    await expect(page.getByRole('tooltip')).toHaveText('Meditron-70B continued pretraining · Activity');

    // Snapshot text is never HTML, in the tooltip either.
    await openApp(page, '?lang=en&snapshot=e2e-snapshots/valid/manifest.json');
    const model = (await probe(page)).nodes.find((n) => n.id === 'model')!;
    const there = await centreOf(page, model);
    await page.mouse.move(there.x, there.y);
    await expect(page.getByRole('tooltip')).toHaveText('Tiny model <b>bold</b> · Model');
    await expect(page.locator('.graph-tip b')).toHaveCount(0);
  });
});

test.describe('"+N more"', () => {
  test('clicking a "+N" badge adds the rest of that group, and the link keeps it open', async ({ page, context }) => {
    await openApp(page, `?lang=en&node=${AWQ}`);
    const before = await probe(page);
    const dependents = neighbours(readSampleGraph(), AWQ, 'down');
    const drawnBefore = new Set(before.nodes.filter((n) => n.type === 'node').map((n) => n.id));
    const hidden = [...dependents].filter((id) => !drawnBefore.has(id));
    expect(hidden.length).toBeGreaterThan(0);
    const badge = before.nodes.find((n) => n.type === 'more')!;
    expect(badge.label).toBe(`+${hidden.length}`);

    const at = await centreOf(page, badge);
    const after = await redrawn(page, () => page.mouse.click(at.x, at.y));
    await expect(page).toHaveURL(new RegExp(`more=down%3A${encodeURIComponent(AWQ)}`));
    const drawnAfter = new Set(after.nodes.filter((n) => n.type === 'node').map((n) => n.id));
    for (const id of dependents) expect(drawnAfter.has(id), id).toBe(true);
    expectFitted(after);
    // Sixty-nine dependents in one column cannot be read at this size: the view says so.
    await expect(page.getByText('This view is too large to fit with readable labels')).toBeVisible();

    const copy = await context.newPage();
    await copy.goto(page.url());
    await waitForGraph(copy);
    await expect(copy.locator('.graph-canvas')).toHaveAttribute('data-node-count', String(drawnAfter.size));
    await copy.close();
  });

  test('from the keyboard: move to a "+N" badge with the arrow keys and open it with Enter', async ({ page }) => {
    await openApp(page, `?lang=en&node=${AWQ}`);
    const dependents = neighbours(readSampleGraph(), AWQ, 'down');
    const g = await probe(page);
    const hidden = [...dependents].filter((id) => !g.nodes.some((n) => n.id === id)).length;

    await page.getByRole('button', { name: 'Export image' }).focus();
    await page.keyboard.press('Tab');
    await expect(page.getByRole('application')).toBeFocused();
    // The keyboard starts on the focus node, named in full.
    await expect(page.getByRole('tooltip')).toHaveText('RUH-Med-72B-Clinical (AWQ 4-bit) · Model');
    // Its "+N" hangs off its downstream (right) side.
    await page.keyboard.press('ArrowRight');
    await expect(page.getByRole('tooltip')).toHaveText(`${hidden} more downstream of RUH-Med-72B-Clinical (AWQ 4-bit), not drawn`);
    const after = await redrawn(page, () => page.keyboard.press('Enter'));
    await expect(page).toHaveURL(/more=down%3A/);
    expect(after.nodes.filter((n) => n.type === 'node').length).toBe(g.nodes.filter((n) => n.type === 'node').length + hidden);

    // Home returns to the focus; Enter shows a node's details; + expands it.
    await page.keyboard.press('Home');
    await expect(page.getByRole('tooltip')).toHaveText('RUH-Med-72B-Clinical (AWQ 4-bit) · Model');
    await page.keyboard.press('ArrowLeft');
    const name = (await page.getByRole('tooltip').textContent())!.replace(/ · \w+$/, '');
    await page.keyboard.press('Enter');
    await expect(detailsTitle(page)).toHaveText(name);
  });

  test('the list of folded groups opens a group too', async ({ page }) => {
    await openApp(page, `?lang=en&node=${AWQ}`);
    await page.getByText(/nodes, \d+ relations drawn/).click();
    // Opening the list shrinks the frame, which may redraw with other caps: wait until the drawing settles.
    const canvas = page.locator('.graph-canvas');
    await expect
      .poll(async () => {
        const drawn = await canvas.getAttribute('data-drawn');
        await page.waitForTimeout(400);
        return drawn === (await canvas.getAttribute('data-drawn'));
      })
      .toBe(true);
    const button = page.getByRole('button', { name: /^Show \d+ more downstream of RUH-Med-72B-Clinical \(AWQ 4-bit\)$/ });
    const count = Number(/Show (\d+)/.exec((await button.textContent())!)![1]);
    const before = Number(await page.locator('.graph-canvas').getAttribute('data-node-count'));
    await redrawn(page, () => button.click());
    await expect(page.locator('.graph-canvas')).toHaveAttribute('data-node-count', String(before + count));
  });
});

test.describe('drawing limit', () => {
  test('says how many nodes the 400-node limit left out and what to do, in English and Japanese', async ({ page }) => {
    const graph = readSnapshotGraph(`.tmp/e2e-snapshots/${E2E_GENERATED}`);
    // The model with the most dependents: more than the limit.
    const hub = graph.nodes
      .filter((n) => n.kind === 'model')
      .map((n) => ({ id: n.id, dependents: neighbours(graph, n.id, 'down').size }))
      .sort((a, b) => b.dependents - a.dependents || a.id.localeCompare(b.id))[0]!;
    expect(hub.dependents).toBeGreaterThan(LIMIT);

    const base = `?snapshot=e2e-snapshots/${E2E_GENERATED}/manifest.json&node=${encodeURIComponent(hub.id)}&dir=down`;
    await openApp(page, `${base}&lang=en`);
    // Capped, the view is far below the limit and says nothing about it.
    await expect(page.getByTestId('graph-limit')).toHaveCount(0);
    await page.getByText(/nodes, \d+ relations drawn/).click();
    await redrawn(page, () => page.getByRole('button', { name: /^Show \d+ more downstream of/ }).click());

    const notDrawn = hub.dependents + 1 - LIMIT;
    await expect(page.locator('.graph-canvas')).toHaveAttribute('data-node-count', String(LIMIT));
    await expect(page.getByTestId('graph-limit')).toHaveText(
      `Only ${LIMIT} nodes are drawn at once: ${notDrawn.toLocaleString('en')} more that this view asks for were not drawn. Lower the depth, filter kinds, or open a node to see its own neighbourhood.`,
    );
    expectFitted(await probe(page));

    await page.getByLabel('Language').selectOption('ja');
    await expect(page.getByTestId('graph-limit')).toHaveText(
      `一度に描画するのは ${LIMIT} ノードまでです。このビューの残り ${notDrawn.toLocaleString('ja')} ノードは描画していません。深さを下げる、種類を絞り込む、またはノードを開いてその周辺を表示してください。`,
    );
  });
});
