/**
 * The 10-sentence output the benchmarks check against a corpus (bench:check in Node,
 * literature-bench.html in the browser): written by the project, Japanese and English,
 * doses, bands and routes, so every rule of src/core/check has work to do.
 */
export const CHECK_BENCH_TEXT = [
  'メトホルミンは eGFR 38 であれば通常量のまま継続できる。',
  'Apixaban is reduced to 2.5 mg twice daily when two of age 80 or more, weight 60 kg or less and creatinine 1.5 mg/dL or more apply.',
  'Adrenaline 0.5 mg is given intramuscularly for anaphylaxis in adults.',
  'SGLT2阻害薬は手術の3日前から休薬する。',
  'Warfarin effect is increased by clarithromycin.',
  'Acetaminophen up to 4,000 mg per day is used in adults.',
  '小児のインフルエンザではアスピリンを使用しない。',
  'Calcium gluconate is given for hyperkalaemia with ECG changes.',
  'リネゾリドと SSRI の併用ではセロトニン症候群に注意する。',
  'Metformin is held for 48 hours after iodinated contrast.',
].join(' ');
