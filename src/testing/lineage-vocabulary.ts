/**
 * Invented names and sentence templates for generated snapshots, in English and
 * Japanese. Everything here is made up for test data: organisations, model families,
 * people, journals. Clinical terms are ordinary vocabulary paired across the two
 * languages so that bilingual search has something to match.
 */
import type { Prng } from './prng.ts';

/** An English / Japanese pair. */
export type Pair = readonly [en: string, ja: string];

export const ORGANISATIONS: readonly Pair[] = [
  ['Midorigaoka General Hospital', 'みどりヶ丘総合病院'],
  ['Hoshizora University Hospital', '星空大学病院'],
  ['Aozora Medical AI Lab', '青空医療AI研究所'],
  ['Kestrel Foundation Models Inc.', 'ケストレル基盤モデル株式会社'],
  ['Northbridge Clinical Data Consortium', 'ノースブリッジ臨床データコンソーシアム'],
  ['Tsubasa Health Informatics', 'つばさヘルスインフォマティクス'],
  ['Lumen Open Science Collective', 'ルーメン・オープンサイエンス'],
  ['Hinoki Language Technologies', '檜言語技術'],
];

export const FAMILY_NAMES: readonly Pair[] = [
  ['Sato', '佐藤'], ['Suzuki', '鈴木'], ['Takahashi', '高橋'], ['Tanaka', '田中'], ['Watanabe', '渡辺'],
  ['Ito', '伊藤'], ['Yamamoto', '山本'], ['Nakamura', '中村'], ['Kobayashi', '小林'], ['Kato', '加藤'],
  ['Yoshida', '吉田'], ['Yamada', '山田'], ['Sasaki', '佐々木'], ['Matsumoto', '松本'], ['Inoue', '井上'],
  ['Kimura', '木村'], ['Hayashi', '林'], ['Shimizu', '清水'], ['Mori', '森'], ['Ikeda', '池田'],
];

export const GIVEN_NAMES: readonly Pair[] = [
  ['Haruto', '陽翔'], ['Yui', '結衣'], ['Sota', '蒼太'], ['Mio', '美桜'], ['Ren', '蓮'], ['Hina', '陽菜'],
  ['Kaito', '海斗'], ['Aoi', '葵'], ['Takumi', '匠'], ['Sakura', 'さくら'], ['Daiki', '大輝'], ['Rin', '凛'],
  ['Kenji', '健二'], ['Emi', '恵美'], ['Hiroshi', '博'], ['Naoko', '直子'],
];

/** English-named staff (visiting researchers, vendor engineers). */
export const ENGLISH_NAMES: readonly string[] = [
  'Alice Morgan', 'Ben Carter', 'Chloe Nguyen', 'David Okafor', 'Elena Petrova', 'Farid Haddad',
  'Grace Lindqvist', 'Henry Walsh', 'Isla Fernandes', 'James Whitfield', 'Kavya Raman', 'Liam O\'Brien',
];

export const ROLES = [
  ['clinician', 0.7],
  ['researcher', 0.12],
  ['engineer', 0.1],
  ['auditor', 0.08],
] as const;
export type PersonRole = (typeof ROLES)[number][0];

export const DEPARTMENTS: readonly Pair[] = [
  ['internal medicine', '内科'], ['emergency medicine', '救急科'], ['cardiology', '循環器内科'],
  ['radiology', '放射線科'], ['nephrology', '腎臓内科'], ['paediatrics', '小児科'], ['oncology', '腫瘍内科'],
];

export const CONDITIONS: readonly Pair[] = [
  ['type 2 diabetes', '2型糖尿病'], ['community-acquired pneumonia', '市中肺炎'], ['heart failure', '心不全'],
  ['atrial fibrillation', '心房細動'], ['chronic kidney disease', '慢性腎臓病'], ['asthma', '喘息'],
  ['hypertension', '高血圧症'], ['sepsis', '敗血症'], ['ischaemic stroke', '脳梗塞'], ['gastric cancer', '胃癌'],
  ['urinary tract infection', '尿路感染症'], ['COPD', '慢性閉塞性肺疾患'], ['iron-deficiency anaemia', '鉄欠乏性貧血'],
  ['acute pancreatitis', '急性膵炎'], ['rheumatoid arthritis', '関節リウマチ'],
];

export const SYMPTOMS: readonly Pair[] = [
  ['chest pain', '胸痛'], ['fever', '発熱'], ['persistent cough', '持続する咳'], ['headache', '頭痛'],
  ['abdominal pain', '腹痛'], ['dizziness', 'めまい'], ['shortness of breath', '息切れ'], ['fatigue', '倦怠感'],
];

export const DRUGS: readonly Pair[] = [
  ['metformin', 'メトホルミン'], ['amoxicillin', 'アモキシシリン'], ['apixaban', 'アピキサバン'],
  ['furosemide', 'フロセミド'], ['an inhaled corticosteroid', '吸入ステロイド'], ['an ACE inhibitor', 'ACE阻害薬'],
  ['ceftriaxone', 'セフトリアキソン'], ['a proton pump inhibitor', 'プロトンポンプ阻害薬'],
];

/** Invented foundation-model families with a parameter count in billions. */
export const MODEL_FAMILIES: readonly (readonly [name: string, billions: number])[] = [
  ['Hinoki', 7], ['Aster', 13], ['Kestrel', 70], ['Tsubame', 3], ['Orion', 32], ['Sakura-LM', 8],
  ['Fuji', 14], ['Lumen', 1.5], ['Kairo', 72], ['Mizuho', 9], ['Nagi', 4], ['Raicho', 27],
];

export const JOURNALS: readonly Pair[] = [
  ['Journal of Clinical Informatics (fictional)', '臨床情報学雑誌（架空）'],
  ['Annals of Applied Medical AI (fictional)', '応用医療AI年報（架空）'],
  ['Pacific Review of Internal Medicine (fictional)', '環太平洋内科学レビュー（架空）'],
  ['Japanese Journal of Hospital Data Science (fictional)', '日本病院データサイエンス誌（架空）'],
];

export const LICENCES = ['apache-2.0', 'mit', 'cc-by-4.0', 'cc-by-sa-4.0', 'cc-by-nc-4.0', 'odc-by', 'proprietary'] as const;

const fill = (template: string, slots: Record<string, string>): string => template.replace(/\{(\w+)\}/g, (_, k: string) => slots[k] ?? k);

/** A clinician's question, in one language. */
export function promptText(rng: Prng, lang: 'en' | 'ja'): string {
  const [condEn, condJa] = rng.pick(CONDITIONS);
  const [symEn, symJa] = rng.pick(SYMPTOMS);
  const age = String(rng.between(18, 92));
  const days = String(rng.between(2, 21));
  if (lang === 'en') {
    return fill(
      rng.pick([
        'Summarise the discharge note of a {age}-year-old patient admitted with {cond}.',
        'What is the usual first-line treatment for {cond} in adults, and what should be monitored?',
        'List differential diagnoses for {sym} lasting {days} days in a {age}-year-old.',
        'Draft a referral letter for a patient with {cond} and new {sym}.',
        'Which laboratory tests are useful before starting treatment for {cond}?',
      ]),
      { age, cond: condEn, sym: symEn, days },
    );
  }
  return fill(
    rng.pick([
      '{cond}で入院した{age}歳の患者の退院サマリーを要約してください。',
      '成人の{cond}に対する第一選択の治療と、注意すべき経過観察項目を教えてください。',
      '{age}歳で{sym}が{days}日続く場合の鑑別診断を挙げてください。',
      '{cond}があり新たに{sym}を訴える患者の紹介状の下書きを作成してください。',
      '{cond}の治療開始前に確認すべき検査項目は何ですか。',
    ]),
    { age, cond: condJa, sym: symJa, days },
  );
}

/** A model's answer, in one language. */
export function outputText(rng: Prng, lang: 'en' | 'ja'): string {
  const [condEn, condJa] = rng.pick(CONDITIONS);
  const [drugEn, drugJa] = rng.pick(DRUGS);
  if (lang === 'en') {
    return fill(
      rng.pick([
        'For {cond}, {drug} is commonly considered first; check renal function and drug interactions before prescribing.',
        'The note describes admission for {cond}, treatment with {drug}, and a stable course; follow-up in two weeks is advised.',
        'Consider {cond} among the differentials; a focused history, basic blood tests and imaging where indicated are reasonable next steps.',
        'Evidence for {drug} in {cond} comes mainly from randomised trials in adults; local guidelines should take precedence.',
      ]),
      { cond: condEn, drug: drugEn },
    );
  }
  return fill(
    rng.pick([
      '{cond}では{drug}がまず検討されます。処方前に腎機能と相互作用を確認してください。',
      '{cond}で入院し{drug}で治療され、経過は安定しています。2週間後の外来受診が推奨されます。',
      '鑑別診断として{cond}を考慮してください。問診、血液検査、必要に応じた画像検査が次の手順として妥当です。',
      '{cond}に対する{drug}の根拠は主に成人を対象としたランダム化比較試験によるものです。施設のガイドラインを優先してください。',
    ]),
    { cond: condJa, drug: drugJa },
  );
}

/** A literature title as an English / Japanese pair. */
export function paperTitle(rng: Prng): Pair {
  const [condEn, condJa] = rng.pick(CONDITIONS);
  const [drugEn, drugJa] = rng.pick(DRUGS);
  return rng.pick<Pair>([
    [`Management of ${condEn} in older inpatients: a retrospective cohort study`, `高齢入院患者における${condJa}の管理：後ろ向きコホート研究`],
    [`Outcomes of ${drugEn} for ${condEn}: a multicentre observational study`, `${condJa}に対する${drugJa}の転帰：多施設観察研究`],
    [`Large language models for ${condEn} triage: a validation study`, `${condJa}トリアージにおける大規模言語モデルの検証研究`],
    [`Clinical notes and ${condEn}: an annotated corpus`, `${condJa}に関する診療記録アノテーションコーパス`],
  ]);
}
