/**
 * A small lineage with one of everything a policy must handle: a PHI dataset behind a
 * fine-tuned model, inference sessions whose prompts and outputs name patients, access
 * logs, people. The strings are distinctive so that a byte scan finds any leak. Used by
 * the access and pack tests (kept beside them: `src/testing` belongs to the generator).
 */
import type { Relation, SnapshotNode } from '../format/index.ts';
import type { LiteratureDoc } from '../search/literature-pack.ts';

export function sensitiveGraph(): { nodes: SnapshotNode[]; relations: Relation[] } {
  const nodes: SnapshotNode[] = [
    { id: 'org:kyoto-general', kind: 'agent', subtype: 'organization', name: 'Kyoto General Hospital', classification: 'public' },
    { id: 'person:dr-sato-hanako', kind: 'agent', subtype: 'person', role: 'clinician', name: 'Dr Hanako Sato', label: { ja: '佐藤 花子 医師' }, classification: 'internal', affiliation: 'Cardiology ward 7' },
    { id: 'person:auditor-ito', kind: 'agent', subtype: 'person', role: 'auditor', name: 'Kenji Ito (audit office)', classification: 'internal' },
    { id: 'dataset:pubmed-abstracts', kind: 'dataset', subtype: 'corpus', name: 'PubMed abstracts 2023', classification: 'public', license: 'cc-by-4.0' },
    {
      id: 'dataset:ward7-discharge-notes',
      kind: 'dataset',
      subtype: 'clinical-records',
      name: 'Ward 7 discharge notes (patient Yamada cohort)',
      description: { en: 'Discharge summaries mentioning Taro Yamada and 212 other patients', ja: '山田太郎さんを含む退院サマリー' },
      classification: 'phi',
      containsPhi: true,
      recordCount: 213,
      contentHash: 'sha256:1111111111111111111111111111111111111111111111111111111111111111',
      createdAt: '2023-02-03',
      attributes: { mrnRange: 'MRN-448800..448999', ward: 'cardiology-7-east' },
      tags: ['discharge-cardiology-east'],
    },
    { id: 'dataset:secret-benchmark', kind: 'dataset', subtype: 'benchmark', name: 'Unpublished cardiology benchmark', classification: 'restricted', url: 'https://intranet.example/secret-bench' },
    { id: 'model:llama-2-70b', kind: 'model', subtype: 'foundation', name: 'Llama-2-70b', classification: 'public', parameterCount: 70e9 },
    { id: 'activity:ft-run-17', kind: 'activity', subtype: 'finetuning', name: 'Fine-tuning run 17', classification: 'internal', startedAt: '2023-03-01T09:00:00Z' },
    { id: 'model:meditron-ward7', kind: 'model', subtype: 'finetuned', name: 'Meditron-Ward7', classification: 'internal' },
    { id: 'evaluation:ward7-medqa', kind: 'evaluation', name: 'Meditron-Ward7 on MedQA', classification: 'internal', benchmark: 'MedQA', metric: 'accuracy', value: 0.71 },
    { id: 'session:0001', kind: 'activity', subtype: 'inference', name: 'Inference session 1', classification: 'internal', startedAt: '2024-05-01T10:00:00Z' },
    {
      id: 'prompt:0001',
      kind: 'prompt',
      name: 'Taro Yamada chest pain question',
      text: 'Patient Taro Yamada (MRN 448812), 54, presents with crushing chest pain radiating to the left arm.',
      classification: 'phi',
      createdAt: '2024-05-01T10:00:05Z',
      language: 'en',
    },
    {
      id: 'output:0001',
      kind: 'output',
      name: 'Suspected STEMI for Yamada',
      text: 'Findings suggest an acute STEMI in Mr Yamada; obtain an ECG and troponin immediately.',
      classification: 'phi',
      createdAt: '2024-05-01T10:00:41Z',
      language: 'en',
      attributes: { bed: 'East-7-bed-12', urgent: true },
    },
    { id: 'session:0002', kind: 'activity', subtype: 'inference', name: 'Inference session 2', classification: 'internal' },
    { id: 'prompt:0002', kind: 'prompt', name: 'Generic dosing question', text: 'What is the usual adult dose of apixaban for atrial fibrillation?', classification: 'restricted' },
    { id: 'output:0002', kind: 'output', name: 'Apixaban dosing answer', text: 'Usually 5 mg twice daily; 2.5 mg when two of age ≥80, weight ≤60 kg, creatinine ≥1.5 apply.', classification: 'restricted' },
    { id: 'access:0001', kind: 'activity', subtype: 'access', name: 'Chart review by Ito of output 1', classification: 'internal', startedAt: '2024-06-11T15:30:00Z' },
  ];
  const relations: Relation[] = [
    { type: 'wasAssociatedWith', from: 'activity:ft-run-17', to: 'org:kyoto-general' },
    { type: 'used', from: 'activity:ft-run-17', to: 'model:llama-2-70b', role: 'base model' },
    { type: 'used', from: 'activity:ft-run-17', to: 'dataset:ward7-discharge-notes', role: 'training data from chart export 2023-02', time: '2023-03-01T09:00:00Z' },
    { type: 'used', from: 'activity:ft-run-17', to: 'dataset:pubmed-abstracts', role: 'training data' },
    { type: 'wasGeneratedBy', from: 'model:meditron-ward7', to: 'activity:ft-run-17' },
    { type: 'wasDerivedFrom', from: 'model:meditron-ward7', to: 'model:llama-2-70b', subtype: 'finetune' },
    { type: 'wasDerivedFrom', from: 'model:meditron-ward7', to: 'dataset:ward7-discharge-notes', subtype: 'subset', role: 'Yamada cohort' },
    { type: 'wasDerivedFrom', from: 'evaluation:ward7-medqa', to: 'model:meditron-ward7' },
    { type: 'wasDerivedFrom', from: 'evaluation:ward7-medqa', to: 'dataset:secret-benchmark', role: 'held-out split' },
    { type: 'used', from: 'session:0001', to: 'model:meditron-ward7', role: 'model' },
    { type: 'used', from: 'session:0001', to: 'prompt:0001', role: 'prompt', time: '2024-05-01T10:00:05Z' },
    { type: 'wasAssociatedWith', from: 'session:0001', to: 'person:dr-sato-hanako' },
    { type: 'wasAttributedTo', from: 'prompt:0001', to: 'person:dr-sato-hanako' },
    { type: 'wasGeneratedBy', from: 'output:0001', to: 'session:0001' },
    { type: 'wasDerivedFrom', from: 'output:0001', to: 'prompt:0001' },
    { type: 'used', from: 'session:0002', to: 'model:meditron-ward7', role: 'model' },
    { type: 'used', from: 'session:0002', to: 'prompt:0002', role: 'prompt' },
    { type: 'wasGeneratedBy', from: 'output:0002', to: 'session:0002' },
    { type: 'wasDerivedFrom', from: 'output:0002', to: 'prompt:0002' },
    { type: 'used', from: 'access:0001', to: 'output:0001', role: 'chart review', time: '2024-06-11T15:30:00Z' },
    { type: 'wasAssociatedWith', from: 'access:0001', to: 'person:auditor-ito' },
  ];
  return { nodes, relations };
}

/**
 * Literature about the sensitive lineage: documents linked to its nodes or naming what
 * some roles may not see (in other cases and widths, as a corpus would write them), and
 * documents every role may read.
 */
export function sensitiveLiterature(): LiteratureDoc[] {
  return [
    { id: 'lit:secret-benchmark', title: 'An unpublished benchmark of cardiology questions', text: 'Question sets written by the ward to test models before release.', identifiers: { raireki: 'dataset:secret-benchmark' } },
    { id: 'lit:ward7-cohort', title: 'Cohort description', text: 'The WARD 7 DISCHARGE NOTES (PATIENT YAMADA COHORT) were drawn from the east wing.' },
    { id: 'lit:sato-ward-round', title: 'Teaching ward rounds', text: 'Ward rounds led by dr hanako sato combined bedside teaching with audit.' },
    { id: 'lit:audit-office', title: '監査室の記録', text: '記録は　Ｋｅｎｊｉ　Ｉｔｏ　（audit office）　が確認した。' },
    { id: 'lit:apixaban-faq', title: 'Frequently asked', text: 'A common question: what is the usual adult dose of apixaban for atrial fibrillation? The answer depends on age, weight and creatinine.' },
    { id: 'lit:apixaban-dose', title: 'Apixaban dose reduction', text: 'Apixaban is reduced to 2.5 mg twice daily when two of age, weight and creatinine criteria apply. Trials kept a held-out split; urgent cases were excluded.' },
    { id: 'lit:cohort-note', title: 'Outcomes note', text: 'Results in the yamada cohort were similar to those of other wards.' },
    { id: 'lit:llama-2', title: 'Llama 2 foundation models', text: 'Llama-2-70b is a foundation model released with a community licence.', identifiers: { raireki: 'model:llama-2-70b' } },
  ];
}
