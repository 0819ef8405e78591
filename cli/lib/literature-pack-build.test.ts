import { beforeAll, describe, expect, it } from 'vitest';
import { loadLiteraturePack, MODEL_DIR, type LiteratureIndex } from '../../src/core/search/literature-pack.ts';
import { hybridSearch, keywordSearch } from '../../src/core/search/literature-search.ts';
import { createEmbedder, memoryFolderIo, sha256Hex, type Embedder } from '../../src/embed/index.ts';
import { nodeRuntimeOptions } from './literature-node-io.ts';
import { buildLiteraturePack, type BuiltPack } from './literature-pack-build.ts';
import { parseJsonlCorpus } from './literature-parse.ts';

// Written for this test: a few abstracts in two languages on two topics.
const corpus = parseJsonlCorpus(
  [
    { _id: 'ins', title: 'Insulin therapy in type 2 diabetes', text: 'Basal insulin lowered fasting blood glucose and HbA1c.' },
    { _id: 'cgm', title: 'Continuous glucose monitoring', text: 'Sensors guide insulin dosing in diabetes care.' },
    { _id: 'pna', title: 'Community-acquired pneumonia', text: 'Chest radiographs confirmed pneumonia; antibiotics were started.' },
    { _id: 'ct', title: 'CT of the chest', text: 'Computed tomography detects early lung infiltrates.' },
    { _id: 'ja-dm', title: '糖尿病のインスリン療法', text: '基礎インスリンにより空腹時血糖が低下した。' },
    { _id: 'ja-pna', title: '市中肺炎の治療', text: '胸部X線写真で肺炎を認め、抗菌薬を投与した。' },
  ]
    .map((d) => JSON.stringify(d))
    .join('\n'),
).docs;

const runtime = nodeRuntimeOptions();
const ioFor = (files: ReadonlyMap<string, Uint8Array>) => ({
  read: async (n: string) => {
    const b = files.get(n);
    if (!b) throw new Error(`${n} missing`);
    return b;
  },
  sha256: sha256Hex,
  decodeUtf8: (b: Uint8Array) => new TextDecoder().decode(b),
});

describe('a literature pack built by the indexer and loaded by the browser loader', () => {
  let pack: BuiltPack;
  let index: LiteratureIndex;
  let embedder: Embedder;
  beforeAll(async () => {
    pack = await buildLiteraturePack(corpus, { runtime });
    index = await loadLiteraturePack(ioFor(pack.files));
    const model = new Map([...pack.files].filter(([n]) => n.startsWith(MODEL_DIR)).map(([n, b]) => [n.slice(MODEL_DIR.length), b]));
    embedder = await createEmbedder(memoryFolderIo(model), runtime);
  });

  const search = async (q: string) => {
    const [v] = await embedder.embed([q], 'query');
    return hybridSearch(index, q, v!, { k: 3 }).map((h) => index.docs[h.doc]!.id);
  };

  it('holds every document, its metadata, vectors and the keyword index', () => {
    expect(index.docs.map((d) => d.id)).toEqual(corpus.map((d) => d.id));
    expect(index.vectors.rows).toBe(6);
    expect(index.manifest.model).toBe('raireki-static-ngram-256');
    expect(pack.files.has('model/model.onnx')).toBe(true);
  });

  it('finds the expected documents first in English and Japanese', async () => {
    expect((await search('insulin for diabetes'))[0]).toMatch(/^(ins|cgm)$/);
    expect((await search('肺炎の抗菌薬治療'))[0]).toBe('ja-pna');
    expect((await search('chest pneumonia antibiotics'))[0]).toBe('pna');
  });

  it('falls back to keyword search when there is no query vector (model missing)', () => {
    const hits = hybridSearch(index, '肺炎', null, { k: 2 });
    expect(hits.map((h) => h.doc)).toEqual(keywordSearch(index.bm25, '肺炎', 2).map((h) => h.doc));
  });

  it('refuses a pack file that does not match its hash, naming it', async () => {
    const files = new Map(pack.files);
    const bad = files.get('vectors.i8')!.slice();
    bad[0]! ^= 1;
    files.set('vectors.i8', bad);
    await expect(loadLiteraturePack(ioFor(files))).rejects.toThrow(/vectors\.i8: SHA-256/);
  });
});
