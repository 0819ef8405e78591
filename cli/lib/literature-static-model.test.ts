import { describe, expect, it } from 'vitest';
import { featureBucket, ngramFeatureIds } from '../../src/core/search/vector-ngram-features.ts';
import { staticEmbedReference } from '../../src/core/search/vector-static-train.ts';
import { createEmbedder } from '../../src/embed/index.ts';
import { nodeRuntimeOptions } from './literature-node-io.ts';
import { MIN_CONTRASTIVE_PASSAGES } from '../../src/core/search/vector-contrastive-pairs.ts';
import { Prng } from '../../src/testing/prng.ts';
import { defaultModelDims, STATIC_MAX_FEATURES, staticModelFolderFiles, trainStaticModelOnTexts, WIDE_MODEL_MAX_PASSAGES, WIDE_MODEL_MIN_PASSAGES } from './literature-static-model.ts';

const texts = [
  'Insulin lowers blood glucose in patients with diabetes.',
  'Continuous glucose monitoring guides insulin dosing.',
  'Chest radiographs showed pneumonia in the right lower lobe.',
  'Pneumonia was treated with antibiotics.',
  '糖尿病の患者にインスリンを投与した。',
  '胸部CTで肺炎を認めた。',
  'Fine-tuned medical models are evaluated on question answering benchmarks.',
  '医療モデルの評価には質問応答のベンチマークを用いる。',
];

describe('the static n-gram model as an ONNX graph', () => {
  const options = { dims: 8, buckets: 1 << 12 };
  const trained = trainStaticModelOnTexts(texts, options);
  const { tables } = trained;

  it('onnxruntime-web computes what the TypeScript reference computes', async () => {
    const files = await staticModelFolderFiles(trained, texts.length);
    const embedder = await createEmbedder({ read: async (n) => files.get(n)! }, nodeRuntimeOptions());
    const queries = [...texts, 'insulin for diabetes', '肺炎 antibiotics', 'no known words here: zzqv'];
    const vectors = await embedder.embed(queries, 'query');
    await embedder.release();
    expect(embedder.manifest.name).toBe('raireki-static-ngram-8');
    queries.forEach((q, i) => {
      const expected = staticEmbedReference(tables, ngramFeatureIds(q, options.buckets, STATIC_MAX_FEATURES));
      for (let d = 0; d < 8; d++) expect(Math.abs(vectors[i]![d]! - expected[d]!)).toBeLessThan(1e-5);
    });
  });

  it('trains on an even sample when the corpus is larger than the training cap', () => {
    // Every second passage is sampled: the originals, not the copies with the made-up word.
    const sampled = trainStaticModelOnTexts(texts.flatMap((t) => [t, t + ' zyxwvut']), { ...options, maxTrainingPassages: 8 });
    const word = featureBucket('w:zyxwvut', options.buckets);
    expect(sampled.tables.bucketRows[word]).toBe(0);
    expect(trainStaticModelOnTexts([...texts, 'zyxwvut'], options).tables.bucketRows[word]).toBeGreaterThan(0);
  });

  it('the hashes in the manifest are those of the files', async () => {
    const files = await staticModelFolderFiles(trained, texts.length);
    const manifest = JSON.parse(new TextDecoder().decode(files.get('raireki-model.json')));
    expect(manifest.files['model.onnx'].bytes).toBe(files.get('model.onnx')!.length);
    expect(manifest.tokenizer).toMatchObject({ kind: 'raireki-ngram-hash', version: 1, buckets: 1 << 12 });
  });
});

describe('the contrastive stage of the default model', () => {
  it('does not run on a corpus too small to judge it', () => {
    expect(trainStaticModelOnTexts(texts, { dims: 8, buckets: 1 << 12 }).contrastive).toBeNull();
  });

  it('runs on a large enough corpus, judged on held-out documents, and says so in the model', async () => {
    // Documents of 60 made-up topics, two sentences each, drawing on each topic's words.
    const prng = new Prng(3);
    const word = (topic: number) => `t${topic}w${prng.int(15)}`;
    const sentence = (topic: number) => Array.from({ length: 6 }, () => (prng.next() < 0.3 ? `c${prng.int(40)}` : word(topic))).join(' ') + '.';
    const corpus = Array.from({ length: MIN_CONTRASTIVE_PASSAGES }, () => {
      const topic = prng.int(60);
      return `${sentence(topic)} ${sentence(topic)} ${sentence(topic)}`;
    });
    const trained = trainStaticModelOnTexts(corpus, { dims: 8, buckets: 1 << 14, contrastiveEpochs: 2 });
    const run = trained.contrastive!;
    // Eight dimensions cannot hold 60 topics as the SVD finds them; training on the pairs
    // ranks held-out documents better.
    expect(run.keptEpochs).toBeGreaterThanOrEqual(1);
    expect(run.reports[run.keptEpochs]!.heldOutMrr).toBeGreaterThan(run.reports[0]!.heldOutMrr);
    const files = await staticModelFolderFiles(trained, corpus.length);
    const manifest = JSON.parse(new TextDecoder().decode(files.get('raireki-model.json')));
    expect(manifest.description).toContain(`refined for ${run.keptEpochs} epoch`);
  });
});

describe('the default model\'s width', () => {
  it('is 512 dimensions from 1,024 to 50,000 passages (two a dimension; a whole index no larger than 100,000 at 256), else 256', () => {
    expect(defaultModelDims(320)).toBe(256);
    expect(defaultModelDims(WIDE_MODEL_MIN_PASSAGES - 1)).toBe(256);
    expect(defaultModelDims(WIDE_MODEL_MIN_PASSAGES)).toBe(512);
    expect(defaultModelDims(WIDE_MODEL_MAX_PASSAGES)).toBe(512);
    expect(defaultModelDims(WIDE_MODEL_MAX_PASSAGES + 1)).toBe(256);
    expect(defaultModelDims(1_000_000)).toBe(256);
    // Two documents a dimension, and a wide index never larger than the 25.6 MB of 100,000 × 256.
    expect(WIDE_MODEL_MIN_PASSAGES).toBe(2 * 512);
    expect(WIDE_MODEL_MAX_PASSAGES * defaultModelDims(WIDE_MODEL_MAX_PASSAGES)).toBeLessThanOrEqual(100_000 * 256);
  });
});
