/**
 * Builds a static literature index for the browser's literature search.
 *
 *   npm run pack:literature -- <input> <out-dir> [--model <model folder>] [--nli <NLI model folder>] [--keyword-weight 0.7]
 *
 * <input>: BEIR corpus.jsonl ({_id, title, text}), JSONL with title / abstract / source /
 * year / identifiers, or CSV with those columns (chosen by the .csv extension). Records
 * that cannot be used are reported with their line numbers; the rest are indexed. Without
 * --model the default model, raireki-static-ngram-256, is trained on the corpus itself.
 * --nli adds an NLI cross-encoder (a model folder with `task: "nli"`, see docs/nli-models.md)
 * for the output check, under <out-dir>/nli/, hashed in the manifest like the embedding model.
 * Writes <out-dir>/literature-manifest.json, the index files, <out-dir>/model/ (and nli/).
 */
import { describeContrastive } from './lib/literature-static-model.ts';
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { nodeRuntimeOptions, readModelFolder, writeFolder } from './lib/literature-node-io.ts';
import { buildLiteraturePack, type BuildStage } from './lib/literature-pack-build.ts';
import { parseCorpusFile } from './lib/literature-parse.ts';
import { progressBar } from './lib/literature-progress.ts';

const STAGE_LABEL: Record<BuildStage, string> = { model: 'training', embed: 'embedding', keyword: 'keywords', calibrate: 'calibrating', write: 'writing' };
/** Problems printed one by one before summarising the rest. */
const MAX_LISTED_PROBLEMS = 20;

interface Args {
  input: string;
  out: string;
  model?: string;
  nli?: string;
  keywordWeight?: number;
}

function parseArgs(argv: string[]): Args {
  const positional: string[] = [];
  const a: Partial<Args> = {};
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--model') a.model = argv[++i];
    else if (argv[i] === '--nli') a.nli = argv[++i];
    else if (argv[i] === '--keyword-weight') a.keywordWeight = Number(argv[++i]);
    else positional.push(argv[i]!);
  }
  if (positional.length !== 2) throw new Error('usage: pack-literature <input.jsonl|input.csv> <out-dir> [--model <folder>] [--nli <folder>] [--keyword-weight w]');
  return { ...a, input: positional[0]!, out: positional[1]! };
}

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2));
  const corpus = parseCorpusFile(args.input, await readFile(args.input, 'utf8'));
  for (const p of corpus.problems.slice(0, MAX_LISTED_PROBLEMS)) console.error(`${basename(args.input)}:${p.line}: ${p.message}`);
  if (corpus.problems.length > MAX_LISTED_PROBLEMS) console.error(`… and ${corpus.problems.length - MAX_LISTED_PROBLEMS} more problems`);
  if (corpus.docs.length === 0) {
    console.error(`${args.input}: no usable records; nothing written`);
    return 1;
  }
  const bar = progressBar();
  const pack = await buildLiteraturePack(corpus.docs, {
    runtime: nodeRuntimeOptions(),
    ...(args.model ? { modelFiles: await readModelFolder(args.model) } : {}),
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
      `keywords ${(t.keyword / 1000).toFixed(1)} s, calibration ${(t.calibrate / 1000).toFixed(1)} s)`,
  );
  if (!args.model) console.error(describeContrastive(pack.contrastive));
  const c = pack.calibration;
  if (c) {
    const f3 = (x: number) => x.toFixed(3);
    console.error(
      `fusion calibrated on ${c.queries} pseudo-queries drawn from the corpus: BM25 weight ${c.rule.base} + margin gain ${c.rule.gain} ` +
        `(nDCG@10 keyword ${f3(c.ndcg.keyword)}, vector ${f3(c.ndcg.vector)}, hybrid ${f3(c.ndcg.hybrid)}, default rule ${f3(c.ndcg.defaultRule)})`,
    );
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
