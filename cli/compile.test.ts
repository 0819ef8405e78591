import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadCore } from '../src/core/columnar/index.ts';
import { makeNode, makeRelation } from '../src/testing/graph-builders.ts';
import { generateSnapshot } from '../src/testing/generate-snapshot.ts';
import { compileSnapshot } from './compile.ts';
import { nodeLoadIo, readSnapshotDir, writeSnapshotDir } from './lib/snapshot-files.ts';

const tmp = mkdtempSync(join(tmpdir(), 'raireki-compile-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const info = { id: 'c', title: { en: 'Compile test' }, createdAt: '2026-01-01', startNode: 'm' };

describe('npm run compile', () => {
  const src = join(tmp, 'src');
  const { nodes, relations } = generateSnapshot({ nodes: 1200, seed: 9 });
  writeSnapshotDir(src, info, [
    { path: 'graph-0001.json', nodes: nodes.slice(0, 600), relations: relations.slice(0, 1000) },
    { path: 'graph-0002.json', nodes: [...nodes.slice(600), makeNode('model', 'm')], relations: [...relations.slice(1000), makeRelation('used', 'm', 'ghost')] },
  ]);

  it('writes the binary layout of a snapshot, which reads back as the same snapshot', async () => {
    const out = join(tmp, 'binary');
    const r = await compileSnapshot(src, out, 'binary');
    expect(r.manifest.version).toBe(3);
    expect(r.manifest.files.map((f) => f.contents)).toEqual(['core', 'search']);
    expect(existsSync(join(out, 'graph-0001.json'))).toBe(false);
    expect(r.manifest.snapshot).toEqual(JSON.parse(readFileSync(join(src, 'manifest.json'), 'utf8')).snapshot);
    const original = await readSnapshotDir(src);
    const back = await readSnapshotDir(out);
    expect(back.nodes).toEqual(original.nodes);
    expect(back.relations).toEqual(original.relations);
    // The dangling relation is a warning located in the source's own graph file.
    const core = await loadCore(r.manifest, nodeLoadIo(out));
    expect(core.index.core.meta.warnings).toEqual([expect.objectContaining({ code: 'dangling-reference', file: 'graph-0002.json', path: `relations[${relations.length - 1000}]` })]);
  });

  it('adds the binary layout beside the graph files, in place, with --layout both', async () => {
    const copy = join(tmp, 'both');
    writeSnapshotDir(copy, info, [{ path: 'graph.json', nodes, relations }]);
    const before = readFileSync(join(copy, 'graph.json'));
    const r = await compileSnapshot(copy, copy, 'both');
    expect(r.manifest.files.map((f) => `${f.path} ${f.contents}`)).toEqual(['graph.json graph', 'core/graph.bin core', 'core/search.bin search']);
    expect(readFileSync(join(copy, 'graph.json')).equals(before)).toBe(true);
    await expect(compileSnapshot(copy, copy, 'binary')).rejects.toThrow(/use --layout both/);
  });

  it('says what is wrong with its arguments or its input', () => {
    const run = (args: string[]) => spawnSync('npx', ['tsx', 'cli/compile.ts', ...args], { encoding: 'utf8' });
    const usage = run([src]);
    expect(usage.status).toBe(2);
    expect(usage.stderr).toMatch(/name one snapshot folder and --out/);
    const missing = run([join(tmp, 'nowhere'), '--out', join(tmp, 'x')]);
    expect(missing.status).toBe(1);
    expect(missing.stderr).toMatch(/^compile: /);
  });
});
