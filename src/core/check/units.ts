/**
 * Units of the quantities the rules compare, each mapped to a canonical unit and a factor,
 * so that "1.5 g" and "1,500 mg", "48 hours" and "2 days", "mL/min/1.73 m²" and "mL/分/1.73m2"
 * are the same quantity. Written for folded text (see fold.ts: lower case, ASCII digits).
 */

export interface CanonicalUnit {
  /** The canonical unit, e.g. "mg", "mg/kg", "ml/min/1.73m2", "h", "%". */
  readonly unit: string;
  /** Multiplier from the written unit to the canonical one. */
  readonly factor: number;
  /** "per day" or "per dose" when the unit itself says so ("mg/day", "mg/日"). */
  readonly per?: 'day' | 'dose';
}

interface UnitSpec extends CanonicalUnit {
  /** Written forms (folded), longest first within the table's order. */
  readonly forms: readonly string[];
}

const PER_DAY = ['/day', '/d', '/日', ' per day', ' a day', ' daily', '/24h', '/24 h'];

/**
 * Ordered so that a longer form is tried before its prefix ("mg/kg/day" before "mg/kg"
 * before "mg"); the per-day suffix is read separately and applies to any mass.
 */
const UNITS: readonly UnitSpec[] = [
  { forms: ['ml/min/1.73 m2', 'ml/min/1.73m2', 'ml/分/1.73m2', 'ml/分/1.73 m2', 'ml/min per 1.73 m2'], unit: 'ml/min/1.73m2', factor: 1 },
  { forms: ['ml/min', 'ml/分'], unit: 'ml/min', factor: 1 },
  { forms: ['mg/kg', 'mg／kg'], unit: 'mg/kg', factor: 1 },
  { forms: ['ug/kg', 'mcg/kg', 'μg/kg'], unit: 'mg/kg', factor: 0.001 },
  { forms: ['g/kg'], unit: 'mg/kg', factor: 1000 },
  { forms: ['ml/kg'], unit: 'ml/kg', factor: 1 },
  { forms: ['unit/kg/h', 'units/kg/hour', 'unit/kg/hour', 'units/kg/h', '単位/kg/時'], unit: 'unit/kg/h', factor: 1 },
  { forms: ['mg/dl'], unit: 'mg/dl', factor: 1 },
  { forms: ['mg/ml'], unit: 'mg/ml', factor: 1 },
  { forms: ['ug/ml', 'mcg/ml'], unit: 'mg/ml', factor: 0.001 },
  { forms: ['mg/l'], unit: 'mg/ml', factor: 0.001 },
  { forms: ['mg·h/l', 'mg*h/l', 'mg h/l', 'mg.h/l', 'mg･h/l'], unit: 'mg·h/l', factor: 1 },
  { forms: ['g/dl'], unit: 'mg/dl', factor: 1000 },
  { forms: ['mmol/l', 'mmol／l'], unit: 'mmol/l', factor: 1 },
  { forms: ['meq/l'], unit: 'mmol/l', factor: 1 },
  { forms: ['pg/ml'], unit: 'pg/ml', factor: 1 },
  { forms: ['ng/ml'], unit: 'pg/ml', factor: 1000 },
  { forms: ['mmhg'], unit: 'mmhg', factor: 1 },
  { forms: ['torr'], unit: 'mmhg', factor: 1 },
  { forms: ['mg'], unit: 'mg', factor: 1 },
  { forms: ['mcg', 'ug', 'μg'], unit: 'mg', factor: 0.001 },
  { forms: ['grams', 'gram', 'g'], unit: 'mg', factor: 1000 },
  { forms: ['ml'], unit: 'ml', factor: 1 },
  { forms: ['l'], unit: 'ml', factor: 1000 },
  { forms: ['kg'], unit: 'kg', factor: 1 },
  { forms: ['kcal'], unit: 'kcal', factor: 1 },
  { forms: ['%', 'percent', 'パーセント'], unit: '%', factor: 1 },
  { forms: ['units', 'unit', 'iu', '単位'], unit: 'unit', factor: 1 },
  { forms: ['hours', 'hour', 'hrs', 'hr', 'h', '時間'], unit: 'h', factor: 1 },
  { forms: ['minutes', 'minute', 'min', '分間', '分'], unit: 'h', factor: 1 / 60 },
  { forms: ['days', 'day', '日間', '日'], unit: 'h', factor: 24 },
  { forms: ['weeks', 'week', '週間', '週'], unit: 'h', factor: 168 },
  { forms: ['months', 'month', 'か月', 'ヶ月', 'カ月', 'ヵ月'], unit: 'h', factor: 730 },
  { forms: ['years old', 'year-old', 'year old', '歳'], unit: 'age', factor: 1 },
  { forms: ['years', 'year', '年間'], unit: 'h', factor: 8760 },
  { forms: ['times', 'time', '回'], unit: 'times', factor: 1 },
  { forms: ['breaths/min', '回/分'], unit: '/min', factor: 1 },
  { forms: ['bpm', 'beats/min'], unit: '/min', factor: 1 },
];

/** Does a Latin unit end at a word boundary (so that "g" does not match "given")? */
function endsWord(text: string, end: number): boolean {
  const c = text[end];
  return c === undefined || !/[a-z]/.test(c);
}

export interface UnitMatch extends CanonicalUnit {
  /** End offset of the unit (and of a per-day suffix) in the text. */
  readonly end: number;
}

/** The unit written at `at` (after optional spaces), if any. */
export function readUnit(text: string, at: number): UnitMatch | null {
  let i = at;
  while (text[i] === ' ') i++;
  for (const spec of UNITS) {
    for (const form of spec.forms) {
      if (!text.startsWith(form, i)) continue;
      const latin = /[a-z]$/.test(form);
      if (latin && !endsWord(text, i + form.length)) continue;
      let end = i + form.length;
      // "mg/m2", "mg·h/L": a compound this table does not know is not the simple unit.
      if (/^(mg|mcg|ug|g|ml|l|units?)$/.test(form) && /^[/·*･][a-z0-9]/.test(text.slice(end, end + 2)) && !PER_DAY.some((x) => text.startsWith(x, end)) && !text.startsWith('/dose', end) && !text.startsWith('/回', end)) {
        return { unit: 'other', factor: 1, end: end + 1 + (/^[a-z0-9.]+/.exec(text.slice(end + 1))?.[0].length ?? 0) };
      }
      let per = spec.per;
      if (spec.unit === 'mg' || spec.unit === 'mg/kg' || spec.unit === 'ml' || spec.unit === 'unit' || spec.unit === 'kcal') {
        for (const suffix of PER_DAY) {
          if (text.startsWith(suffix, end) && endsWord(text, end + suffix.length)) {
            end += suffix.length;
            per = 'day';
            break;
          }
        }
        if (!per && (text.startsWith('/dose', end) || text.startsWith('/回', end))) {
          end += text.startsWith('/dose', end) ? 5 : 2;
          per = 'dose';
        }
      }
      return { unit: spec.unit, factor: spec.factor, end, ...(per ? { per } : {}) };
    }
  }
  return null;
}
