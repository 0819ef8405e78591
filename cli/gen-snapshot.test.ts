// Round trip of `npm run gen:snapshot` through the verified loader, and its argument parsing.
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildGraphIndex } from '../src/core/graph/index.ts';
import { chunkGraph, parseArgs, writeGeneratedSnapshot } from './gen-snapshot.ts';
import { readSnapshotDir } from './lib/snapshot-files.ts';
import { generateSnapshot } from '../src/testing/generate-snapshot.ts';

const root = mkdtempSync(join(tmpdir(), 'raireki-gen-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('gen-snapshot', () => {
  it('writes files that load, verify and index without problems, split at the node limit', async () => {
    const dir = join(root, 'a');
    const written = writeGeneratedSnapshot(dir, { nodes: 2500, seed: 4 });
    const loaded = await readSnapshotDir(dir);
    expect(loaded.nodes).toHaveLength(written.nodeCount);
    expect(loaded.relations).toHaveLength(written.relationCount);
    const { problems } = buildGraphIndex(loaded);
    expect(problems).toEqual([]);
    // Same seed, same bytes.
    writeGeneratedSnapshot(join(root, 'b'), { nodes: 2500, seed: 4 });
    for (const f of readdirSync(dir)) expect(readFileSync(join(root, 'b', f))).toEqual(readFileSync(join(dir, f)));
  });

  it('splits nodes evenly into chunks of at most perFile, each relation with its from node', () => {
    const g = generateSnapshot({ nodes: 1000, seed: 1 });
    const chunks = chunkGraph(g.nodes, g.relations, 300);
    expect(chunks.map((c) => c.path)).toEqual(['graph-0000.json', 'graph-0001.json', 'graph-0002.json', 'graph-0003.json']);
    const size = Math.ceil(g.nodes.length / 4);
    expect(chunks.map((c) => c.nodes.length)).toEqual([size, size, size, g.nodes.length - 3 * size]);
    expect(Math.max(...chunks.map((c) => c.nodes.length))).toBeLessThanOrEqual(300);
    expect(chunks.flatMap((c) => c.nodes)).toEqual(g.nodes);
    expect(chunks.reduce((s, c) => s + c.relations.length, 0)).toBe(g.relations.length);
    for (const c of chunks) {
      const ids = new Set(c.nodes.map((n) => n.id));
      expect(c.relations.every((r) => ids.has(r.from))).toBe(true);
    }
  });

  it('parses arguments and explains bad ones', () => {
    expect(parseArgs(['--nodes', '100k', '--seed', '3'])).toEqual({ nodes: 100_000, seed: 3, out: join('.tmp', 'snapshots', 'gen-100000-3'), pretty: false });
    expect(parseArgs(['--nodes=1M', '--out', 'x', '--pretty'])).toEqual({ nodes: 1_000_000, seed: 1, out: 'x', pretty: true });
    expect(parseArgs(['--nodes', '100k', '--models', '10k'])).toEqual({ nodes: 100_000, seed: 1, models: 10_000, out: join('.tmp', 'snapshots', 'gen-100000-1-m10000'), pretty: false });
    expect(parseArgs(['--nodes', '1000', '--models', '0'])).toMatchObject({ error: expect.stringContaining('--models needs') });
    expect(parseArgs([])).toEqual({ error: '--nodes is required' });
    expect(parseArgs(['--nodes', 'lots'])).toMatchObject({ error: expect.stringContaining('--nodes needs a whole number') });
    expect(parseArgs(['--nodes', '1000', '--seed', '1.5'])).toMatchObject({ error: expect.stringContaining('--seed needs an integer') });
    expect(parseArgs(['--nodes', '1000', '--colour'])).toEqual({ error: 'unknown argument "--colour"' });
    expect(parseArgs(['--help'])).toEqual({ help: true });
  });
});
