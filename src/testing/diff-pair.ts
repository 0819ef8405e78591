/**
 * A hand-made pair of snapshots for the diff (src/core/diff): "before" and "after" differ in
 * every way the diff reports — nodes added, removed, changed (plain, nested and list
 * fields), renamed (by alias, by content hash), re-classified (one to PHI, one away from
 * it), new outputs of a model, relations added, removed, changed, parallel relations of
 * which one changed, a relation whose both ends were renamed, and a relation with no `to`.
 */
import type { Relation, SnapshotNode } from '../core/format/index.ts';

const HASH_A = `sha256:${'a'.repeat(64)}`;
const HASH_W = `sha256:${'b'.repeat(64)}`;

const base: SnapshotNode[] = [
  { id: 'model:base', kind: 'model', subtype: 'foundation', name: 'Base-7B', classification: 'public', license: 'apache-2.0' },
  { id: 'model:med', kind: 'model', subtype: 'finetuned', name: 'Med-7B', classification: 'internal', tags: ['medical'] },
  { id: 'run:ft', kind: 'activity', subtype: 'finetuning', name: 'Fine-tuning', classification: 'internal', attributes: { epochs: 3, lr: 0.0002 } },
  { id: 'dataset:notes', kind: 'dataset', subtype: 'clinical-records', name: 'Ward notes', classification: 'internal', containsPhi: false, description: { en: 'Notes', ja: 'ノート' } },
  { id: 'dataset:phi-old', kind: 'dataset', name: 'Old records', classification: 'phi', containsPhi: true },
  { id: 'dataset:gone', kind: 'dataset', name: 'Dropped corpus', classification: 'public' },
  { id: 'agent:lab', kind: 'agent', subtype: 'organization', name: 'Lab', classification: 'public' },
  { id: 'session:1', kind: 'activity', subtype: 'inference', name: 'Session 1', classification: 'phi' },
  { id: 'output:1', kind: 'output', name: 'Answer 1', classification: 'phi', text: 'first' },
];

export function diffPairBefore(): { nodes: SnapshotNode[]; relations: Relation[] } {
  const nodes: SnapshotNode[] = [
    ...base,
    { id: 'weights:v1', kind: 'model', subtype: 'quantized', name: 'Med-7B-int8', classification: 'internal', contentHash: HASH_W },
    { id: 'dataset:pubmed', kind: 'dataset', name: 'PubMed abstracts', classification: 'public', contentHash: HASH_A },
  ];
  const relations: Relation[] = [
    { type: 'used', from: 'run:ft', to: 'model:base', role: 'base model' },
    { type: 'used', from: 'run:ft', to: 'dataset:notes', role: 'training data' },
    { type: 'used', from: 'run:ft', to: 'dataset:notes', role: 'validation data' },
    { type: 'used', from: 'run:ft', to: 'dataset:gone', role: 'training data' },
    { type: 'used', from: 'run:ft', to: 'dataset:pubmed', role: 'training data' },
    { type: 'wasGeneratedBy', from: 'model:med', to: 'run:ft', time: '2024-03-06' },
    { type: 'wasDerivedFrom', from: 'model:med', to: 'model:base', subtype: 'finetune' },
    { type: 'wasDerivedFrom', from: 'weights:v1', to: 'model:med', subtype: 'quantized' },
    { type: 'wasDerivedFrom', from: 'weights:v1', to: 'dataset:pubmed', role: 'calibration' },
    { type: 'wasAttributedTo', from: 'dataset:notes', to: 'agent:lab' },
    { type: 'used', from: 'session:1', to: 'model:med', role: 'model' },
    { type: 'wasGeneratedBy', from: 'output:1', to: 'session:1' },
    { type: 'wasGeneratedBy', from: 'dataset:phi-old', time: '2020-01-01' },
  ];
  return { nodes, relations };
}

export function diffPairAfter(): { nodes: SnapshotNode[]; relations: Relation[] } {
  const nodes: SnapshotNode[] = [
    base[0]!,
    // changed: a plain field and a list
    { id: 'model:med', kind: 'model', subtype: 'finetuned', name: 'Med-7B v2', classification: 'internal', tags: ['medical', 'ja'] },
    // changed: one attribute
    { id: 'run:ft', kind: 'activity', subtype: 'finetuning', name: 'Fine-tuning', classification: 'internal', attributes: { epochs: 4, lr: 0.0002 } },
    // re-classified to PHI, and a nested description member changed
    { id: 'dataset:notes', kind: 'dataset', subtype: 'clinical-records', name: 'Ward notes', classification: 'phi', containsPhi: true, description: { en: 'Notes', ja: '病棟ノート' } },
    // re-classified away from PHI
    { id: 'dataset:phi-old', kind: 'dataset', name: 'Old records', classification: 'internal', containsPhi: false },
    base[6]!,
    base[7]!,
    base[8]!,
    // renamed: the new id lists the old one among its aliases
    { id: 'model:med-7b-int8', kind: 'model', subtype: 'quantized', name: 'Med-7B-int8', classification: 'internal', contentHash: HASH_W, aliases: ['weights:v1'] },
    // renamed: same content hash, nothing else says so
    { id: 'dataset:pubmed-2024', kind: 'dataset', name: 'PubMed abstracts', classification: 'public', contentHash: HASH_A },
    // added: a new session of model:med and its output
    { id: 'session:2', kind: 'activity', subtype: 'inference', name: 'Session 2', classification: 'phi' },
    { id: 'output:2', kind: 'output', name: 'Answer 2', classification: 'phi', text: 'second' },
    { id: 'dataset:new', kind: 'dataset', name: 'New corpus', classification: 'public' },
  ];
  const relations: Relation[] = [
    { type: 'used', from: 'run:ft', to: 'model:base', role: 'base model' },
    // parallel relations: "training data" unchanged, "validation data" became "test data"
    { type: 'used', from: 'run:ft', to: 'dataset:notes', role: 'test data' },
    { type: 'used', from: 'run:ft', to: 'dataset:notes', role: 'training data' },
    { type: 'used', from: 'run:ft', to: 'dataset:new', role: 'training data' },
    { type: 'used', from: 'run:ft', to: 'dataset:pubmed-2024', role: 'training data' },
    { type: 'wasGeneratedBy', from: 'model:med', to: 'run:ft', time: '2024-03-07' },
    { type: 'wasDerivedFrom', from: 'model:med', to: 'model:base', subtype: 'finetune' },
    { type: 'wasDerivedFrom', from: 'model:med-7b-int8', to: 'model:med', subtype: 'quantized' },
    // both ends renamed, nothing else changed
    { type: 'wasDerivedFrom', from: 'model:med-7b-int8', to: 'dataset:pubmed-2024', role: 'calibration' },
    { type: 'used', from: 'session:1', to: 'model:med', role: 'model' },
    { type: 'wasGeneratedBy', from: 'output:1', to: 'session:1' },
    { type: 'used', from: 'session:2', to: 'model:med', role: 'model' },
    { type: 'wasGeneratedBy', from: 'output:2', to: 'session:2' },
    { type: 'wasGeneratedBy', from: 'dataset:phi-old', time: '2020-01-02' },
  ];
  return { nodes, relations };
}
