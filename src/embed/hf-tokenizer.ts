/**
 * The one module that touches the tokenizer library (@huggingface/tokenizers, the
 * tokenizer of transformers.js): tokenizer.json in, padded int64 batches out. The library
 * does not truncate, so truncation is done here, keeping a trailing special token ([SEP],
 * </s>) where the post-processor added one, as Hugging Face's `truncation=True` does.
 */
import { Tokenizer } from '@huggingface/tokenizers';
import type { ModelInput } from './model-manifest.ts';
import { padBatch, type TextInputEncoder } from './text-inputs.ts';

export interface HfEncoder extends TextInputEncoder {
  /** Ids and tokens of one text, after truncation: what the model will see. */
  encodeOne(text: string): { ids: number[]; tokens: string[]; typeIds: number[] };
  readonly tokenizer: Tokenizer;
}

function findPadId(json: unknown, tokenizer: Tokenizer): number {
  const padding = (json as { padding?: { pad_id?: number } | null }).padding;
  if (padding && typeof padding.pad_id === 'number') return padding.pad_id;
  for (const t of ['[PAD]', '<pad>', '<|pad|>']) {
    const id = tokenizer.token_to_id(t);
    if (id !== undefined) return id;
  }
  return 0;
}

export function createHfEncoder(
  tokenizerJson: unknown,
  tokenizerConfig: unknown,
  maxLength: number,
  inputs: readonly ModelInput[],
): HfEncoder {
  const tokenizer = new Tokenizer(tokenizerJson as object, (tokenizerConfig ?? {}) as object);
  const specialIds = new Set<number>();
  for (const [id, token] of tokenizer.get_added_tokens_decoder()) if (token.special) specialIds.add(id);
  const padId = findPadId(tokenizerJson, tokenizer);

  const encodeOne = (text: string) => {
    const enc = tokenizer.encode(text, { return_token_type_ids: true });
    let { ids, tokens } = enc;
    let typeIds = enc.token_type_ids ?? ids.map(() => 0);
    if (ids.length > maxLength) {
      const last = ids.length - 1;
      const keepLast = specialIds.has(ids[last]!) ? 1 : 0;
      const head = maxLength - keepLast;
      const pick = <T>(xs: T[]) => [...xs.slice(0, head), ...(keepLast ? [xs[last]!] : [])];
      ids = pick(ids);
      tokens = pick(tokens);
      typeIds = pick(typeIds);
    }
    return { ids, tokens, typeIds };
  };

  return {
    tokenizer,
    encodeOne,
    encode: (texts) => padBatch(texts.map(encodeOne), padId, inputs),
  };
}
