import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nodeFolderIo, nodeRuntimeOptions } from '../../cli/lib/literature-node-io.ts';
import { dot } from '../core/search/vector-pooling.ts';
import { createEmbedder, type Embedder } from './create-embedder.ts';
import type { ModelFolderIo } from './model-folder.ts';

const FOLDER = 'fixtures/models/tiny-bert';
const golden = JSON.parse(readFileSync(`${FOLDER}/golden.json`, 'utf8')) as {
  texts: string[];
  query: number[][];
  passage: number[][];
};
const options = nodeRuntimeOptions();

/** The fixture folder with one file replaced. */
function withFile(name: string, bytes: Uint8Array | string): ModelFolderIo {
  const io = nodeFolderIo(FOLDER);
  return {
    read: (n) => (n === name ? Promise.resolve(typeof bytes === 'string' ? new TextEncoder().encode(bytes) : bytes) : io.read(n)),
  };
}

describe('embedding with the generated tiny BERT (onnxruntime-web WASM in Node)', () => {
  let embedder: Embedder;
  beforeAll(async () => {
    embedder = await createEmbedder(nodeFolderIo(FOLDER), options);
  });
  afterAll(() => embedder.release());

  it('runs on WASM with one thread unless told otherwise, and says so', () => {
    expect(embedder.runtime).toEqual({ backend: 'wasm', numThreads: 1 });
  });

  it('reproduces the golden vectors to 1e-4', async () => {
    for (const role of ['query', 'passage'] as const) {
      const vectors = await embedder.embed(golden.texts, role);
      vectors.forEach((v, i) => {
        const expected = golden[role][i]!;
        expect(v.length).toBe(expected.length);
        for (let d = 0; d < v.length; d++) expect(Math.abs(v[d]! - expected[d]!)).toBeLessThan(1e-4);
      });
    }
  });

  it('is deterministic, and a text embeds the same alone or in a padded batch', async () => {
    const [alone] = await embedder.embed([golden.texts[0]!], 'passage');
    const batch = await embedder.embed(golden.texts, 'passage');
    const again = await embedder.embed(golden.texts, 'passage');
    expect(Array.from(batch[0]!)).toEqual(Array.from(again[0]!));
    for (let d = 0; d < alone!.length; d++) expect(Math.abs(alone![d]! - batch[0]![d]!)).toBeLessThan(1e-5);
  });

  it('applies the manifest prefixes (query: / passage:) and returns unit vectors', async () => {
    const [q] = await embedder.embed(['insulin'], 'query');
    const [p] = await embedder.embed(['insulin'], 'passage');
    expect(dot(q!, q!)).toBeCloseTo(1, 5);
    expect(dot(q!, p!)).toBeLessThan(0.9999);
    // The same model with no passage prefix, fed the prefixed text by hand, must agree.
    const manifest = JSON.parse(readFileSync(`${FOLDER}/raireki-model.json`, 'utf8'));
    manifest.prefixes.passage = '';
    const bare = await createEmbedder(withFile('raireki-model.json', JSON.stringify(manifest)), options);
    const [byHand] = await bare.embed(['query: insulin'], 'passage');
    await bare.release();
    expect(Array.from(byHand!)).toEqual(Array.from(q!));
  });
});

describe('backend auto in Node (no WebGPU here)', () => {
  it('reports WASM with the reason, the threads in use, and computes the golden vectors', async () => {
    const auto = await createEmbedder(nodeFolderIo(FOLDER), { ...options, backend: 'auto' });
    try {
      expect(auto.runtime).toEqual({ backend: 'wasm', webgpuRejected: 'no WebGPU here (navigator.gpu is missing)', numThreads: 1 });
      const [v] = await auto.embed([golden.texts[0]!], 'query');
      for (let d = 0; d < v!.length; d++) expect(Math.abs(v![d]! - golden.query[0]![d]!)).toBeLessThan(1e-4);
    } finally {
      await auto.release();
    }
  });

  it('falls back to WASM, with ORT\'s reason, when an adapter is claimed but WebGPU cannot start', async () => {
    const auto = await createEmbedder(nodeFolderIo(FOLDER), { ...options, backend: 'auto', probeWebGpu: async () => ({ adapter: 'claimed' }) });
    try {
      expect(auto.runtime.backend).toBe('wasm');
      expect(auto.runtime.webgpuAdapter).toBe('claimed');
      expect(auto.runtime.webgpuRejected).toMatch(/^the WebGPU session did not start: .*webgpu/);
      expect(auto.runtime.wasm).toBeUndefined();
      // The failed WebGPU start left ORT usable: the WASM session still gives the golden vectors.
      const [v] = await auto.embed([golden.texts[1]!], 'query');
      for (let d = 0; d < v!.length; d++) expect(Math.abs(v![d]! - golden.query[1]![d]!)).toBeLessThan(1e-4);
    } finally {
      await auto.release();
    }
  });
});

describe('refusing a bad model folder', () => {
  it('names a file whose bytes do not match the manifest', async () => {
    const bytes = new Uint8Array(readFileSync(`${FOLDER}/model.onnx`));
    bytes[bytes.length - 1]! ^= 0xff;
    await expect(createEmbedder(withFile('model.onnx', bytes), options)).rejects.toThrow(/model\.onnx: SHA-256/);
  });

  it('names a truncated file (an HTML error page served instead of the model)', async () => {
    await expect(createEmbedder(withFile('model.onnx', '<!doctype html>'), options)).rejects.toThrow(
      /model\.onnx: 15 bytes, the manifest says/,
    );
  });

  it('reports a manifest error with its path', async () => {
    const manifest = JSON.parse(readFileSync(`${FOLDER}/raireki-model.json`, 'utf8'));
    manifest.pooling = 'max';
    await expect(createEmbedder(withFile('raireki-model.json', JSON.stringify(manifest)), options)).rejects.toThrow(
      /raireki-model\.json: pooling/,
    );
  });

  it('refuses a manifest whose inputs the graph does not take', async () => {
    const manifest = JSON.parse(readFileSync(`${FOLDER}/raireki-model.json`, 'utf8'));
    manifest.inputs = ['input_ids', 'attention_mask'];
    await expect(createEmbedder(withFile('raireki-model.json', JSON.stringify(manifest)), options)).rejects.toThrow(
      /does not match the ONNX graph/,
    );
  });
});
