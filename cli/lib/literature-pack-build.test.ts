import { beforeAll, describe, expect, it } from 'vitest';
import { hasNliModel, loadLiteraturePack, MODEL_DIR, NLI_DIR, type LiteratureIndex } from '../../src/core/search/literature-pack.ts';
import { hybridSearch, keywordSearch } from '../../src/core/search/literature-search.ts';
import { createEmbedder, memoryFolderIo, sha256Hex, type Embedder } from '../../src/embed/index.ts';
import { nodeRuntimeOptions, readModelFolder } from './literature-node-io.ts';
import { buildLiteraturePack, type BuiltPack } from './literature-pack-build.ts';
import { parseJsonlCorpus } from './literature-parse.ts';
import { CONTROL_SENTENCES } from '../../src/core/search/literature-support.ts';
import { LiteratureSession } from '../../src/workers/literature-session.ts';

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

let pack: BuiltPack;

describe('a literature pack built by the indexer and loaded by the browser loader', () => {
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
    // The default model; six documents give it six directions.
    expect(index.manifest.model).toBe('raireki-static-ngram-6');
    expect(index.vectors.dims).toBe(6);
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

describe('a literature pack with an NLI model (--nli)', () => {
  it('carries the folder under nli/, hashed in the manifest, and names the model', async () => {
    const nliFiles = await readModelFolder('fixtures/models/tiny-nli');
    const built = await buildLiteraturePack(corpus, { runtime, nliFiles });
    const loaded = await loadLiteraturePack(ioFor(built.files));
    expect(loaded.manifest.nli).toBe('raireki-tiny-nli-random');
    expect(hasNliModel(loaded.manifest)).toBe(true);
    for (const [name, bytes] of nliFiles) {
      expect(built.files.get(NLI_DIR + name)).toEqual(bytes);
      expect(loaded.manifest.files[NLI_DIR + name]).toEqual({ sha256: await sha256Hex(bytes), bytes: bytes.byteLength });
    }
  });

  it('says so when there is none, and writes the manifest as before (no nli key)', () => {
    expect(pack.manifest.nli).toBeUndefined();
    expect(hasNliModel(pack.manifest)).toBe(false);
    expect(new TextDecoder().decode(pack.files.get('literature-manifest.json'))).not.toContain('"nli"');
    expect([...pack.files.keys()].filter((n) => n.startsWith(NLI_DIR))).toEqual([]);
  });

  it('refuses an embedding model given as the NLI model, before indexing', async () => {
    await expect(buildLiteraturePack(corpus, { runtime, nliFiles: await readModelFolder('fixtures/models/tiny-bert') })).rejects.toThrow(
      'the NLI model folder cannot be used: raireki-model.json: raireki-tiny-bert-random is an embedding model (task "embedding"), not an NLI model',
    );
  });

  it('refuses a manifest that names an NLI model whose folder it does not list', async () => {
    const manifest = JSON.parse(new TextDecoder().decode(pack.files.get('literature-manifest.json')));
    const files = new Map(pack.files).set('literature-manifest.json', new TextEncoder().encode(JSON.stringify({ ...manifest, nli: 'x' })));
    await expect(loadLiteraturePack(ioFor(files))).rejects.toThrow('literature-manifest.json: nli names x, but files has no nli/raireki-model.json');
  });
});

describe("the output check's support threshold, stored by the indexer", () => {
  const withSupport = (files: ReadonlyMap<string, Uint8Array>, threshold: number) => {
    const copy = new Map(files);
    const manifest = JSON.parse(new TextDecoder().decode(files.get('literature-manifest.json')!));
    copy.set('literature-manifest.json', new TextEncoder().encode(JSON.stringify({ ...manifest, support: { ...manifest.support, threshold } })));
    return copy;
  };
  beforeAll(async () => {
    pack ??= await buildLiteraturePack(corpus, { runtime });
  });
  const sessionOver = async (files: ReadonlyMap<string, Uint8Array>) => {
    const session = new LiteratureSession(runtime);
    await session.open({ read: async (n) => files.get(n)! });
    return session;
  };

  it('is what the browser session computes from the control sentences over the same index', async () => {
    const stored = pack.manifest.support!;
    expect(stored.controls).toBe(CONTROL_SENTENCES.length);
    expect(stored.threshold).toBeGreaterThan(0);
    const computed = await (await sessionOver(pack.files)).computeSupportThreshold();
    expect(computed.threshold).toBeCloseTo(stored.threshold, 6);
  });

  it('is the threshold a check uses, with no control search of its own', async () => {
    const claim = 'Basal insulin lowered fasting blood glucose.';
    const session = await sessionOver(withSupport(pack.files, 0.9999));
    const result = await session.check(claim);
    expect(result.threshold).toBe(0.9999);
    // Above every cosine the claim reaches: what was supported is now "no close support".
    expect(result.sentences[0]!.verdict).toBe('no-close-support');
    expect((await (await sessionOver(pack.files)).check(claim)).threshold).toBe(pack.manifest.support!.threshold);
  });
});
