/**
 * Pseudo-queries drawn from the corpus itself (inverse cloze): a sentence of a document,
 * or its title, becomes a query whose answer is that document, and the sentence is taken
 * out of the document, so that the query is not found verbatim (a real question never
 * is). They let the indexer measure, with no human labels, how good each ranker is on
 * this corpus (fusion-calibration.ts).
 *
 * A document of one sentence gives a window of about a third of its words (or, for
 * Japanese with no spaces, of its characters) instead, the rest staying as the document.
 *
 * People also type a few words rather than a sentence ("Meditron training data"), and on
 * those BM25's exact matches matter more: so a share of the sentence queries is cut down
 * to a short phrase of the sentence (3–5 words, or 4–10 characters of Japanese), the whole
 * sentence still leaving the document.
 */
import { tokenize } from './analyze.ts';
import { splitSentences } from './literature-sentences.ts';

export interface PseudoQuery {
  /** Index of the answer document. */
  readonly doc: number;
  readonly query: string;
  /** The document without the query: its title and text as they are indexed for calibration. */
  readonly title: string;
  readonly text: string;
  /** Crossed into the other language of a bilingual corpus (cross-lingual-queries.ts). */
  readonly crossed?: boolean;
  /**
   * How many drawn pseudo-queries this one stands for in the calibration's means (default
   * 1): a crossed query also stands for those that were to be crossed the same way but
   * kept too little (cross-lingual-queries.ts).
   */
  readonly weight?: number;
}

/** A sentence needs this many search terms to be drawn as a query. */
export const MIN_QUERY_TERMS = 4;
/** A short phrase query needs this many. */
export const MIN_PHRASE_TERMS = 2;
/** What must remain of the document for it to be findable. */
export const MIN_REMAINDER_TERMS = 6;
/** Share of pseudo-queries taken from titles, where documents have titles and text. */
const TITLE_SHARE = 0.25;
/** Share of sentence queries cut down to a short phrase. */
const PHRASE_SHARE = 1 / 3;

interface Source {
  readonly title: string;
  readonly text: string;
}

const terms = (s: string) => tokenize(s).length;

/** The units a one-sentence text is cut into: words where it has spaces, else characters. */
function units(text: string): string[] {
  const words = text.split(/\s+/).filter(Boolean);
  return words.length >= 8 ? words : [...text];
}

/** A short contiguous phrase of a sentence: 3–5 words, or 4–10 characters where it has no spaces. */
function phrase(sentence: string, random: () => number): string {
  const words = sentence.split(/\s+/).filter(Boolean);
  const spaced = words.length >= 4;
  const u = spaced ? words : [...sentence.replace(/[。．！？]$/, '')];
  const n = Math.min(u.length, spaced ? 3 + Math.floor(random() * 3) : 4 + Math.floor(random() * 7));
  const start = Math.floor(random() * (u.length - n + 1));
  return u.slice(start, start + n).join(spaced ? ' ' : '');
}

function cloze(d: Source, random: () => number): { query: string; title: string; text: string } | null {
  if (d.title && d.text && random() < TITLE_SHARE) return { query: d.title, title: '', text: d.text };
  const all = splitSentences(d.text);
  const sentences = all.filter((s) => terms(s.text) >= MIN_QUERY_TERMS);
  if (all.length >= 2 && sentences.length > 0) {
    const s = sentences[Math.floor(random() * sentences.length)]!;
    const query = random() < PHRASE_SHARE ? phrase(s.text, random) : s.text;
    return { query, title: d.title, text: `${d.text.slice(0, s.start)} ${d.text.slice(s.end)}`.trim() };
  }
  const u = units(d.text);
  const spaced = u.length < d.text.length;
  const n = Math.max(1, Math.round(u.length / 3));
  if (u.length < 6) return null;
  const start = Math.floor(random() * (u.length - n + 1));
  const join = (xs: string[]) => xs.join(spaced ? ' ' : '');
  return { query: join(u.slice(start, start + n)), title: d.title, text: join([...u.slice(0, start), ...u.slice(start + n)]) };
}

/**
 * Up to `count` pseudo-queries from distinct documents chosen at random (`random` in
 * [0, 1), seeded by the caller so that a rebuild gives the same index), among the
 * documents `eligible` accepts (all by default).
 */
export function drawPseudoQueries(docs: readonly Source[], count: number, random: () => number, eligible?: (doc: number) => boolean): PseudoQuery[] {
  const order = docs.map((_, i) => i).filter((i) => !eligible || eligible(i));
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  const out: PseudoQuery[] = [];
  for (const doc of order) {
    if (out.length >= count) break;
    const c = cloze(docs[doc]!, random);
    if (!c || terms(c.query) < MIN_PHRASE_TERMS || terms(`${c.title}\n${c.text}`) < MIN_REMAINDER_TERMS) continue;
    out.push({ doc, ...c });
  }
  return out;
}
