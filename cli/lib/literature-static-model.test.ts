import { describe, expect, it } from 'vitest';
import { featureBucket, ngramFeatureIds } from '../../src/core/search/vector-ngram-features.ts';
import { staticEmbedReference } from '../../src/core/search/vector-static-train.ts';
import { createEmbedder } from '../../src/embed/index.ts';
import { nodeRuntimeOptions } from './literature-node-io.ts';
import { STATIC_MAX_FEATURES, staticModelFolderFiles, trainStaticModelOnTexts } from './literature-static-model.ts';

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
  const tables = trainStaticModelOnTexts(texts, options);

  it('onnxruntime-web computes what the TypeScript reference computes', async () => {
    const files = await staticModelFolderFiles(tables, texts.length);
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
    expect(sampled.bucketRows[word]).toBe(0);
    expect(trainStaticModelOnTexts([...texts, 'zyxwvut'], options).bucketRows[word]).toBeGreaterThan(0);
  });

  it('the hashes in the manifest are those of the files', async () => {
    const files = await staticModelFolderFiles(tables, texts.length);
    const manifest = JSON.parse(new TextDecoder().decode(files.get('raireki-model.json')));
    expect(manifest.files['model.onnx'].bytes).toBe(files.get('model.onnx')!.length);
    expect(manifest.tokenizer).toMatchObject({ kind: 'raireki-ngram-hash', version: 1, buckets: 1 << 12 });
  });
});
