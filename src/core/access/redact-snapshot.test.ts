import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SnapshotNode, type Relation } from '../format/index.ts';
import { buildGraphIndex, shortestPath } from '../graph/index.ts';
import { parsePolicy, type Policy } from './policy-schema.ts';
import { isPlaceholder, redactSnapshot } from './redact-snapshot.ts';
import { sensitiveGraph } from './sensitive-graph.fixture.ts';
import { generateSnapshot } from '../../testing/generate-snapshot.ts';
import { hashText } from './sha256.ts';

const defaultPolicy = (): Policy => parsePolicy(JSON.parse(readFileSync(new URL('../../../policy/default-policy.json', import.meta.url), 'utf8')));

describe('redactSnapshot, placeholder mode', () => {
  const out = redactSnapshot(defaultPolicy(), 'clinician', sensitiveGraph());
  const node = (id: string) => out.nodes.find((n) => n.id === id);

  it('replaces hidden nodes by field-less placeholders numbered in snapshot order', () => {
    const placeholders = out.nodes.filter(isPlaceholder);
    expect(placeholders.map((p) => [p.id, p.kind])).toEqual([
      ['restricted:1', 'dataset'],
      ['restricted:2', 'dataset'],
      ['restricted:3', 'prompt'],
      ['restricted:4', 'output'],
      ['restricted:5', 'prompt'],
    ]);
    for (const p of placeholders) expect(Object.keys(p).sort()).toEqual(['classification', 'id', 'kind', 'name', 'tags']);
    expect(node('prompt:0001')).toBeUndefined();
  });

  it('removes nodes whose rule says so, with their relations, and counts them', () => {
    expect(node('access:0001')).toBeUndefined();
    expect(node('person:dr-sato-hanako')).toBeUndefined();
    expect(out.relations.some((r) => r.from === 'access:0001' || r.to!.startsWith('person:'))).toBe(false);
    expect(out.report.removed.byKind).toEqual({ agent: 2, activity: 1 });
    expect(out.report.placeholders.byKind).toEqual({ dataset: 2, prompt: 2, output: 1 });
    expect(out.report.placeholders.byClassification).toEqual({ phi: 3, restricted: 2 });
    expect(out.report.relations.dropped).toBe(4);
  });

  it('strips role, time and subtype from relations that touch a placeholder', () => {
    const touching = out.relations.filter((r) => r.from.startsWith('restricted:') || r.to!.startsWith('restricted:'));
    expect(touching.length).toBe(out.report.relations.anonymised);
    expect(touching.length).toBeGreaterThan(5);
    for (const r of touching) expect(Object.keys(r).sort()).toEqual(['from', 'to', 'type']);
    const kept = out.relations.find((r) => r.from === 'activity:ft-run-17' && r.to === 'model:llama-2-70b');
    expect(kept?.role).toBe('base model');
  });

  it('keeps the path from an output to its model through a hidden session', () => {
    const policy = parsePolicy({
      format: 'raireki-policy',
      version: 1,
      roles: { r: { description: 'x', hidden: 'placeholder', default: 'show', rules: [{ match: { kinds: ['activity'] }, effect: 'hide', why: 'x' }] } },
    });
    const redacted = redactSnapshot(policy, 'r', sensitiveGraph());
    const { index } = buildGraphIndex(redacted);
    const path = shortestPath(index, index.indexOf('output:0002'), index.indexOf('model:llama-2-70b'), { direction: 'up' });
    expect(path?.nodes.map((i) => index.nodeHead(i).name)).toEqual(['Apixaban dosing answer', 'restricted', 'Meditron-Ward7', 'Llama-2-70b']);
  });

  it('keeps exactly the connected components of the original when every hidden node becomes a placeholder', () => {
    const all = defaultPolicy();
    for (const role of Object.values(all.roles)) for (const rule of role.rules) delete rule.mode;
    const graph = generateSnapshot({ nodes: 2000, seed: 11 });
    for (const role of Object.keys(all.roles)) {
      const out = redactSnapshot(all, role, graph);
      expect(out.nodes.length).toBe(graph.nodes.length);
      expect(out.nodes.filter(isPlaceholder).length, role).toBeGreaterThan(role === 'auditor' ? -1 : 50);
      expect(components(out), role).toEqual(components(graph));
    }
    // With the default policy's removals the clinician's graph does fall apart: removal is a choice.
    expect(components(redactSnapshot(defaultPolicy(), 'clinician', graph))).not.toEqual(components(graph));
  });

  it('writes only nodes the snapshot schema accepts', () => {
    for (const role of ['clinician', 'researcher', 'auditor']) {
      for (const n of redactSnapshot(defaultPolicy(), role, sensitiveGraph()).nodes) expect(SnapshotNode.safeParse(n).success, `${role} ${n.id}`).toBe(true);
    }
  });
});

describe('redactSnapshot, field redaction', () => {
  const out = redactSnapshot(defaultPolicy(), 'auditor', sensitiveGraph());
  const node = (id: string) => out.nodes.find((n) => n.id === id) as Record<string, unknown>;

  it('hashes PHI content and keeps times and structure', () => {
    const prompt = node('prompt:0001');
    expect(prompt.text).toBe(hashText('Patient Taro Yamada (MRN 448812), 54, presents with crushing chest pain radiating to the left arm.'));
    expect(prompt.name).toBe(hashText('Taro Yamada chest pain question'));
    expect(prompt.createdAt).toBe('2024-05-01T10:00:05Z');
    const dataset = node('dataset:ward7-discharge-notes');
    expect(dataset.description).toEqual({ en: hashText('Discharge summaries mentioning Taro Yamada and 212 other patients'), ja: hashText('山田太郎さんを含む退院サマリー') });
    expect(dataset.attributes).toEqual({ mrnRange: hashText('MRN-448800..448999'), ward: hashText('cardiology-7-east') });
    expect(dataset.recordCount).toBe(213);
    expect(node('output:0001').attributes).toEqual({ bed: hashText('East-7-bed-12'), urgent: hashText('true') });
    expect(out.report.redacted).toBe(3);
    expect(out.report.redactedFields.text).toEqual({ hash: 2, drop: 0 });
  });

  it('leaves non-PHI nodes untouched, relation roles included', () => {
    expect(node('prompt:0002')).toEqual(sensitiveGraph().nodes.find((n) => n.id === 'prompt:0002'));
    expect(out.relations).toEqual(sensitiveGraph().relations);
  });

  it('drops fields a hash cannot stand in for, and names a dropped name "redacted"', () => {
    const policy = parsePolicy({
      format: 'raireki-policy',
      version: 1,
      roles: { r: { description: 'x', hidden: 'remove', default: 'show', rules: [{ match: { kinds: ['dataset'] }, effect: 'redact', why: 'x', fields: { name: 'drop' } }] } },
    });
    const d = redactSnapshot(policy, 'r', sensitiveGraph()).nodes.find((n) => n.id === 'dataset:ward7-discharge-notes') as Record<string, unknown>;
    expect(d.name).toBe('redacted');
    expect(d.createdAt).toBeUndefined();
    expect(d.recordCount).toBeUndefined();
    expect(d.subtype).toBeUndefined();
    expect(d.contentHash).toBe(hashText('sha256:1111111111111111111111111111111111111111111111111111111111111111'));
    expect(SnapshotNode.safeParse(d).success).toBe(true);
  });
});

describe('redactSnapshot, hostile input', () => {
  const hideAll = parsePolicy({ format: 'raireki-policy', version: 1, roles: { r: { description: 'x', hidden: 'placeholder', default: 'hide', rules: [{ match: { kinds: ['model'] }, effect: 'show', why: 'x' }] } } });

  it('never hands a hidden node its own id as a placeholder id', () => {
    const nodes = [
      { id: 'restricted:1', kind: 'dataset', name: 'Secret set', classification: 'phi' },
      { id: 'model:a', kind: 'model', name: 'A', classification: 'public' },
    ] as SnapshotNode[];
    const relations: Relation[] = [{ type: 'wasDerivedFrom', from: 'model:a', to: 'restricted:1' }];
    const out = redactSnapshot(hideAll, 'r', { nodes, relations });
    expect(out.nodes.map((n) => n.id)).toEqual(['restricted-2:1', 'model:a']);
    expect(out.relations).toEqual([{ type: 'wasDerivedFrom', from: 'model:a', to: 'restricted-2:1' }]);
  });

  it('drops relations to unknown ids and later duplicates of an id', () => {
    const nodes = [
      { id: 'model:a', kind: 'model', name: 'A', classification: 'public' },
      { id: 'model:a', kind: 'model', name: 'A again, PHI', classification: 'phi' },
    ] as SnapshotNode[];
    const relations: Relation[] = [{ type: 'wasDerivedFrom', from: 'model:a', to: 'model:ghost-of-patient-x' }];
    const out = redactSnapshot(hideAll, 'r', { nodes, relations });
    expect(out.nodes).toEqual([nodes[0]]);
    expect(out.relations).toEqual([]);
    expect(out.report.relations.dangling).toBe(1);
    expect(out.report.duplicateNodesDropped).toBe(1);
  });
});

/** Sizes of the weakly connected components, sorted: equal lists mean the same shape of connectivity. */
function components(graph: { nodes: readonly { id: string }[]; relations: readonly Relation[] }): number[] {
  const parent = new Map(graph.nodes.map((n) => [n.id, n.id]));
  const find = (x: string): string => {
    let root = x;
    while (parent.get(root) !== root) root = parent.get(root)!;
    parent.set(x, root);
    return root;
  };
  for (const r of graph.relations) if (parent.has(r.from) && parent.has(r.to!)) parent.set(find(r.from), find(r.to!));
  const sizes = new Map<string, number>();
  for (const n of graph.nodes) sizes.set(find(n.id), (sizes.get(find(n.id)) ?? 0) + 1);
  return [...sizes.values()].sort((a, b) => b - a);
}

describe('redactSnapshot and graph version 2 relations', () => {
  const nodes: SnapshotNode[] = [
    { id: 'ol-run:1', kind: 'activity', name: 'deidentify run', classification: 'internal' },
    { id: 'ol-job:etl/deid', kind: 'job', name: 'deid', classification: 'internal' },
    { id: 'agent:airflow', kind: 'agent', subtype: 'software', name: 'Airflow', classification: 'internal' },
    { id: 'person:sato', kind: 'agent', subtype: 'person', name: 'Dr. Sato', classification: 'internal' },
    { id: 'ol:ehr/notes', kind: 'dataset', name: 'notes', classification: 'phi' },
  ];
  const relations: Relation[] = [
    { type: 'wasAssociatedWith', from: 'ol-run:1', to: 'agent:airflow', args: { plan: 'ol-job:etl/deid' } },
    { type: 'wasAssociatedWith', from: 'ol-run:1', to: 'agent:airflow', args: { plan: 'person:sato' }, id: '_:a2' },
    { type: 'wasStartedBy', from: 'ol-run:1', args: { starter: 'person:sato' } },
    { type: 'used', from: 'ol-run:1', to: 'ol:ehr/notes', attributes: { 'ex:note': 'Sato checked it' } },
  ];
  const out = redactSnapshot(defaultPolicy(), 'clinician', { nodes, relations });

  it('keeps PROV arguments that name shown nodes and leaves out those naming hidden ones', () => {
    expect(out.relations[0]).toEqual(relations[0]);
    expect(out.relations[1]).toEqual({ type: 'wasAssociatedWith', from: 'ol-run:1', to: 'agent:airflow', id: '_:a2' });
  });

  it('keeps a relation without a second end on its first, and strips relations to placeholders to their ends', () => {
    expect(out.relations[2]).toEqual({ type: 'wasStartedBy', from: 'ol-run:1' });
    const toPlaceholder = out.relations[3]!;
    expect(toPlaceholder.to).toMatch(/^restricted:/);
    expect(toPlaceholder).toEqual({ type: 'used', from: 'ol-run:1', to: toPlaceholder.to });
    expect(JSON.stringify(out.relations)).not.toContain('sato');
    expect(JSON.stringify(out.relations)).not.toContain('Sato');
  });
});

describe('redactSnapshot and unlearning records', () => {
  const nodes = [
    { id: 'm:before', kind: 'model', name: 'before', classification: 'internal' },
    { id: 'm:after', kind: 'model', name: 'after', classification: 'internal' },
    { id: 'd:forget', kind: 'dataset', name: 'forget set', classification: 'phi', containsPhi: true },
    { id: 'e:fa0', kind: 'evaluation', name: 'fa before', classification: 'restricted', value: 90 },
    { id: 'p:probe', kind: 'prompt', name: 'probe prompt', classification: 'internal' },
    {
      id: 'a:unlearn',
      kind: 'activity',
      name: 'unlearning',
      subtype: 'unlearning',
      classification: 'internal',
      unlearning: {
        modelBefore: 'm:before',
        modelAfter: 'm:after',
        forgetSet: 'd:forget',
        retainSet: 'p:probe',
        method: 'salun',
        metrics: [
          { measure: 'forget-accuracy', before: 'e:fa0', after: 'gone:1' },
          { measure: 'leakage', before: 'p:probe' },
        ],
      },
    },
  ] as SnapshotNode[];

  it('names hidden nodes by their placeholders and leaves removed ones out', () => {
    const policy = parsePolicy({
      format: 'raireki-policy',
      version: 1,
      roles: {
        r: {
          description: 'test',
          hidden: 'placeholder',
          rules: [
            { match: { classifications: ['phi'] }, effect: 'hide', why: 'phi' },
            { match: { kinds: ['prompt'] }, effect: 'hide', mode: 'remove', why: 'prompts' },
            { match: {}, effect: 'show', why: 'rest' },
          ],
          default: 'hide',
        },
      },
    });
    const out = redactSnapshot(policy, 'r', { nodes, relations: [] });
    const activity = out.nodes.find((n) => n.id === 'a:unlearn');
    const record = activity?.kind === 'activity' ? activity.unlearning : undefined;
    expect(record).toEqual({
      modelBefore: 'm:before',
      modelAfter: 'm:after',
      forgetSet: 'restricted:1',
      method: 'salun',
      metrics: [{ measure: 'forget-accuracy', before: 'e:fa0' }, { measure: 'leakage' }],
    });
    // No id of a removed or hidden node is left in the pack's record.
    expect(JSON.stringify(activity)).not.toMatch(/d:forget|p:probe|gone:1/);
  });
});

describe('redactSnapshot, model similarity', () => {
  const model = (id: string, classification: 'public' | 'restricted', values: Record<string, number>, embedding?: number[]): SnapshotNode => ({
    id,
    kind: 'model',
    name: id,
    classification,
    similarity: [{ space: 'probe', values, ...(embedding ? { embedding } : {}) }],
  });
  const policy = parsePolicy({
    format: 'raireki-policy',
    version: 1,
    roles: { r: { description: 'x', hidden: 'placeholder', default: 'show', rules: [{ match: { classifications: ['restricted'] }, effect: 'hide', why: 'x' }] } },
  });

  it('drops the row entries that name a model the role is not shown, and rows left empty', () => {
    const out = redactSnapshot(policy, 'r', {
      nodes: [model('m:a', 'public', { 'm:b': 0.9, 'm:secret': 0.8 }), model('m:b', 'public', { 'm:secret': 0.5 }), model('m:c', 'public', { 'm:secret': 0.5 }, [1, 0]), model('m:secret', 'restricted', { 'm:a': 0.8 })],
      relations: [],
    });
    const byId = new Map(out.nodes.map((n) => [n.id, n]));
    expect(byId.get('m:a')).toMatchObject({ similarity: [{ space: 'probe', values: { 'm:b': 0.9 } }] });
    expect(byId.get('m:b')).not.toHaveProperty('similarity');
    expect(byId.get('m:c')).toMatchObject({ similarity: [{ space: 'probe', embedding: [1, 0] }] });
    expect(JSON.stringify(out.nodes)).not.toContain('m:secret');
  });
});
