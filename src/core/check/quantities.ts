/**
 * Quantities of a sentence as intervals in canonical units, with what each one measures:
 * "eGFR 30以上45未満" → eGFR ∈ [30, 45); "1日最大2,250mg" → dose ≤ 2,250 mg/day (a cap);
 * "twice daily" and "1日2回" → 2 times a day; "every 4 to 6 hours" → 4–6 times a day.
 * Written for folded text (fold.ts), so offsets are offsets in the original sentence.
 */
import { readUnit } from './units.ts';
import { findVariableBefore, type Variable } from './variables.ts';

export interface Interval {
  readonly lo: number;
  readonly hi: number;
  readonly loOpen: boolean;
  readonly hiOpen: boolean;
}

export interface Quantity extends Interval {
  /** What is measured: a lab value or patient trait, a dose, how often, how long. */
  readonly variable: Variable;
  /** Canonical unit ("mg", "ml/min/1.73m2", "times/day"…); "" when none is written. */
  readonly unit: string;
  /** For doses: per day or per dose when the sentence says so. */
  readonly per?: 'day' | 'dose';
  /** The value is a ceiling (最大, 上限, maximum, "caps it at", "up to"). */
  readonly cap: boolean;
  readonly start: number;
  readonly end: number;
}

const NUMBER = /\d+(?:,\d{3})*(?:\.\d+)?/y;

function readNumber(text: string, at: number): { value: number; end: number } | null {
  NUMBER.lastIndex = at;
  const m = NUMBER.exec(text);
  if (!m) return null;
  return { value: Number(m[0].replace(/,/g, '')), end: at + m[0].length };
}

const WORD_NUMBERS: Record<string, number> = { once: 1, twice: 2, 'three times': 3, 'four times': 4, 'five times': 5, 'six times': 6 };

/** Comparators written before a number, folded, longest first. */
const PREFIX_COMPARATORS: readonly [string, 'lt' | 'le' | 'gt' | 'ge' | 'cap'][] = [
  ['no more than', 'le'], ['not more than', 'le'], ['no less than', 'ge'], ['less than', 'lt'], ['fewer than', 'lt'],
  ['lower than', 'lt'], ['more than', 'gt'], ['greater than', 'gt'], ['higher than', 'gt'], ['at least', 'ge'],
  ['at most', 'le'], ['up to', 'cap'], ['a maximum of', 'cap'], ['maximum of', 'cap'], ['maximum', 'cap'], ['max.', 'cap'], ['max', 'cap'],
  ['below', 'lt'], ['under', 'lt'], ['above', 'gt'], ['over', 'gt'], ['exceeding', 'gt'], ['exceeds', 'gt'],
  ['<=', 'le'], ['>=', 'ge'], ['≤', 'le'], ['≦', 'le'], ['≥', 'ge'], ['≧', 'ge'], ['<', 'lt'], ['>', 'gt'],
  ['最大', 'cap'], ['最高', 'cap'], ['上限', 'cap'],
];

/** Comparators written after a number (and its unit). */
const SUFFIX_COMPARATORS: readonly [string, 'lt' | 'le' | 'gt' | 'ge' | 'cap'][] = [
  ['を下回って', 'lt'], ['を下回る', 'lt'], ['を下回った', 'lt'], ['を上回って', 'gt'], ['を上回る', 'gt'],
  ['を超えて', 'gt'], ['を超える', 'gt'], ['を超え', 'gt'], ['未満', 'lt'], ['以下', 'le'], ['以上', 'ge'], ['超', 'gt'],
  ['より低', 'lt'], ['より高', 'gt'], ['まで', 'cap'], ['を上限', 'cap'],
  [' or more', 'ge'], [' or higher', 'ge'], [' or above', 'ge'], [' or greater', 'ge'], [' and above', 'ge'],
  [' or older', 'ge'], [' and older', 'ge'], [' or over', 'ge'], [' or less', 'le'], [' or younger', 'le'], [' or lower', 'le'], [' or below', 'le'], ['+', 'ge'],
];

/** Words near a number that make it a ceiling. */
const CAP_CUES = ['最大', '最高', '上限', 'maximum', 'max', 'cap', 'caps', 'capped', 'ceiling', 'up to', 'not exceed', 'limit'];

function comparatorBefore(text: string, at: number): { op: 'lt' | 'le' | 'gt' | 'ge' | 'cap'; start: number } | null {
  let i = at;
  while (i > 0 && text[i - 1] === ' ') i--;
  for (const [form, op] of PREFIX_COMPARATORS) {
    if (i >= form.length && text.startsWith(form, i - form.length)) {
      const before = text[i - form.length - 1];
      if (/[a-z]$/.test(form) && before !== undefined && /[a-z]/.test(before)) continue;
      return { op, start: i - form.length };
    }
  }
  return null;
}

function comparatorAfter(text: string, at: number): { op: 'lt' | 'le' | 'gt' | 'ge' | 'cap'; end: number } | null {
  let i = at;
  while (text[i] === ' ' && !text.startsWith(' or', i) && !text.startsWith(' and', i)) i++;
  for (const [form, op] of SUFFIX_COMPARATORS) if (text.startsWith(form, i)) return { op, end: i + form.length };
  // "eGFRが30を下回ってから": the particle may come between the number and the verb.
  for (const [form, op] of SUFFIX_COMPARATORS) if (form.startsWith('を') && text.startsWith(form.slice(1), i)) return { op, end: i + form.length - 1 };
  return null;
}

/** Is the digit at `at` part of a name (COVID-19, PD-1, SGLT2, HbA1c, B12) or an ordinal (第3版)? */
function isNamePart(text: string, at: number): boolean {
  const prev = text[at - 1];
  if (prev === undefined) return false;
  if (/[a-z]/.test(prev)) return true;
  if (prev === '-' && /[a-z]/.test(text[at - 2] ?? '')) return true;
  if (prev === '第' || prev === '.' || prev === ',') return true;
  return false;
}

function interval(op: 'lt' | 'le' | 'gt' | 'ge' | 'cap' | 'eq', v: number): Interval {
  switch (op) {
    case 'lt':
      return { lo: -Infinity, hi: v, loOpen: true, hiOpen: true };
    case 'le':
    case 'cap':
      return { lo: -Infinity, hi: v, loOpen: true, hiOpen: false };
    case 'gt':
      return { lo: v, hi: Infinity, loOpen: true, hiOpen: true };
    case 'ge':
      return { lo: v, hi: Infinity, loOpen: false, hiOpen: true };
    default:
      return { lo: v, hi: v, loOpen: false, hiOpen: false };
  }
}

/** Frequencies written in words: "twice daily", "three times a day", "every 6 hours", "1日2回", "4〜6時間ごと". */
function readFrequencies(text: string, out: Quantity[]): void {
  const words = /\b(once|twice|three times|four times|five times|six times)\s+(?:a\s+|per\s+)?(daily|day|weekly|week)\b/g;
  for (let m; (m = words.exec(text)); ) {
    const n = WORD_NUMBERS[m[1]!]!;
    const perDay = m[2]!.startsWith('week') ? n / 7 : n;
    out.push({ variable: 'frequency', unit: 'times/day', ...interval('eq', perDay), cap: false, start: m.index, end: m.index + m[0].length });
  }
  const daily = /\b(daily|once a day)\b/g;
  for (let m; (m = daily.exec(text)); ) {
    if (/(once|twice|times|per|a)\s+$/.test(text.slice(Math.max(0, m.index - 12), m.index))) continue;
    if (/(mg|g|ml|units?)\s*$/.test(text.slice(Math.max(0, m.index - 8), m.index)) && m[1] === 'daily') continue;
    out.push({ variable: 'frequency', unit: 'times/day', ...interval('eq', 1), cap: false, start: m.index, end: m.index + m[0].length });
  }
  const perDayJa = /1日(\d+)(?:~(\d+))?回/g;
  for (let m; (m = perDayJa.exec(text)); ) {
    const lo = Number(m[1]), hi = m[2] ? Number(m[2]) : lo;
    out.push({ variable: 'frequency', unit: 'times/day', lo, hi, loOpen: false, hiOpen: false, cap: false, start: m.index, end: m.index + m[0].length });
  }
  const every = /(?:every|q)\s*(\d+(?:\.\d+)?)(?:\s*(?:~|to|-)\s*(\d+(?:\.\d+)?))?\s*(?:hours|hour|hrs|h)\b|(\d+(?:\.\d+)?)(?:~(\d+(?:\.\d+)?))?時間(?:ごと|おき|毎)/g;
  for (let m; (m = every.exec(text)); ) {
    const a = Number(m[1] ?? m[3]), b = Number(m[2] ?? m[4] ?? a);
    if (!(a > 0 && b > 0)) continue;
    out.push({ variable: 'frequency', unit: 'times/day', lo: 24 / b, hi: 24 / a, loOpen: false, hiOpen: false, cap: false, start: m.index, end: m.index + m[0].length });
  }
}

/** Every quantity of a folded sentence, in reading order. */
export function readQuantities(text: string): Quantity[] {
  const out: Quantity[] = [];
  readFrequencies(text, out);
  const taken = (i: number) => out.some((q) => i >= q.start && i < q.end);
  let perHint: 'day' | 'dose' | undefined;
  let perHintAt = -1;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x30 || c > 0x39 || (i > 0 && /[\d]/.test(text[i - 1]!))) continue;
    if (taken(i) || isNamePart(text, i)) continue;
    // "1日" and "1回" before a dose say per day / per dose; they are not quantities themselves.
    if (text.startsWith('1日', i) && !text.startsWith('1日間', i)) {
      perHint = 'day';
      perHintAt = i;
      i += 1;
      continue;
    }
    if (text.startsWith('1回', i)) {
      perHint = 'dose';
      perHintAt = i;
      i += 1;
      continue;
    }
    const first = readNumber(text, i);
    if (!first) continue;
    let end = first.end;
    let range: Interval | null = null;
    // A range: "30~44", "30 to 44", "30-44", "between 30 and 44", "30以上45未満".
    const rangeMatch = /^\s*(?:~|to|-|and)\s*/.exec(text.slice(end, end + 6));
    if (rangeMatch && !(rangeMatch[0].includes('and') && !/between\s+$/.test(text.slice(Math.max(0, i - 9), i)))) {
      const second = readNumber(text, end + rangeMatch[0].length);
      if (second && second.value >= first.value) {
        range = { lo: first.value, hi: second.value, loOpen: false, hiOpen: false };
        end = second.end;
      }
    }
    const unit = readUnit(text, end);
    if (unit) end = unit.end;
    let iv: Interval = range ?? interval('eq', first.value);
    let start = i;
    const after = comparatorAfter(text, end);
    if (after && !range) {
      iv = interval(after.op, first.value);
      end = after.end;
      // "30以上45未満": a lower bound followed by an upper bound is one range.
      if (after.op === 'ge' || after.op === 'gt') {
        const next = readNumber(text, end);
        if (next) {
          const unit2 = readUnit(text, next.end);
          const after2 = comparatorAfter(text, unit2 ? unit2.end : next.end);
          if (after2 && (after2.op === 'lt' || after2.op === 'le')) {
            iv = { lo: first.value, hi: next.value, loOpen: after.op === 'gt', hiOpen: after2.op === 'lt' };
            end = after2.end;
          }
        }
      }
    } else if (!range) {
      const before = comparatorBefore(text, i);
      if (before) {
        iv = interval(before.op, first.value);
        start = before.start;
      }
    }
    // A ceiling may be named well before its value in the same clause ("the usual maximum dose of X for adults is 4 g").
    const clauseStart = Math.max(0, ...[...'。.;；\n、,'].map((ch) => text.lastIndexOf(ch, start - 1) + 1));
    const head = text.slice(Math.max(clauseStart, start - 60), start);
    const cap = (after?.op ?? comparatorBefore(text, i)?.op) === 'cap' || CAP_CUES.some((cue) => head.includes(cue));
    const canonical = unit?.unit ?? '';
    const factor = unit?.factor ?? 1;
    const found = findVariableBefore(text, start, canonical);
    if (!found) {
      i = end - 1;
      continue;
    }
    // A year (2019) or a count without a unit or a named variable says nothing comparable.
    let per = unit?.per;
    if (!per && (canonical === 'mg' || canonical === 'mg/kg' || canonical === 'ml' || canonical === 'unit') && perHint && i - perHintAt < 16) per = perHint;
    if (!per && canonical === 'mg' && /(per dose|each dose|a dose|single dose)/.test(text.slice(end, end + 12))) per = 'dose';
    // "4 g (4,000 mg) per day": the period may follow a bracketed restatement.
    if (!per && (canonical === 'mg' || canonical === 'mg/kg') && /^\s*(?:\([^)]{0,20}\))?\s*(?:per day|a day|daily|\/day|\/日)/.test(text.slice(end, end + 32))) per = 'day';
    const scaled: Interval = { lo: iv.lo * factor, hi: iv.hi * factor, loOpen: iv.loOpen, hiOpen: iv.hiOpen };
    out.push({
      variable: found.variable,
      unit: canonical,
      ...scaled,
      ...(per ? { per } : {}),
      cap: found.variable === 'dose' && cap,
      start: Math.min(start, found.start),
      end,
    });
    i = end - 1;
  }
  return out.sort((a, b) => a.start - b.start);
}
