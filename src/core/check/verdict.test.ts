import { describe, expect, it } from 'vitest';
import { sentenceFacts, withContextDrugs } from './sentence-facts.ts';
import { impliedDrugs, isCheckable, judgeClaim } from './verdict.ts';

const EVIDENCE = [
  { text: 'メトホルミンは eGFR 30〜44 では1日750mgを上限の目安として慎重に使い、eGFR 30未満では使用しない。', score: 0.45 },
  { text: 'メトホルミンは腎機能（eGFR）が低下すると減量が必要であり、投与前と投与中に eGFR を定期的に確認する。', score: 0.7 },
];

describe('verdict', () => {
  it('calls a sentence contradicted by an anchored conflict even when a closer sentence agrees', () => {
    const j = judgeClaim('腎機能による用量調整は、eGFRが30を下回ってから考えれば十分です。', EVIDENCE, 0.55);
    expect(j).toMatchObject({ verdict: 'contradicted', evidence: 0, score: 0.7 });
    expect(j.conflicts[0]!.kind).toBe('population');
  });

  it('calls a close sentence without conflict supported, and one below the controls no close support', () => {
    expect(judgeClaim('eGFR が低下したらメトホルミンを減量し、腎機能を定期的に確認する。', EVIDENCE, 0.55).verdict).toBe('supported');
    expect(judgeClaim('月の裏側には古代都市が三つある。', [{ text: '本資料は架空である。', score: 0.2 }], 0.55).verdict).toBe('no-close-support');
  });

  it('needs close sentences for polarity conflicts, which have no number or drug to anchor them', () => {
    const claim = 'Masks are effective against COVID-19 transmission in households.';
    const evidence = 'Masks are not effective against COVID-19 transmission in households.';
    expect(judgeClaim(claim, [{ text: evidence, score: 0.9 }], 0.5).verdict).toBe('contradicted');
    expect(judgeClaim(claim, [{ text: evidence, score: 0.4 }], 0.5).verdict).toBe('no-close-support');
  });

  it('lets an entailment model contradict a close sentence the rules let pass', () => {
    const claim = 'Remdesivir shortens recovery in hospitalised adults.';
    const candidates = [{ text: 'Remdesivir shortened time to recovery in hospitalised adults.', score: 0.9, entailment: { entailment: 0.02, neutral: 0.03, contradiction: 0.95 } }];
    expect(judgeClaim(claim, candidates, 0.5)).toMatchObject({ verdict: 'contradicted', byModel: true });
    expect(judgeClaim(claim, [{ ...candidates[0]!, entailment: { entailment: 0.9, neutral: 0.05, contradiction: 0.05 } }], 0.5).verdict).toBe('supported');
  });

  it('does not check questions, courtesies and empty sentences', () => {
    for (const s of ['Is metformin safe at eGFR 38?', 'メトホルミンは使えますか。', 'Thank you for your question.', 'ご質問ありがとうございます。', 'OK.']) {
      expect(isCheckable(s), s).toBe(false);
      expect(judgeClaim(s, EVIDENCE, 0.55).verdict).toBe('not-checkable');
    }
  });

  it('gives a sentence that names no drug the drug of the output or of its closest document', () => {
    const claim = '成人では1日最大6,000mgまで使用できます。';
    const evidence = [{ text: '日本の成人におけるアセトアミノフェンの1日最大量は4,000mgである。', score: 0.6 }];
    expect(judgeClaim(claim, evidence, 0.55).verdict).toBe('supported');
    const drugs = impliedDrugs([sentenceFacts('アセトアミノフェンの用量について説明します。')], []);
    expect(drugs).toEqual(['acetaminophen']);
    expect(judgeClaim(claim, evidence, 0.55, undefined, withContextDrugs(sentenceFacts(claim), drugs)).verdict).toBe('contradicted');
    expect(impliedDrugs([], [sentenceFacts('アセトアミノフェンの1日最大量は4,000mg。'), sentenceFacts('小児では体重で決める。')])).toEqual(['acetaminophen']);
  });
});

describe('courtesies', () => {
  it('leaves the closing lines of a letter unchecked', () => {
    for (const s of ['Please do not hesitate to contact us with any questions.', 'Yours sincerely,', '※AIが作成した下書きです。', '[AI-drafted letter: to be checked and signed by the treating physician]']) {
      expect(isCheckable(s), s).toBe(false);
    }
  });
});
