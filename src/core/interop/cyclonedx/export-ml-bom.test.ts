import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Relation, SnapshotNode } from '../../format/index.ts';
import { bomSchemaErrors } from '../../../../conformance/cyclonedx.ts';
import { ImportSession } from '../import-session.ts';
import { cycloneDxModule, exportMlBom } from './index.ts';

type Json = Record<string, any>;
const sample = JSON.parse(readFileSync(new URL('../../../../public/snapshots/sample/graph.json', import.meta.url), 'utf8')) as { nodes: SnapshotNode[]; relations: Relation[] };

function reimport(bom: unknown) {
  const s = new ImportSession([cycloneDxModule]);
  s.addFile('model.cdx.json', JSON.stringify(bom));
  return s.finish();
}

const prop = (c: Json, name: string) => (c.properties as { name: string; value: string }[] | undefined)?.filter((p) => p.name === name).map((p) => p.value);

/** An invented hospital model: a quantized fine-tune of a base model, trained on PHI notes. */
const nodes: SnapshotNode[] = [
  { id: 'model:base', kind: 'model', name: 'Base-7B', classification: 'public', license: 'apache-2.0', url: 'https://huggingface.co/base/base-7b' },
  { id: 'model:tuned', kind: 'model', name: 'Ward-7B', classification: 'restricted', subtype: 'finetuned', architecture: 'llama', parameterCount: 7e9, languages: ['en', 'ja'], tags: ['clinical'], attributes: { pipeline_tag: 'text-generation', epochs: 3, notes: ['a', 'b'] } },
  { id: 'model:tuned-q4', kind: 'model', name: 'Ward-7B Q4', classification: 'restricted', subtype: 'quantized', contentHash: `sha256:${'c'.repeat(64)}`, url: 'not a url with spaces' },
  { id: 'dataset:notes', kind: 'dataset', name: 'Ward notes 2024', classification: 'phi', containsPhi: true, license: 'other', recordCount: 1200 },
  { id: 'dataset:public', kind: 'dataset', name: 'Open QA', classification: 'public', containsPhi: false, license: 'cc-by-4.0' },
  { id: 'activity:ft', kind: 'activity', name: 'Fine-tuning', classification: 'restricted', subtype: 'finetuning', startedAt: '2024-03-01', endedAt: '2024-03-02T10:00:00Z' },
  { id: 'activity:eval', kind: 'activity', name: 'Eval', classification: 'internal', subtype: 'evaluation' },
  { id: 'eval:acc', kind: 'evaluation', name: 'Ward-7B accuracy', classification: 'internal', benchmark: 'Open QA', metric: 'accuracy', value: 0.72 },
  { id: 'org:hospital', kind: 'agent', name: 'Raireki Hospital', classification: 'public', subtype: 'organization' },
  { id: 'doc:paper', kind: 'document', name: 'Paper', classification: 'public' },
];
const relations: Relation[] = [
  { type: 'wasDerivedFrom', from: 'model:tuned', to: 'model:base', subtype: 'finetune', role: 'base model' },
  { type: 'wasGeneratedBy', from: 'model:tuned', to: 'activity:ft' },
  { type: 'used', from: 'activity:ft', to: 'model:base', role: 'base model' },
  { type: 'used', from: 'activity:ft', to: 'dataset:notes', role: 'training data' },
  { type: 'used', from: 'activity:ft', to: 'dataset:public', role: 'training data' },
  { type: 'wasAssociatedWith', from: 'activity:ft', to: 'org:hospital' },
  { type: 'wasAttributedTo', from: 'model:tuned', to: 'org:hospital', role: 'publisher' },
  { type: 'wasDerivedFrom', from: 'model:tuned-q4', to: 'model:tuned', subtype: 'quantized' },
  { type: 'wasDerivedFrom', from: 'dataset:notes', to: 'doc:paper' },
  { type: 'used', from: 'activity:eval', to: 'model:tuned', role: 'evaluated model' },
  { type: 'used', from: 'activity:eval', to: 'dataset:public', role: 'benchmark' },
  { type: 'wasGeneratedBy', from: 'eval:acc', to: 'activity:eval' },
];

describe('ML-BOM export', () => {
  it('exports Meditron-70B from the sample as a valid CycloneDX 1.6 BOM with Llama-2-70B and its training data', () => {
    const bom = exportMlBom(sample.nodes, sample.relations, 'model:meditron-70b', { timestamp: '2026-04-01T09:00:00+09:00' }) as Json;
    expect(bomSchemaErrors(bom)).toEqual([]);
    expect(bom.metadata.component).toMatchObject({ 'bom-ref': 'model:meditron-70b', type: 'machine-learning-model', name: 'Meditron-70B' });
    expect(bom.metadata.tools.components[0].name).toBe('Raireki');
    expect(bom.metadata.timestamp).toBe('2026-04-01T09:00:00+09:00');
    const llama = bom.components.find((c: Json) => c['bom-ref'] === 'model:llama-2-70b');
    expect(llama).toMatchObject({ type: 'machine-learning-model', name: 'Llama-2-70B' });
    const ancestors = bom.metadata.component.pedigree.ancestors as Json[];
    expect(ancestors.map((a) => [a.name, prop(a, 'raireki:derivation')![0]])).toEqual([['Llama-2-70B', 'continued-pretraining']]);
    expect(bom.metadata.component.modelCard.modelParameters.datasets).toEqual([{ ref: 'dataset:gap-replay' }]);
    expect(bom.components.find((c: Json) => c['bom-ref'] === 'dataset:gap-replay')).toMatchObject({ type: 'data', name: 'GAP-Replay' });
    expect(bom.metadata.component.modelCard.quantitativeAnalysis.performanceMetrics).toContainEqual({ type: 'accuracy', value: '64.4', slice: 'MedQA' });
    expect(bom.dependencies.find((d: Json) => d.ref === 'model:meditron-70b').dependsOn).toEqual(['dataset:gap-replay', 'model:llama-2-70b']);
  });

  it('gives the same bytes for the same input, with a UUID serial number made from the content', () => {
    const a = JSON.stringify(exportMlBom(sample.nodes, sample.relations, 'model:meditron-70b', { timestamp: '2026-04-01T09:00:00+09:00' }));
    const b = JSON.stringify(exportMlBom([...sample.nodes].reverse(), [...sample.relations].reverse(), 'model:meditron-70b', { timestamp: '2026-04-01T09:00:00+09:00' }));
    expect(a).toBe(b);
    const other = exportMlBom(sample.nodes, sample.relations, 'model:meditron-70b', { timestamp: '2026-04-02T09:00:00+09:00' }) as Json;
    expect(other.serialNumber).not.toBe(JSON.parse(a).serialNumber);
    expect(JSON.parse(a).serialNumber).toMatch(/^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('every model of the sample exports a valid BOM', () => {
    const failures = sample.nodes.filter((n) => n.kind === 'model').flatMap((m) => bomSchemaErrors(exportMlBom(sample.nodes, sample.relations, m.id, { timestamp: '2026-04-01' })).map((e) => `${m.id} ${e}`));
    expect(failures).toEqual([]);
  });

  it('writes PHI flags, classification, licences, training runs and evaluations of an invented graph, valid against the schema', () => {
    const bom = exportMlBom(nodes, relations, 'model:tuned-q4', { timestamp: '2025-01-01' }) as Json;
    expect(bomSchemaErrors(bom)).toEqual([]);
    expect(bom.metadata.timestamp).toBe('2025-01-01T00:00:00Z');
    const byRef = new Map((bom.components as Json[]).map((c) => [c['bom-ref'], c]));
    const notes = byRef.get('dataset:notes')!;
    expect(prop(notes, 'raireki:containsPhi')).toEqual(['true']);
    expect(prop(notes, 'raireki:classification')).toEqual(['phi']);
    expect(notes.data[0]).toMatchObject({ classification: 'phi', sensitiveData: [expect.stringContaining('PHI')] });
    expect(notes.licenses).toEqual([{ license: { name: 'other' } }]);
    expect(byRef.get('dataset:public')!.licenses).toEqual([{ license: { id: 'CC-BY-4.0' } }]);
    expect(prop(byRef.get('dataset:public')!, 'raireki:containsPhi')).toEqual(['false']);
    const tuned = byRef.get('model:tuned')!;
    expect(tuned.publisher).toBe('Raireki Hospital');
    expect(tuned.modelCard.quantitativeAnalysis.performanceMetrics).toEqual([{ type: 'accuracy', value: '0.72', slice: 'Open QA' }]);
    expect(tuned.modelCard.modelParameters).toMatchObject({ task: 'text-generation', architectureFamily: 'llama', datasets: [{ ref: 'dataset:notes' }, { ref: 'dataset:public' }] });
    expect(bom.metadata.component.pedigree.ancestors[0].properties).toContainEqual({ name: 'raireki:derivation', value: 'quantized' });
    expect(bom.metadata.component.hashes).toEqual([{ alg: 'SHA-256', content: 'c'.repeat(64) }]);
    expect(prop(bom.metadata.component, 'raireki:url')).toEqual(['not a url with spaces']);
    const run = bom.formulation[0].workflows[0];
    expect(run).toMatchObject({ 'bom-ref': 'activity:ft', timeEnd: '2024-03-02T10:00:00Z', inputs: [{ resource: { ref: 'dataset:notes' } }, { resource: { ref: 'dataset:public' } }, { resource: { ref: 'model:base' } }], outputs: [{ resource: { ref: 'model:tuned' } }] });
    expect(prop(run, 'raireki:startedAt')).toEqual(['2024-03-01']);
    expect(prop(run, 'raireki:associatedWith')).toEqual(['Raireki Hospital']);
    // The document upstream of the notes has no place in an ML-BOM: counted, not silently lost.
    expect(prop(bom.metadata, 'raireki:omittedNodes')).toEqual(['document: 1']);
    // The evaluation run is downstream of the model: it is in the metrics, not a workflow.
    expect(bom.formulation[0].workflows).toHaveLength(1);
  });

  it('export → import gives back the model, its ancestors and data with their fields', () => {
    const back = reimport(exportMlBom(nodes, relations, 'model:tuned-q4', { timestamp: '2025-01-01T00:00:00Z' }));
    expect(back.report.issues.filter((i) => i.severity !== 'note')).toEqual([]);
    const byId = new Map(back.nodes.map((n) => [n.id, n as Json]));
    for (const id of ['model:tuned-q4', 'model:tuned', 'model:base', 'dataset:notes', 'dataset:public', 'activity:ft']) expect(byId.has(id)).toBe(true);
    expect(byId.get('dataset:notes')).toMatchObject({ kind: 'dataset', classification: 'phi', containsPhi: true, license: 'other', recordCount: 1200 });
    expect(byId.get('dataset:public')).toMatchObject({ license: 'cc-by-4.0', containsPhi: false, classification: 'public' });
    expect(byId.get('model:tuned')).toMatchObject({ subtype: 'finetuned', architecture: 'llama', parameterCount: 7e9, languages: ['en', 'ja'], tags: ['clinical'], attributes: expect.objectContaining({ epochs: 3, notes: ['a', 'b'] }) });
    expect(byId.get('model:tuned-q4')).toMatchObject({ contentHash: `sha256:${'c'.repeat(64)}`, url: 'not a url with spaces' });
    expect(byId.get('activity:ft')).toMatchObject({ kind: 'activity', subtype: 'finetuning', startedAt: '2024-03-01', endedAt: '2024-03-02T10:00:00Z' });
    const has = (r: Partial<Relation>) => back.relations.some((x) => Object.entries(r).every(([k, v]) => (x as Json)[k] === v));
    expect(has({ type: 'wasDerivedFrom', from: 'model:tuned-q4', to: 'model:tuned', subtype: 'quantized' })).toBe(true);
    expect(has({ type: 'wasDerivedFrom', from: 'model:tuned', to: 'model:base', subtype: 'finetune' })).toBe(true);
    expect(has({ type: 'wasGeneratedBy', from: 'model:tuned', to: 'activity:ft' })).toBe(true);
    expect(has({ type: 'used', from: 'activity:ft', to: 'dataset:notes', role: 'training data' })).toBe(true);
    // Exactly one training run for the model: the workflow, not a second, made-up one.
    expect(back.nodes.some((n) => n.id === 'model:tuned#training')).toBe(false);
    expect(back.nodes.find((n) => n.id === 'model:tuned#metric-0')).toMatchObject({ kind: 'evaluation', value: 0.72, metric: 'accuracy' });
  });

  it('the sample’s Meditron-70B BOM imports back with Llama-2-70B and GAP-Replay', () => {
    const back = reimport(exportMlBom(sample.nodes, sample.relations, 'model:meditron-70b'));
    const ids = new Set(back.nodes.map((n) => n.id));
    for (const id of ['model:meditron-70b', 'model:llama-2-70b', 'dataset:gap-replay']) expect(ids.has(id)).toBe(true);
    expect(back.relations).toContainEqual({ type: 'wasDerivedFrom', from: 'model:meditron-70b', to: 'model:llama-2-70b', subtype: 'continued-pretraining' });
  });

  it('the schema check rejects what the schema forbids (so a passing check means something)', () => {
    const bom = exportMlBom(nodes, relations, 'model:tuned') as Json;
    expect(bomSchemaErrors({ ...bom, serialNumber: 'urn:uuid:not-a-uuid' })).not.toEqual([]);
    expect(bomSchemaErrors({ ...bom, components: [{ ...bom.components[0], type: 'llm' }] })).not.toEqual([]);
    expect(bomSchemaErrors({ ...bom, components: [{ ...bom.components[0], licenses: [{ license: { id: 'llama2' } }] }] })).not.toEqual([]);
  });

  it('refuses ids that are not models of the graph', () => {
    expect(() => exportMlBom(nodes, relations, 'model:none')).toThrow(/not a node/);
    expect(() => exportMlBom(nodes, relations, 'dataset:notes')).toThrow(/not a model/);
  });
});
