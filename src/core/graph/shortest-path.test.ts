import { describe, expect, it } from 'vitest';
import { buildGraphIndex, closure, neighbourhood, shortestPath, type GraphIndex, type GraphPath } from './index.ts';
import { sampleLineage } from '../../testing/sample-lineage.ts';
import { makeNode, makeRelation } from '../../testing/graph-builders.ts';

const { index } = buildGraphIndex(sampleLineage());
const at = (id: string) => index.indexOf(id);
const ids = (g: GraphIndex, p: GraphPath | null) => p?.nodes.map((n) => g.nodeId(n)) ?? null;

/** Consecutive nodes are joined by the listed edge, in the required direction. */
function expectValidPath(g: GraphIndex, p: GraphPath, direction: 'up' | 'down' | 'any') {
  expect(p.edges).toHaveLength(p.nodes.length - 1);
  p.edges.forEach((e, i) => {
    const a = p.nodes[i]!;
    const b = p.nodes[i + 1]!;
    const ends = [g.edgeFrom[e], g.edgeTo[e]];
    if (direction === 'down') expect(ends).toEqual([b, a]);
    else if (direction === 'up') expect(ends).toEqual([a, b]);
    else expect(ends.sort()).toEqual([a, b].sort());
  });
}

describe('shortestPath', () => {
  it('finds the downstream route from a dataset to an output', () => {
    const p = shortestPath(index, at('instr'), at('out'), { direction: 'down' })!;
    expect(ids(index, p)).toEqual(['instr', 'ft', 'med', 'medq', 'inf', 'out']);
    expectValidPath(index, p, 'down');
  });

  it('prefers the shorter of two routes (med wasDerivedFrom base skips ft)', () => {
    const p = shortestPath(index, at('corpus'), at('medq'), { direction: 'down' })!;
    expect(ids(index, p)).toEqual(['corpus', 'pretrain', 'base', 'med', 'medq']);
  });

  it('finds an upstream route, and none downstream the wrong way', () => {
    const p = shortestPath(index, at('out'), at('corpus'), { direction: 'up' })!;
    expectValidPath(index, p, 'up');
    expect(p.nodes.at(0)).toBe(at('out'));
    expect(p.nodes.at(-1)).toBe(at('corpus'));
    expect(shortestPath(index, at('out'), at('corpus'), { direction: 'down' })).toBeNull();
  });

  it('ignores direction with "any"', () => {
    // bench and eng share no directed route; undirected: bench – ev – med – ft – eng.
    expect(shortestPath(index, at('bench'), at('eng'), { direction: 'down' })).toBeNull();
    expect(shortestPath(index, at('bench'), at('eng'), { direction: 'up' })).toBeNull();
    const p = shortestPath(index, at('bench'), at('eng'), { direction: 'any' })!;
    expect(ids(index, p)).toEqual(['bench', 'ev', 'med', 'ft', 'eng']);
    expectValidPath(index, p, 'any');
  });

  it('by default tries down, then up, then any', () => {
    expect(ids(index, shortestPath(index, at('base'), at('med')))).toEqual(['base', 'med']);
    expect(ids(index, shortestPath(index, at('med'), at('base')))).toEqual(['med', 'base']);
    expect(ids(index, shortestPath(index, at('bench'), at('eng')))).toEqual(['bench', 'ev', 'med', 'ft', 'eng']);
  });

  it('returns null between disconnected nodes and the node alone for a path to itself', () => {
    expect(shortestPath(index, at('lonely'), at('med'))).toBeNull();
    expect(shortestPath(index, at('med'), at('med'))).toEqual({ nodes: [at('med')], edges: [] });
  });

  it('terminates on cycles', () => {
    const { index: g } = buildGraphIndex({
      nodes: ['a', 'b', 'c', 'z'].map((id) => makeNode('model', id)),
      relations: [makeRelation('wasDerivedFrom', 'a', 'b'), makeRelation('wasDerivedFrom', 'b', 'c'), makeRelation('wasDerivedFrom', 'c', 'a')],
    });
    expect(ids(g, shortestPath(g, g.indexOf('a'), g.indexOf('c'), { direction: 'up' }))).toEqual(['a', 'b', 'c']);
    expect(shortestPath(g, g.indexOf('a'), g.indexOf('z'))).toBeNull();
  });

  it('agrees with one-sided breadth-first search on random graphs', () => {
    // Seeded LCG so the test is deterministic.
    let state = 12345;
    const rand = (n: number) => ((state = (state * 1103515245 + 12345) >>> 0) >>> 8) % n;
    for (let trial = 0; trial < 20; trial++) {
      const n = 40;
      const nodes = Array.from({ length: n }, (_, i) => makeNode('model', `n${i}`));
      const relations = Array.from({ length: 20 + trial * 4 }, () => makeRelation('wasDerivedFrom', `n${rand(n)}`, `n${rand(n)}`));
      const { index: g } = buildGraphIndex({ nodes, relations });
      for (let q = 0; q < 20; q++) {
        const a = rand(n);
        const b = rand(n);
        if (a === b) continue;
        for (const direction of ['up', 'down'] as const) {
          const expected = closure(g, a, direction).find((r) => r.node === b)?.hop ?? null;
          const p = shortestPath(g, a, b, { direction });
          expect(p ? p.edges.length : null).toBe(expected);
          if (p) expectValidPath(g, p, direction);
        }
        const anyHops = neighbourhood(g, a, { direction: 'both', depth: n }).nodes.find((r) => r.node === b)?.hop ?? null;
        const any = shortestPath(g, a, b, { direction: 'any' });
        expect(any ? any.edges.length : null).toBe(anyHops);
        if (any) expectValidPath(g, any, 'any');
      }
    }
  });
});
