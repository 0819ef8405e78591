import { describe, expect, it } from 'vitest';
import { rankedLayout, type RankedNode } from './ranked-layout.ts';
import { NODE_GAP } from './fit-plan.ts';

const node = (id: string, rank: number, parent: string | null, width = 80, height = 30): RankedNode => ({ id, rank, parent, width, height });

describe('ranked layout', () => {
  it('places upstream ranks left of the focus and downstream ranks right of it (top and bottom when TB)', () => {
    const nodes = [node('model', 0, null), node('run', -1, 'model'), node('data', -2, 'run'), node('output', 1, 'model')];
    const lr = rankedLayout(nodes, 'LR').positions;
    expect(lr.data!.x).toBeLessThan(lr.run!.x);
    expect(lr.run!.x).toBeLessThan(lr.model!.x);
    expect(lr.model!.x).toBeLessThan(lr.output!.x);
    const tb = rankedLayout(nodes, 'TB').positions;
    expect(tb.data!.y).toBeLessThan(tb.run!.y);
    expect(tb.model!.y).toBeLessThan(tb.output!.y);
  });

  it('is exactly as large as its widest rank and its ranks need', () => {
    const nodes = [node('f', 0, null), ...Array.from({ length: 5 }, (_, i) => node(`c${i}`, 1, 'f')), node('u', -1, 'f')];
    const r = rankedLayout(nodes, 'LR');
    expect(r.height).toBe(5 * 30 + 4 * NODE_GAP);
    const xs = Object.values(r.positions).map((p) => p.x);
    expect(r.width).toBe(Math.max(...xs) - Math.min(...xs) + 80);
  });

  it('keeps the children of one node together, in the order of their parents', () => {
    const nodes = [
      node('f', 0, null),
      node('a', 1, 'f'),
      node('b', 1, 'f'),
      node('b1', 2, 'b'),
      node('a1', 2, 'a'),
      node('b2', 2, 'b'),
      node('a2', 2, 'a'),
    ];
    const { positions } = rankedLayout(nodes, 'LR');
    const order = ['a1', 'a2', 'b1', 'b2'].sort((x, y) => positions[x]!.y - positions[y]!.y);
    expect(order).toEqual(['a1', 'a2', 'b1', 'b2']);
    expect(positions.a!.y).toBeLessThan(positions.b!.y);
  });

  it('puts the focus in the middle of its rank, between its siblings', () => {
    const nodes = [node('f', 0, null), node('p', -1, 'f'), node('s1', 0, 'p'), node('s2', 0, 'p'), node('c', 1, 'f'), node('s3', 0, 'c'), node('s4', 0, 'c')];
    const { positions } = rankedLayout(nodes, 'LR');
    const order = ['f', 's1', 's2', 's3', 's4'].sort((x, y) => positions[x]!.y - positions[y]!.y);
    expect(order).toEqual(['s1', 's2', 'f', 's3', 's4']);
  });

  it('never overlaps two nodes of a rank', () => {
    const nodes = [node('f', 0, null), ...Array.from({ length: 12 }, (_, i) => node(`n${i}`, i % 3, i < 3 ? 'f' : `n${i - 3}`, 60 + i * 7, 30 + (i % 2) * 15))];
    const { positions } = rankedLayout(nodes, 'TB');
    for (const a of nodes) {
      for (const b of nodes) {
        if (a === b || a.rank !== b.rank) continue;
        const apart = Math.abs(positions[a.id]!.x - positions[b.id]!.x);
        expect(apart).toBeGreaterThanOrEqual((a.width + b.width) / 2 + NODE_GAP - 1e-9);
      }
    }
  });

  it('hangs attached badges off a corner of their node, into the gap on its upstream or downstream side', () => {
    const nodes: RankedNode[] = [
      node('f', 0, null, 100, 40),
      { id: 'up', rank: -1, parent: 'f', width: 30, height: 20, attach: { to: 'f', side: 'before' } },
      { id: 'down', rank: 1, parent: 'f', width: 30, height: 20, attach: { to: 'f', side: 'after' } },
    ];
    const lr = rankedLayout(nodes, 'LR').positions;
    // Left of the node's top half, right of its bottom half, overlapping its border by 4.
    expect(lr.up).toEqual({ x: lr.f!.x - 50 - 15 + 4, y: lr.f!.y - 10 });
    expect(lr.down).toEqual({ x: lr.f!.x + 50 + 15 - 4, y: lr.f!.y + 10 });
    const tb = rankedLayout(nodes, 'TB').positions;
    // Above the left end, below the right end: never beyond the node's own width.
    expect(tb.up).toEqual({ x: tb.f!.x - 35, y: tb.f!.y - 20 - 10 + 4 });
    expect(tb.down).toEqual({ x: tb.f!.x + 35, y: tb.f!.y + 20 + 10 - 4 });
  });

  it('survives nodes whose parent is not drawn, and an empty drawing', () => {
    const r = rankedLayout([node('a', 0, 'gone'), node('b', 3, null)], 'LR');
    expect(Object.keys(r.positions).sort()).toEqual(['a', 'b']);
    expect(rankedLayout([], 'TB')).toEqual({ positions: {}, width: 0, height: 0 });
  });
});
