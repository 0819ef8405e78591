import { describe, expect, it } from 'vitest';
import type { Relation, SnapshotNode } from '../../format/index.ts';
import { ImportSession } from '../import-session.ts';
import { provJsonModule } from './index.ts';

const EX = 'http://example.org/';

function load(doc: unknown, file = 'doc.json') {
  const s = new ImportSession([provJsonModule]);
  s.addFile(file, JSON.stringify(doc));
  const result = s.finish();
  const node = (id: string) => result.nodes.find((n) => n.id === id) as (SnapshotNode & Record<string, unknown>) | undefined;
  return { ...result, node };
}

const prefix = { ex: EX };

describe('PROV-JSON import: elements', () => {
  it('reads kind and subtype from prov:type, the name from prov:label and times from PROV\'s time attributes', () => {
    const { node, report } = load({
      prefix,
      entity: {
        'ex:m': { 'prov:type': [{ $: 'raireki:model', type: 'prov:QUALIFIED_NAME' }, 'raireki:finetuned'], 'prov:label': 'Model M', 'prov:generatedAtTime': '2024-03-06T18:30:00Z' },
        'ex:plan': { 'prov:type': { $: 'prov:Plan', type: 'prov:QUALIFIED_NAME' } },
        'ex:c': { 'prov:type': 'prov:Collection' },
        'ex:e': {},
      },
      activity: { 'ex:run': { 'prov:type': 'raireki:finetuning', 'prov:startTime': '2024-03-04T09:00:00+09:00', 'prov:endTime': '2024-03-06T18:30:00+09:00' } },
      agent: {
        'ex:sato': { 'prov:type': 'prov:Person' },
        'ex:hosp': { 'prov:type': 'prov:Organization' },
        'ex:bot': { 'prov:type': 'prov:SoftwareAgent' },
      },
    });
    expect(node(`${EX}m`)).toMatchObject({ kind: 'model', subtype: 'finetuned', name: 'Model M', createdAt: '2024-03-06T18:30:00Z' });
    expect(node(`${EX}m`)!.attributes).toBeUndefined();
    expect(node(`${EX}plan`)).toMatchObject({ kind: 'entity', subtype: 'plan' });
    expect(node(`${EX}c`)).toMatchObject({ kind: 'entity', subtype: 'collection' });
    expect(node(`${EX}e`)).toMatchObject({ kind: 'entity', name: 'e' });
    expect(node(`${EX}e`)!.subtype).toBeUndefined();
    expect(node(`${EX}run`)).toMatchObject({ kind: 'activity', subtype: 'finetuning', startedAt: '2024-03-04T09:00:00+09:00', endedAt: '2024-03-06T18:30:00+09:00' });
    expect([node(`${EX}sato`)!.subtype, node(`${EX}hosp`)!.subtype, node(`${EX}bot`)!.subtype]).toEqual(['person', 'organization', 'software']);
    expect(report.formats['prov-json']!.made['nodes.model']).toBe(1);
  });

  it('keeps every other attribute under its qualified name, and what prov:type and prov:label do not map', () => {
    const { node } = load({
      prefix,
      entity: {
        'ex:d': {
          'prov:type': ['raireki:dataset', 'ex:Cohort'],
          'prov:label': [{ $: 'Kohorte', lang: 'de' }, 'Cohort'],
          'prov:location': 'ward 3',
          'prov:value': { $: '12', type: 'xsd:int' },
          'ex:tags': ['a', { $: 'b', lang: 'en' }, 3, true],
          'ex:none': null,
        },
      },
    });
    const d = node(`${EX}d`)!;
    expect(d.kind).toBe('dataset');
    expect(d.name).toBe('Kohorte');
    expect(d.attributes).toEqual({
      'prov:type': 'ex:Cohort',
      'prov:label': [{ $: 'Kohorte', lang: 'de' }, 'Cohort'],
      'prov:location': 'ward 3',
      'prov:value': { $: '12', type: 'xsd:int' },
      'ex:tags': ['a', { $: 'b', lang: 'en' }, 3, true],
      'ex:none': null,
    });
  });

  it('keeps a time that is not ISO 8601 as an attribute, with a note', () => {
    const { node, report } = load({ prefix, activity: { 'ex:a': { 'prov:startTime': 'last Tuesday' } } });
    expect(node(`${EX}a`)!.startedAt).toBeUndefined();
    expect(node(`${EX}a`)!.attributes).toEqual({ 'prov:startTime': 'last Tuesday' });
    expect(report.issues).toContainEqual(expect.objectContaining({ severity: 'note', path: 'activity["ex:a"]["prov:startTime"]' }));
  });

  it('reads raireki:<field> as the snapshot field, and keeps one that does not fit as an attribute', () => {
    const { node } = load({
      prefix,
      entity: { 'ex:d': { 'prov:type': 'raireki:dataset', 'raireki:recordCount': 42, 'raireki:classification': 'phi', 'raireki:label': { $: '{"ja":"データ"}', type: 'raireki:json' }, 'raireki:parameterCount': 7 } },
    });
    const d = node(`${EX}d`)!;
    expect(d).toMatchObject({ recordCount: 42, classification: 'phi', label: { ja: 'データ' } });
    // parameterCount is a model field, not a dataset's.
    expect(d.parameterCount).toBeUndefined();
    expect(d.attributes).toEqual({ 'raireki:parameterCount': 7 });
  });
});

describe('PROV-JSON import: qualified names', () => {
  it('expands prefixes, the default namespace and Hub URLs; blank names stay as they are', () => {
    const { nodes } = load({
      prefix: { ex: EX, default: 'http://default.org/', hub: 'https://huggingface.co/' },
      entity: { 'ex:a': {}, b: {}, 'hub:Meta-Llama/Llama-2-7b': {}, '_:blank': {}, 'http://full.org/x': {} },
    });
    expect(nodes.map((n) => n.id).sort()).toEqual(['_:blank', 'hf:meta-llama/llama-2-7b', 'http://default.org/b', `${EX}a`, 'http://full.org/x'].sort());
  });

  it('gives the prefix `raireki` Raireki\'s namespace when the document does not declare it', () => {
    const { nodes } = load({ entity: { 'urn:x:1': { 'prov:type': 'raireki:model' } } });
    expect(nodes[0]!.kind).toBe('model');
  });
});

const RELATION_CASES: [string, Record<string, string>, Relation['type'], string, string][] = [
  ['used', { 'prov:activity': 'ex:a', 'prov:entity': 'ex:e' }, 'used', 'a', 'e'],
  ['wasGeneratedBy', { 'prov:entity': 'ex:e', 'prov:activity': 'ex:a' }, 'wasGeneratedBy', 'e', 'a'],
  ['wasDerivedFrom', { 'prov:generatedEntity': 'ex:e2', 'prov:usedEntity': 'ex:e1' }, 'wasDerivedFrom', 'e2', 'e1'],
  ['wasAttributedTo', { 'prov:entity': 'ex:e', 'prov:agent': 'ex:ag' }, 'wasAttributedTo', 'e', 'ag'],
  ['wasAssociatedWith', { 'prov:activity': 'ex:a', 'prov:agent': 'ex:ag' }, 'wasAssociatedWith', 'a', 'ag'],
  ['actedOnBehalfOf', { 'prov:delegate': 'ex:ag2', 'prov:responsible': 'ex:ag1' }, 'actedOnBehalfOf', 'ag2', 'ag1'],
  ['wasInformedBy', { 'prov:informed': 'ex:a2', 'prov:informant': 'ex:a1' }, 'wasInformedBy', 'a2', 'a1'],
  ['wasStartedBy', { 'prov:activity': 'ex:a', 'prov:trigger': 'ex:e' }, 'wasStartedBy', 'a', 'e'],
  ['wasEndedBy', { 'prov:activity': 'ex:a', 'prov:trigger': 'ex:e' }, 'wasEndedBy', 'a', 'e'],
  ['wasEndedby', { 'prov:activity': 'ex:a', 'prov:trigger': 'ex:e' }, 'wasEndedBy', 'a', 'e'],
  ['wasInvalidatedBy', { 'prov:entity': 'ex:e', 'prov:activity': 'ex:a' }, 'wasInvalidatedBy', 'e', 'a'],
  ['wasInfluencedBy', { 'prov:influencee': 'ex:e2', 'prov:influencer': 'ex:e1' }, 'wasInfluencedBy', 'e2', 'e1'],
  ['specializationOf', { 'prov:specificEntity': 'ex:e2', 'prov:generalEntity': 'ex:e1' }, 'specializationOf', 'e2', 'e1'],
  ['alternateOf', { 'prov:alternate1': 'ex:e1', 'prov:alternate2': 'ex:e2' }, 'alternateOf', 'e1', 'e2'],
  ['hadMember', { 'prov:collection': 'ex:c', 'prov:entity': 'ex:e' }, 'hadMember', 'c', 'e'],
  ['mentionOf', { 'prov:specificEntity': 'ex:e2', 'prov:generalEntity': 'ex:e1' }, 'mentionOf', 'e2', 'e1'],
];

describe('PROV-JSON import: relations', () => {
  it.each(RELATION_CASES)('%s: from is the first argument, to the second, the key is the id', (map, members, type, from, to) => {
    const { relations } = load({ prefix, [map]: { 'ex:r1': members } });
    expect(relations).toEqual([{ type, from: EX + from, to: EX + to, id: `${EX}r1` }]);
  });

  it('makes implicit nodes of the relation\'s domain and range for names no record describes', () => {
    const { node } = load({ prefix, entity: { 'ex:e': { 'prov:type': 'raireki:dataset' } }, used: { '_:u': { 'prov:activity': 'ex:a', 'prov:entity': 'ex:e' } }, wasAttributedTo: { '_:t': { 'prov:entity': 'ex:e', 'prov:agent': 'ex:ag' } } });
    expect(node(`${EX}a`)).toMatchObject({ kind: 'activity', implicit: true });
    expect(node(`${EX}ag`)).toMatchObject({ kind: 'agent', implicit: true });
    expect(node(`${EX}e`)).toMatchObject({ kind: 'dataset' });
    expect(node(`${EX}e`)!.implicit).toBeUndefined();
  });

  it('maps derivation types to subtypes, from prov:type and from the revision, quotation and primary-source maps', () => {
    const { relations } = load({
      prefix,
      wasDerivedFrom: {
        'ex:d1': { 'prov:generatedEntity': 'ex:b', 'prov:usedEntity': 'ex:a', 'prov:type': { $: 'prov:Revision', type: 'prov:QUALIFIED_NAME' } },
        'ex:d2': { 'prov:generatedEntity': 'ex:c', 'prov:usedEntity': 'ex:a', 'prov:type': 'prov:Quotation' },
        'ex:d3': { 'prov:generatedEntity': 'ex:d', 'prov:usedEntity': 'ex:a', 'prov:type': ['raireki:finetune', 'ex:Other'] },
      },
      wasRevisionOf: { 'ex:d4': { 'prov:generatedEntity': 'ex:e', 'prov:usedEntity': 'ex:a', 'prov:type': 'prov:Revision' } },
      wasQuotedFrom: { 'ex:d5': { 'prov:generatedEntity': 'ex:f', 'prov:usedEntity': 'ex:a' } },
      hadPrimarySource: { 'ex:d6': { 'prov:generatedEntity': 'ex:g', 'prov:usedEntity': 'ex:a' } },
    });
    const byId = Object.fromEntries(relations.map((r) => [r.id!.slice(EX.length), r]));
    expect(byId.d1).toMatchObject({ type: 'wasDerivedFrom', subtype: 'revision' });
    expect(byId.d1!.attributes).toBeUndefined();
    expect(byId.d2!.subtype).toBe('quotation');
    expect(byId.d3).toMatchObject({ subtype: 'finetune', attributes: { 'prov:type': 'ex:Other' } });
    expect(byId.d4).toMatchObject({ type: 'wasDerivedFrom', subtype: 'revision' });
    expect(byId.d4!.attributes).toBeUndefined();
    expect(byId.d5!.subtype).toBe('quotation');
    expect(byId.d6!.subtype).toBe('primary-source');
  });

  it('reads further arguments into args, and makes implicit nodes of those that name elements', () => {
    const { relations, node } = load({
      prefix,
      wasDerivedFrom: { '_:d': { 'prov:generatedEntity': 'ex:e2', 'prov:usedEntity': 'ex:e1', 'prov:activity': 'ex:a', 'prov:generation': 'ex:g', 'prov:usage': 'ex:u' } },
      wasAssociatedWith: { '_:as': { 'prov:activity': 'ex:a', 'prov:agent': 'ex:ag', 'prov:plan': 'ex:p' } },
      actedOnBehalfOf: { '_:del': { 'prov:delegate': 'ex:ag', 'prov:responsible': 'ex:boss', 'prov:activity': 'ex:a' } },
      wasStartedBy: { '_:s': { 'prov:activity': 'ex:a', 'prov:trigger': 'ex:e1', 'prov:starter': 'ex:a0' } },
      wasEndedBy: { '_:en': { 'prov:activity': 'ex:a', 'prov:trigger': 'ex:e1', 'prov:ender': 'ex:a9' } },
      mentionOf: { '_:m': { 'prov:specificEntity': 'ex:e2', 'prov:generalEntity': 'ex:e1', 'prov:bundle': 'ex:b' } },
    });
    const byId = Object.fromEntries(relations.map((r) => [r.id, r.args]));
    expect(byId).toEqual({
      '_:d': { activity: `${EX}a`, generation: `${EX}g`, usage: `${EX}u` },
      '_:as': { plan: `${EX}p` },
      '_:del': { activity: `${EX}a` },
      '_:s': { starter: `${EX}a0` },
      '_:en': { ender: `${EX}a9` },
      '_:m': { bundle: `${EX}b` },
    });
    expect(node(`${EX}p`)).toMatchObject({ kind: 'entity', implicit: true });
    expect(node(`${EX}a0`)).toMatchObject({ kind: 'activity', implicit: true });
    // Generations and usages are relations, bundles are not nodes here.
    expect(node(`${EX}g`)).toBeUndefined();
    expect(node(`${EX}b`)).toBeUndefined();
  });

  it('takes time and role, and keeps other attributes (and a role that is not a string) in attributes', () => {
    const { relations, report } = load({
      prefix,
      used: {
        'ex:u1': { 'prov:activity': 'ex:a', 'prov:entity': 'ex:e', 'prov:time': '2024-01-02T03:04:05Z', 'prov:role': 'training data', 'prov:label': 'use', 'ex:n': 3 },
        'ex:u2': { 'prov:activity': 'ex:a', 'prov:entity': 'ex:f', 'prov:time': 'yesterday', 'prov:role': { $: '1.0', type: 'xsd:float' } },
      },
    });
    const [u1, u2] = relations.sort((a, b) => a.id!.localeCompare(b.id!));
    expect(u1).toMatchObject({ time: '2024-01-02T03:04:05Z', role: 'training data', attributes: { 'prov:label': 'use', 'ex:n': 3 } });
    expect(u2!.time).toBeUndefined();
    expect(u2!.role).toBeUndefined();
    expect(u2!.attributes).toEqual({ 'prov:time': 'yesterday', 'prov:role': { $: '1.0', type: 'xsd:float' } });
    expect(report.issues.some((i) => i.severity === 'note' && i.path === 'used["ex:u2"]["prov:time"]')).toBe(true);
  });

  it('leaves `to` out where the record has no second argument, and stands in for a missing first one', () => {
    const { relations, node, report } = load({
      prefix,
      wasGeneratedBy: { 'ex:g': { 'prov:entity': 'ex:e' } },
      wasStartedBy: { 'ex:s': { 'prov:trigger': 'ex:e', 'prov:starter': 'ex:a2' } },
    });
    expect(relations.find((r) => r.type === 'wasGeneratedBy')).toEqual({ type: 'wasGeneratedBy', from: `${EX}e`, id: `${EX}g` });
    const start = relations.find((r) => r.type === 'wasStartedBy')!;
    expect(start.from).toBe(`prov-unknown:activity:${EX}s`);
    expect(start.to).toBe(`${EX}e`);
    expect(node(start.from)).toMatchObject({ kind: 'activity', implicit: true, name: '(unknown activity)' });
    expect(report.issues).toContainEqual(expect.objectContaining({ severity: 'note', path: 'wasStartedBy["ex:s"]' }));
  });

  it('reads a list of records under one id (each a relation) and a membership naming several entities', () => {
    const { relations } = load({
      prefix,
      used: { 'ex:u': [{ 'prov:activity': 'ex:a', 'prov:entity': 'ex:e', 'prov:time': '2024-01-01T00:00:00Z' }, { 'prov:activity': 'ex:a', 'prov:entity': 'ex:e', 'prov:time': '2024-02-01T00:00:00Z' }] },
      hadMember: { '_:h': { 'prov:collection': 'ex:c', 'prov:entity': ['ex:e1', 'ex:e2'] } },
    });
    expect(relations.filter((r) => r.type === 'used').map((r) => r.time)).toEqual(['2024-01-01T00:00:00Z', '2024-02-01T00:00:00Z']);
    expect(relations.filter((r) => r.type === 'hadMember').map((r) => r.to)).toEqual([`${EX}e1`, `${EX}e2`]);
  });
});

describe('PROV-JSON import: bundles', () => {
  const doc = {
    prefix: { ex: EX },
    entity: { 'ex:b1': { 'prov:type': { $: 'prov:Bundle', type: 'prov:QUALIFIED_NAME' } }, 'ex:b2': {} },
    bundle: {
      'ex:b1': { entity: { 'ex:e': {} }, activity: { 'ex:a': {} }, used: { 'ex:u': { 'prov:activity': 'ex:a', 'prov:entity': 'ex:e' } } },
      'ex:b2': { prefix: { ex: 'http://other.org/' }, entity: { 'ex:e': {} } },
    },
  };

  it('gives records in a bundle the bundle\'s id, reads them with the bundle\'s prefixes, and types the bundle\'s own entity', () => {
    const { node, relations, report } = load(doc);
    expect(node(`${EX}e`)!.bundle).toBe(`${EX}b1`);
    expect(node(`${EX}a`)!.bundle).toBe(`${EX}b1`);
    expect(relations).toEqual([{ type: 'used', from: `${EX}a`, to: `${EX}e`, id: `${EX}u`, bundle: `${EX}b1` }]);
    expect(node('http://other.org/e')!.bundle).toBe(`${EX}b2`);
    expect(node(`${EX}b1`)!.subtype).toBe('bundle');
    // Declared without prov:Bundle, but it is one.
    expect(node(`${EX}b2`)!.subtype).toBe('bundle');
    expect(report.formats['prov-json']!.made.bundles).toBe(2);
  });

  it('makes a node of its own of an id a bundle describes with another PROV class', () => {
    const { node, relations } = load({
      prefix,
      bundle: {
        'ex:b1': { entity: { 'ex:x': {} } },
        'ex:b2': { activity: { 'ex:x': {} }, used: { 'ex:u': { 'prov:activity': 'ex:x', 'prov:entity': 'ex:y' } } },
      },
    });
    expect(node(`${EX}x`)!.kind).toBe('entity');
    expect(node(`${EX}b2#${EX}x`)).toMatchObject({ kind: 'activity', bundle: `${EX}b2` });
    expect(relations[0]!.from).toBe(`${EX}b2#${EX}x`);
  });
});
