import { describe, expect, it } from 'vitest';
import { foldForRules } from './fold.ts';
import { readQuantities, type Quantity } from './quantities.ts';

const read = (text: string) => readQuantities(foldForRules(text)).map((q) => ({ ...q, written: text.slice(q.start, q.end) }));
const only = (text: string, variable: string): Quantity & { written: string } => {
  const found = read(text).filter((q) => q.variable === variable);
  expect(found, `${variable} in ${text}`).toHaveLength(1);
  return found[0]!;
};

describe('quantities', () => {
  it('reads Japanese comparators as intervals, with the span in the original text', () => {
    expect(only('eGFR 30以上45未満では慎重に', 'egfr')).toMatchObject({ lo: 30, hi: 45, loOpen: false, hiOpen: true, written: 'eGFR 30以上45未満' });
    expect(only('eGFRが30を下回ってから', 'egfr')).toMatchObject({ lo: -Infinity, hi: 30, hiOpen: true });
    expect(only('80歳以上の患者', 'age')).toMatchObject({ lo: 80, hi: Infinity, loOpen: false });
    expect(only('体重60kg以下', 'weight')).toMatchObject({ hi: 60, hiOpen: false });
    expect(only('カリウム5.5mmol/L超', 'potassium')).toMatchObject({ lo: 5.5, loOpen: true });
  });

  it('reads English comparators and ranges', () => {
    expect(only('when eGFR is below 45', 'egfr')).toMatchObject({ hi: 45, hiOpen: true });
    expect(only('at an eGFR of 30 to 44 mL/min/1.73 m²', 'egfr')).toMatchObject({ lo: 30, hi: 44, unit: 'ml/min/1.73m2' });
    expect(only('patients aged 65 or older', 'age')).toMatchObject({ lo: 65, hi: Infinity });
    expect(only('potassium at least 3.3 mmol/L', 'potassium')).toMatchObject({ lo: 3.3, loOpen: false });
  });

  it('normalises units: grams and micrograms to mg, full-width digits, days to hours', () => {
    expect(only('1.5 g per day', 'dose')).toMatchObject({ lo: 1500, hi: 1500, unit: 'mg', per: 'day' });
    expect(only('１，５００ｍｇ/日', 'dose')).toMatchObject({ lo: 1500, unit: 'mg', per: 'day' });
    expect(only('500 mcg', 'dose')).toMatchObject({ lo: 0.5, unit: 'mg' });
    expect(only('hold for 2 days', 'duration')).toMatchObject({ lo: 48, unit: 'h' });
    expect(only('10〜15mg/kg', 'dose')).toMatchObject({ lo: 10, hi: 15, unit: 'mg/kg' });
  });

  it('tells per-day doses, per-dose doses and ceilings apart', () => {
    expect(only('1日最大2,250mg', 'dose')).toMatchObject({ hi: 2250, per: 'day', cap: true });
    expect(only('1回2.5mg', 'dose')).toMatchObject({ lo: 2.5, per: 'dose', cap: false });
    expect(only('the label caps it at about 750 mg per day', 'dose')).toMatchObject({ lo: 750, per: 'day', cap: true });
  });

  it('reads frequencies in words and numbers', () => {
    expect(only('amoxicillin 1 g three times daily', 'frequency')).toMatchObject({ lo: 3, hi: 3, unit: 'times/day' });
    expect(only('1回2.5mg 1日2回', 'frequency')).toMatchObject({ lo: 2, hi: 2 });
    expect(only('every 6 hours', 'frequency')).toMatchObject({ lo: 4, hi: 4 });
    expect(only('4〜6時間ごとに', 'frequency')).toMatchObject({ lo: 4, hi: 6 });
  });

  it('ignores numbers that are names, years and counts', () => {
    expect(read('COVID-19 and PD-1 inhibitors, SGLT2 and HbA1c, vitamin B12, 2型糖尿病, 第3版, in 2021')).toEqual([]);
  });
});
