/**
 * The map view (issue 12, item 1): layout time for the sample's 55 models and for generated
 * snapshots of 1,000 and 10,000 models (`gen:snapshot --models`), UMAP beside landmark MDS,
 * then the page in Chromium: time to the drawn map and how long drawing and hovering take.
 * Printed, not asserted.
 *
 *   npm run bench:map [-- --models 1000,10000 --no-browser]
 *
 * Node part, per map: facts (the snapshot worker's buildModelMapInput), exact neighbours,
 * UMAP (the map worker's projectModelMap), and landmark MDS (100 landmarks) for comparison.
 * "family kept" = share of each model's 10 nearest points on the 2-D map that are of its
 * family (the same root base model): how well the map shows families, which is what it is
 * read for. "neighbours kept" = share of its 10 nearest by the model distance among them.
 *
 * Browser part (the production build in dist/, `npm run build` first): navigation → map
 * drawn, the projection in its worker, one draw of every point (`raireki:map-draw`), the
 * frame interval while the pointer sweeps the map (hover redraws only the overlay), and a
 * redraw on a change of colours.
 */
import { mkdirSync, existsSync, readFileSync } from 'node:fs';
import { chromium } from '@playwright/test';
import { buildGraphIndex } from '../src/core/graph/index.ts';
import { buildModelMapInput, modelDistance, modelNeighbours, projectModelMap, type ModelMapInput } from '../src/core/model-map/index.ts';
import { generateSnapshot } from '../src/testing/generate-snapshot.ts';
import { writeGeneratedSnapshot } from '../cli/gen-snapshot.ts';
import { startServer } from '../scripts/serve.ts';
import { CHROMIUM_ARGS, ensureChromium } from '../scripts/system-programs.ts';
import { landmarkMds } from './lib/landmark-mds.ts';

const args = process.argv.slice(2);
const opt = (name: string, fallback: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] ? args[i + 1]! : fallback;
};
const sizes = opt('models', '1000,10000').split(',').map(Number);
const browser = !args.includes('--no-browser');
/** Nodes of a generated snapshot with m models: its models, their training and evaluations, a little usage. */
const nodesFor = (models: number) => Math.max(2000, models * 8);
const PORT = 4190;

const ms = (x: number) => x.toFixed(0).padStart(7);
const pct = (x: number) => `${(x * 100).toFixed(0)} %`.padStart(7);

/** Share of each point's k nearest 2-D points that `same(i, j)` holds for (brute force over typed arrays). */
function kept(x: ArrayLike<number>, y: ArrayLike<number>, k: number, same: (i: number, j: number) => boolean): number {
  const n = x.length;
  const best = new Float64Array(k);
  const who = new Int32Array(k);
  let hits = 0;
  for (let i = 0; i < n; i++) {
    best.fill(Infinity);
    for (let j = 0; j < n; j++) {
      if (j === i) continue;
      const d = (x[i]! - x[j]!) ** 2 + (y[i]! - y[j]!) ** 2;
      if (d >= best[k - 1]!) continue;
      let at = k - 1;
      while (at > 0 && best[at - 1]! > d) [best[at], who[at], at] = [best[at - 1]!, who[at - 1]!, at - 1];
      [best[at], who[at]] = [d, j];
    }
    for (let r = 0; r < Math.min(k, n - 1); r++) if (same(i, who[r]!)) hits++;
  }
  return hits / (n * Math.min(k, n - 1));
}

function nodeFigures(label: string, input: ModelMapInput): void {
  const n = input.models.length;
  const umap = projectModelMap(input, { now: () => performance.now() });
  const t0 = performance.now();
  const mds = landmarkMds(n, modelDistance(input));
  const mdsMs = performance.now() - t0;
  const family = (i: number, j: number) => input.models[i]!.family === input.models[j]!.family;
  const featureNn = modelNeighbours(input, 10);
  const near = (i: number, j: number) => featureNn.indices.subarray(i * featureNn.k, (i + 1) * featureNn.k).includes(j);
  const families = new Set(input.models.map((m) => m.family)).size;
  console.log(
    `${label.padEnd(10)} ${String(n).padStart(6)} ${String(families).padStart(8)} ${ms(umap.timings.neighboursMs)} ${ms(umap.timings.layoutMs)} ${ms(umap.timings.neighboursMs + umap.timings.layoutMs)} ${pct(kept(umap.x, umap.y, 10, family))} ${pct(kept(umap.x, umap.y, 10, near))}   ${ms(mdsMs)} ${pct(kept(mds.x, mds.y, 10, family))} ${pct(kept(mds.x, mds.y, 10, near))}`,
  );
}

console.log('Layout in Node (the code the workers run), ms; 10 nearest on the 2-D map: share of the same family / of the 10 nearest by model distance\n');
console.log('                          ─────────── UMAP (used) ───────────────────────────   ──── landmark MDS ─────────');
console.log('map        models families   input→  neighbours   UMAP   total   family  neighb.      total   family  neighb.');
const sample = JSON.parse(readFileSync('public/snapshots/sample/graph.json', 'utf8'));
const timedInput = (graph: Parameters<typeof buildGraphIndex>[0]) => {
  const { index } = buildGraphIndex(graph);
  const t0 = performance.now();
  const input = buildModelMapInput(index);
  return { input, ms: performance.now() - t0 };
};
const inputs: [string, ReturnType<typeof timedInput>][] = [['sample', timedInput(sample)]];
for (const m of sizes) inputs.push([`${m}`, timedInput(generateSnapshot({ nodes: nodesFor(m), seed: 1, models: m }))]);
for (const [label, { input, ms: inputMs }] of inputs) {
  process.stdout.write(`(facts ${inputMs.toFixed(0)} ms) `);
  nodeFigures(label, input);
}

if (browser) {
  if (!existsSync('dist/index.html')) throw new Error('dist/ has no build: run `npm run build` first');
  mkdirSync('.tmp/bench', { recursive: true });
  const mounts = sizes.map((m) => {
    const dir = `.tmp/bench/map-${m}`;
    if (!existsSync(`${dir}/manifest.json`)) writeGeneratedSnapshot(dir, { nodes: nodesFor(m), seed: 1, models: m });
    return { prefix: `map-${m}`, dir };
  });
  const server = await startServer({ dir: 'dist', base: '/raireki/', port: PORT, host: '127.0.0.1', mounts });
  const chrome = await chromium.launch({ executablePath: ensureChromium(), args: CHROMIUM_ARGS });
  console.log('\nThe map in Chromium (headless, 1440×900), ms\n');
  console.log('map        models  map drawn   projection   draw all   hover frame p50/p95   recolour draw');
  for (const [label, query] of [['sample', ''], ...sizes.map((m) => [`${m}`, `&snapshot=map-${m}/manifest.json`])] as const) {
    const page = await (await chrome.newContext({ viewport: { width: 1440, height: 900 } })).newPage();
    await page.goto(`http://127.0.0.1:${PORT}/raireki/?lang=en&view=map${query}`);
    await page.waitForFunction(() => performance.getEntriesByName('raireki:map-draw').length > 0, null, { timeout: 300_000 });
    const first = await page.evaluate(() => {
      const draw = performance.getEntriesByName('raireki:map-draw')[0]!;
      const layout = performance.getEntriesByName('raireki:map-layout')[0]!;
      return { drawnAt: draw.startTime + draw.duration, draw: draw.duration, projection: layout.duration };
    });
    const canvas = page.getByTestId('model-map-canvas');
    const box = (await canvas.boundingBox())!;
    // Frame intervals while the pointer sweeps the map, counted by requestAnimationFrame.
    // (A string, not a function: tsx would wrap the inner function in a helper the page lacks.)
    await page.evaluate(`(() => {
      window.frames_ = [];
      let last = performance.now();
      const tick = (t) => { window.frames_.push(t - last); last = t; if (window.frames_.length < 400) requestAnimationFrame(tick); };
      requestAnimationFrame(tick);
    })()`);
    for (let s = 0; s <= 120; s++) await page.mouse.move(box.x + (box.width * s) / 120, box.y + box.height * (0.5 + 0.4 * Math.sin(s / 9)));
    const frames = ((await page.evaluate('window.frames_.slice(1)')) as number[]).sort((a, b) => a - b);
    await page.getByTestId('map-colour').selectOption('license');
    await page.waitForFunction(() => performance.getEntriesByName('raireki:map-draw').length > 1);
    const recolour = await page.evaluate(() => performance.getEntriesByName('raireki:map-draw').at(-1)!.duration);
    const models = await canvas.getAttribute('aria-label');
    const q = (p: number) => frames[Math.min(frames.length - 1, Math.floor(frames.length * p))]!;
    console.log(
      `${label.padEnd(10)} ${(/\d+/.exec(models ?? '')?.[0] ?? '?').padStart(6)} ${ms(first.drawnAt)}    ${ms(first.projection)}    ${ms(first.draw)}        ${q(0.5).toFixed(1)} / ${q(0.95).toFixed(1)}        ${ms(recolour)}`,
    );
    await page.context().close();
  }
  await chrome.close();
  server.close();
}
