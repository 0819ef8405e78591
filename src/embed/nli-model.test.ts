/**
 * The NLI model path in Node, on the generated tiny NLI cross-encoder
 * (fixtures/models/tiny-nli, `npm run gen:tiny-nli`): golden probabilities, the manifest's
 * label order, batching, pair tokenisation and truncation, and folders of the wrong task.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nodeFolderIo, nodeRuntimeOptions } from '../../cli/lib/literature-node-io.ts';
import { createEmbedder } from './create-embedder.ts';
import { createHfPairEncoder, longestFirst } from './hf-tokenizer.ts';
import type { ModelFolderIo } from './model-folder.ts';
import { NLI_LABELS } from './model-manifest.ts';
import { createNliModel, nliScores, type NliModel, type NliPair, type NliScores } from './nli-model.ts';

const FOLDER = 'fixtures/models/tiny-nli';
const golden = JSON.parse(readFileSync(`${FOLDER}/golden.json`, 'utf8')) as { pairs: NliPair[]; probabilities: NliScores[] };
const manifestJson = () => JSON.parse(readFileSync(`${FOLDER}/raireki-model.json`, 'utf8')) as Record<string, unknown>;
const options = nodeRuntimeOptions();

/** The fixture folder with one file replaced. */
function withFile(name: string, bytes: Uint8Array | string, folder = FOLDER): ModelFolderIo {
  const io = nodeFolderIo(folder);
  return {
    read: (n) => (n === name ? Promise.resolve(typeof bytes === 'string' ? new TextEncoder().encode(bytes) : bytes) : io.read(n)),
  };
}
const withManifest = (edit: (m: Record<string, unknown>) => void) => {
  const m = manifestJson();
  edit(m);
  return withFile('raireki-model.json', JSON.stringify(m));
};

function maxDiff(a: readonly NliScores[], b: readonly NliScores[]): number {
  expect(a.length).toBe(b.length);
  return Math.max(...a.flatMap((s, i) => NLI_LABELS.map((l) => Math.abs(s[l] - b[i]![l]))));
}

describe('NLI with the generated tiny cross-encoder (onnxruntime-web WASM in Node)', () => {
  let nli: NliModel;
  beforeAll(async () => {
    nli = await createNliModel(nodeFolderIo(FOLDER), options);
  });
  afterAll(() => nli.release());

  it('reproduces the golden probabilities to 1e-4', async () => {
    const got = await nli.classify(golden.pairs);
    expect(maxDiff(got, golden.probabilities)).toBeLessThan(1e-4);
    for (const s of got) expect(s.entailment + s.neutral + s.contradiction).toBeCloseTo(1, 6);
    expect(nli.runtime.backend).toBe('wasm');
    expect(nli.manifest.name).toBe('raireki-tiny-nli-random');
  });

  it('gives a pair the same probabilities alone, in a padded batch, and in batches of one', async () => {
    const together = await nli.classify(golden.pairs);
    for (const [i, pair] of golden.pairs.entries()) expect(maxDiff(await nli.classify([pair]), [together[i]!])).toBeLessThan(1e-5);
    const one = await createNliModel(nodeFolderIo(FOLDER), { ...options, batchSize: 1 });
    try {
      expect(maxDiff(await one.classify(golden.pairs), together)).toBeLessThan(1e-5);
    } finally {
      await one.release();
    }
    expect(await nli.classify([])).toEqual([]);
  });

  it('depends on which side is the premise (token types and order reach the model)', async () => {
    const [forward, swapped] = await nli.classify([golden.pairs[0]!, { premise: golden.pairs[0]!.hypothesis, hypothesis: golden.pairs[0]!.premise }]);
    expect(maxDiff([forward!], [swapped!])).toBeGreaterThan(1e-3);
  });

  it('names each output by the manifest: a permuted labels map permutes the result', async () => {
    // The fixture says 0 contradiction, 1 entailment, 2 neutral (nli-deberta-v3's order);
    // read as MoritzLaurer's order (0 entailment, 1 neutral, 2 contradiction), the same
    // logits must come back under the other names.
    const permuted = await createNliModel(withManifest((m) => (m.labels = { '0': 'entailment', '1': 'neutral', '2': 'contradiction' })), options);
    try {
      const got = await permuted.classify(golden.pairs);
      got.forEach((s, i) => {
        const g = golden.probabilities[i]!;
        expect(s.entailment).toBeCloseTo(g.contradiction, 4); // index 0
        expect(s.neutral).toBeCloseTo(g.entailment, 4); // index 1
        expect(s.contradiction).toBeCloseTo(g.neutral, 4); // index 2
      });
      expect(maxDiff(got, golden.probabilities)).toBeGreaterThan(0.1);
    } finally {
      await permuted.release();
    }
  });
});

describe('softmax by label', () => {
  it('maps each index to its label and sums to 1', () => {
    const s = nliScores([0, Math.log(2), Math.log(5)], { '0': 'neutral', '1': 'contradiction', '2': 'entailment' });
    expect(s.neutral).toBeCloseTo(1 / 8, 12);
    expect(s.contradiction).toBeCloseTo(2 / 8, 12);
    expect(s.entailment).toBeCloseTo(5 / 8, 12);
  });

  it('stays finite for large logits', () => {
    const s = nliScores([1000, 0, -1000], { '0': 'entailment', '1': 'neutral', '2': 'contradiction' });
    expect(s).toEqual({ entailment: 1, neutral: 0, contradiction: 0 });
  });
});

describe('sentence-pair tokenisation', () => {
  const tokenizerJson = JSON.parse(readFileSync(`${FOLDER}/tokenizer.json`, 'utf8'));
  const encoder = createHfPairEncoder(tokenizerJson, {}, 64, ['input_ids', 'attention_mask', 'token_type_ids']);

  it('is [CLS] premise [SEP] hypothesis [SEP] with token types 0 then 1, as the tokenizer library encodes a pair', () => {
    const pair = { premise: 'Insulin lowers blood glucose.', hypothesis: '肺炎を認めた。' };
    const got = encoder.encodePair(pair);
    const sep = got.tokens.indexOf('[SEP]');
    expect(got.tokens[0]).toBe('[CLS]');
    expect(got.tokens.at(-1)).toBe('[SEP]');
    expect(got.typeIds).toEqual(got.tokens.map((_, i) => (i <= sep ? 0 : 1)));
    const reference = encoder.tokenizer.encode(pair.premise, { text_pair: pair.hypothesis, return_token_type_ids: true });
    expect(got.ids).toEqual(reference.ids);
    expect(got.typeIds).toEqual(reference.token_type_ids);
  });

  it('the golden pairs include one longer than maxLength, so the browser check covers truncation', () => {
    const long = golden.pairs.filter((p) => encoder.tokenizer.encode(p.premise, { text_pair: p.hypothesis }).ids.length > 64);
    expect(long).toHaveLength(1);
    expect(encoder.encodePair(long[0]!).ids).toHaveLength(64);
  });

  it('truncates the longer side first to maxLength, keeping both [SEP]', () => {
    const premise = 'Insulin therapy lowers blood glucose in patients with diabetes. '.repeat(10);
    const got = encoder.encodePair({ premise, hypothesis: 'Insulin lowers blood glucose.' });
    expect(got.ids).toHaveLength(64);
    const hypothesis = encoder.tokenizer.tokenize('Insulin lowers blood glucose.', { add_special_tokens: false });
    expect(got.tokens.slice(-hypothesis.length - 1)).toEqual([...hypothesis, '[SEP]']);
    expect(got.tokens.filter((t) => t === '[SEP]')).toHaveLength(2);
    // The premise keeps its beginning.
    const premiseTokens = encoder.tokenizer.tokenize(premise, { add_special_tokens: false });
    expect(got.tokens.slice(1, 64 - hypothesis.length - 2)).toEqual(premiseTokens.slice(0, 64 - hypothesis.length - 3));
  });

  it('splits the room as Hugging Face longest_first does', () => {
    expect(longestFirst(10, 5, 20)).toEqual([10, 5]); // fits
    expect(longestFirst(30, 5, 20)).toEqual([15, 5]); // only the longer is cut
    expect(longestFirst(5, 30, 20)).toEqual([5, 15]);
    expect(longestFirst(30, 40, 21)).toEqual([10, 11]); // both cut, the longer keeps the odd token
    expect(longestFirst(40, 30, 21)).toEqual([11, 10]);
    expect(longestFirst(12, 12, 20)).toEqual([10, 10]);
  });

  it('refuses a maxLength that leaves no room beside the special tokens', () => {
    expect(() => createHfPairEncoder(tokenizerJson, {}, 3, ['input_ids'])).toThrow(/maxLength 3 leaves no room/);
  });
});

describe('refusing a folder that is not an NLI model, or a bad one', () => {
  it('refuses an embedding model as an NLI model, and an NLI model as an embedder, by name', async () => {
    await expect(createNliModel(nodeFolderIo('fixtures/models/tiny-bert'), options)).rejects.toThrow(
      'raireki-model.json: raireki-tiny-bert-random is an embedding model (task "embedding"), not an NLI model',
    );
    await expect(createEmbedder(nodeFolderIo(FOLDER), options)).rejects.toThrow(
      'raireki-model.json: raireki-tiny-nli-random is an NLI model (task "nli"), not an embedding model',
    );
  });

  it('names a file whose bytes do not match the manifest', async () => {
    const bytes = new Uint8Array(readFileSync(`${FOLDER}/model.onnx`));
    bytes[bytes.length - 1]! ^= 0xff;
    await expect(createNliModel(withFile('model.onnx', bytes), options)).rejects.toThrow(/model\.onnx: SHA-256/);
  });

  it('refuses a manifest whose output the graph does not give', async () => {
    await expect(createNliModel(withManifest((m) => (m.output = 'last_hidden_state')), options)).rejects.toThrow(/does not match the ONNX graph/);
  });

  it('refuses an output that is not one logit per label', async () => {
    // The tiny BERT's graph with an NLI manifest: its output is [batch, sequence, 32].
    const bert = JSON.parse(readFileSync('fixtures/models/tiny-bert/raireki-model.json', 'utf8'));
    const nliOnBert = { ...bert, task: 'nli', labels: manifestJson().labels, maxLength: 64 };
    for (const k of ['dimensions', 'pooling', 'normalize', 'prefixes']) delete nliOnBert[k];
    const nli = await createNliModel(withFile('raireki-model.json', JSON.stringify(nliOnBert), 'fixtures/models/tiny-bert'), options);
    try {
      await expect(nli.classify([{ premise: 'a', hypothesis: 'b' }])).rejects.toThrow(/last_hidden_state has shape \[1, \d+, 32\], expected \[1, 3\]/);
    } finally {
      await nli.release();
    }
  });
});
