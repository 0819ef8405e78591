import { readFileSync } from 'node:fs';
import { Tokenizer } from '@huggingface/tokenizers';
import { describe, expect, it } from 'vitest';
import { createHfEncoder } from './hf-tokenizer.ts';

const json = JSON.parse(readFileSync('fixtures/models/tiny-bert/tokenizer.json', 'utf8'));
const inputs = ['input_ids', 'attention_mask', 'token_type_ids'] as const;
const texts = [
  'Is insulin therapy supported by the literature?',
  '糖尿病の患者にインスリンを投与した。',
  'Chest CT で肺炎を認めた (pneumonia).',
  'Hospitalised patients',
  '',
  'ｲﾝｽﾘﾝ and ＣＴ',
];

describe('tokenisation through tokenizer.json', () => {
  const encoder = createHfEncoder(json, {}, 128, [...inputs]);
  const library = new Tokenizer(json, {});

  it("equals the tokenizer library's own encoding", () => {
    for (const t of texts) {
      const ours = encoder.encodeOne(t);
      const theirs = library.encode(t);
      expect(ours.ids).toEqual(theirs.ids);
      expect(ours.tokens).toEqual(theirs.tokens);
    }
  });

  it('is real WordPiece: [CLS]/[SEP], ## continuations, one token per kanji', () => {
    expect(encoder.encodeOne('Hospitalised patients').tokens).toEqual([
      '[CLS]', 'hospital', '##i', '##s', '##ed', 'patient', '##s', '[SEP]',
    ]);
    expect(encoder.encodeOne('糖尿病にインスリン').tokens).toEqual(['[CLS]', '糖', '尿', '病', 'に', '##インスリン', '[SEP]']);
  });

  it('truncates to the maximum length and keeps the closing [SEP]', () => {
    const short = createHfEncoder(json, {}, 5, [...inputs]);
    const { tokens } = short.encodeOne('insulin lowers blood glucose in diabetes');
    expect(tokens).toEqual(['[CLS]', 'insulin', 'lowers', 'blood', '[SEP]']);
  });

  it('pads a batch with [PAD] and a zero attention mask', () => {
    const batch = encoder.encode(['insulin', 'insulin therapy supported']);
    const pad = BigInt(library.token_to_id('[PAD]')!);
    expect(batch.length).toBe(5);
    expect(Array.from(batch.mask)).toEqual([1n, 1n, 1n, 0n, 0n, 1n, 1n, 1n, 1n, 1n]);
    expect(batch.feeds.get('input_ids')![3]).toBe(pad);
    expect(Array.from(batch.feeds.get('token_type_ids')!).every((x) => x === 0n)).toBe(true);
  });
});
