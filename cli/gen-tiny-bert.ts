/**
 * Generates fixtures/models/tiny-bert/: a 2-layer BERT-architecture encoder with seeded
 * random weights (embeddings word + position + token type, self-attention, layer norm,
 * GELU feed-forward; output last_hidden_state), a WordPiece tokenizer.json built from
 * project-written text, the raireki-model.json manifest, and golden vectors computed
 * through src/embed. It proves the Hugging Face model path end to end; its vectors mean
 * nothing.
 *
 *   npx tsx cli/gen-tiny-bert.ts [out-dir]
 */
import { readFile } from 'node:fs/promises';
import { createEmbedder } from '../src/embed/index.ts';
import { Prng } from '../src/testing/prng.ts';
import { DataType, encodeModel, initializer, int64s, node, scalar, valueInfo, type NodeProto, type TensorProto } from './lib/literature-onnx-graph.ts';
import { modelFolderFiles } from './lib/literature-model-files.ts';
import { nodeFolderIo, nodeRuntimeOptions, writeFolder } from './lib/literature-node-io.ts';
import { buildWordPieceVocab, wordPieceTokenizerJson } from './lib/literature-wordpiece-vocab.ts';

export const TINY_BERT = { hidden: 32, heads: 4, intermediate: 64, layers: 2, maxPositions: 128, seed: 20261123 };

/** Texts whose vectors are stored in golden.json (English, Japanese, mixed, empty-ish). */
export const GOLDEN_TEXTS = [
  'Is insulin therapy supported by the literature?',
  '糖尿病の患者にインスリンを投与した。',
  'Chest CT で肺炎を認めた (pneumonia).',
  'zzqx unknownword',
];

export type BertShape = typeof TINY_BERT;

/** Normal deviates from a seeded generator (Box–Muller), for weights. */
export function gaussian(random: Prng): () => number {
  return () => Math.sqrt(-2 * Math.log(Math.max(random.next(), 1e-12))) * Math.cos(2 * Math.PI * random.next());
}

/**
 * The encoder of a BERT-architecture graph with seeded random weights: inputs input_ids,
 * attention_mask and token_type_ids (int64 [batch, sequence]), and the name of its last
 * hidden state ([batch, sequence, hidden]). Shared by the tiny BERT and the tiny NLI model
 * (cli/gen-tiny-nli.ts), which adds a classifier head.
 */
export function bertEncoder(vocabSize: number, random: Prng, shape: BertShape = TINY_BERT): { inits: TensorProto[]; nodes: NodeProto[]; output: string } {
  const { hidden: H, heads, intermediate: I, layers, maxPositions } = shape;
  const hd = H / heads;
  const gauss = gaussian(random);
  const weights = (n: number, std: number) => Float32Array.from({ length: n }, () => gauss() * std);
  const ones = (n: number) => new Float32Array(n).fill(1);
  const inits = [
    initializer('word_embeddings', [vocabSize, H], weights(vocabSize * H, 0.5)),
    initializer('position_embeddings', [maxPositions, H], weights(maxPositions * H, 0.1)),
    initializer('token_type_embeddings', [2, H], weights(2 * H, 0.1)),
    initializer('emb_ln_g', [H], ones(H)),
    initializer('emb_ln_b', [H], new Float32Array(H)),
    initializer('seq_axis_index', [], BigInt64Array.of(1n)),
    initializer('zero_i64', [], BigInt64Array.of(0n)),
    initializer('one_i64', [], BigInt64Array.of(1n)),
    int64s('mask_axes', [1, 2]),
    int64s('heads_shape', [0, 0, heads, hd]),
    int64s('hidden_shape', [0, 0, H]),
    scalar('one_f', 1),
    scalar('half_f', 0.5),
    scalar('mask_bias', -10000),
    scalar('attn_scale', 1 / Math.sqrt(hd)),
    scalar('inv_sqrt2', Math.SQRT1_2),
  ];
  const nodes = [
    node('Shape', ['input_ids'], ['ids_shape']),
    node('Gather', ['ids_shape', 'seq_axis_index'], ['seq_len']),
    node('Range', ['zero_i64', 'seq_len', 'one_i64'], ['position_ids']),
    node('Gather', ['word_embeddings', 'input_ids'], ['we']),
    node('Gather', ['position_embeddings', 'position_ids'], ['pe']),
    node('Gather', ['token_type_embeddings', 'token_type_ids'], ['te']),
    node('Add', ['we', 'pe'], ['wpe']),
    node('Add', ['wpe', 'te'], ['emb']),
    node('LayerNormalization', ['emb', 'emb_ln_g', 'emb_ln_b'], ['x0'], { axis: -1, epsilon: { float: 1e-12 } }),
    node('Cast', ['attention_mask'], ['mask_f'], { to: DataType.FLOAT }),
    node('Sub', ['one_f', 'mask_f'], ['mask_inv']),
    node('Mul', ['mask_inv', 'mask_bias'], ['mask_add']),
    node('Unsqueeze', ['mask_add', 'mask_axes'], ['mask4']),
  ];
  let x = 'x0';
  for (let l = 0; l < layers; l++) {
    const p = (s: string) => `l${l}_${s}`;
    for (const m of ['q', 'k', 'v', 'o']) {
      inits.push(initializer(p(`w${m}`), [H, H], weights(H * H, 1 / Math.sqrt(H))), initializer(p(`b${m}`), [H], weights(H, 0.02)));
    }
    inits.push(
      initializer(p('w1'), [H, I], weights(H * I, 1 / Math.sqrt(H))),
      initializer(p('b1'), [I], weights(I, 0.02)),
      initializer(p('w2'), [I, H], weights(I * H, 1 / Math.sqrt(I))),
      initializer(p('b2'), [H], weights(H, 0.02)),
      initializer(p('ln1_g'), [H], ones(H)),
      initializer(p('ln1_b'), [H], new Float32Array(H)),
      initializer(p('ln2_g'), [H], ones(H)),
      initializer(p('ln2_b'), [H], new Float32Array(H)),
    );
    for (const m of ['q', 'k', 'v']) {
      nodes.push(
        node('MatMul', [x, p(`w${m}`)], [p(`${m}_mm`)]),
        node('Add', [p(`${m}_mm`), p(`b${m}`)], [p(m)]),
        node('Reshape', [p(m), 'heads_shape'], [p(`${m}_heads`)]),
        node('Transpose', [p(`${m}_heads`)], [p(`${m}4`)], { perm: m === 'k' ? [0, 2, 3, 1] : [0, 2, 1, 3] }),
      );
    }
    nodes.push(
      node('MatMul', [p('q4'), p('k4')], [p('qk')]),
      node('Mul', [p('qk'), 'attn_scale'], [p('qk_scaled')]),
      node('Add', [p('qk_scaled'), 'mask4'], [p('scores')]),
      node('Softmax', [p('scores')], [p('probs')], { axis: -1 }),
      node('MatMul', [p('probs'), p('v4')], [p('ctx4')]),
      node('Transpose', [p('ctx4')], [p('ctx_t')], { perm: [0, 2, 1, 3] }),
      node('Reshape', [p('ctx_t'), 'hidden_shape'], [p('ctx')]),
      node('MatMul', [p('ctx'), p('wo')], [p('o_mm')]),
      node('Add', [p('o_mm'), p('bo')], [p('attn_out')]),
      node('Add', [p('attn_out'), x], [p('res1')]),
      node('LayerNormalization', [p('res1'), p('ln1_g'), p('ln1_b')], [p('x1')], { axis: -1, epsilon: { float: 1e-12 } }),
      node('MatMul', [p('x1'), p('w1')], [p('h_mm')]),
      node('Add', [p('h_mm'), p('b1')], [p('h')]),
      // GELU as BERT defines it, 0.5·h·(1 + erf(h/√2)): the Gelu op only exists from opset 20.
      node('Mul', [p('h'), 'inv_sqrt2'], [p('h_s')]),
      node('Erf', [p('h_s')], [p('h_erf')]),
      node('Add', [p('h_erf'), 'one_f'], [p('h_erf1')]),
      node('Mul', [p('h'), 'half_f'], [p('h_half')]),
      node('Mul', [p('h_half'), p('h_erf1')], [p('gelu')]),
      node('MatMul', [p('gelu'), p('w2')], [p('f_mm')]),
      node('Add', [p('f_mm'), p('b2')], [p('ffn')]),
      node('Add', [p('ffn'), p('x1')], [p('res2')]),
      node('LayerNormalization', [p('res2'), p('ln2_g'), p('ln2_b')], [p('out')], { axis: -1, epsilon: { float: 1e-12 } }),
    );
    x = p('out');
  }
  return { inits, nodes, output: x };
}

function tinyBertGraph(vocabSize: number, random: Prng): Uint8Array {
  const { inits, nodes, output } = bertEncoder(vocabSize, random);
  nodes.push(node('Identity', [output], ['last_hidden_state']));
  const ids = (name: string) => valueInfo(name, DataType.INT64, ['batch', 'sequence']);
  return encodeModel({
    name: 'raireki_tiny_bert',
    doc: 'Tiny BERT-architecture encoder with seeded random weights, generated by cli/gen-tiny-bert.ts for tests.',
    inputs: [ids('input_ids'), ids('attention_mask'), ids('token_type_ids')],
    outputs: [valueInfo('last_hidden_state', DataType.FLOAT, ['batch', 'sequence', TINY_BERT.hidden])],
    initializers: inits,
    nodes,
  });
}

export async function generateTinyBert(sourceText: string): Promise<Map<string, Uint8Array>> {
  const vocab = buildWordPieceVocab(sourceText);
  const tokenizer = new TextEncoder().encode(JSON.stringify(wordPieceTokenizerJson(vocab), null, 1) + '\n');
  const model = tinyBertGraph(vocab.length, new Prng(TINY_BERT.seed));
  return modelFolderFiles(
    {
      name: 'raireki-tiny-bert-random',
      description: 'Tiny BERT-architecture model with random weights: a test of the model path, useless for search.',
      dimensions: TINY_BERT.hidden,
      pooling: 'mean',
      normalize: true,
      // e5-style prefixes, so that the prefix code path is exercised by the tests.
      prefixes: { query: 'query: ', passage: 'passage: ' },
      maxLength: TINY_BERT.maxPositions,
      tokenizer: { kind: 'tokenizer.json', file: 'tokenizer.json' },
      inputs: ['input_ids', 'attention_mask', 'token_type_ids'],
      output: 'last_hidden_state',
      model: 'model.onnx',
    },
    new Map([
      ['model.onnx', model],
      ['tokenizer.json', tokenizer],
    ]),
  );
}

async function main(): Promise<void> {
  const out = process.argv[2] ?? 'fixtures/models/tiny-bert';
  const source = await readFile('fixtures/models/tiny-bert/source-text.txt', 'utf8');
  await writeFolder(out, await generateTinyBert(source));
  const embedder = await createEmbedder(nodeFolderIo(out), nodeRuntimeOptions());
  const golden = {
    note: 'Vectors of raireki-tiny-bert-random through src/embed in Node (onnxruntime-web WASM). Compare to 1e-4.',
    texts: GOLDEN_TEXTS,
    query: (await embedder.embed(GOLDEN_TEXTS, 'query')).map((v) => Array.from(v, (x) => Number(x.toFixed(7)))),
    passage: (await embedder.embed(GOLDEN_TEXTS, 'passage')).map((v) => Array.from(v, (x) => Number(x.toFixed(7)))),
  };
  await writeFolder(out, new Map([['golden.json', JSON.stringify(golden) + '\n']]));
  await embedder.release();
  console.log(`wrote ${out}: model.onnx, tokenizer.json, raireki-model.json, golden.json`);
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
