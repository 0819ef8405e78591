/**
 * A small WordPiece tokenizer.json (BERT's normaliser (lower case, accents kept so that Japanese voiced kana survive), pre-tokeniser and [CLS]/[SEP]
 * template) with a vocabulary built from text the project wrote: every character as a word
 * start and as a `##` continuation, so nothing falls to [UNK], plus whole words and
 * katakana runs seen in the text, so the greedy longest-match of WordPiece has real
 * pieces to find. Enough to prove the Hugging Face tokenisation path, not to be a good model.
 */

export const SPECIAL_TOKENS = ['[PAD]', '[UNK]', '[CLS]', '[SEP]', '[MASK]'] as const;

const HAN = /\p{Script=Han}/u;
const WORD = /[\p{L}\p{N}]+/gu;
const KATAKANA_RUN = /[\p{Script=Katakana}ー]{2,}/gu;

export function buildWordPieceVocab(text: string, maxWords = 400): string[] {
  const lower = text.normalize('NFKC').toLowerCase();
  const vocab = new Set<string>(SPECIAL_TOKENS);
  const chars = new Set<string>();
  for (const ch of lower) if (/\S/u.test(ch)) chars.add(ch);
  // ASCII punctuation is always split off by BertPreTokenizer; keep it out of [UNK].
  for (const ch of '!"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~') chars.add(ch);
  const sortedChars = [...chars].sort();
  for (const ch of sortedChars) vocab.add(ch);
  for (const ch of sortedChars) if (!HAN.test(ch)) vocab.add('##' + ch);
  for (const suffix of ['s', 'ed', 'ing', 'ly', 'tion', 'al', 'er']) vocab.add('##' + suffix);
  for (const run of new Set(lower.match(KATAKANA_RUN) ?? [])) {
    vocab.add(run);
    vocab.add('##' + run);
  }
  const counts = new Map<string, number>();
  for (const w of lower.match(WORD) ?? []) {
    if (w.length < 2 || HAN.test(w) || !/^[a-z0-9]+$/.test(w)) continue;
    counts.set(w, (counts.get(w) ?? 0) + 1);
  }
  const words = [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, maxWords);
  for (const [w] of words) vocab.add(w);
  return [...vocab];
}

export function wordPieceTokenizerJson(vocab: readonly string[]): object {
  const ids = new Map(vocab.map((t, i) => [t, i]));
  const special = (t: string) => ({ id: t, type_id: 0 });
  return {
    version: '1.0',
    truncation: null,
    padding: null,
    added_tokens: SPECIAL_TOKENS.map((t) => ({
      id: ids.get(t)!,
      content: t,
      single_word: false,
      lstrip: false,
      rstrip: false,
      normalized: false,
      special: true,
    })),
    normalizer: { type: 'BertNormalizer', clean_text: true, handle_chinese_chars: true, strip_accents: false, lowercase: true },
    pre_tokenizer: { type: 'BertPreTokenizer' },
    post_processor: {
      type: 'TemplateProcessing',
      single: [{ SpecialToken: special('[CLS]') }, { Sequence: { id: 'A', type_id: 0 } }, { SpecialToken: special('[SEP]') }],
      pair: [
        { SpecialToken: special('[CLS]') },
        { Sequence: { id: 'A', type_id: 0 } },
        { SpecialToken: special('[SEP]') },
        { Sequence: { id: 'B', type_id: 1 } },
        { SpecialToken: { id: '[SEP]', type_id: 1 } },
      ],
      special_tokens: Object.fromEntries(
        ['[CLS]', '[SEP]'].map((t) => [t, { id: t, ids: [ids.get(t)!], tokens: [t] }]),
      ),
    },
    decoder: { type: 'WordPiece', prefix: '##', cleanup: true },
    model: {
      type: 'WordPiece',
      unk_token: '[UNK]',
      continuing_subword_prefix: '##',
      max_input_chars_per_word: 100,
      vocab: Object.fromEntries(ids),
    },
  };
}
