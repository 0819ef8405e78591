/**
 * Builds a static literature index for the browser's literature search.
 *
 *   npm run pack:literature -- <input> <out-dir> [--model <model folder>] [--nli <NLI model folder>] [--keyword-weight 0.7]
 *                              [--partitioned | --whole] [--list-rows n] [--list-codes int8|int4] [--shards N [--parallel P] [--work <dir>]]
 *   npm run pack:literature -- <input> --shard i/N --work <dir> [--model <model folder>]
 *
 * <input>: BEIR corpus.jsonl ({_id, title, text}), JSONL with title / abstract / source /
 * year / identifiers, or CSV with those columns (chosen by the .csv extension). Records
 * that cannot be used are reported with their line numbers; the rest are indexed. Without
 * --model the default model, raireki-static-ngram-512 (256 below 1,024 and above 50,000 documents), is trained on the corpus itself.
 * --nli adds an NLI cross-encoder (a model folder with `task: "nli"`, see docs/nli-models.md)
 * for the output check, under <out-dir>/nli/, hashed in the manifest like the embedding model.
 * Writes <out-dir>/literature-manifest.json, the index files, <out-dir>/model/ (and nli/).
 *
 * Layout (docs/literature-scale.md): from 100,000 documents the index is partitioned
 * (vector lists, postings blocks and document blocks fetched per query); --partitioned or
 * --whole choose it regardless of size; --list-rows sets the documents per vector list (256);
 * --list-codes int4 stores the lists as 4-bit codes with their int8 rows beside them for the
 * re-rank (half the bytes of the lists a query probes, plus a few lists' rows). A partitioned
 * index also holds each folder's parts back to back in bundles/, so that a search reads a
 * folder's parts in one request of many byte ranges (twice the index on disk).
 *
 * Large corpora build in shards: --shards N embeds the corpus in N shards, P at a time as
 * child processes (default 2), in <work> (default <out-dir>.shards), then merges them into
 * one index. Each shard is also a command of its own (--shard i/N, for a batch system);
 * --shards N then finds them built and only merges. A rerun skips the shards already built
 * (after a crash, only the rest run). Without --model the default model is trained on the
 * whole corpus first, into <work>/model/, and every shard uses it.
 */
import { existsSync } from 'node:fs';
import { basename, join } from 'node:path';
import { describeSpread } from '../src/core/search/fusion-calibration.ts';
import type { LiteratureDoc } from '../src/core/search/literature-pack.ts';
import type { Int8Matrix } from '../src/core/search/vector-quantize.ts';
import { nodeRuntimeOptions, readCorpusFile, readModelFolder, writeFolder } from './lib/literature-node-io.ts';
import { buildLiteraturePack, passageText, type BuildStage } from './lib/literature-pack-build.ts';
import { progressBar, type ProgressBar } from './lib/literature-progress.ts';
import { buildShard, mergeShards, parseShardId, runShards, shardDir, type ShardId } from './lib/literature-shards.ts';
import { buildStaticModelFolder, describeContrastive } from './lib/literature-static-model.ts';

const STAGE_LABEL: Record<BuildStage, string> = { model: 'training', embed: 'embedding', keyword: 'keywords', calibrate: 'calibrating', partition: 'partitioning', write: 'writing' };
/** Problems printed one by one before summarising the rest. */
const MAX_LISTED_PROBLEMS = 20;

interface Args {
  input: string;
  out: string;
  model?: string;
  nli?: string;
  keywordWeight?: number;
  partitioned?: boolean;
  shard?: ShardId;
  shards?: number;
  parallel: number;
  work?: string;
  listRows?: number;
  listCodes?: 'int8' | 'int4';
}

const USAGE =
  'usage: pack-literature <input.jsonl|input.csv> <out-dir> [--model <folder>] [--nli <folder>] [--keyword-weight w] [--partitioned|--whole] [--list-rows n] [--list-codes int8|int4] [--shards N [--parallel P] [--work <dir>]]\n' +
  '       pack-literature <input.jsonl|input.csv> --shard i/N --work <dir> [--model <folder>]';

function parseArgs(argv: string[]): Args {
  const positional: string[] = [];
  const a: Partial<Args> = {};
  const count = (flag: string, text: string | undefined) => {
    const n = Number(text);
    if (!Number.isInteger(n) || n < 1) throw new Error(`${flag} ${text ?? ''}: expected a whole number ≥ 1`);
    return n;
  };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--model') a.model = argv[++i];
    else if (argv[i] === '--nli') a.nli = argv[++i];
    else if (argv[i] === '--keyword-weight') a.keywordWeight = Number(argv[++i]);
    else if (argv[i] === '--partitioned') a.partitioned = true;
    else if (argv[i] === '--whole') a.partitioned = false;
    else if (argv[i] === '--shard') a.shard = parseShardId(argv[++i] ?? '');
    else if (argv[i] === '--shards') a.shards = count('--shards', argv[++i]);
    else if (argv[i] === '--parallel') a.parallel = count('--parallel', argv[++i]);
    else if (argv[i] === '--work') a.work = argv[++i];
    else if (argv[i] === '--list-rows') a.listRows = count('--list-rows', argv[++i]);
    else if (argv[i] === '--list-codes') {
      const codes = argv[++i];
      if (codes !== 'int8' && codes !== 'int4') throw new Error(`--list-codes must be int8 or int4, not ${codes}\n${USAGE}`);
      a.listCodes = codes;
    }
    else positional.push(argv[i]!);
  }
  if (a.shard) {
    if (positional.length !== 1 || !a.work) throw new Error(USAGE);
    return { parallel: 1, ...a, input: positional[0]!, out: '' };
  }
  if (positional.length !== 2) throw new Error(USAGE);
  return { parallel: 2, ...a, input: positional[0]!, out: positional[1]! };
}

/** The model folder shards use: --model, else the default model trained on the whole corpus once, in <work>/model/. */
async function shardModel(args: Args, docs: readonly LiteratureDoc[], work: string, bar: ProgressBar): Promise<{ dir: string; files: Map<string, Uint8Array> }> {
  if (args.model) return { dir: args.model, files: await readModelFolder(args.model) };
  const dir = join(work, 'model');
  if (existsSync(join(dir, 'raireki-model.json'))) return { dir, files: await readModelFolder(dir) };
  if (args.shard) throw new Error(`${dir}: no model; pass --model, or run --shards ${args.shard.count} once to train the default model on the corpus`);
  const trained = await buildStaticModelFolder(docs.map(passageText), { onProgress: (d, n) => bar.update('training', d, n) });
  bar.done();
  console.error(describeContrastive(trained.contrastive));
  await writeFolder(dir, trained.files);
  return { dir, files: trained.files };
}

/** One shard's embedding, as a batch system or runShards runs it. */
async function shardMain(args: Args, docs: readonly LiteratureDoc[]): Promise<number> {
  const bar = progressBar();
  const work = args.work!;
  const shard = args.shard!;
  const model = await shardModel(args, docs, work, bar);
  const built = await buildShard(work, shard, docs, model.files, nodeRuntimeOptions(), (d, n) => bar.update(`shard ${shard.index}/${shard.count}`, d, n));
  bar.done();
  console.error(`shard ${shard.index}/${shard.count}: ${built ? 'built' : 'already built, skipped'} → ${shardDir(work, shard)}`);
  return 0;
}

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2));
  const corpus = await readCorpusFile(args.input);
  for (const p of corpus.problems.slice(0, MAX_LISTED_PROBLEMS)) console.error(`${basename(args.input)}:${p.line}: ${p.message}`);
  if (corpus.problems.length > MAX_LISTED_PROBLEMS) console.error(`… and ${corpus.problems.length - MAX_LISTED_PROBLEMS} more problems`);
  if (corpus.docs.length === 0) {
    console.error(`${args.input}: no usable records; nothing written`);
    return 1;
  }
  if (args.shard) return shardMain(args, corpus.docs);
  const bar = progressBar();
  let sharded: { modelFiles: Map<string, Uint8Array>; vectors: Int8Matrix } | undefined;
  if (args.shards) {
    const work = args.work ?? `${args.out.replace(/\/+$/, '')}.shards`;
    const model = await shardModel(args, corpus.docs, work, bar);
    const script = process.argv[1]!;
    await runShards(work, args.shards, corpus.docs, model.files, args.parallel, (s) => [
      ...process.execArgv,
      script,
      args.input,
      '--shard',
      `${s.index}/${s.count}`,
      '--work',
      work,
      '--model',
      model.dir,
    ]);
    sharded = { modelFiles: model.files, vectors: await mergeShards(work, args.shards, corpus.docs, model.files) };
  }
  const pack = await buildLiteraturePack(corpus.docs, {
    runtime: nodeRuntimeOptions(),
    ...(args.model ? { modelFiles: await readModelFolder(args.model) } : {}),
    ...(sharded ?? {}),
    ...(args.partitioned !== undefined ? { partitioned: args.partitioned } : {}),
    ...(args.listRows || args.listCodes ? { partition: { ...(args.listRows ? { listRows: args.listRows } : {}), ...(args.listCodes ? { listCodes: args.listCodes } : {}) } } : {}),
    ...(args.nli ? { nliFiles: await readModelFolder(args.nli) } : {}),
    ...(args.keywordWeight !== undefined ? { keywordWeight: args.keywordWeight } : {}),
    onProgress: (stage, done, total) => bar.update(STAGE_LABEL[stage], done, total),
  });
  bar.done();
  await writeFolder(args.out, pack.files);
  const mb = [...pack.files.values()].reduce((s, b) => s + b.byteLength, 0) / 1e6;
  const t = pack.timings;
  console.error(
    `indexed ${corpus.docs.length} documents (${corpus.problems.length} records skipped or trimmed) with ${pack.manifest.model} ` +
      (pack.manifest.nli ? `and the NLI model ${pack.manifest.nli} ` : '') +
      `→ ${args.out} (${mb.toFixed(1)} MB; model ${(t.model / 1000).toFixed(1)} s, embedding ${(t.embed / 1000).toFixed(1)} s, ` +
      `keywords ${(t.keyword / 1000).toFixed(1)} s, calibration ${(t.calibrate / 1000).toFixed(1)} s, partitioning ${(t.partition / 1000).toFixed(1)} s)`,
  );
  // (A sharded build trained its model first, and said so then.)
  if (!args.model && !sharded) console.error(describeContrastive(pack.contrastive));
  const c = pack.calibration;
  if (c) {
    const f3 = (x: number) => x.toFixed(3);
    console.error(
      `fusion calibrated on ${c.queries} pseudo-queries drawn from the corpus: BM25 weight ${c.rule.base} + margin gain ${c.rule.gain} ` +
        `(nDCG@10 keyword ${f3(c.ndcg.keyword)}, vector ${f3(c.ndcg.vector)}, hybrid ${f3(c.ndcg.hybrid)}, default rule ${f3(c.ndcg.defaultRule)})`,
    );
    console.error(c.spread ? `how sure: ${describeSpread(c.spread)}` : 'how sure: too few informative pseudo-queries, so the default rule was kept');
  }
  return 0;
}

main().then(
  (code) => (process.exitCode = code),
  (e: unknown) => {
    console.error(`pack-literature: ${e instanceof Error ? e.message : String(e)}`);
    process.exitCode = 1;
  },
);
