import { describe, expect, it } from 'vitest';
import type { Relation, SnapshotNode } from '../../format/index.ts';
import { buildGraphIndex } from '../../graph/index.ts';
import { ImportSession } from '../import-session.ts';
import { raireki } from '../raireki/index.ts';
import { exportProvJson, provJsonModule, provSelection } from './index.ts';

/** A graph as an import writes it (canonical order), from hand-written nodes and relations. */
function canonical(nodes: object[], relations: object[]) {
  const s = new ImportSession([raireki]);
  s.addFile('g.json', JSON.stringify({ format: 'raireki-snapshot', version: 2, nodes, relations }));
  const r = s.finish();
  expect(r.report.issues).toEqual([]);
  return { nodes: r.nodes, relations: r.relations };
}

function reimport(doc: unknown) {
  const s = new ImportSession([provJsonModule]);
  s.addFile('export.json', JSON.stringify(doc));
  return s.finish();
}

const c = 'internal';
const NODES = [
  { id: 'hf:Meta-Llama/Llama-2-7b-hf', kind: 'model', subtype: 'foundation', name: 'Llama-2-7b', classification: 'public', parameterCount: 7e9, languages: ['en'], license: 'llama2', url: 'https://huggingface.co/meta-llama/Llama-2-7b-hf', createdAt: '2023-07-18' },
  { id: 'model:midori', kind: 'model', subtype: 'finetuned', name: 'Midori', label: { ja: 'みどり' }, description: { en: 'Fine-tuned.' }, classification: 'restricted', version: '1.0.0', tags: [], contentHash: `sha256:${'a'.repeat(64)}`, aliases: ['model:midori-old'] },
  { id: 'dataset:ds 1', kind: 'dataset', subtype: 'clinical-records', name: 'Discharge summaries', classification: 'phi', containsPhi: true, recordCount: 48210, columnLineage: [{ field: 'x', inputs: [{ dataset: 'dataset:raw', field: 'y', transformation: 'DIRECT/IDENTITY' }] }] },
  { id: 'dataset:raw', kind: 'dataset', name: 'raw', classification: c, implicit: true },
  { id: 'run:ft', kind: 'activity', subtype: 'finetuning', name: 'Fine-tuning', classification: c, startedAt: '2024-03-04T09:00:00+09:00', endedAt: '2024-03-06', attributes: { learningRate: 0.0002, gpus: '8×H100', none: null, empty: [], typed: { $: '1', type: 'xsd:int' }, numeric: { $: 3, type: 'xsd:int' }, mixed: ['a', 1, { $: 'b', lang: 'en' }], 'prov:location': 'Tokyo' } },
  { id: 'run:eval', kind: 'activity', subtype: 'evaluation', name: 'Evaluation run', classification: c },
  { id: 'eval:medqa', kind: 'evaluation', name: 'MedQA accuracy', classification: c, benchmark: 'MedQA', metric: 'accuracy', value: 0.61 },
  { id: 'prompt:1', kind: 'prompt', name: 'Prompt', classification: 'phi', text: '退院サマリーを要約してください。', language: 'ja' },
  { id: 'output:1', kind: 'output', name: 'Output', classification: 'phi', text: 'Summary.', language: 'en' },
  { id: 'doc:paper', kind: 'document', name: 'Paper', classification: 'public', authors: ['A. Author'], year: 2023, source: 'Journal', identifiers: { doi: '10.1/x' }, language: 'en' },
  { id: 'person:sato', kind: 'agent', subtype: 'person', name: 'Dr. Sato', classification: c, role: 'clinician', affiliation: 'Hospital' },
  { id: 'org:hosp', kind: 'agent', subtype: 'organization', name: 'Hospital', classification: c },
  { id: 'job:train', kind: 'job', subtype: 'batch', name: 'train', classification: c, namespace: 'airflow' },
  { id: 'plan:p', kind: 'entity', subtype: 'plan', name: 'Plan', classification: c },
  { id: 'coll:c', kind: 'entity', subtype: 'collection', name: 'c', classification: c },
  { id: 'bundle:b', kind: 'entity', subtype: 'bundle', name: 'b', classification: c },
  { id: 'entity:in-bundle', kind: 'entity', name: 'in-bundle', classification: c, bundle: 'bundle:b', attributes: { 'prov:type': 'ex:Thing', 'prov:label': [{ $: 'in-bundle', lang: 'en' }] } },
  { id: 'activity:in-bundle', kind: 'activity', name: 'in-bundle activity', classification: c, bundle: 'bundle:b' },
  { id: 'http://example.org/e', kind: 'entity', name: 'e', classification: c, implicit: true },
  { id: 'prov-unknown:activity:_:s1', kind: 'activity', name: '(unknown activity)', classification: c, implicit: true },
];
const RELATIONS = [
  { type: 'used', from: 'run:ft', to: 'hf:Meta-Llama/Llama-2-7b-hf', role: 'base model', time: '2024-03-04T09:00:00+09:00' },
  { type: 'used', from: 'run:ft', to: 'dataset:ds 1', role: 'training data', id: 'use:1', attributes: { 'prov:type': ['ex:A', 'ex:B'] } },
  { type: 'used', from: 'run:ft', id: 'use:nothing' },
  { type: 'wasGeneratedBy', from: 'model:midori', to: 'run:ft', time: '2024-03-06' },
  { type: 'wasGeneratedBy', from: 'output:1', id: 'gen:unknown' },
  { type: 'wasDerivedFrom', from: 'model:midori', to: 'hf:Meta-Llama/Llama-2-7b-hf', subtype: 'finetune', args: { activity: 'run:ft', generation: 'gen:1', usage: 'use:1' } },
  { type: 'wasDerivedFrom', from: 'doc:paper', to: 'http://example.org/e', subtype: 'revision' },
  { type: 'wasDerivedFrom', from: 'doc:paper', to: 'coll:c', subtype: 'quotation' },
  { type: 'wasDerivedFrom', from: 'doc:paper', to: 'plan:p', subtype: 'primary-source' },
  { type: 'wasAttributedTo', from: 'prompt:1', to: 'person:sato' },
  { type: 'wasAssociatedWith', from: 'run:ft', to: 'person:sato', args: { plan: 'plan:p' } },
  { type: 'wasAssociatedWith', from: 'run:eval', args: { plan: 'job:train' } },
  { type: 'actedOnBehalfOf', from: 'person:sato', to: 'org:hosp', args: { activity: 'run:ft' } },
  { type: 'wasInformedBy', from: 'run:eval', to: 'run:ft' },
  { type: 'wasStartedBy', from: 'run:eval', to: 'model:midori', args: { starter: 'run:ft' } },
  { type: 'wasStartedBy', from: 'prov-unknown:activity:_:s1', to: 'model:midori', id: '_:s1' },
  { type: 'wasEndedBy', from: 'run:eval', to: 'eval:medqa', args: { ender: 'run:ft' } },
  { type: 'wasInvalidatedBy', from: 'output:1', to: 'run:eval' },
  { type: 'wasInfluencedBy', from: 'eval:medqa', to: 'person:sato' },
  { type: 'specializationOf', from: 'model:midori', to: 'job:train' },
  { type: 'alternateOf', from: 'prompt:1', to: 'output:1' },
  { type: 'hadMember', from: 'coll:c', to: 'doc:paper', id: 'm:1' },
  { type: 'hadMember', from: 'coll:c', to: 'prompt:1', id: 'm:1' },
  { type: 'mentionOf', from: 'entity:in-bundle', to: 'doc:paper', args: { bundle: 'bundle:b' } },
  { type: 'used', from: 'activity:in-bundle', to: 'entity:in-bundle', bundle: 'bundle:b', id: 'use:1' },
  { type: 'used', from: 'run:eval', to: 'model:midori', args: { plan: 'job:train' } },
];

describe('PROV-JSON export', () => {
  it('re-imports to the same graph: every kind, every relation type, literals, bundles, implicit nodes, relations without `to`', () => {
    const graph = canonical(NODES, RELATIONS);
    expect(new Set(graph.nodes.map((n) => n.kind)).size).toBe(10);
    expect(new Set(graph.relations.map((r) => r.type)).size).toBe(15);
    const doc = exportProvJson(graph.nodes, graph.relations);
    const back = reimport(doc);
    expect(back.nodes).toEqual(graph.nodes);
    expect(back.relations).toEqual(graph.relations);
    expect(JSON.stringify([back.nodes, back.relations])).toBe(JSON.stringify([graph.nodes, graph.relations]));
  });

  it('writes the schema\'s map names, qualified names with declared prefixes, and raireki:none for a required argument the graph lacks', () => {
    const graph = canonical(NODES, RELATIONS);
    const doc = exportProvJson(graph.nodes, graph.relations) as Record<string, Record<string, Record<string, unknown>>>;
    expect(Object.keys(doc)).not.toContain('wasEndedBy');
    expect(Object.keys(doc)).not.toContain('mentionOf');
    expect(Object.keys(doc.wasEndedby!)).toHaveLength(1);
    const mention = Object.values(doc.specializationOf!).find((r) => JSON.stringify(r['prov:type']).includes('raireki:mentionOf'));
    expect(mention).toMatchObject({ 'prov:bundle': 'id:bundle:b' });
    expect(doc.prefix).toMatchObject({ raireki: 'urn:raireki:ns:', id: 'urn:raireki:id:' });
    // A Hub id whose IRI would read back lower-cased goes under Raireki's ids instead.
    expect(Object.keys(doc.entity!)).toContain('id:hf:Meta-Llama/Llama-2-7b-hf');
    // An id with a space is percent-encoded.
    expect(Object.keys(doc.entity!)).toContain('id:dataset:ds%201');
    const nothing = Object.values(doc.used!).find((r) => r['prov:entity'] === 'raireki:none');
    expect(nothing).toMatchObject({ 'prov:activity': 'id:run:ft' });
    // A date is no RFC 3339 date-time: not under prov:time.
    expect(Object.values(doc.wasGeneratedBy!).some((r) => r['raireki:time'] === '2024-03-06')).toBe(true);
    expect(doc.bundle!['id:bundle:b']).toMatchObject({ entity: { 'id:entity:in-bundle': expect.any(Object) }, activity: { 'id:activity:in-bundle': expect.any(Object) } });
  });

  it('writes Hub ids as hf: names and other IRIs under generated prefixes', () => {
    const graph = canonical(
      [
        { id: 'hf:meta-llama/llama-2-7b-hf', kind: 'model', name: 'Llama', classification: c },
        { id: 'http://example.org/data/e1', kind: 'dataset', name: 'e1', classification: c },
      ],
      [{ type: 'wasDerivedFrom', from: 'http://example.org/data/e1', to: 'hf:meta-llama/llama-2-7b-hf' }],
    );
    const doc = exportProvJson(graph.nodes, graph.relations) as Record<string, Record<string, unknown>>;
    expect(Object.keys(doc.entity!).sort()).toEqual(['hf:meta-llama/llama-2-7b-hf', 'ns1:e1']);
    expect(doc.prefix).toMatchObject({ hf: 'https://huggingface.co/', ns1: 'http://example.org/data/' });
    expect(reimport(doc).nodes).toEqual(graph.nodes);
  });

  it('exports a selection: the chosen nodes and the relations between them', () => {
    const graph = canonical(NODES, RELATIONS);
    const { index } = buildGraphIndex(graph as { nodes: SnapshotNode[]; relations: Relation[] });
    const up = provSelection(index, 'model:midori', 'up');
    expect([...up].sort()).toEqual(expect.arrayContaining(['model:midori', 'run:ft', 'hf:Meta-Llama/Llama-2-7b-hf', 'dataset:ds 1', 'person:sato', 'org:hosp']));
    expect(up.has('output:1')).toBe(false);
    const back = reimport(exportProvJson(graph.nodes, graph.relations, { select: up }));
    for (const r of back.relations) {
      expect(up.has(r.from)).toBe(true);
      if (r.to !== undefined) expect(up.has(r.to)).toBe(true);
    }
    expect(back.relations.some((r) => r.type === 'wasDerivedFrom' && r.from === 'model:midori')).toBe(true);
    expect(back.nodes.some((n) => n.id === 'output:1')).toBe(false);
    expect(provSelection(index, 'no such node', 'down').size).toBe(0);
  });
});
