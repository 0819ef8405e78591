import { describe, expect, it } from 'vitest';
import { ImportDraft, MAX_TEXT_LENGTH } from './import-draft.ts';
import { AliasTable } from './alias-table.ts';
import { validateGraph } from '../format/parse.ts';
import { toGraphFile } from '../format/load.ts';

const place = { file: 'a.json' };

describe('ImportDraft', () => {
  it('merges two descriptions of one id: fills fields, joins lists and attributes, keeps the first on conflict with a note', () => {
    const d = new ImportDraft();
    d.node({ id: 'hf:epfl-llm/meditron-7b', kind: 'model', name: 'meditron-7b', tags: ['medical'], attributes: { a: 1 } }, 'hf-card:README.md', place);
    d.node({ id: 'hf:epfl-llm/meditron-7b', kind: 'model', name: 'Meditron 7B', license: 'llama2', tags: ['medical', 'llama'], attributes: { a: 2, b: 'x' } }, 'cyclonedx:bom.json', { file: 'bom.json' });
    const { nodes, report } = d.finish();
    expect(nodes).toEqual([
      // A name that is only the id's last part yields to a real one.
      { id: 'hf:epfl-llm/meditron-7b', kind: 'model', name: 'Meditron 7B', classification: 'internal', attributes: { a: 1, b: 'x' }, license: 'llama2', tags: ['medical', 'llama'] },
    ]);
    expect(report.merged).toEqual([{ id: 'hf:epfl-llm/meditron-7b', from: ['hf-card:README.md', 'cyclonedx:bom.json'] }]);
    expect(report.issues.map((i) => i.message)).toEqual(['"hf:epfl-llm/meditron-7b" attributes.a: two sources disagree; kept 1, not 2']);
    expect(report.issues[0]).toMatchObject({ severity: 'note', file: 'bom.json' });
  });

  it('takes the more sensitive of two stated classifications, a stated one over the default, and a specific kind over "entity"', () => {
    const d = new ImportDraft();
    d.node({ id: 'x', kind: 'entity', subtype: 'other', classification: 'public' }, 'prov', place);
    d.node({ id: 'x', kind: 'dataset', containsPhi: true, classification: 'phi' }, 'ol', place);
    d.node({ id: 'y', kind: 'dataset' }, 'ol', place);
    d.node({ id: 'y', kind: 'dataset', classification: 'public' }, 'raireki', place);
    d.node({ id: 'z', kind: 'dataset', classification: 'public' }, 'raireki', place);
    d.node({ id: 'z', kind: 'dataset' }, 'ol', place);
    expect(d.finish().nodes).toEqual([
      { id: 'x', kind: 'dataset', name: 'x', classification: 'phi', containsPhi: true },
      { id: 'y', kind: 'dataset', name: 'y', classification: 'public' },
      { id: 'z', kind: 'dataset', name: 'z', classification: 'public' },
    ]);
  });

  it('writes a node that is only referenced as implicit, and drops the mark once something describes it', () => {
    const d = new ImportDraft();
    d.reference('ex:e1', 'entity');
    d.reference('ex:e2', 'entity');
    d.node({ id: 'ex:e2', kind: 'dataset', name: 'Two' }, 'prov', place);
    d.relation({ type: 'wasDerivedFrom', from: 'ex:e2', to: 'ex:e1' });
    const { nodes, relations } = d.finish();
    expect(nodes).toEqual([
      { id: 'ex:e1', kind: 'entity', name: 'e1', classification: 'internal', implicit: true },
      { id: 'ex:e2', kind: 'dataset', name: 'Two', classification: 'internal' },
    ]);
    expect(relations).toEqual([{ type: 'wasDerivedFrom', from: 'ex:e2', to: 'ex:e1' }]);
  });

  it('applies aliases: one node under the canonical id, the others as its aliases, relations rewritten', () => {
    const d = new ImportDraft();
    d.node({ id: 'ol:s3://lake/guidelines', kind: 'dataset', name: 'guidelines' }, 'ol', place);
    d.node({ id: 'hf-dataset:epfl-llm/guidelines', kind: 'dataset', name: 'Guidelines', license: 'other' }, 'hf', place);
    d.node({ id: 'hf:epfl-llm/meditron-7b', kind: 'model' }, 'hf', place);
    d.relation({ type: 'used', from: 'ol-run:1', to: 'ol:s3://lake/guidelines' });
    d.reference('ol-run:1', 'activity');
    d.relation({ type: 'wasDerivedFrom', from: 'hf:epfl-llm/meditron-7b', to: 'hf-dataset:epfl-llm/guidelines' });
    d.aliases.same(['hf-dataset:epfl-llm/guidelines', 'ol:s3://lake/guidelines'], 'file');
    const { nodes, relations, report } = d.finish();
    const ds = nodes.find((n) => n.kind === 'dataset')!;
    expect(ds).toMatchObject({ id: 'hf-dataset:epfl-llm/guidelines', aliases: ['ol:s3://lake/guidelines'], license: 'other' });
    expect(nodes.filter((n) => n.kind === 'dataset')).toHaveLength(1);
    expect(relations.map((r) => `${r.type} ${r.from} ${r.to}`)).toEqual([
      'used ol-run:1 hf-dataset:epfl-llm/guidelines',
      'wasDerivedFrom hf:epfl-llm/meditron-7b hf-dataset:epfl-llm/guidelines',
    ]);
    expect(report.merged.map((m) => m.id)).toEqual(['hf-dataset:epfl-llm/guidelines']);
  });

  it('gives the same output whatever order the same descriptions arrive in', () => {
    const build = (order: number[]) => {
      const d = new ImportDraft();
      const steps = [
        () => d.node({ id: 'b', kind: 'model', attributes: { z: 1, a: 2 } }, 's', place),
        () => d.node({ id: 'a', kind: 'dataset' }, 's', place),
        () => d.relation({ type: 'used', from: 'r', to: 'a' }),
        () => d.relation({ type: 'wasGeneratedBy', from: 'b', to: 'r' }),
        () => d.node({ id: 'r', kind: 'activity' }, 's', place),
      ];
      for (const i of order) steps[i]!();
      return JSON.stringify(d.finish().nodes) + JSON.stringify(d.finish().relations);
    };
    expect(build([0, 1, 2, 3, 4])).toBe(build([4, 3, 2, 1, 0]));
  });

  it('refuses __proto__ keys and cuts over-long text, saying where', () => {
    const d = new ImportDraft();
    const attrs: Record<string, never> = {};
    expect(d.setAttribute(attrs, '__proto__', 'x' as never, { file: 'e.json', path: 'run.facets' })).toBe(false);
    expect(Object.getPrototypeOf(attrs)).toBe(Object.prototype);
    const long = d.text('y'.repeat(MAX_TEXT_LENGTH + 5), { file: 'e.json', path: 'job.facets.sql.query' });
    expect(long).toHaveLength(MAX_TEXT_LENGTH);
    expect(d.checkId('x'.repeat(600), { file: 'e.json', line: 3 })).toBeNull();
    expect(d.finish().report.issues.map((i) => `${i.severity} ${i.file}${i.line ? `:${i.line}` : ''} ${i.path ?? ''}`)).toEqual([
      'unmapped e.json run.facets',
      'note e.json job.facets.sql.query',
      'error e.json:3 ',
    ]);
  });

  it('reports a node that does not validate and leaves it and its relations out', () => {
    const d = new ImportDraft();
    d.node({ id: 'm', kind: 'model', parameterCount: -5 }, 's', place);
    d.node({ id: 'n', kind: 'dataset' }, 's', place);
    d.relation({ type: 'used', from: 'm', to: 'n' });
    const { nodes, relations, report } = d.finish();
    expect(nodes.map((n) => n.id)).toEqual(['n']);
    expect(relations).toEqual([]);
    expect(report.issues[0]!.message).toMatch(/^the node made from the input is not valid: parameterCount: .*; it is left out$/);
  });

  it('writes graph version 2 only when the graph needs it, and the file validates', () => {
    const d = new ImportDraft();
    d.node({ id: 'j', kind: 'job', namespace: 'etl' }, 's', place);
    const v2 = d.finish();
    const file = toGraphFile(v2.nodes, v2.relations);
    expect(file.version).toBe(2);
    expect(validateGraph(JSON.parse(JSON.stringify(file)), 'g.json').ok).toBe(true);
    const plain = new ImportDraft();
    plain.node({ id: 'm', kind: 'model' }, 's', place);
    expect(toGraphFile(plain.finish().nodes, []).version).toBe(1);
  });
});

describe('AliasTable', () => {
  it('joins groups transitively and keeps the alias file\'s first id over a format\'s', () => {
    const t = new AliasTable();
    t.same(['ol:a', 'cdx:a']);
    t.same(['hf-dataset:x/a', 'cdx:a'], 'file');
    t.same(['prov:a', 'ol:a']);
    for (const id of ['ol:a', 'cdx:a', 'hf-dataset:x/a', 'prov:a']) expect(t.canonical(id)).toBe('hf-dataset:x/a');
    expect(t.canonical('other')).toBe('other');
  });

  it('is independent of the order in which statements of one priority join', () => {
    const a = new AliasTable();
    a.same(['x', 'y']);
    a.same(['z', 'y']);
    const b = new AliasTable();
    b.same(['x', 'y']);
    b.same(['y', 'z']);
    expect(a.canonical('z')).toBe('x');
    expect(b.canonical('z')).toBe('x');
  });
});

describe('relations', () => {
  it('keeps one of two identical relations and both of two that differ in any member, an empty role included', () => {
    const d = new ImportDraft();
    d.node({ id: 'a', kind: 'activity' }, 's', place);
    d.node({ id: 'e', kind: 'entity' }, 's', place);
    d.relation({ type: 'used', from: 'a', to: 'e' });
    d.relation({ type: 'used', from: 'a', to: 'e' });
    d.relation({ type: 'used', from: 'a', to: 'e', role: '' });
    d.relation({ type: 'used', from: 'a', to: 'e', attributes: { 'ex:n': 1 } });
    d.relation({ type: 'used', from: 'a', to: 'e', attributes: { 'ex:n': 2 } });
    d.relation({ type: 'used', from: 'a' });
    expect(d.finish().relations).toHaveLength(5);
  });
});
