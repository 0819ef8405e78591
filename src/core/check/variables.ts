/**
 * What a number measures. A mass is a dose, "歳" an age, mL/min/1.73 m² an eGFR; a bare
 * number or a lab unit (mg/dL, mmol/L, %) needs its lab named just before it ("eGFR 38",
 * "eGFRが30を下回って", "potassium below 3.3 mmol/L"). A number with neither says nothing
 * the rules can compare (a year, a count of patients) and is skipped.
 */

export type Variable =
  | 'egfr'
  | 'crcl'
  | 'creatinine'
  | 'age'
  | 'weight'
  | 'potassium'
  | 'glucose'
  | 'hba1c'
  | 'inr'
  | 'spo2'
  | 'bp'
  | 'lactate'
  | 'bun'
  | 'bnp'
  | 'dose'
  | 'frequency'
  | 'duration'
  | 'count';

/** Variables that describe the patient: a sentence's values of these say whom it is about. */
export const POPULATION_VARIABLES: ReadonlySet<Variable> = new Set(['egfr', 'crcl', 'creatinine', 'age', 'weight']);

/** Folded cue words naming a variable; the longer cue of a pair comes first. */
const CUES: readonly [string, Variable][] = [
  ['creatinine clearance', 'crcl'],
  ['クレアチニンクリアランス', 'crcl'],
  ['crcl', 'crcl'],
  ['ccr', 'crcl'],
  ['egfr', 'egfr'],
  ['推算糸球体濾過量', 'egfr'],
  ['gfr', 'egfr'],
  ['creatinine', 'creatinine'],
  ['クレアチニン', 'creatinine'],
  ['body weight', 'weight'],
  ['weight', 'weight'],
  ['体重', 'weight'],
  ['aged', 'age'],
  ['age', 'age'],
  ['年齢', 'age'],
  ['potassium', 'potassium'],
  ['カリウム', 'potassium'],
  ['k+', 'potassium'],
  ['glucose', 'glucose'],
  ['血糖', 'glucose'],
  ['hba1c', 'hba1c'],
  ['pt-inr', 'inr'],
  ['inr', 'inr'],
  ['spo2', 'spo2'],
  ['sao2', 'spo2'],
  ['systolic', 'bp'],
  ['収縮期血圧', 'bp'],
  ['blood pressure', 'bp'],
  ['平均動脈圧', 'bp'],
  ['血圧', 'bp'],
  ['lactate', 'lactate'],
  ['乳酸値', 'lactate'],
  ['乳酸', 'lactate'],
  ['bun', 'bun'],
  ['bnp', 'bnp'],
];

/** How far before a number its cue may end ("eGFR of 30", "eGFRが30", "eGFR is below 45"). */
const CUE_WINDOW = 20;
const CLAUSE_END = /[。.;；!?！？\n]/;

function cueBefore(text: string, at: number): { variable: Variable; start: number } | null {
  const from = Math.max(0, at - CUE_WINDOW);
  let window = text.slice(from, at);
  const cut = Math.max(...[...window].map((c, i) => (CLAUSE_END.test(c) && !/\d/.test(window[i + 1] ?? '') ? i : -1)));
  if (cut >= 0) window = window.slice(cut + 1);
  const offset = at - window.length;
  // The nearest cue wins: "age 80 or weight 60" gives weight to 60.
  let best: { variable: Variable; start: number } | null = null;
  for (const [cue, variable] of CUES) {
    const k = window.lastIndexOf(cue);
    if (k < 0) continue;
    const before = window[k - 1], after = window[k + cue.length];
    if (/^[a-z]/.test(cue) && ((before && /[a-z]/.test(before)) || (after && /[a-z]/.test(after)))) continue;
    // Another number between the cue and this one belongs to the cue instead.
    if (/\d/.test(window.slice(k + cue.length))) continue;
    if (!best || offset + k > best.start) best = { variable, start: offset + k };
  }
  return best;
}

export function findVariableBefore(text: string, at: number, unit: string): { variable: Variable; start: number } | null {
  switch (unit) {
    case 'mg':
    case 'mg/kg':
    case 'ml/kg':
    case 'unit':
    case 'unit/kg/h':
      return { variable: 'dose', start: at };
    case 'ml/min/1.73m2':
      return { variable: cueBefore(text, at)?.variable === 'crcl' ? 'crcl' : 'egfr', start: cueBefore(text, at)?.start ?? at };
    case 'ml/min':
      return cueBefore(text, at) ?? { variable: 'crcl', start: at };
    case 'age':
      return { variable: 'age', start: at };
    case 'kg':
      return { variable: 'weight', start: cueBefore(text, at)?.start ?? at };
    case 'h':
      return { variable: 'duration', start: at };
    case 'times':
      return { variable: 'count', start: at };
    case 'ml':
    case 'kcal':
      return { variable: 'dose', start: at };
    default:
      return cueBefore(text, at);
  }
}
