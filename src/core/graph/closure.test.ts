import { describe, expect, it } from 'vitest';
import { buildGraphIndex, closure, closureColumns, impact, type ClosureRow, type GraphIndex } from './index.ts';
import { sampleLineage } from '../../testing/sample-lineage.ts';
import { makeNode, makeRelation } from '../../testing/graph-builders.ts';

const { index } = buildGraphIndex(sampleLineage());
const at = (id: string) => index.indexOf(id);
const byId = (g: GraphIndex, rows: ClosureRow[]) => Object.fromEntries(rows.map((r) => [g.nodeId(r.node), r.hop]).sort());

/** Every row's predecessor is one hop nearer and joined to it by viaEdge in the right direction. */
function expectValidRoutes(g: GraphIndex, start: number, rows: ClosureRow[], direction: 'up' | 'down') {
  const hopOf = new Map(rows.map((r) => [r.node, r.hop]));
  hopOf.set(start, 0);
  for (const r of rows) {
    expect(hopOf.get(r.via)).toBe(r.hop - 1);
    const [dependent, dependency] = direction === 'up' ? [r.via, r.node] : [r.node, r.via];
    expect([g.edgeFrom[r.viaEdge], g.edgeTo[r.viaEdge]]).toEqual([dependent, dependency]);
  }
}

describe('closure', () => {
  it('reaches everything downstream of a dataset, with shortest hops', () => {
    const rows = impact(index, at('corpus'));
    expect(byId(index, rows)).toEqual({
      pretrain: 1,
      base: 2,
      ft: 3,
      med: 3, // through med wasDerivedFrom base, shorter than through ft
      quant: 4,
      ev: 4,
      medq: 4,
      score: 5,
      inf: 5,
      out: 6,
      access: 7,
    });
    expectValidRoutes(index, at('corpus'), rows, 'down');
    expect(rows.map((r) => r.hop)).toEqual([...rows.map((r) => r.hop)].sort((a, b) => a - b));
  });

  it('reaches everything upstream of an output', () => {
    const rows = closure(index, at('out'), 'up');
    expect(Object.keys(byId(index, rows))).toEqual(
      ['base', 'corpus', 'doc', 'eng', 'ft', 'inf', 'instr', 'med', 'medq', 'pretrain', 'prompt', 'quant'].sort(),
    );
    expectValidRoutes(index, at('out'), rows, 'up');
    expect(rows.find((r) => r.node === at('prompt'))).toMatchObject({ hop: 1, via: at('out') });
  });

  it('lists only the wanted kinds but walks through all of them', () => {
    const rows = impact(index, at('instr'), { kinds: ['output', 'model'] });
    // Outputs are only reachable through activities, which are not listed.
    expect(byId(index, rows)).toEqual({ med: 2, medq: 3, out: 5 });
    expect(rows.find((r) => r.node === at('out'))!.via).toBe(at('inf'));
  });

  it('stops at maxDepth', () => {
    expect(byId(index, closure(index, at('corpus'), 'down', { maxDepth: 2 }))).toEqual({ pretrain: 1, base: 2 });
    expect(closure(index, at('corpus'), 'down', { maxDepth: 0 })).toEqual([]);
  });

  it('excludes the start and is empty for a node with nothing downstream', () => {
    expect(impact(index, at('access'))).toEqual([]);
    expect(impact(index, at('lonely'))).toEqual([]);
    expect(impact(index, at('med')).some((r) => r.node === at('med'))).toBe(false);
  });

  it('returns the same rows as typed columns', () => {
    const rows = impact(index, at('base'));
    const cols = closureColumns(index, at('base'), 'down');
    expect(rows.map((r) => [r.node, r.hop, r.via, r.viaEdge])).toEqual([...cols.node].map((n, i) => [n, cols.hop[i], cols.via[i], cols.viaEdge[i]]));
  });

  it('terminates on a cycle', () => {
    const { index: g } = buildGraphIndex({
      nodes: ['a', 'b', 'c'].map((id) => makeNode('model', id)),
      relations: [makeRelation('wasDerivedFrom', 'a', 'b'), makeRelation('wasDerivedFrom', 'b', 'c'), makeRelation('wasDerivedFrom', 'c', 'a')],
    });
    expect(byId(g, impact(g, g.indexOf('a')))).toEqual({ c: 1, b: 2 });
  });

  it('follows a chain of 200,000 derivations without overflowing the stack', () => {
    const n = 200_000;
    const nodes = Array.from({ length: n }, (_, i) => makeNode('model', `m${i}`));
    // m(i+1) was derived from m(i): everything is downstream of m0.
    const relations = Array.from({ length: n - 1 }, (_, i) => makeRelation('wasDerivedFrom', `m${i + 1}`, `m${i}`));
    const { index: g, problems } = buildGraphIndex({ nodes, relations });
    expect(problems).toEqual([]);
    const down = closureColumns(g, 0, 'down');
    expect(down.node.length).toBe(n - 1);
    expect(down.hop[n - 2]).toBe(n - 1);
    expect(g.nodeId(down.node[n - 2]!)).toBe(`m${n - 1}`);
    const up = closure(g, n - 1, 'up');
    expect(up).toHaveLength(n - 1);
    expect(up.at(-1)).toMatchObject({ node: 0, hop: n - 1, via: 1 });
  });
});
