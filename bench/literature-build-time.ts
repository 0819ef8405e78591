/**
 * Index build time of a literature pack with the default model, stage by stage, on a
 * generated corpus (bench/lib/literature-bench-corpus.ts: sentences of the project's own
 * sample literature recombined; 100,000 documents by default): training the model,
 * (SVD, then the contrastive stage on corpora large enough to judge it), embedding, the keyword index, the fusion calibration (a second, held-out training of the
 * model, its embedding of the corpus, 400 pseudo-queries) and writing.
 *
 *   npm run bench:literature-build [-- --docs 100000]
 */
import { nodeRuntimeOptions } from '../cli/lib/literature-node-io.ts';
import { buildLiteraturePack } from '../cli/lib/literature-pack-build.ts';
import { describeContrastive } from '../cli/lib/literature-static-model.ts';
import { generateCorpus } from './lib/literature-bench-corpus.ts';

const argv = process.argv.slice(2);
const docs = argv.includes('--docs') ? Number(argv[argv.indexOf('--docs') + 1]) : 100_000;
const corpus = generateCorpus({ docs, seed: 1 });
const t0 = performance.now();
let last = '';
const pack = await buildLiteraturePack(corpus, {
  runtime: nodeRuntimeOptions(),
  onProgress: (stage) => {
    if (stage !== last) process.stderr.write(`${stage} … ${((performance.now() - t0) / 1000).toFixed(1)} s\n`);
    last = stage;
  },
});
const total = performance.now() - t0;
const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const t = pack.timings;
console.log(`${docs} documents: total ${s(total)} — model ${s(t.model)}, embedding ${s(t.embed)}, keywords ${s(t.keyword)}, calibration ${s(t.calibrate)}, writing ${s(t.write)}`);
console.log(describeContrastive(pack.contrastive));
const c = pack.calibration;
if (c) console.log(`calibrated rule: base ${c.rule.base}, gain ${c.rule.gain}, coverage ${c.rule.coverage?.toFixed(2)} (${c.queries} pseudo-queries; nDCG@10 keyword ${c.ndcg.keyword.toFixed(3)}, vector ${c.ndcg.vector.toFixed(3)}, hybrid ${c.ndcg.hybrid.toFixed(3)})`);
