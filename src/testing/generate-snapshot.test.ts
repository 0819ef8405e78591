import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { SnapshotGraph, toGraphFile, type NodeKind } from '../core/format/index.ts';
import { buildGraphIndex, impact } from '../core/graph/index.ts';
import { generateSnapshot, MIN_GENERATED_NODES } from './generate-snapshot.ts';

const digest = (value: unknown) => createHash('sha256').update(JSON.stringify(value)).digest('hex');

describe('generateSnapshot', () => {
  it('is byte-identical for the same seed and different for another', () => {
    const a = digest(generateSnapshot({ nodes: 3000, seed: 7 }));
    expect(digest(generateSnapshot({ nodes: 3000, seed: 7 }))).toBe(a);
    expect(digest(generateSnapshot({ nodes: 3000, seed: 8 }))).not.toBe(a);
  });

  it('makes as many models as asked, each evaluated, without growing the rest', () => {
    const g = generateSnapshot({ nodes: 2000, seed: 1, models: 600 });
    expect(g.nodes.filter((n) => n.kind === 'model').length).toBe(600);
    expect(g.nodes.filter((n) => n.kind === 'evaluation').length).toBeGreaterThanOrEqual(599);
    expect(buildGraphIndex(g).problems).toEqual([]);
  });

  it('produces a valid snapshot graph', () => {
    const g = generateSnapshot({ nodes: 2000, seed: 1 });
    const parsed = SnapshotGraph.safeParse(toGraphFile(g.nodes, g.relations));
    expect(parsed.success ? [] : parsed.error.issues.slice(0, 5)).toEqual([]);
  });

  it('has no dangling references, duplicate ids, signature breaches or cycles', () => {
    for (const seed of [1, 2, 3]) {
      const g = generateSnapshot({ nodes: 5000, seed });
      const { index, problems } = buildGraphIndex(g);
      expect(problems).toEqual([]);
      expect(index.edgeCount).toBe(g.relations.length);
    }
  });

  it.each([MIN_GENERATED_NODES, 1000, 10_000, 50_000])('respects the requested size (%i nodes) within 3 %%', (nodes) => {
    const g = generateSnapshot({ nodes, seed: 42 });
    expect(Math.abs(g.nodes.length - nodes) / nodes).toBeLessThan(0.03);
    // A lineage graph, not a forest of isolated nodes: about 2.5–3 relations per node.
    expect(g.relations.length / g.nodes.length).toBeGreaterThan(2);
  });

  it('has the shape of a medical-AI lineage', () => {
    const g = generateSnapshot({ nodes: 20_000, seed: 5 });
    const count = (kind: NodeKind) => g.nodes.filter((n) => n.kind === kind).length;
    for (const kind of ['dataset', 'model', 'activity', 'evaluation', 'prompt', 'output', 'document', 'agent'] as const) {
      expect(count(kind), kind).toBeGreaterThan(0);
    }
    // Usage is the bulk.
    expect(count('output') + count('prompt')).toBeGreaterThan(g.nodes.length * 0.4);
    const roles = new Set(g.nodes.flatMap((n) => (n.kind === 'agent' && n.role ? [n.role] : [])));
    expect([...roles].sort()).toEqual(['auditor', 'clinician', 'engineer', 'researcher']);
    // PHI datasets exist and are marked both ways.
    const phi = g.nodes.filter((n) => n.kind === 'dataset' && n.containsPhi);
    expect(phi.length).toBeGreaterThan(0);
    expect(phi.every((n) => n.classification === 'phi')).toBe(true);
    // Both languages appear in texts.
    const texts = g.nodes.flatMap((n) => (n.kind === 'prompt' && n.text ? [n.text] : []));
    expect(texts.some((t) => /[\u3040-\u30ff\u4e00-\u9fff]/.test(t))).toBe(true);
    expect(texts.some((t) => /^[\x20-\x7e]+$/.test(t))).toBe(true);
    // Every derivation step is used, merges have two parents.
    const derivations = g.relations.filter((r) => r.type === 'wasDerivedFrom' && r.subtype);
    const steps = new Set(derivations.map((r) => r.subtype));
    for (const s of ['finetune', 'adapter', 'merge', 'quantized', 'continued-pretraining', 'distillation', 'unlearning']) expect(steps.has(s as never), s).toBe(true);
    const merged = g.nodes.find((n) => n.kind === 'model' && n.subtype === 'merged')!;
    expect(derivations.filter((r) => r.from === merged.id)).toHaveLength(2);
    // Impact of the PHI records reaches models and outputs through training and inference.
    const { index } = buildGraphIndex(g);
    const records = g.nodes.find((n) => n.kind === 'dataset' && n.subtype === 'clinical-records')!;
    const kinds = new Set(impact(index, index.indexOf(records.id)).map((r) => index.nodeHead(r.node).kind));
    expect(kinds.has('model')).toBe(true);
    expect(kinds.has('output')).toBe(true);
  });

  it('rejects sizes too small to hold the fixed part, and non-integers', () => {
    expect(() => generateSnapshot({ nodes: MIN_GENERATED_NODES - 1, seed: 1 })).toThrow(RangeError);
    expect(() => generateSnapshot({ nodes: 1000, seed: 1.5 })).toThrow(RangeError);
  });
});
