import { describe, expect, it } from 'vitest';
import type { SnapshotNode } from '../format/index.ts';
import { buildGraphIndex, type GraphIndex } from '../graph/index.ts';
import { loadCore } from '../columnar/index.ts';
import { makeNode, makeRelation } from '../../testing/graph-builders.ts';
import { writeMemoryCore } from '../../testing/core-snapshot.ts';
import { closestCommonAncestor } from './common-ancestor.ts';
import { buildComparison, comparisonNodes } from './compare-models.ts';
import { comparisonCsv } from './compare-csv.ts';

/**
 *   corpus ─used← pretrain ←generatedBy─ L (foundation) ─attributedTo→ org
 *   M (continued pretraining of L, on med) ─derivedFrom→ L;  M ─generatedBy→ cpt ─used→ L, med
 *   C (chat finetune of L) ─derivedFrom→ L;  F (finetune of M, on phi data) ─derivedFrom→ M
 *   Z: another foundation by the same org, on corpus (shares data, no model)
 *   evaluations: MedQA on L, M, F; PubMedQA on M only
 */
function graph() {
  const eval_ = (id: string, benchmark: string, value: number) => makeNode('evaluation', id, { benchmark, metric: 'accuracy', value, attributes: { unit: '%' } });
  const nodes: SnapshotNode[] = [
    makeNode('dataset', 'corpus', { license: 'cc-by-4.0', containsPhi: false }),
    makeNode('dataset', 'med', { license: '=HYPERLINK("x")', containsPhi: false }),
    makeNode('dataset', 'phi', { containsPhi: true, classification: 'phi' }),
    makeNode('activity', 'pretrain'),
    makeNode('activity', 'cpt'),
    makeNode('activity', 'ft'),
    makeNode('agent', 'org'),
    makeNode('model', 'L', { license: 'llama2', subtype: 'foundation' }),
    makeNode('model', 'M', { parameterCount: 7e10 }),
    makeNode('model', 'C'),
    makeNode('model', 'F'),
    makeNode('model', 'Z'),
    makeNode('activity', 'pretrain-z'),
    makeNode('activity', 'ev-l'),
    makeNode('activity', 'ev-m'),
    makeNode('activity', 'ev-f'),
    eval_('e:l', 'MedQA', 50.1),
    eval_('e:m', 'MedQA', 60.2),
    eval_('e:m2', 'PubMedQA', 70.3),
    eval_('e:f', 'MedQA', 65.4),
  ];
  const r = makeRelation;
  const relations = [
    r('used', 'pretrain', 'corpus'),
    r('wasGeneratedBy', 'L', 'pretrain'),
    r('wasAttributedTo', 'L', 'org'),
    r('wasAttributedTo', 'Z', 'org'),
    r('wasDerivedFrom', 'M', 'L', { subtype: 'continued-pretraining' }),
    r('wasGeneratedBy', 'M', 'cpt'),
    r('used', 'cpt', 'L'),
    r('used', 'cpt', 'med'),
    r('wasDerivedFrom', 'C', 'L', { subtype: 'finetune' }),
    r('wasDerivedFrom', 'F', 'M', { subtype: 'finetune' }),
    r('wasGeneratedBy', 'F', 'ft'),
    r('used', 'ft', 'M'),
    r('used', 'ft', 'phi'),
    r('used', 'pretrain-z', 'corpus'),
    r('wasGeneratedBy', 'Z', 'pretrain-z'),
    r('used', 'ev-l', 'L'),
    r('used', 'ev-m', 'M'),
    r('used', 'ev-f', 'F'),
    r('wasGeneratedBy', 'e:l', 'ev-l'),
    r('wasGeneratedBy', 'e:m', 'ev-m'),
    r('wasGeneratedBy', 'e:m2', 'ev-m'),
    r('wasGeneratedBy', 'e:f', 'ev-f'),
  ];
  return { nodes, relations };
}

const { nodes, relations } = graph();
const json = buildGraphIndex({ nodes, relations }).index;
const ancestorOf = (index: GraphIndex, ...ids: string[]) => {
  const a = closestCommonAncestor(index, ids.map((id) => index.indexOf(id)));
  return a && { id: index.nodeId(a.node), hops: a.hops };
};

describe('closest common ancestor', () => {
  it('is the base model itself when one model derives from the other', () => {
    expect(ancestorOf(json, 'M', 'L')).toEqual({ id: 'L', hops: [1, 0] });
  });

  it('is the nearest shared base of siblings and of a model and its grandchild’s sibling', () => {
    expect(ancestorOf(json, 'M', 'C')).toEqual({ id: 'L', hops: [1, 1] });
    expect(ancestorOf(json, 'F', 'M')).toEqual({ id: 'M', hops: [1, 0] });
    expect(ancestorOf(json, 'F', 'C', 'M')).toEqual({ id: 'L', hops: [2, 1, 1] });
  });

  it('falls back to shared data when no model is common, and ignores shared publishers', () => {
    // L and Z share their publisher (not lineage) and their pretraining corpus.
    expect(ancestorOf(json, 'L', 'Z')).toEqual({ id: 'corpus', hops: [2, 2] });
  });

  it('is null when nothing is shared', () => {
    const { index } = buildGraphIndex({ nodes: [makeNode('model', 'a'), makeNode('model', 'b')], relations: [] });
    expect(ancestorOf(index, 'a', 'b')).toBeNull();
  });
});

describe('model comparison', () => {
  async function binaryIndex(): Promise<GraphIndex> {
    const { io, manifest } = writeMemoryCore(nodes, relations, { nodeChunkBytes: 400 });
    const loaded = await loadCore(manifest, io.loadIo);
    // What the worker does: read the whole nodes the comparison needs first.
    await loaded.details.load(comparisonNodes(loaded.index, ['F', 'L', 'M']));
    return loaded.index;
  }

  it.each([
    ['JSON', async () => json],
    ['binary', binaryIndex],
  ])('gives chains, data, shared benchmarks and the ancestor (%s layout)', async (_, make) => {
    const index = await make();
    const view = buildComparison(index, ['F', 'L', 'M', 'nope', 'corpus']);
    expect(view.missing).toEqual(['nope']);
    expect(view.notModels).toEqual(['corpus']);
    expect(view.models.map((m) => m.model.id)).toEqual(['F', 'L', 'M']);
    const [f, l, m] = view.models;
    expect(f!.chain.map((s) => [s.node.id, s.derivation, s.hop, s.child])).toEqual([
      ['M', 'finetune', 1, 'F'],
      ['L', 'continued-pretraining', 2, 'M'],
    ]);
    expect(l!.chain).toEqual([]);
    expect(l!.license).toBe('llama2');
    expect(m!.parameterCount).toBe(7e10);
    expect(f!.data.map((d) => [d.node.id, d.containsPhi])).toEqual([
      ['phi', true],
      ['med', false],
      ['corpus', false],
    ]);
    expect(m!.evaluationCount).toBe(2);
    // MedQA is shared by all three; PubMedQA only by M, so it is not listed.
    expect(view.shared).toEqual([{ benchmark: 'MedQA', metric: 'accuracy', unit: '%', values: [{ value: 65.4, evaluation: 'e:f' }, { value: 50.1, evaluation: 'e:l' }, { value: 60.2, evaluation: 'e:m' }] }]);
    expect(view.ancestor).toMatchObject({ node: { id: 'L' }, hops: [2, 0, 1] });
  });

  it('takes at most five models', () => {
    const ids = ['L', 'M', 'C', 'F', 'Z', 'L2'];
    expect(buildComparison(json, ids).models).toHaveLength(5);
  });

  it('exports CSV with every section, and formula-like text made inert', () => {
    const csv = comparisonCsv(buildComparison(json, ['F', 'C']), 'en');
    const lines = csv.trim().split('\r\n');
    expect(lines[0]).toBe('section,model_id,model_name,item_id,item_name,detail,value');
    expect(lines).toContain('base-model,F,F,M,M,finetune,1');
    expect(lines).toContain('training-data,F,F,phi,phi,,phi');
    expect(lines).toContain('common-ancestor,C,C,L,L,hops,1');
    // The licence of `med` starts with "=": prefixed so that a spreadsheet shows it as text.
    expect(lines).toContain(`training-data,F,F,med,med,"'=HYPERLINK(""x"")",no-phi`);
  });
});
