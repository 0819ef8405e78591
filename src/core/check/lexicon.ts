/**
 * A small bilingual list of clinical concepts — drugs, drug classes, tests, conditions and
 * organisms — written by the project from public facts (generic names and their Japanese
 * names), so that a Japanese claim and an English guideline are known to speak of the
 * same drug. It is not a terminology: a concept not listed is still compared through the
 * words the two sentences share (see entities.ts), only not across languages.
 *
 * Why this is not the same list as search's term translations
 * (src/core/search/bilingual-medical-terms.ts), though some names are in both: the two hold
 * different relations. Here a concept gathers every form that counts as *the same thing for
 * a claim* — synonyms, abbreviations, the members of a class (an SGLT2 inhibitor claim is
 * about empagliflozin too; calcium gluconate is "calcium") — because the check asks whether
 * two sentences speak of one drug. Search needs one-to-one *translations* and must leave out
 * exactly such lumping: searching "calcium" for カルシウム is right, searching it for
 * グルコン酸カルシウム, or every gliflozin for SGLT2阻害薬, would flood the results. One
 * list would make either side wrong, or need a flag on every entry saying which relation it
 * holds, which is two lists again.
 */

export type ConceptKind = 'drug' | 'test' | 'condition' | 'organism' | 'procedure' | 'population';

export interface Concept {
  readonly id: string;
  readonly kind: ConceptKind;
  /** Folded written forms in any language (lower case, ASCII digits). */
  readonly forms: readonly string[];
}

const c = (id: string, kind: ConceptKind, ...forms: string[]): Concept => ({ id, kind, forms: [id, ...forms] });

export const CONCEPTS: readonly Concept[] = [
  c('metformin', 'drug', 'メトホルミン'),
  c('apixaban', 'drug', 'アピキサバン'),
  c('rivaroxaban', 'drug', 'リバーロキサバン'),
  c('edoxaban', 'drug', 'エドキサバン'),
  c('dabigatran', 'drug', 'ダビガトラン'),
  c('warfarin', 'drug', 'ワルファリン', 'ワーファリン'),
  c('vitamin k', 'drug', 'ビタミンk', 'phytonadione', 'phytomenadione'),
  c('heparin', 'drug', 'ヘパリン'),
  c('insulin', 'drug', 'インスリン'),
  c('sglt2 inhibitor', 'drug', 'sglt2阻害薬', 'sglt2 inhibitors', 'sglt2i', 'gliflozin', 'empagliflozin', 'dapagliflozin', 'canagliflozin', 'ertugliflozin', 'エンパグリフロジン', 'ダパグリフロジン', 'カナグリフロジン', 'エルツグリフロジン'),
  c('acetaminophen', 'drug', 'paracetamol', 'アセトアミノフェン'),
  c('aspirin', 'drug', 'アスピリン', 'acetylsalicylic acid'),
  c('nsaid', 'drug', 'nsaids', 'ibuprofen', 'イブプロフェン', 'ロキソプロフェン', 'loxoprofen'),
  c('furosemide', 'drug', 'フロセミド'),
  c('adrenaline', 'drug', 'epinephrine', 'アドレナリン', 'エピネフリン'),
  c('noradrenaline', 'drug', 'norepinephrine', 'ノルアドレナリン', 'ノルエピネフリン'),
  c('calcium gluconate', 'drug', 'グルコン酸カルシウム', 'calcium'),
  c('glucagon', 'drug', 'グルカゴン'),
  c('vancomycin', 'drug', 'バンコマイシン'),
  c('prothrombin complex concentrate', 'drug', 'pcc', 'プロトロンビン複合体'),
  c('fresh frozen plasma', 'drug', 'ffp', '新鮮凍結血漿'),
  c('oxygen', 'drug', '酸素'),
  c('fluids', 'drug', 'saline', 'crystalloid', '輸液', '生理食塩水', '晶質液'),
  c('clarithromycin', 'drug', 'クラリスロマイシン'),
  c('linezolid', 'drug', 'リネゾリド'),
  c('amoxicillin', 'drug', 'アモキシシリン'),
  c('ceftriaxone', 'drug', 'セフトリアキソン'),
  c('doxycycline', 'drug', 'ドキシサイクリン'),
  c('prednisolone', 'drug', 'プレドニゾロン'),
  c('dexamethasone', 'drug', 'デキサメタゾン'),
  c('salbutamol', 'drug', 'albuterol', 'サルブタモール'),
  c('benzodiazepine', 'drug', 'benzodiazepines', 'ベンゾジアゼピン'),
  c('ssri', 'drug', 'ssris', 'sertraline', 'セルトラリン'),
  c('statin', 'drug', 'statins', 'atorvastatin', 'アトルバスタチン', 'スタチン'),
  c('hydroxychloroquine', 'drug', 'ヒドロキシクロロキン', 'hcq'),
  c('chloroquine', 'drug', 'クロロキン'),
  c('remdesivir', 'drug', 'レムデシビル'),
  c('ivermectin', 'drug', 'イベルメクチン'),
  c('vitamin d', 'drug', 'ビタミンd'),
  c('vitamin c', 'drug', 'ビタミンc', 'ascorbic acid'),
  c('iodinated contrast', 'drug', 'ヨード造影剤', '造影剤', 'contrast media', 'contrast medium', 'contrast'),
  c('egfr', 'test', 'gfr', '推算糸球体濾過量', 'kidney function', 'renal function', '腎機能'),
  c('creatinine', 'test', 'クレアチニン'),
  c('potassium', 'test', 'カリウム', 'hyperkalaemia', 'hyperkalemia', '高カリウム血症'),
  c('hba1c', 'test', 'ヘモグロビンa1c'),
  c('inr', 'test', 'pt-inr'),
  c('vitamin b12', 'test', 'ビタミンb12', 'b12'),
  c('lactic acidosis', 'condition', '乳酸アシドーシス'),
  c('ketoacidosis', 'condition', 'ケトアシドーシス', 'dka'),
  c('acute kidney injury', 'condition', '急性腎障害', 'aki'),
  c('pregnancy', 'population', '妊娠', 'pregnant', '妊婦', 'pregnancies'),
  c('children', 'population', '小児', 'child', 'paediatric', 'pediatric', 'infants', 'infant', '乳児', '幼児', 'neonates', '新生児'),
  c('older adults', 'population', '高齢者', 'elderly', 'older patients', 'older people', 'aged 65'),
  c('sepsis', 'condition', '敗血症'),
  c('anaphylaxis', 'condition', 'アナフィラキシー'),
  c('pneumonia', 'condition', '肺炎'),
  c('heart failure', 'condition', '心不全'),
  c('diabetes', 'condition', '糖尿病'),
  c('asthma', 'condition', '喘息'),
  c('serotonin syndrome', 'condition', 'セロトニン症候群'),
  c('reye syndrome', 'condition', 'ライ症候群', "reye's syndrome"),
  c('covid-19', 'condition', 'covid', 'covid19', '新型コロナウイルス感染症', 'coronavirus disease'),
  c('sars-cov-2', 'organism', 'sars-cov2', 'sarscov2', '2019-ncov', 'novel coronavirus', 'coronavirus', '新型コロナウイルス'),
  c('influenza', 'condition', 'インフルエンザ', 'flu'),
  c('surgery', 'procedure', '手術', 'surgical', 'operation'),
  c('dialysis', 'procedure', '透析'),
];
