import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateCorpus } from '../../bench/lib/literature-bench-corpus.ts';
import { nodeRuntimeOptions } from './literature-node-io.ts';
import { buildLiteraturePack, passageText, type BuiltPack } from './literature-pack-build.ts';
import { buildStaticModelFolder } from './literature-static-model.ts';
import { buildShard, mergeShards, parseShardId, shardDir, shardRange } from './literature-shards.ts';

// The benchmark's generator over the project's own sample literature, small.
const docs = generateCorpus({ docs: 600, seed: 3 });
const runtime = nodeRuntimeOptions();
const SHARDS = 3;

describe('a literature index built in shards and merged', () => {
  let work: string;
  let single: BuiltPack;
  let modelFiles: Map<string, Uint8Array>;
  beforeAll(async () => {
    work = await mkdtemp(join(tmpdir(), 'raireki-shards-'));
    // Shards embed with a fixed model folder: the default model, trained on the corpus once.
    modelFiles = (await buildStaticModelFolder(docs.map(passageText))).files;
    single = await buildLiteraturePack(docs, { runtime, partitioned: true, modelFiles });
  }, 120_000);
  afterAll(() => rm(work, { recursive: true, force: true }));

  it('writes the same files as one build of the whole corpus', async () => {
    for (let index = 0; index < SHARDS; index++) expect(await buildShard(work, { index, count: SHARDS }, docs, modelFiles, runtime)).toBe(true);
    const vectors = await mergeShards(work, SHARDS, docs, modelFiles);
    const merged = await buildLiteraturePack(docs, { runtime, partitioned: true, modelFiles, vectors });
    expect(merged.manifest.partitioned?.ivf.lists).toBeGreaterThan(0);
    expect([...merged.files.keys()].sort()).toEqual([...single.files.keys()].sort());
    for (const [name, bytes] of single.files) {
      expect(Buffer.from(merged.files.get(name)!).equals(Buffer.from(bytes)), name).toBe(true);
    }
  }, 120_000);

  it('rebuilds only a shard that is missing after a crash, and the merge names shards that are not built', async () => {
    await rm(shardDir(work, { index: 1, count: SHARDS }), { recursive: true });
    await expect(mergeShards(work, SHARDS, docs, modelFiles)).rejects.toThrow(/shards 1 of 3 are not built/);
    const rebuilt = [];
    for (let index = 0; index < SHARDS; index++) rebuilt.push(await buildShard(work, { index, count: SHARDS }, docs, modelFiles, runtime));
    expect(rebuilt).toEqual([false, true, false]);
  }, 120_000);

  it('redoes a shard whose documents changed', async () => {
    const changed = docs.map((d, i) => (i === 10 ? { ...d, text: d.text + ' changed' } : d));
    expect(await buildShard(work, { index: 0, count: SHARDS }, changed, modelFiles, runtime)).toBe(true);
  }, 120_000);

  it('cuts the corpus into runs of consecutive documents and reads i/N', () => {
    expect([0, 1, 2].map((index) => shardRange(10, { index, count: 3 }))).toEqual([
      { from: 0, to: 3 },
      { from: 3, to: 6 },
      { from: 6, to: 10 },
    ]);
    expect(parseShardId('2/8')).toEqual({ index: 2, count: 8 });
    expect(() => parseShardId('8/8')).toThrow(/0 ≤ i < N/);
  });
});
