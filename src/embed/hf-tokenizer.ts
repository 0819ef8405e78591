/**
 * The one module that touches the tokenizer library (@huggingface/tokenizers, the
 * tokenizer of transformers.js): tokenizer.json in, padded int64 batches out. The library
 * does not truncate, so truncation is done here, keeping a trailing special token ([SEP],
 * </s>) where the post-processor added one, as Hugging Face's `truncation=True` does.
 * Sentence pairs (an NLI model's premise and hypothesis) are truncated before the special
 * tokens are added, the longer side first, as Hugging Face's fast tokenizers do.
 */
import { Tokenizer } from '@huggingface/tokenizers';
import type { ModelInput } from './model-manifest.ts';
import { padBatch, type EncodedBatch, type TextInputEncoder } from './text-inputs.ts';

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

function loadTokenizer(tokenizerJson: unknown, tokenizerConfig: unknown) {
  const tokenizer = new Tokenizer(tokenizerJson as object, (tokenizerConfig ?? {}) as object);
  const specialIds = new Set<number>();
  for (const [id, token] of tokenizer.get_added_tokens_decoder()) if (token.special) specialIds.add(id);
  return { tokenizer, specialIds, padId: findPadId(tokenizerJson, tokenizer) };
}

export function createHfEncoder(
  tokenizerJson: unknown,
  tokenizerConfig: unknown,
  maxLength: number,
  inputs: readonly ModelInput[],
): HfEncoder {
  const { tokenizer, specialIds, padId } = loadTokenizer(tokenizerJson, tokenizerConfig);

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

export interface TextPair {
  readonly premise: string;
  readonly hypothesis: string;
}

export interface HfPairEncoder {
  /** Ids, tokens and token types of one pair, after truncation: what the model will see. */
  encodePair(pair: TextPair): { ids: number[]; tokens: string[]; typeIds: number[] };
  encode(pairs: readonly TextPair[]): EncodedBatch;
  readonly tokenizer: Tokenizer;
}

/**
 * How many tokens each side keeps so that both fit in `budget` (Hugging Face tokenizers'
 * `longest_first`, tokenizers/src/utils/truncation.rs): nothing is cut if both fit; else only
 * the longer side is cut, to what the shorter leaves; if both are longer than half, each
 * keeps half (the longer one the odd token). Both keep their first tokens.
 */
export function longestFirst(n1: number, n2: number, budget: number): [number, number] {
  if (n1 + n2 <= budget) return [n1, n2];
  const swap = n1 > n2;
  let [short, long] = swap ? [n2, n1] : [n1, n2];
  long = short > budget ? short : Math.max(short, budget - short);
  if (short + long > budget) {
    short = Math.floor(budget / 2);
    long = short + (budget % 2);
  }
  return swap ? [long, short] : [short, long];
}

/**
 * Sentence pairs for a cross-encoder: each side tokenised without special tokens, cut to fit
 * `maxLength` with the pair's special tokens (longestFirst), then put through tokenizer.json's
 * own post-processor, which adds [CLS] premise [SEP] hypothesis [SEP] (or the model's
 * template) and the token types (0 for the premise, 1 for the hypothesis on BERT).
 */
export function createHfPairEncoder(
  tokenizerJson: unknown,
  tokenizerConfig: unknown,
  maxLength: number,
  inputs: readonly ModelInput[],
): HfPairEncoder {
  const { tokenizer, padId } = loadTokenizer(tokenizerJson, tokenizerConfig);
  const addedIds = new Map<string, number>();
  for (const [id, token] of tokenizer.get_added_tokens_decoder()) addedIds.set(token.content, id);
  const unk = (tokenizerJson as { model?: { unk_token?: string } }).model?.unk_token;
  const unkId = unk === undefined ? undefined : (addedIds.get(unk) ?? tokenizer.token_to_id(unk));
  const post = tokenizer.post_processor;
  const template = (a: string[], b: string[]) => (post ? post(a, b, true) : { tokens: [...a, ...b], token_type_ids: [...a.map(() => 0), ...b.map(() => 1)] });
  const added = template([], []).tokens.length;
  if (added >= maxLength) throw new Error(`maxLength ${maxLength} leaves no room for text beside the ${added} special tokens of a pair`);

  const idOf = (t: string): number => {
    const id = addedIds.get(t) ?? tokenizer.token_to_id(t) ?? unkId;
    if (id === undefined) throw new Error(`token ${JSON.stringify(t)} has no id and the tokenizer has no unknown token`);
    return id;
  };
  const encodePair = (pair: TextPair) => {
    const a = tokenizer.tokenize(pair.premise, { add_special_tokens: false });
    const b = tokenizer.tokenize(pair.hypothesis, { add_special_tokens: false });
    const [na, nb] = longestFirst(a.length, b.length, maxLength - added);
    const out = template(a.slice(0, na), b.slice(0, nb));
    const typeIds = out.token_type_ids ?? out.tokens.map(() => 0);
    return { ids: out.tokens.map(idOf), tokens: out.tokens, typeIds };
  };
  return { tokenizer, encodePair, encode: (pairs) => padBatch(pairs.map(encodePair), padId, inputs) };
}
