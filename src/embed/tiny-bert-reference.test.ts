/**
 * The generated tiny BERT's ONNX graph against an independent forward pass written out in
 * plain TypeScript from the BERT paper's definition, using the weights stored in the
 * graph: proves the fixture really is a BERT encoder (and that pooling, prefixes and
 * normalisation in src/embed agree), not only that it reproduces its own golden numbers.
 * The same for the tiny NLI cross-encoder: BERT over a sentence pair (token types 0 and 1),
 * its pooler and classifier, and the softmax named by the manifest's labels.
 */
import { readFileSync } from 'node:fs';
import onnxProto from 'onnx-proto';
import { describe, expect, it } from 'vitest';
import { nodeFolderIo, nodeRuntimeOptions } from '../../cli/lib/literature-node-io.ts';
import { createEmbedder } from './create-embedder.ts';
import { createHfEncoder, createHfPairEncoder } from './hf-tokenizer.ts';
import { createNliModel } from './nli-model.ts';

const FOLDER = 'fixtures/models/tiny-bert';
const NLI_FOLDER = 'fixtures/models/tiny-nli';
const { hidden: H, heads, layers } = { hidden: 32, heads: 4, layers: 2 };

function weights(folder = FOLDER): Map<string, Float32Array> {
  const model = onnxProto.onnx.ModelProto.decode(readFileSync(`${folder}/model.onnx`));
  const out = new Map<string, Float32Array>();
  for (const t of model.graph!.initializer!) {
    if (t.dataType !== onnxProto.onnx.TensorProto.DataType.FLOAT) continue;
    const raw = t.rawData!;
    out.set(t.name!, new Float32Array(Uint8Array.from(raw).buffer)); // copy: raw may be a view into a shared Buffer
  }
  return out;
}

/** erf by Abramowitz & Stegun 7.1.26 (|error| < 1.5e-7): JavaScript has no Math.erf. */
function erf(x: number): number {
  const s = Math.sign(x), a = Math.abs(x);
  const t = 1 / (1 + 0.3275911 * a);
  const y = 1 - ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * Math.exp(-a * a);
  return s * y;
}

const layerNorm = (x: number[], g: Float32Array, b: Float32Array) => {
  const m = x.reduce((s, v) => s + v, 0) / x.length;
  const v = x.reduce((s, y) => s + (y - m) ** 2, 0) / x.length;
  return x.map((y, i) => ((y - m) / Math.sqrt(v + 1e-12)) * g[i]! + b[i]!);
};
const linear = (x: number[], w: Float32Array, b: Float32Array, out: number) =>
  Array.from({ length: out }, (_, j) => x.reduce((s, xi, i) => s + xi * w[i * out + j]!, b[j]!));

function bertForward(w: Map<string, Float32Array>, ids: number[], typeIds: number[] = ids.map(() => 0)): number[][] {
  const get = (n: string) => w.get(n)!;
  let x = ids.map((id, p) =>
    layerNorm(
      Array.from({ length: H }, (_, d) => get('word_embeddings')[id * H + d]! + get('position_embeddings')[p * H + d]! + get('token_type_embeddings')[typeIds[p]! * H + d]!),
      get('emb_ln_g'),
      get('emb_ln_b'),
    ),
  );
  const hd = H / heads;
  for (let l = 0; l < layers; l++) {
    const p = (s: string) => get(`l${l}_${s}`);
    const q = x.map((t) => linear(t, p('wq'), p('bq'), H));
    const k = x.map((t) => linear(t, p('wk'), p('bk'), H));
    const v = x.map((t) => linear(t, p('wv'), p('bv'), H));
    const ctx = x.map(() => new Array<number>(H).fill(0));
    for (let h = 0; h < heads; h++) {
      for (let i = 0; i < x.length; i++) {
        const scores = x.map((_, j) => {
          let s = 0;
          for (let d = h * hd; d < (h + 1) * hd; d++) s += q[i]![d]! * k[j]![d]!;
          return s / Math.sqrt(hd);
        });
        const max = Math.max(...scores);
        const e = scores.map((s) => Math.exp(s - max));
        const z = e.reduce((a, b) => a + b, 0);
        for (let j = 0; j < x.length; j++) for (let d = h * hd; d < (h + 1) * hd; d++) ctx[i]![d]! += (e[j]! / z) * v[j]![d]!;
      }
    }
    const x1 = x.map((t, i) => layerNorm(linear(ctx[i]!, p('wo'), p('bo'), H).map((y, d) => y + t[d]!), p('ln1_g'), p('ln1_b')));
    x = x1.map((t) => {
      const hdn = linear(t, p('w1'), p('b1'), 64).map((y) => 0.5 * y * (1 + erf(y / Math.SQRT2)));
      return layerNorm(linear(hdn, p('w2'), p('b2'), H).map((y, d) => y + t[d]!), p('ln2_g'), p('ln2_b'));
    });
  }
  return x;
}

describe('tiny BERT graph = BERT written out by hand', () => {
  it('mean-pooled, normalised vectors agree to 1e-4', async () => {
    const w = weights();
    const tokenizer = JSON.parse(readFileSync(`${FOLDER}/tokenizer.json`, 'utf8'));
    const encoder = createHfEncoder(tokenizer, {}, 128, ['input_ids']);
    const embedder = await createEmbedder(nodeFolderIo(FOLDER), nodeRuntimeOptions());
    const texts = ['Insulin lowers blood glucose.', '胸部CTで肺炎を認めた。'];
    const got = await embedder.embed(texts, 'passage');
    await embedder.release();
    texts.forEach((t, i) => {
      const states = bertForward(w, encoder.encodeOne('passage: ' + t).ids);
      const mean = Array.from({ length: H }, (_, d) => states.reduce((s, row) => s + row[d]!, 0) / states.length);
      const norm = Math.hypot(...mean);
      for (let d = 0; d < H; d++) expect(Math.abs(got[i]![d]! - mean[d]! / norm)).toBeLessThan(1e-4);
    });
  });
});

describe('tiny NLI graph = BERT, pooler and classifier written out by hand', () => {
  it('probabilities agree to 1e-4, each under the label the manifest gives its index', async () => {
    const w = weights(NLI_FOLDER);
    const manifest = JSON.parse(readFileSync(`${NLI_FOLDER}/raireki-model.json`, 'utf8')) as { labels: Record<string, 'entailment' | 'neutral' | 'contradiction'> };
    const tokenizer = JSON.parse(readFileSync(`${NLI_FOLDER}/tokenizer.json`, 'utf8'));
    const encoder = createHfPairEncoder(tokenizer, {}, 64, ['input_ids']);
    const nli = await createNliModel(nodeFolderIo(NLI_FOLDER), nodeRuntimeOptions());
    const pairs = [
      { premise: 'Insulin lowers blood glucose.', hypothesis: '糖尿病の患者にインスリンを投与した。' },
      { premise: '胸部CTで肺炎を認めた。', hypothesis: 'No pneumonia was seen on chest CT.' },
    ];
    const got = await nli.classify(pairs);
    await nli.release();
    const get = (n: string) => w.get(n)!;
    pairs.forEach((pair, i) => {
      const { ids, typeIds } = encoder.encodePair(pair);
      expect(typeIds).toContain(1);
      const cls = bertForward(w, ids, typeIds)[0]!;
      const pooled = linear(cls, get('pooler_w'), get('pooler_b'), H).map(Math.tanh);
      const logits = linear(pooled, get('classifier_w'), get('classifier_b'), 3);
      const z = logits.reduce((s, l) => s + Math.exp(l), 0);
      for (const [index, label] of Object.entries(manifest.labels)) {
        expect(Math.abs(got[i]![label] - Math.exp(logits[Number(index)]!) / z)).toBeLessThan(1e-4);
      }
    });
  });
});
