import { describe, expect, it } from 'vitest';
import { findConflicts } from './disagreement.ts';
import { sentenceFacts } from './sentence-facts.ts';

function conflicts(claim: string, evidence: string) {
  return findConflicts(sentenceFacts(claim), sentenceFacts(evidence)).map((c) => ({
    kind: c.kind,
    claim: c.claimSpans.map((s) => claim.slice(s.start, s.end)),
    evidence: c.evidenceSpans.map((s) => evidence.slice(s.start, s.end)),
  }));
}

const JA_EGFR_30_44 = 'eGFR 30以上45未満ではリスクとベネフィットを考えて慎重に判断し、1日最高投与量の目安は750mgである。';
const EN_EGFR_30_44 =
  'At an eGFR of 30 to 44 mL/min/1.73 m² metformin should not be started, and in patients already taking it the dose should be reduced; the label caps it at about 750 mg per day.';

describe('quantity rule', () => {
  it('flags a daily ceiling above the one the evidence gives, in Japanese and across languages', () => {
    const claim = 'eGFR 38であれば通常量（1日最大2,250mg）のまま継続して問題ありません。';
    expect(conflicts(claim, JA_EGFR_30_44)).toEqual([{ kind: 'quantity', claim: ['最大2,250mg'], evidence: ['750mg'] }]);
    const named = 'eGFR 38ならメトホルミンは1日最大2,250mgのまま継続できる。';
    expect(conflicts(named, EN_EGFR_30_44)).toEqual([{ kind: 'quantity', claim: ['最大2,250mg'], evidence: ['750 mg per day'] }]);
  });

  it('flags a different per-dose value and a dose above the ceiling', () => {
    expect(conflicts('成人では1日最大6,000mgまで使用できます。', '成人では1日総量4,000mgを上限とする。')).toHaveLength(1);
    expect(conflicts('Give 1 g every 6 hours, 6 g per day.', 'Do not exceed 4 g per day.')).toMatchObject([{ kind: 'quantity' }]);
  });

  it('flags a different frequency', () => {
    expect(conflicts('アピキサバンは1回5mgを1日1回投与する。', 'アピキサバンは1回5mgを1日2回投与する。')).toMatchObject([{ kind: 'quantity', claim: ['1日1回'], evidence: ['1日2回'] }]);
  });

  it('does not flag the same value written differently', () => {
    expect(conflicts('The dose is 1.5 g per day.', 'The dose is 1,500 mg per day.')).toEqual([]);
    expect(conflicts('用量は1日750mg程度を上限とする。', JA_EGFR_30_44)).toEqual([]);
    expect(conflicts('Give 500 mcg.', 'Give 0.5 mg.')).toEqual([]);
  });

  it('does not flag a value inside the evidence range, or under its ceiling', () => {
    expect(conflicts('小児では1回10mg/kgを使用します。', '小児では1回10〜15mg/kgを、4〜6時間以上あけて使用する。')).toEqual([]);
    expect(conflicts('Metformin 500 mg per day is used at eGFR 40.', EN_EGFR_30_44)).toEqual([]);
  });

  it('does not compare a general rule with a special case, or a claim listing more cases than the evidence', () => {
    expect(conflicts('Use 2.5 mg twice daily when at least two of these apply: age 80 or older, weight 60 kg or less.', 'The standard apixaban dose is 5 mg twice daily.')).toEqual([]);
    expect(conflicts('通常は1回5mg、2項目以上なら1回2.5mgとする。', '2項目以上に該当する場合は1回2.5mgに減量する。')).toEqual([]);
    // Concentrations and exposures are not doses.
    expect(conflicts('Give 0.5 mg adrenaline (0.5 mL of 1 mg/mL).', 'Give adrenaline 0.5 mg from a 1 mg/mL ampoule.')).toEqual([]);
    expect(conflicts('Vancomycin is dosed to an AUC of 400 to 600 mg·h/L.', 'Vancomycin 15 mg/kg every 12 hours.')).toEqual([]);
  });

  it('does not compare values of different patient groups or different drugs', () => {
    // The claim speaks of eGFR 45–59; the evidence of 30–44.
    expect(conflicts('eGFR 45以上60未満では1日最高投与量の目安は1,500mgである。', JA_EGFR_30_44)).toEqual([]);
    expect(conflicts('Apixaban 5 mg twice daily.', 'Rivaroxaban 20 mg once daily.')).toEqual([]);
    // Per dose against per day is not the same measure.
    expect(conflicts('1回500mgを使用する。', '1日最大1,500mgとする。')).toEqual([]);
  });
});

describe('route rule', () => {
  it('flags the same drug by a different route, across languages', () => {
    expect(conflicts('アドレナリンを静注するのが第一選択です。', 'Give adrenaline intramuscularly into the thigh as first-line treatment.')).toEqual([
      { kind: 'route', claim: ['静注'], evidence: ['intramuscularly'] },
    ]);
  });

  it('does not flag when one of the routes agrees or the drugs differ', () => {
    expect(conflicts('Give vitamin K intravenously.', 'Give vitamin K 5–10 mg by slow intravenous infusion.')).toEqual([]);
    expect(conflicts('Give ceftriaxone intravenously.', 'Give amoxicillin orally.')).toEqual([]);
  });
});

describe('polarity and direction rules', () => {
  it('flags a negated statement against the same statement affirmed', () => {
    expect(conflicts('Hydroxychloroquine is effective against COVID-19.', 'Hydroxychloroquine is not effective against COVID-19.')).toMatchObject([
      { kind: 'polarity', evidence: ['not'] },
    ]);
    expect(conflicts('妊娠中もワルファリンは使用できる。', '妊娠中のワルファリンは禁忌である。')).toMatchObject([{ kind: 'polarity', evidence: ['禁忌'] }]);
  });

  it('reads "問題ありません" and "no more than" as affirmations', () => {
    expect(conflicts('継続して問題ありません。', '継続できる。')).toEqual([]);
    expect(conflicts('Give no more than 4 g of acetaminophen per day.', 'Give at most 4 g of acetaminophen per day.')).toEqual([]);
  });

  it('flags opposite directions of the same effect', () => {
    expect(conflicts('Vitamin D increases COVID-19 mortality.', 'Vitamin D supplementation reduces COVID-19 mortality.')).toMatchObject([
      { kind: 'direction', claim: ['increases'], evidence: ['reduces'] },
    ]);
  });

  it('needs the sentences to say nearly the same thing', () => {
    expect(conflicts('Vitamin D increases COVID-19 mortality.', 'Vaccination of older adults reduced hospital admissions in the winter.')).toEqual([]);
    expect(conflicts('Masks are not effective.', 'Hand washing with soap for twenty seconds removes most bacteria.')).toEqual([]);
  });
});

describe('population rule', () => {
  const claim = '腎機能による用量調整は、eGFRが30を下回ってから考えれば十分です。';

  it('flags an action reserved for one band that the evidence applies to another, in Japanese and English', () => {
    expect(conflicts(claim, JA_EGFR_30_44)).toEqual([
      { kind: 'population', claim: ['eGFRが30を下回って', 'ば十分', '用量調整'], evidence: ['eGFR 30以上45未満', '最高投与量', '750mg'] },
    ]);
    expect(conflicts('Dose adjustment is only needed once eGFR falls below 30.', EN_EGFR_30_44)).toMatchObject([{ kind: 'population' }]);
    expect(conflicts(claim, EN_EGFR_30_44)).toMatchObject([{ kind: 'population' }]);
  });

  it('needs the "only": two bands with the same action are not a conflict', () => {
    expect(conflicts('eGFRが30を下回ったら用量調整を考える。', JA_EGFR_30_44)).toEqual([]);
  });

  it('leaves disjoint bands with different statements alone', () => {
    expect(conflicts('eGFR 30以上45未満では、慎重に継続できます。', 'eGFR 30未満では乳酸アシドーシスの危険があるため禁忌である。')).toEqual([]);
  });
});

describe('clauses', () => {
  it('reads a negation only in the clause where the sentences meet', () => {
    const claim = '次に速効型インスリン10単位とブドウ糖の静注でカリウムを細胞内へ移動させる。';
    const evidence = 'カルシウムは血清カリウム値を下げないため、同時にインスリンとブドウ糖の静注でカリウムを細胞内に移動させる。';
    expect(conflicts(claim, evidence)).toEqual([]);
    expect(conflicts('インスリンとブドウ糖の静注ではカリウムは細胞内に移動しない。', 'インスリンとブドウ糖の静注でカリウムを細胞内に移動させる。')).toMatchObject([{ kind: 'polarity' }]);
    // Both sentences say "avoid", in different clauses: no conflict.
    expect(conflicts('ベンゾジアゼピン系薬は可能な限り避けてください。', 'ベンゾジアゼピン系薬はせん妄を誘発しうるため、高齢者では避ける。')).toEqual([]);
  });
});

describe('what is not a stance', () => {
  it('reads negations in noun clauses and purposes as no negation', () => {
    expect(conflicts('高齢者では特に腎機能を確認してください。', '再開前に腎機能が悪化していないことを確認する。')).toEqual([]);
    expect(conflicts('正常血糖ケトアシドーシスを避けるため、手術の3日前から休薬します。', 'SGLT2阻害薬は手術の際に血糖値が高くないまま起こる正常血糖ケトアシドーシスの原因となりうる。')).toEqual([]);
  });

  it('needs the clauses where the sentences meet to name the same thing', () => {
    expect(conflicts('インスリンは血糖値を下げるホルモンで、注射で補います。', 'カルシウムは血清カリウム値を下げないため、同時にインスリンとブドウ糖の静注でカリウムを細胞内に移動させる。')).toEqual([]);
  });

  it('needs more than a couple of shared words', () => {
    expect(conflicts('Please do not hesitate to contact us with any questions.', 'The models were assessed on questions in the style of the US licensing exam.')).toEqual([]);
  });
});

describe('patient groups', () => {
  it('does not compare a dose for children or in pregnancy with one for adults', () => {
    expect(conflicts('小児ではアセトアミノフェンを1回10mg/kg使用する。', 'アセトアミノフェンは1回15mg/kgを使用する。')).toEqual([]);
    expect(conflicts('In pregnancy, give 5 mg of folic acid per day.', 'Give 0.4 mg of folic acid per day.')).toEqual([]);
    expect(conflicts('小児ではアセトアミノフェンを1回10mg/kg使用する。', '小児ではアセトアミノフェンは1回20mg/kgを使用する。')).toMatchObject([{ kind: 'quantity' }]);
  });
});
