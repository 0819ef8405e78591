/**
 * Does an evidence sentence disagree with a claim about the same thing? Small rules, each
 * naming the spans on both sides that conflict:
 *
 * - quantity: the same measure (a dose, a frequency, a lab threshold), in comparable units
 *   and for the same kind of dose (per day / per dose, ceiling or not), with values that
 *   cannot both hold — disjoint intervals, or a claim above the evidence's ceiling;
 * - route: the same drug given by different routes (静注 vs intramuscularly);
 * - polarity: closely matching sentences, one negated (禁忌, not, avoid) and one not;
 * - direction: closely matching sentences, one says up and the other down;
 * - population: the claim limits an action to one band of patients ("only below 30",
 *   "30を下回ってから考えれば十分") and the evidence prescribes it for another band.
 *
 * A rule compares only sentences about the same patients: when both name a value of the
 * same patient variable (eGFR, age, weight…) and the values are disjoint, they describe
 * different people and nothing conflicts (the "reduce at 30–44" and "contraindicated
 * below 30" sentences agree). Both must also name the same drug when both name one.
 */
import type { Span } from './cues.ts';
import { tokenize } from '../search/analyze.ts';
import type { Interval, Quantity } from './quantities.ts';
import { namedDrugs, sharedConcepts, termCoverage, type SentenceFacts } from './sentence-facts.ts';
import { POPULATION_VARIABLES } from './variables.ts';

export type ConflictKind = 'quantity' | 'route' | 'polarity' | 'direction' | 'population';

export interface Conflict {
  readonly kind: ConflictKind;
  /** The measure in question, for quantity and population conflicts ("dose", "egfr"…). */
  readonly variable?: string;
  readonly claimSpans: readonly Span[];
  readonly evidenceSpans: readonly Span[];
  /**
   * Whether the two sentences are tied by more than wording: the same band of patients, or
   * two or more concepts in common (a drug and a test, a drug and a condition). Such a
   * conflict stands even when the sentences' embeddings are not close ("eGFR 38 … 2,250 mg"
   * against "eGFR 30–44 … 750 mg"); the others need close sentences.
   */
  readonly anchored: boolean;
}

export interface DisagreementOptions {
  /**
   * Share of the claim's terms the evidence must also have for the polarity and direction
   * rules, which, unlike the others, have no number or route to anchor them.
   */
  readonly polarityCoverage: number;
}

export const DEFAULT_DISAGREEMENT_OPTIONS: DisagreementOptions = { polarityCoverage: 0.4 };

/** Content words two sentences must share before a negation or a direction between them counts. */
const MIN_SHARED_TERMS = 3;

/** Relative tolerance for "the same value" (rounding: "about 750 mg", "0.5 g"). */
const SAME_VALUE = 0.05;

function overlaps(a: Interval, b: Interval): boolean {
  const tol = (x: number) => (Number.isFinite(x) ? Math.abs(x) * SAME_VALUE : 0);
  const aboveEnd = a.lo - tol(a.lo) > b.hi + tol(b.hi) || (a.lo === b.hi && (a.loOpen || b.hiOpen) && a.lo !== a.hi && b.lo !== b.hi);
  const belowStart = a.hi + tol(a.hi) < b.lo - tol(b.lo) || (a.hi === b.lo && (a.hiOpen || b.loOpen) && a.lo !== a.hi && b.lo !== b.hi);
  return !(aboveEnd || belowStart);
}

/** Strictly disjoint, with bounds that touch counted as disjoint when either is open ("<30" vs "30–44"). */
function disjoint(a: Interval, b: Interval): boolean {
  if (a.hi < b.lo || b.hi < a.lo) return true;
  if (a.hi === b.lo && (a.hiOpen || b.loOpen)) return true;
  if (b.hi === a.lo && (b.hiOpen || a.loOpen)) return true;
  return false;
}

/**
 * Do the sentences speak of the same patients? Not when one names a group the other does not
 * (pregnancy, children, older adults), nor when the evidence names values of a patient
 * variable the claim names and none of them overlaps the claim's ("eGFR 38" against a
 * sentence only about "eGFR below 30").
 */
function samePatients(claim: SentenceFacts, evidence: SentenceFacts): boolean {
  // Pregnancy, children, older adults: a dose for one is not a dose for the others.
  const groups = (f: SentenceFacts) => [...f.concepts.values()].filter((c) => c.kind === 'population').map((c) => c.id).sort().join(',');
  if (groups(claim) !== groups(evidence)) return false;
  for (const c of claim.quantities) {
    if (!POPULATION_VARIABLES.has(c.variable)) continue;
    const values = evidence.quantities.filter((e) => e.variable === c.variable);
    if (values.length && values.every((e) => disjoint(c, e))) return false;
  }
  return true;
}

/** Drugs a sentence names, or else those its context implies. */
function drugs(f: SentenceFacts): string[] {
  const named = namedDrugs(f);
  return named.length ? named : [...f.impliedDrugs];
}

/** Both name a drug and none in common: they speak of different drugs. */
function differentDrugs(claim: SentenceFacts, evidence: SentenceFacts): boolean {
  const a = drugs(claim), b = new Set(drugs(evidence));
  return a.length > 0 && b.size > 0 && !a.some((d) => b.has(d));
}

/**
 * The drug a value or a route belongs to: the nearest drug named in the same clause,
 * before it if any ("metformin 500 mg", "アドレナリン1mg"), else after ("1 g of
 * paracetamol"). A discharge list's doses then stay with their own drugs.
 */
function drugAt(f: SentenceFacts, at: Span): string | undefined {
  const clause = clauses(f).find((c) => at.start >= c.start && at.start < c.end) ?? { start: 0, end: f.text.length };
  let best: { id: string; distance: number } | undefined;
  for (const c of f.concepts.values()) {
    if (c.kind !== 'drug') continue;
    for (const s of c.spans) {
      if (s.start < clause.start || s.end > clause.end) continue;
      // Before the value counts as nearer than after: lists read "drug dose, drug dose".
      const distance = s.end <= at.start ? at.start - s.end : 2 * (s.start - at.end) + 1;
      if (distance >= 0 && (!best || distance < best.distance)) best = { id: c.id, distance };
    }
  }
  if (best) return best.id;
  // Not in the clause: the sentence's only drug, named or implied.
  const all = drugs(f);
  return all.length === 1 ? all[0] : undefined;
}

/** Can `c` and `e` be compared as the same measure? */
function comparable(c: Quantity, e: Quantity, claim: SentenceFacts, evidence: SentenceFacts): boolean {
  if (c.variable !== e.variable || c.unit !== e.unit) return false;
  if (drugAt(claim, c) !== drugAt(evidence, e)) return false;
  if (POPULATION_VARIABLES.has(c.variable)) return false;
  if (c.variable === 'dose') return (c.per ?? 'dose') === (e.per ?? 'dose');
  return c.variable !== 'duration' && c.variable !== 'count';
}

/** Do the two values agree? A claim within the evidence's range or under its ceiling does. */
function agrees(c: Quantity, e: Quantity): boolean {
  if (e.cap && c.cap) return Math.abs(c.hi - e.hi) <= Math.max(Math.abs(e.hi), Math.abs(c.hi)) * SAME_VALUE;
  if (e.cap) return c.lo <= e.hi * (1 + SAME_VALUE);
  if (c.cap) return c.hi >= e.lo * (1 - SAME_VALUE);
  return overlaps(c, e);
}

/** A sentence that states a case ("if", "when", "otherwise", "では", "場合", "なら") rather than a rule for all. */
const CONDITION = /\b(?:if|when|unless|otherwise|where|in patients (?:with|who)|for patients)\b|場合|なら|であれば|ときは|時は|際は|以外は/;

/** The patient variables a sentence names values of (eGFR, age…). */
function populationVariables(f: SentenceFacts): string {
  return [...new Set(f.quantities.filter((q) => POPULATION_VARIABLES.has(q.variable)).map((q) => q.variable))].sort().join(',');
}

/**
 * Values compared only between sentences about the same case: both name the same drug (or
 * neither names one), the same patient variables, and both state a case or neither does —
 * "2.5 mg when two criteria apply" and "the standard dose is 5 mg" are not in conflict.
 * Within a measure, one pair of values that agree makes the measure consistent: a claim
 * listing more cases than its evidence is not contradicted by the cases it adds.
 */
function quantityConflicts(claim: SentenceFacts, evidence: SentenceFacts): Conflict[] {
  const [a, b] = [drugs(claim), new Set(drugs(evidence))];
  if ((a.length > 0) !== (b.size > 0)) return [];
  const [pc, pe] = [populationVariables(claim), populationVariables(evidence)];
  if (pc !== pe) return [];
  // Naming a band of patients states a case too ("at an eGFR of 30 to 44").
  if (!pc && CONDITION.test(claim.text.toLowerCase()) !== CONDITION.test(evidence.text.toLowerCase())) return [];
  const out: Conflict[] = [];
  const measures = new Map<string, Quantity[]>();
  for (const c of claim.quantities) {
    if (!evidence.quantities.some((e) => comparable(c, e, claim, evidence))) continue;
    const key = `${c.variable}|${c.unit}|${c.per ?? ''}`;
    measures.set(key, [...(measures.get(key) ?? []), c]);
  }
  for (const claimed of measures.values()) {
    const against = evidence.quantities.filter((e) => claimed.some((c) => comparable(c, e, claim, evidence)));
    if (claimed.some((c) => against.some((e) => comparable(c, e, claim, evidence) && agrees(c, e)))) continue;
    out.push({
      kind: 'quantity',
      anchored: pc !== '' || sharedConcepts(claim, evidence).length >= 2,
      variable: claimed[0]!.variable,
      claimSpans: claimed.map((c) => ({ start: c.start, end: c.end })),
      evidenceSpans: against.map((e) => ({ start: e.start, end: e.end })),
    });
  }
  return out;
}

/** Routes said of each drug: "intravenous vitamin K" gives vitamin K, not the fluids beside it, its route. */
function routesByDrug(f: SentenceFacts): Map<string, { routes: Set<string>; spans: Span[] }> {
  const out = new Map<string, { routes: Set<string>; spans: Span[] }>();
  for (const [route, spans] of f.routes) {
    for (const s of spans) {
      const drug = drugAt(f, s);
      if (!drug) continue;
      const entry = out.get(drug) ?? { routes: new Set<string>(), spans: [] };
      entry.routes.add(route);
      entry.spans.push(s);
      out.set(drug, entry);
    }
  }
  return out;
}

function routeConflicts(claim: SentenceFacts, evidence: SentenceFacts): Conflict[] {
  if (claim.routes.size === 0 || evidence.routes.size === 0) return [];
  const [c, e] = [routesByDrug(claim), routesByDrug(evidence)];
  for (const [drug, said] of c) {
    const other = e.get(drug);
    if (!other || [...said.routes].some((r) => other.routes.has(r))) continue;
    return [{ kind: 'route', anchored: sharedConcepts(claim, evidence).length >= 2, claimSpans: said.spans, evidenceSpans: other.spans }];
  }
  return [];
}

/**
 * Do two sentences say nearly the same thing? Every concept of the claim, and enough of its
 * words — or half as many when they share two or more concepts: "妊娠中もワルファリンは使用
 * できる" and "妊娠中のワルファリンは禁忌" share few character pairs but both their concepts.
 */
function aligned(claim: SentenceFacts, evidence: SentenceFacts, options: DisagreementOptions): boolean {
  // A concept the claim names and the evidence does not (lactic acidosis, pregnancy) means
  // the evidence speaks of something else, however many words they share.
  const shared = sharedConcepts(claim, evidence).length;
  if (shared < claim.concepts.size) return false;
  // A share of a handful of words is luck ("us" in "contact us" and "US exams").
  let common = 0;
  for (const t of claim.terms) if (evidence.terms.has(t)) common++;
  if (common < MIN_SHARED_TERMS) return false;
  const coverage = termCoverage(claim, evidence);
  if (coverage >= options.polarityCoverage) return true;
  return shared >= 2 && coverage >= options.polarityCoverage / 2;
}

/** Values of the same measure that agree: the sentences are consistent where they are most precise. */
function quantitiesAgree(claim: SentenceFacts, evidence: SentenceFacts): boolean {
  return claim.quantities.some((c) => evidence.quantities.some((e) => comparable(c, e, claim, evidence) && agrees(c, e)));
}

/** Clause boundaries: a negation in one clause ("calcium does not lower potassium, so…") says nothing of the next. */
const CLAUSE_BREAK = /[、,;；:：]|ため|ので|\bbut\b|\bwhereas\b|\bwhile\b|\balthough\b|\bbecause\b/g;

function clauses(f: SentenceFacts): Span[] {
  const t = f.text.toLowerCase();
  const out: Span[] = [];
  let start = 0;
  CLAUSE_BREAK.lastIndex = 0;
  for (let m; (m = CLAUSE_BREAK.exec(t)); ) {
    if (m.index > start) out.push({ start, end: m.index });
    start = m.index + m[0].length;
  }
  if (start < t.length) out.push({ start, end: t.length });
  return out;
}

/** The clause of each sentence where they meet most: the claim clause whose words the evidence clause covers best. */
function meetingClauses(claim: SentenceFacts, evidence: SentenceFacts): [Span, Span] {
  let best: [Span, Span] = [{ start: 0, end: claim.text.length }, { start: 0, end: evidence.text.length }];
  let bestScore = -1;
  const words = (f: SentenceFacts, s: Span) => new Set(tokenize(f.text.slice(s.start, s.end)).filter((w) => f.terms.has(w)));
  for (const c of clauses(claim)) {
    const cw = words(claim, c);
    if (cw.size === 0) continue;
    for (const e of clauses(evidence)) {
      const ew = words(evidence, e);
      let shared = 0;
      for (const w of cw) if (ew.has(w)) shared++;
      const score = shared / cw.size + shared / Math.max(1, ew.size);
      if (score > bestScore) [bestScore, best] = [score, [c, e]];
    }
  }
  return best;
}

const within = (spans: readonly Span[], clause: Span) => spans.filter((s) => s.start >= clause.start && s.end <= clause.end);

function polarityConflicts(claim: SentenceFacts, evidence: SentenceFacts, options: DisagreementOptions): Conflict[] {
  if (!aligned(claim, evidence, options) || quantitiesAgree(claim, evidence)) return [];
  const [cc, ec] = meetingClauses(claim, evidence);
  // Clauses that meet on words but not on what they name ("insulin lowers glucose" and
  // "calcium does not lower potassium") do not say opposite things.
  const named = (f: SentenceFacts, clause: Span) =>
    new Set([...f.concepts.values()].filter((c) => c.spans.some((s) => s.start >= clause.start && s.end <= clause.end)).map((c) => c.id));
  const claimNamed = named(claim, cc), evidenceNamed = named(evidence, ec);
  if (claimNamed.size > 0 && ![...claimNamed].some((id) => evidenceNamed.has(id))) return [];
  const claimNegations = within(claim.negations, cc), evidenceNegations = within(evidence.negations, ec);
  const out: Conflict[] = [];
  // Opposite in the clauses where the sentences meet, and over the whole sentences: a
  // negation in another clause may carry the predicate ("…を誘発しうるため、避ける").
  const opposite = (a: number, b: number) => a % 2 !== b % 2;
  if (opposite(claimNegations.length, evidenceNegations.length) && opposite(claim.negations.length, evidence.negations.length)) {
    out.push({ kind: 'polarity', anchored: false, claimSpans: claimNegations, evidenceSpans: evidenceNegations });
  } else {
    const [cu, cd] = [within(claim.directions.get('up') ?? [], cc), within(claim.directions.get('down') ?? [], cc)];
    const [eu, ed] = [within(evidence.directions.get('up') ?? [], ec), within(evidence.directions.get('down') ?? [], ec)];
    // One direction each, and opposite: "increased mortality" against "reduced mortality".
    if (cu.length && !cd.length && ed.length && !eu.length) out.push({ kind: 'direction', anchored: false, claimSpans: cu, evidenceSpans: ed });
    else if (cd.length && !cu.length && eu.length && !ed.length) out.push({ kind: 'direction', anchored: false, claimSpans: cd, evidenceSpans: eu });
  }
  return out;
}

/**
 * "Adjust the dose only below eGFR 30" against "at eGFR 30–44 the dose is capped at 750 mg":
 * the claim reserves an action for one band, the evidence applies it to a disjoint band.
 */
function populationConflicts(claim: SentenceFacts, evidence: SentenceFacts): Conflict[] {
  if (!claim.exclusive) return [];
  const out: Conflict[] = [];
  for (const [action, claimActionSpans] of claim.actions) {
    const evidenceActionSpans = [...(evidence.actions.get(action) ?? [])];
    if (action === 'adjust-dose') for (const q of evidence.quantities) if (q.variable === 'dose' && q.cap) evidenceActionSpans.push(q);
    if (evidenceActionSpans.length === 0) continue;
    for (const c of claim.quantities) {
      if (!POPULATION_VARIABLES.has(c.variable)) continue;
      const band = evidence.quantities.find((e) => e.variable === c.variable && disjoint(c, e));
      if (!band) continue;
      out.push({
        kind: 'population',
        anchored: true,
        variable: c.variable,
        claimSpans: [{ start: c.start, end: c.end }, claim.exclusive, ...claimActionSpans],
        evidenceSpans: [{ start: band.start, end: band.end }, ...evidenceActionSpans.map((s) => ({ start: s.start, end: s.end }))],
      });
      return out;
    }
  }
  return out;
}

/** Every conflict between a claim sentence and one evidence sentence (empty: none found). */
export function findConflicts(claim: SentenceFacts, evidence: SentenceFacts, options: DisagreementOptions = DEFAULT_DISAGREEMENT_OPTIONS): Conflict[] {
  if (differentDrugs(claim, evidence)) return [];
  const population = populationConflicts(claim, evidence);
  if (population.length) return population;
  if (!samePatients(claim, evidence)) return [];
  return [...quantityConflicts(claim, evidence), ...routeConflicts(claim, evidence), ...polarityConflicts(claim, evidence, options)];
}
