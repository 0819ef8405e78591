/**
 * What the rules read from one sentence: the concepts it names (from the bilingual list,
 * and Latin-script names such as "eGFR" or "PD-1" inside Japanese text), its quantities,
 * negations, routes, actions, direction words and "only", each with spans in the original
 * sentence, and its analysed terms for measuring how much two sentences share.
 */
import { tokenize } from '../search/analyze.ts';
import { actions, directions, exclusivity, negations, routes, type Action, type Direction, type Route, type Span } from './cues.ts';
import { foldForRules } from './fold.ts';
import { CONCEPTS, type ConceptKind } from './lexicon.ts';
import { readQuantities, type Quantity } from './quantities.ts';

export interface ConceptMention {
  readonly id: string;
  readonly kind: ConceptKind;
  readonly spans: readonly Span[];
}

export interface SentenceFacts {
  readonly text: string;
  readonly concepts: ReadonlyMap<string, ConceptMention>;
  readonly quantities: readonly Quantity[];
  readonly negations: readonly Span[];
  readonly routes: ReadonlyMap<Route, Span[]>;
  readonly actions: ReadonlyMap<Action, Span[]>;
  readonly directions: ReadonlyMap<Direction, Span[]>;
  readonly exclusive: Span | null;
  /** Distinct analysed terms (stop words dropped; CJK as bigrams). */
  readonly terms: ReadonlySet<string>;
  /**
   * Drugs the sentence speaks of without naming them, from its context (an earlier sentence
   * of the output, or the document it was matched with): "成人では1日最大6,000mgまで" in an
   * answer about paracetamol.
   */
  readonly impliedDrugs: readonly string[];
}

/** The sentence with the drugs of its context, when it names none itself. */
export function withContextDrugs(f: SentenceFacts, drugs: readonly string[]): SentenceFacts {
  if (drugs.length === 0 || [...f.concepts.values()].some((c) => c.kind === 'drug')) return f;
  return { ...f, impliedDrugs: [...new Set(drugs)] };
}

/** Drugs a sentence names. */
export function namedDrugs(f: SentenceFacts): string[] {
  return [...f.concepts.values()].filter((c) => c.kind === 'drug').map((c) => c.id);
}

const UNIT_TERMS = new Set(['mg', 'g', 'mcg', 'ug', 'kg', 'ml', 'l', 'mmol', 'mmhg', 'dl', 'per', 'day', 'daily', 'h', 'hours', 'min', 'iu', 'units']);

/**
 * English function words beyond the search stop list, and the negation words (the rules read
 * those apart): two sentences do not say the same thing because both say "when … below".
 */
const FUNCTION_WORDS = new Set(
  ('when where which who whom whose what how why while because since although though should would could may might can must shall ' +
    'more most less least often also only than after before about over under above below all any some each other very has have had ' +
    'been being do does did done its our your his her we you he she i me my from up down out so within without never none nor ' +
    'cannot avoid avoided contraindicated usually generally typically well much many one two three s t')
    .split(' '),
);

/** A term that carries content: not a number, unit or function word, and not kana alone (です, には). */
function isContentTerm(t: string): boolean {
  if (/^[\d.,]+$/.test(t) || UNIT_TERMS.has(t) || FUNCTION_WORDS.has(t)) return false;
  return !/^[\u3041-\u309f]+$/.test(t);
}

const isLatin = (form: string) => /^[a-z0-9]/.test(form);

/** Concept id for Latin-script names not in the list: the name itself ("pd-1", "jak"). */
function latinNames(folded: string, known: Set<string>, out: Map<string, ConceptMention>): void {
  // Only inside Japanese text, or written as a code (letters with digits or capitals in the
  // original): in English prose every word is Latin and most are not names.
  const re = /[a-z][a-z0-9]*(?:-[a-z0-9]+)*/g;
  for (let m; (m = re.exec(folded)); ) {
    const name = m[0];
    if (name.length < 2 || known.has(name)) continue;
    const before = folded[m.index - 1] ?? '', after = folded[m.index + name.length] ?? '';
    const inJapanese = /[\u3040-\u30ff\u4e00-\u9fff]/.test(before + after);
    const code = /\d/.test(name) && /[a-z]/.test(name);
    if (!inJapanese && !code) continue;
    if (/^(mg|ml|kg|mmol|mmhg|dl|ug|mcg|iu|kcal|min|h|hr|hrs|torr|bpm)$/.test(name)) continue;
    const prev = out.get(name);
    out.set(name, { id: name, kind: 'test', spans: [...(prev?.spans ?? []), { start: m.index, end: m.index + name.length }] });
  }
}

export function sentenceFacts(text: string): SentenceFacts {
  const folded = foldForRules(text);
  const concepts = new Map<string, ConceptMention>();
  const known = new Set<string>();
  for (const concept of CONCEPTS) {
    const spans: Span[] = [];
    for (const form of concept.forms) {
      known.add(form);
      for (let i = folded.indexOf(form); i >= 0; i = folded.indexOf(form, i + 1)) {
        if (isLatin(form)) {
          const before = folded[i - 1], after = folded[i + form.length];
          if ((before && /[a-z0-9]/.test(before)) || (after && /[a-z0-9]/.test(after) && !/^s$/.test(after))) continue;
        }
        if (spans.some((s) => i < s.end && i + form.length > s.start)) continue;
        spans.push({ start: i, end: i + form.length });
      }
    }
    if (spans.length) concepts.set(concept.id, { id: concept.id, kind: concept.kind, spans });
  }
  latinNames(folded, known, concepts);
  return {
    text,
    concepts,
    quantities: readQuantities(folded),
    negations: negations(folded),
    routes: routes(folded),
    actions: actions(folded),
    directions: directions(folded),
    exclusive: exclusivity(folded),
    // Numbers and units say little about what a sentence is about; the quantity rule reads them.
    terms: new Set(tokenize(text).filter(isContentTerm)),
    impliedDrugs: [],
  };
}

/** Share of `a`'s terms that `b` also has (0 when `a` has none). */
export function termCoverage(a: SentenceFacts, b: SentenceFacts): number {
  if (a.terms.size === 0) return 0;
  let shared = 0;
  for (const t of a.terms) if (b.terms.has(t)) shared++;
  return shared / a.terms.size;
}

/** Concepts named by both sentences. */
export function sharedConcepts(a: SentenceFacts, b: SentenceFacts): string[] {
  return [...a.concepts.keys()].filter((id) => b.concepts.has(id));
}
