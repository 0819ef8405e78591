/**
 * The words that carry a sentence's stance, in Japanese and English (folded text): negation
 * and prohibition, routes of administration, what is done (reduce the dose, stop, start),
 * which way something moves (increase / decrease), and "only" (exclusivity). Each is found
 * with its span so that the UI can mark it.
 */

export interface Span {
  readonly start: number;
  readonly end: number;
}

/** Negation, prohibition and contraindication. */
const NEGATION_EN = [
  'not', 'no', 'never', 'none', 'neither', 'nor', 'without', 'cannot', "can't", "don't", "doesn't", "didn't", "isn't", "aren't",
  "wasn't", "weren't", "won't", "shouldn't", 'avoid', 'avoided', 'contraindicated', 'contraindication', 'unlikely', 'fails', 'failed',
  'lack', 'lacks', 'ineffective', 'unsafe', 'unnecessary',
];
const NEGATION_JA = ['禁忌', 'ない', 'ません', 'ず、', 'ずに', 'しない', '避け', '不要', '無効', '推奨されない', '推奨されません', '認められない', '認められなかった', 'できない', 'べきではない', '控え'];

/** Negated phrasings that mean "it is fine": their negation word is not a negation. */
const AFFIRMING_IDIOMS = [
  /問題(?:は|も)?(?:ない|ありません|なし)/g,
  /差し支え(?:ない|ありません)/g,
  /構わない|構いません/g,
  /支障(?:は)?(?:ない|ありません)/g,
  /\bno (?:problem|issue|concern)s?\b/g,
  /\bnot only\b/g,
  /\bno longer\b/g,
  /\bno (?:more|less) than\b/g,
  /\bnot (?:more|less) than\b/g,
  /\bwhether or not\b/g,
  // "few", "dangerous", "inevitable": ない inside a word, not a negation.
  /少な(?:い|く)|危な(?:い|く)|やむを得ない/g,
  // A negation inside a noun clause or a manner phrase is not the sentence's stance:
  // "悪化していないことを確認する", "高くないまま起こる", "忘れないように".
  /(?:ない|なかった)(?:こと|か|よう|うち|まま)/g,
  // Avoiding as a purpose ("…を避けるため", "to avoid …") says why, not whether.
  /避ける(?:ため|よう)/g,
  /\bto avoid\b/g,
];

function masked(text: string): string {
  let out = text;
  for (const re of AFFIRMING_IDIOMS) out = out.replace(re, (m) => '\u0000'.repeat(m.length));
  return out;
}

function wordSpans(text: string, words: readonly string[]): Span[] {
  const out: Span[] = [];
  for (const w of words) {
    for (let i = text.indexOf(w); i >= 0; i = text.indexOf(w, i + 1)) {
      const before = text[i - 1], after = text[i + w.length];
      if ((before && /[a-z0-9']/.test(before)) || (after && /[a-z0-9']/.test(after))) continue;
      out.push({ start: i, end: i + w.length });
    }
  }
  return out;
}

function substringSpans(text: string, words: readonly string[]): Span[] {
  const out: Span[] = [];
  for (const w of words) for (let i = text.indexOf(w); i >= 0; i = text.indexOf(w, i + 1)) out.push({ start: i, end: i + w.length });
  return out;
}

/** Non-overlapping spans, earliest and longest first. */
function disjoint(spans: Span[]): Span[] {
  spans.sort((a, b) => a.start - b.start || b.end - a.end);
  const out: Span[] = [];
  for (const s of spans) if (!out.length || s.start >= out[out.length - 1]!.end) out.push(s);
  return out;
}

export function negations(text: string): Span[] {
  const t = masked(text);
  return disjoint([...wordSpans(t, NEGATION_EN), ...substringSpans(t, NEGATION_JA)]);
}

export type Route = 'oral' | 'iv' | 'im' | 'sc' | 'inhaled' | 'topical' | 'rectal';

const ROUTES: readonly [Route, readonly string[], readonly string[]][] = [
  ['oral', ['oral', 'orally', 'by mouth', 'p.o.', 'po'], ['経口', '内服']],
  ['iv', ['intravenous', 'intravenously', 'iv', 'i.v.', 'infusion', 'bolus'], ['静注', '静脈内', '静脈注射', '点滴']],
  ['im', ['intramuscular', 'intramuscularly', 'im', 'i.m.'], ['筋注', '筋肉内', '筋肉注射']],
  ['sc', ['subcutaneous', 'subcutaneously', 'sc', 's.c.'], ['皮下注', '皮下']],
  ['inhaled', ['inhaled', 'inhalation', 'nebulised', 'nebulized'], ['吸入']],
  ['topical', ['topical', 'topically'], ['外用', '塗布']],
  ['rectal', ['rectal', 'rectally', 'suppository'], ['坐剤', '直腸']],
];

/** Spans of each key's words: English as whole words, Japanese as substrings (no spaces to bound them). */
function cueSpans<K>(text: string, table: readonly (readonly [K, readonly string[], readonly string[]])[]): Map<K, Span[]> {
  const out = new Map<K, Span[]>();
  for (const [key, en, ja] of table) {
    const spans = [...wordSpans(text, en), ...substringSpans(text, ja)];
    if (spans.length) out.set(key, disjoint(spans));
  }
  return out;
}

export function routes(text: string): Map<Route, Span[]> {
  return cueSpans(text, ROUTES);
}

/** What a sentence says to do; a dose cap or a reduction both adjust the dose. */
export type Action = 'adjust-dose' | 'stop' | 'start';

const ACTIONS: readonly [Action, readonly string[], readonly string[]][] = [
  [
    'adjust-dose',
    ['reduce', 'reduced', 'reduction', 'adjust', 'adjusted', 'adjustment', 'lower dose', 'dose reduction', 'caps', 'capped', 'cap', 'maximum dose', 'halve'],
    ['減量', '用量調整', '調整', '最高投与量', '最大投与量', '上限', '減らす'],
  ],
  ['stop', ['stop', 'stopped', 'hold', 'withhold', 'withheld', 'discontinue', 'discontinued', 'pause', 'paused'], ['中止', '休薬', '中断']],
  ['start', ['start', 'started', 'initiate', 'initiated', 'begin'], ['開始', '導入']],
];

export function actions(text: string): Map<Action, Span[]> {
  return cueSpans(text, ACTIONS);
}

export type Direction = 'up' | 'down';

const UP_EN = ['increase', 'increases', 'increased', 'increasing', 'higher', 'raise', 'raises', 'raised', 'rise', 'rises', 'elevated', 'elevates', 'worsen', 'worsens', 'worsened', 'more'];
const DOWN_EN = ['decrease', 'decreases', 'decreased', 'decreasing', 'lower', 'lowers', 'lowered', 'reduce', 'reduces', 'reduced', 'reduction', 'decline', 'declines', 'declined', 'fewer', 'less', 'improve', 'improves', 'improved'];
const UP_JA = ['増加', '上昇', '増え', '増強', '悪化', '高め', '亢進'];
const DOWN_JA = ['減少', '低下', '減ら', '減っ', '抑制', '改善', '低め'];

const DIRECTIONS: readonly [Direction, readonly string[], readonly string[]][] = [
  ['up', UP_EN, UP_JA],
  ['down', DOWN_EN, DOWN_JA],
];

export function directions(text: string): Map<Direction, Span[]> {
  return cueSpans(text, DIRECTIONS);
}

/**
 * "Only", said of a condition: "only when", "not until", "考えれば十分", "までは不要". A
 * sentence that limits an action to one band of patients denies it to every other band.
 */
const EXCLUSIVE = [/\bonly\b/g, /\bnot until\b/g, /\bis enough\b/g, /\bsuffices?\b/g, /(?:てから|ば|で)十分/g, /のみ/g, /だけ/g, /までは不要/g, /になってから/g];

export function exclusivity(text: string): Span | null {
  for (const re of EXCLUSIVE) {
    re.lastIndex = 0;
    const m = re.exec(text);
    if (m) return { start: m.index, end: m.index + m[0].length };
  }
  return null;
}

/** A question or a courtesy has nothing to check. */
const COURTESY = [
  /^(?:thank you|thanks|hello|hi|dear|best regards|kind regards|yours sincerely|yours faithfully|i hope this helps|please let me know|please do not hesitate|please don't hesitate|please contact|feel free)\b/,
  /^(?:ありがとうございます|ご質問ありがとうございます|こんにちは|お大事に|よろしくお願いします|以上です)/,
  // A note about the text itself: "※AIが作成した下書きです", "[AI-drafted letter: to be checked …]".
  /^※/,
  /^\[ai[- ]drafted\b/,
];

export function isQuestionOrCourtesy(text: string): boolean {
  const t = text.trim().toLowerCase();
  if (/[?？]$/.test(t) || /(?:ですか|ますか|でしょうか)[。．]?$/.test(t)) return true;
  return COURTESY.some((re) => re.test(t));
}
