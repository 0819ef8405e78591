/**
 * Building a large literature index in shards: the corpus is cut into N runs of
 * consecutive documents, each shard embeds its run with a fixed model folder (the long
 * part of a build) and writes its int8 vectors to a work folder; the merge reads every
 * shard's vectors back in order and builds the one index (keyword index, calibration,
 * partitions, manifest) as a single build would. Shards are independent commands, so any
 * batch system can run them; `runShards` runs them as child processes here, a few at a time.
 *
 * A shard's folder appears whole (written beside it and renamed) with a `done.json` that
 * names what it was made from (the SHA-256 of its documents' passage texts and of the
 * model's manifest); a rerun after a crash skips the shards whose done.json matches, and a
 * changed corpus or model redoes them.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { LiteratureDoc } from '../../src/core/search/literature-pack.ts';
import type { Int8Matrix } from '../../src/core/search/vector-quantize.ts';
import type { RuntimeOptions } from '../../src/embed/index.ts';
import { embedPassages, passageText } from './literature-pack-build.ts';

export interface ShardId {
  readonly index: number;
  readonly count: number;
}

/** "2/8" → shard 2 of 8 (numbered from 0). */
export function parseShardId(text: string): ShardId {
  const m = /^(\d+)\/(\d+)$/.exec(text);
  const index = Number(m?.[1]);
  const count = Number(m?.[2]);
  if (!m || !(count > 0) || !(index < count)) throw new Error(`--shard ${text}: expected i/N with 0 ≤ i < N, e.g. 0/4`);
  return { index, count };
}

/** Documents [from, to) of a shard: N runs as equal as can be. */
export function shardRange(docs: number, shard: ShardId): { from: number; to: number } {
  return { from: Math.floor((docs * shard.index) / shard.count), to: Math.floor((docs * (shard.index + 1)) / shard.count) };
}

export const shardDir = (work: string, shard: ShardId) => join(work, `shard-${shard.index}-of-${shard.count}`);
const DONE = 'done.json';

interface ShardDone {
  readonly from: number;
  readonly to: number;
  readonly dims: number;
  readonly model: string;
  /** SHA-256 of the shard's passage texts and of the model's raireki-model.json. */
  readonly key: string;
}

function shardKey(docs: readonly LiteratureDoc[], range: { from: number; to: number }, modelFiles: ReadonlyMap<string, Uint8Array>): string {
  const h = createHash('sha256');
  h.update(modelFiles.get('raireki-model.json') ?? new Uint8Array());
  for (let i = range.from; i < range.to; i++) h.update(passageText(docs[i]!) + '\u0000');
  return h.digest('hex');
}

async function readDone(dir: string): Promise<ShardDone | null> {
  try {
    return JSON.parse(await readFile(join(dir, DONE), 'utf8')) as ShardDone;
  } catch {
    return null;
  }
}

/** Whether the shard's folder is finished for these documents and this model. */
export async function shardIsDone(work: string, shard: ShardId, docs: readonly LiteratureDoc[], modelFiles: ReadonlyMap<string, Uint8Array>): Promise<boolean> {
  const range = shardRange(docs.length, shard);
  const done = await readDone(shardDir(work, shard));
  return done !== null && done.from === range.from && done.to === range.to && done.key === shardKey(docs, range, modelFiles);
}

/**
 * Embeds one shard's documents into its folder under `work`; does nothing (returns false)
 * when the folder is already done for these documents and model.
 */
export async function buildShard(
  work: string,
  shard: ShardId,
  docs: readonly LiteratureDoc[],
  modelFiles: ReadonlyMap<string, Uint8Array>,
  runtime: RuntimeOptions,
  onProgress?: (done: number, total: number) => void,
): Promise<boolean> {
  if (await shardIsDone(work, shard, docs, modelFiles)) return false;
  const range = shardRange(docs.length, shard);
  const { matrix, name } = await embedPassages(docs.slice(range.from, range.to).map(passageText), modelFiles, runtime, onProgress);
  const dir = shardDir(work, shard);
  const partial = `${dir}.partial-${process.pid}`;
  await rm(partial, { recursive: true, force: true });
  await mkdir(partial, { recursive: true });
  await writeFile(join(partial, 'vectors.i8'), new Uint8Array(matrix.codes.buffer, matrix.codes.byteOffset, matrix.codes.byteLength));
  await writeFile(join(partial, 'vector-scales.f32'), new Uint8Array(matrix.scales.buffer, matrix.scales.byteOffset, matrix.scales.byteLength));
  const done: ShardDone = { ...range, dims: matrix.dims, model: name, key: shardKey(docs, range, modelFiles) };
  await writeFile(join(partial, DONE), JSON.stringify(done, null, 2) + '\n');
  await rm(dir, { recursive: true, force: true });
  await rename(partial, dir);
  return true;
}

/** Every shard's vectors, in document order; names the shards that are missing or stale. */
export async function mergeShards(work: string, count: number, docs: readonly LiteratureDoc[], modelFiles: ReadonlyMap<string, Uint8Array>): Promise<Int8Matrix> {
  const shards = Array.from({ length: count }, (_, index) => ({ index, count }));
  const notDone: number[] = [];
  for (const s of shards) if (!(await shardIsDone(work, s, docs, modelFiles))) notDone.push(s.index);
  if (notDone.length) throw new Error(`${work}: shards ${notDone.join(', ')} of ${count} are not built for this corpus and model (run them with --shard i/${count})`);
  let dims = 0;
  const parts: { codes: Int8Array; scales: Float32Array; from: number }[] = [];
  for (const s of shards) {
    const dir = shardDir(work, s);
    const done = (await readDone(dir))!;
    dims = done.dims;
    const codes = new Int8Array((await readFile(join(dir, 'vectors.i8'))).buffer.slice(0));
    const scalesBytes = await readFile(join(dir, 'vector-scales.f32'));
    const scales = new Float32Array(scalesBytes.buffer.slice(scalesBytes.byteOffset, scalesBytes.byteOffset + scalesBytes.byteLength));
    if (scales.length !== done.to - done.from || codes.length !== scales.length * dims) throw new Error(`${dir}: its vector files do not hold documents ${done.from}–${done.to - 1}`);
    parts.push({ codes, scales, from: done.from });
  }
  const codes = new Int8Array(docs.length * dims);
  const scales = new Float32Array(docs.length);
  for (const p of parts) {
    codes.set(p.codes, p.from * dims);
    scales.set(p.scales, p.from);
  }
  return { rows: docs.length, dims, codes, scales };
}

/**
 * Runs the shards not done yet as child processes (`command(shard)` gives the argv after
 * node), `parallel` at a time, printing a line as each finishes. Rejects naming the
 * shards that failed; those that finished stay done for the next run.
 */
export async function runShards(
  work: string,
  count: number,
  docs: readonly LiteratureDoc[],
  modelFiles: ReadonlyMap<string, Uint8Array>,
  parallel: number,
  command: (shard: ShardId) => string[],
  log: (line: string) => void = (l) => process.stderr.write(l + '\n'),
): Promise<void> {
  const todo: ShardId[] = [];
  for (let index = 0; index < count; index++) {
    const s = { index, count };
    if (await shardIsDone(work, s, docs, modelFiles)) log(`shard ${index}/${count}: already built, skipped`);
    else todo.push(s);
  }
  let finished = count - todo.length;
  const failed: number[] = [];
  const runOne = (s: ShardId) =>
    new Promise<void>((resolve) => {
      const child = spawn(process.execPath, command(s), { stdio: ['ignore', 'ignore', 'pipe'] });
      let err = '';
      child.stderr.on('data', (b: Buffer) => (err = (err + b.toString()).slice(-2000)));
      child.on('close', (code) => {
        if (code === 0) log(`shard ${s.index}/${count}: done (${++finished} of ${count})`);
        else {
          failed.push(s.index);
          log(`shard ${s.index}/${count}: failed (exit ${code}): ${err.trim().split('\n').at(-1) ?? ''}`);
        }
        resolve();
      });
    });
  const queue = [...todo];
  await Promise.all(
    Array.from({ length: Math.max(1, Math.min(parallel, queue.length)) }, async () => {
      for (let s = queue.shift(); s; s = queue.shift()) await runOne(s);
    }),
  );
  if (failed.length) throw new Error(`shards ${failed.sort((a, b) => a - b).join(', ')} failed; run the same command again to build only those`);
}
