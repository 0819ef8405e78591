import type { BenchQuery } from '../workers/literature-bench.worker.ts';

/**
 * Queries on the sample literature's topics, so they find documents in it and in corpora
 * generated from it. Short keyword queries touch few postings; the whole sentences (what
 * checking an LLM output searches with) touch many, the slow case for the keyword index.
 */
export const QUERIES: readonly BenchQuery[] = [
  { lang: 'en', text: 'metformin eGFR' },
  { lang: 'en', text: 'anaphylaxis intramuscular adrenaline' },
  { lang: 'en', text: 'warfarin interaction with antibiotics' },
  { lang: 'en', text: 'hallucination in clinical summaries' },
  { lang: 'en', text: 'vancomycin trough' },
  { lang: 'en', text: 'Metformin is contraindicated when the eGFR is below 30 because of the risk of lactic acidosis.' },
  { lang: 'en', text: 'Which medical language models were evaluated on MedQA and PubMedQA?' },
  { lang: 'ja', text: 'メトホルミン 腎機能' },
  { lang: 'ja', text: 'アナフィラキシー アドレナリン' },
  { lang: 'ja', text: 'ワルファリンと抗菌薬の相互作用' },
  { lang: 'ja', text: 'アセトアミノフェン過量服薬' },
  { lang: 'ja', text: 'せん妄' },
  { lang: 'ja', text: 'eGFR 30未満ではメトホルミンは乳酸アシドーシスの危険があるため禁忌である。' },
  { lang: 'ja', text: '退院サマリーを作成する言語モデルの出力は医師が確認する必要がある。' },
];
