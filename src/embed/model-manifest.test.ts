/** raireki-model.json of both tasks: what is accepted, and the messages for what is not. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseAnyModelManifest, parseModelManifest, parseNliManifest } from './model-manifest.ts';

const read = (folder: string) => JSON.parse(readFileSync(`fixtures/models/${folder}/raireki-model.json`, 'utf8')) as Record<string, unknown>;
const nli = (edit: (m: Record<string, unknown>) => void = () => {}) => {
  const m = read('tiny-nli');
  edit(m);
  return m;
};

describe('raireki-model.json tasks', () => {
  it('reads a folder written before tasks existed as an embedding model, unchanged', () => {
    const json = read('tiny-bert');
    expect(json.task).toBeUndefined();
    const m = parseAnyModelManifest(json);
    expect(m.task).toBeUndefined();
    expect(JSON.stringify(m)).toBe(JSON.stringify(json)); // nothing added, nothing reordered
    expect(parseModelManifest(json).dimensions).toBe(32);
    expect(parseModelManifest({ ...json, task: 'embedding' }).task).toBe('embedding');
  });

  it('reads an NLI model with its labels', () => {
    const m = parseNliManifest(read('tiny-nli'));
    expect(m.task).toBe('nli');
    expect(m.labels).toEqual({ '0': 'contradiction', '1': 'entailment', '2': 'neutral' });
  });

  it('says which task a folder is when another was asked for', () => {
    expect(() => parseModelManifest(read('tiny-nli'))).toThrow('raireki-tiny-nli-random is an NLI model (task "nli"), not an embedding model');
    expect(() => parseNliManifest(read('tiny-bert'))).toThrow('raireki-tiny-bert-random is an embedding model (task "embedding"), not an NLI model');
  });

  it('refuses an unknown task, naming the known ones', () => {
    expect(() => parseAnyModelManifest({ ...read('tiny-bert'), task: 'rerank' })).toThrow('raireki-model.json: task: must be "embedding" or "nli" (got "rerank")');
  });
});

describe('an NLI manifest that is wrong', () => {
  it.each([
    ['no labels', (m: Record<string, unknown>) => delete m.labels, /raireki-model\.json: labels: /],
    ['a label missing', (m: Record<string, unknown>) => (m.labels = { '0': 'contradiction', '1': 'entailment' }), /labels: must map the output indices 0, 1, 2 to entailment, neutral, contradiction, each once/],
    ['a label twice', (m: Record<string, unknown>) => (m.labels = { '0': 'entailment', '1': 'entailment', '2': 'neutral' }), /labels: must map .* each once.*got \{"0":"entailment","1":"entailment","2":"neutral"\}/],
    ['an index gap', (m: Record<string, unknown>) => (m.labels = { '0': 'entailment', '1': 'neutral', '3': 'contradiction' }), /labels: must map the output indices 0, 1, 2/],
    ['a label as config.json writes it in capitals', (m: Record<string, unknown>) => (m.labels = { '0': 'CONTRADICTION', '1': 'entailment', '2': 'neutral' }), /raireki-model\.json: labels\.0: /],
    ['an index that is not a number', (m: Record<string, unknown>) => (m.labels = { zero: 'entailment', '1': 'neutral', '2': 'contradiction' }), /labels: must map the output indices 0, 1, 2 .*got \{"1":"neutral","2":"contradiction","zero":"entailment"\}/],
    ['the static model\'s feature hashing as tokenizer', (m: Record<string, unknown>) => (m.tokenizer = { kind: 'raireki-ngram-hash', version: 1, buckets: 8, maxFeatures: 8 }), /raireki-model\.json: tokenizer\.kind: /],
    ['no hash for the tokenizer', (m: Record<string, unknown>) => (m.files = { 'model.onnx': (m.files as Record<string, unknown>)['model.onnx'] }), 'raireki-model.json: files has no hash for tokenizer.json'],
    ['no output', (m: Record<string, unknown>) => delete m.output, /raireki-model\.json: output: /],
  ] as const)('%s', (_, edit, message) => {
    expect(() => parseNliManifest(nli(edit))).toThrow(message);
  });
});
