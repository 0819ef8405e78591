import { describe, expect, it } from 'vitest';
import type { SnapshotNode } from '../format/index.ts';
import { buildGraphIndex } from '../graph/index.ts';
import { generateSnapshot } from '../../testing/generate-snapshot.ts';
import { makeNode, makeRelation } from '../../testing/graph-builders.ts';
import { PLACEHOLDER_NAME, PLACEHOLDER_TAG } from '../access/redact-snapshot.ts';
import { buildModelMapInput, modelDistance, modelNeighbours, nearestNeighbours, projectModelMap } from './index.ts';

/**
 *   pre (pretraining run) generated base and base13 (one family's two sizes)
 *   base ← ft (finetune) ← q (quantized);  base ← cpt (continued pretraining)
 *   other: another foundation, no shared ancestor; all evaluated on "QA · accuracy"
 */
function handMade(extra: SnapshotNode[] = []) {
  const model = (id: string, o: Record<string, unknown> = {}) => makeNode('model', id, { license: 'llama2', parameterCount: 7e9, languages: ['en'], ...o });
  const nodes: SnapshotNode[] = [
    makeNode('activity', 'pre', { subtype: 'pretraining' }),
    model('base', { subtype: 'foundation' }),
    model('base13', { subtype: 'foundation', parameterCount: 13e9 }),
    model('ft', { subtype: 'finetuned' }),
    model('q', { subtype: 'quantized' }),
    model('cpt', { subtype: 'continued-pretrained' }),
    model('other', { subtype: 'foundation', license: 'apache-2.0', languages: ['ja'] }),
    ...extra,
  ];
  const relations = [
    makeRelation('wasGeneratedBy', 'base', 'pre'),
    makeRelation('wasGeneratedBy', 'base13', 'pre'),
    makeRelation('wasDerivedFrom', 'ft', 'base', { subtype: 'finetune' }),
    makeRelation('wasDerivedFrom', 'q', 'ft', { subtype: 'quantized' }),
    makeRelation('wasDerivedFrom', 'cpt', 'base', { subtype: 'continued-pretraining' }),
  ];
  for (const [m, value] of [['base', 50], ['ft', 60], ['q', 59], ['cpt', 52], ['other', 80]] as const) {
    nodes.push(makeNode('activity', `run-${m}`, { subtype: 'evaluation' }), makeNode('evaluation', `score-${m}`, { benchmark: 'QA', metric: 'accuracy', value }));
    relations.push(makeRelation('used', `run-${m}`, m), makeRelation('wasGeneratedBy', `score-${m}`, `run-${m}`));
  }
  return { nodes, relations };
}

function mapOf(graph: { nodes: SnapshotNode[]; relations: ReturnType<typeof handMade>['relations'] }) {
  const input = buildModelMapInput(buildGraphIndex(graph).index);
  const at = (id: string) => input.models.findIndex((m) => m.id === id);
  return { input, at, distance: modelDistance(input) };
}

describe('model map features', () => {
  it('reads family, base, derivation, scores and licence from the lineage', () => {
    const { input, at } = mapOf(handMade());
    expect(input.models.map((m) => m.id)).toEqual(['base', 'base13', 'ft', 'q', 'cpt', 'other']);
    expect(input.models[at('q')]).toMatchObject({ family: at('base'), base: at('ft'), derivation: 'quantized', license: 'llama2' });
    expect(input.models[at('other')]).toMatchObject({ family: at('other'), base: -1 });
    expect(input.benchmarks).toEqual(['QA · accuracy']);
    expect([...input.scoreValues]).toEqual([50, 60, 59, 52, 80]);
  });

  it('puts a quantised copy nearer than a fine-tune, a sibling nearer than another family', () => {
    const { at, distance } = mapOf(handMade());
    const d = (a: string, b: string) => distance(at(a), at(b));
    expect(d('q', 'ft')).toBeLessThan(d('ft', 'base'));
    expect(d('ft', 'base')).toBeLessThan(d('cpt', 'ft'));
    // Two sizes trained by one run share it as an ancestor; a foundation of another run shares nothing.
    expect(d('base', 'base13')).toBeLessThan(d('base', 'other'));
    expect(d('cpt', 'q')).toBeLessThan(d('cpt', 'other'));
    expect(d('ft', 'q')).toBe(d('q', 'ft'));
    expect(d('ft', 'ft')).toBe(0);
  });

  it('lets the research side’s similarity bring models of two families together, from one row or from embeddings', () => {
    const far = mapOf(handMade());
    const row = mapOf(handMade());
    const withRow = handMade();
    (withRow.nodes.find((n) => n.id === 'other') as SnapshotNode & { similarity?: unknown }).similarity = [{ space: 'probe', values: { cpt: 0.97 } }];
    const near = mapOf(withRow);
    expect(near.distance(near.at('cpt'), near.at('other'))).toBeLessThan(far.distance(far.at('cpt'), far.at('other')));
    // The row of one model is enough for both directions.
    expect(near.distance(near.at('cpt'), near.at('other'))).toBe(near.distance(near.at('other'), near.at('cpt')));
    expect(row.input.similaritySpaces).toEqual([]);
    expect(near.input.similaritySpaces).toEqual(['probe']);

    const withVectors = handMade();
    for (const [id, embedding] of [['cpt', [1, 0.1]], ['other', [1, 0]], ['q', [0, 1]]] as const) {
      (withVectors.nodes.find((n) => n.id === id) as SnapshotNode & { similarity?: unknown }).similarity = [{ space: 'emb', embedding }];
    }
    const vec = mapOf(withVectors);
    expect(vec.distance(vec.at('cpt'), vec.at('other'))).toBeLessThan(far.distance(far.at('cpt'), far.at('other')));
    expect(vec.distance(vec.at('q'), vec.at('other'))).toBeGreaterThan(vec.distance(vec.at('cpt'), vec.at('other')));
  });

  it('leaves out the placeholders of a role’s pack', () => {
    const graph = handMade([makeNode('model', 'restricted:1', { name: PLACEHOLDER_NAME, classification: 'restricted', tags: [PLACEHOLDER_TAG] })]);
    expect(mapOf(graph).input.models.map((m) => m.id)).not.toContain('restricted:1');
  });

  it('finds the exact nearest neighbours, nearest first, ties by index', () => {
    const points = [0, 10, 1, 3, 11, 2];
    const nn = nearestNeighbours(points.length, 2, (i, j) => Math.abs(points[i]! - points[j]!));
    expect([...nn.indices]).toEqual([2, 5, 4, 3, 0, 5, 5, 2, 1, 3, 2, 3]);
  });
});

describe('model map projection', () => {
  const graph = generateSnapshot({ nodes: 2000, seed: 3, models: 240 });

  it('finds the same neighbours from relatives alone as by measuring every pair', () => {
    const input = buildModelMapInput(buildGraphIndex(graph).index);
    // One research row joining two families, so candidates come from similarity too.
    const a = input.models.findIndex((m) => m.family !== input.models[0]!.family);
    const withRow = { ...input, similarityOffsets: Int32Array.from(input.similarityOffsets, (o, i) => o + (i > 0 ? 1 : 0) + (i > a ? 1 : 0)), similarityModels: Int32Array.of(a, 0), similarityValues: Float32Array.of(0.99, 0.99) };
    for (const x of [input, withRow]) {
      const exact = nearestNeighbours(x.models.length, 15, modelDistance(x));
      expect(modelNeighbours(x, 15)).toEqual(exact);
    }
    expect(modelNeighbours(withRow, 15).indices.slice(0, 15)).toContain(a);
  });

  it('is the same for the same snapshot, features and positions', () => {
    const a = buildModelMapInput(buildGraphIndex(graph).index);
    const b = buildModelMapInput(buildGraphIndex(structuredClone(graph)).index);
    expect(b).toEqual(a);
    const pa = projectModelMap(a);
    const pb = projectModelMap(b);
    expect(pb.x).toEqual(pa.x);
    expect(pb.y).toEqual(pa.y);
    expect(pb.neighbours).toEqual(pa.neighbours);
    for (const v of [...pa.x, ...pa.y]) expect(v).toBeGreaterThanOrEqual(0), expect(v).toBeLessThanOrEqual(1);
  });

  it('places models of one family closer to each other than to models of other families', () => {
    const input = buildModelMapInput(buildGraphIndex(graph).index);
    const { x, y } = projectModelMap(input);
    const families = new Map<number, number[]>();
    input.models.forEach((m, i) => families.set(m.family, [...(families.get(m.family) ?? []), i]));
    expect(families.size).toBeGreaterThan(2);
    let closer = 0;
    let measured = 0;
    for (const members of families.values()) {
      if (members.length < 5) continue;
      const inFamily = new Set(members);
      const mean = (pairs: [number, number][]) => pairs.reduce((s, [i, j]) => s + Math.hypot(x[i]! - x[j]!, y[i]! - y[j]!), 0) / pairs.length;
      const within = mean(members.flatMap((i) => members.filter((j) => j > i).map((j) => [i, j] as [number, number])));
      const across = mean(members.flatMap((i) => input.models.map((_, j) => j).filter((j) => !inFamily.has(j)).map((j) => [i, j] as [number, number])));
      measured++;
      if (within < across / 2) closer++;
    }
    expect(measured).toBeGreaterThan(2);
    expect(closer).toBe(measured);
  });
});
