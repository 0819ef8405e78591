import { describe, expect, it } from 'vitest';
import { layeredLayout, labelSize } from './layered-layout.ts';

describe('layered layout', () => {
  it('places dependencies to the left of what depends on them', () => {
    const nodes = ['dataset', 'run', 'model', 'output'].map((id) => ({ id, width: 80, height: 30 }));
    const edges = [
      { source: 'dataset', target: 'run' },
      { source: 'run', target: 'model' },
      { source: 'model', target: 'output' },
    ];
    const { positions } = layeredLayout(nodes, edges);
    expect(positions.dataset!.x).toBeLessThan(positions.run!.x);
    expect(positions.run!.x).toBeLessThan(positions.model!.x);
    expect(positions.model!.x).toBeLessThan(positions.output!.x);
  });

  it('lays out cycles and self-loops without failing', () => {
    const nodes = ['a', 'b', 'c'].map((id) => ({ id, width: 60, height: 30 }));
    const edges = [
      { source: 'a', target: 'b' },
      { source: 'b', target: 'c' },
      { source: 'c', target: 'a' },
      { source: 'a', target: 'a' },
      { source: 'a', target: 'missing' },
    ];
    const { positions } = layeredLayout(nodes, edges);
    expect(Object.keys(positions).sort()).toEqual(['a', 'b', 'c']);
    const points = new Set(Object.values(positions).map((p) => `${p.x},${p.y}`));
    expect(points.size).toBe(3);
  });

  it('gives wider boxes to longer and to Japanese labels', () => {
    expect(labelSize('Meditron-70B').width).toBeLessThan(labelSize('Meditron-70B continued pretraining').width);
    expect(labelSize('ABCD').width).toBeLessThan(labelSize('退院サマリー生成モデル').width);
  });
});
