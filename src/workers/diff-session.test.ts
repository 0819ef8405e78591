import { describe, expect, it } from 'vitest';
import { MANIFEST_FORMAT, type Manifest } from '../core/format/index.ts';
import { diffPairAfter, diffPairBefore } from '../testing/diff-pair.ts';
import { DiffSession } from './diff-session.ts';
import { jsonSource } from './snapshot-source.ts';

const manifest = (id: string): Manifest => ({ format: MANIFEST_FORMAT, version: 1, snapshot: { id, title: { en: id }, createdAt: '2026-01-01' }, files: [] });
const source = (id: string, g: ReturnType<typeof diffPairBefore>) => jsonSource({ manifest: manifest(id), ...g, nodeFiles: g.nodes.map(() => 'graph.json'), relationFiles: g.relations.map(() => 'graph.json') });

describe('the worker’s diff session', () => {
  const open = { source: source('after', diffPairAfter()), name: 'after', generation: 7 };
  const other = { source: source('before', diffPairBefore()), name: 'before' };

  it('compares another snapshot as the earlier one, pages and filters in the worker, and swaps sides', async () => {
    const diffs = new DiffSession();
    const overview = await diffs.compare(open, other, 'b');
    expect(overview).toMatchObject({ a: { id: 'before' }, b: { id: 'after' }, openSide: 'b', nodes: { added: 3, removed: 1, changed: 4, renamed: 2 }, reclassifiedCount: 2 });
    const page = diffs.page(7, { kinds: ['dataset'], changes: null }, 2);
    expect(page.totalNodes).toBe(5); // gone, notes, phi-old, pubmed (renamed), new
    expect(page.nodes).toHaveLength(2);
    expect(page.countsByKind).toMatchObject({ dataset: 5, model: 2, activity: 2, output: 1 });
    const swapped = await diffs.swap(7);
    expect(swapped).toMatchObject({ a: { id: 'after' }, b: { id: 'before' }, openSide: 'a', nodes: { added: 1, removed: 3 } });
    expect(swapped.id).toBeGreaterThan(overview.id);
    expect(diffs.csv(7, { kinds: ['output'], changes: null }, 'en').text.split('\r\n')[1]).toMatch(/^node,removed,output,output:2,/);
  });

  it('forgets a diff made with a snapshot that is no longer open', async () => {
    const diffs = new DiffSession();
    await diffs.compare(open, other, 'b');
    expect(diffs.overviewFor(8)).toBeNull();
    expect(() => diffs.page(8, { kinds: null, changes: null }, 10)).toThrow(/another snapshot was opened since/);
    diffs.close();
    expect(diffs.overviewFor(7)).toBeNull();
    expect(() => diffs.csv(7, { kinds: null, changes: null }, 'en')).toThrow(/no comparison is open/);
  });
});
