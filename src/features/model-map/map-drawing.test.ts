import { describe, expect, it } from 'vitest';
import type { ModelMapInput } from '../../core/model-map/index.ts';
import { CATEGORY_COLOURS, OTHER_COLOUR, colourModels, colourModeValue, parseColourMode } from './map-colours.ts';
import { PointGrid } from './point-grid.ts';

/** Models 0…n-1: family = i % families, licence = "l<i % 3>" (none for every 5th), one benchmark scored on even models. */
function input(n: number, families: number): ModelMapInput {
  const scored = Array.from({ length: n }, (_, i) => i).filter((i) => i % 2 === 0);
  return {
    models: Array.from({ length: n }, (_, i) => ({ id: `m${i}`, name: `M${i}`, classification: 'public' as const, family: i % families, base: -1, ...(i % 5 === 4 ? {} : { license: `l${i % 3}` }) })),
    ancestorOffsets: new Int32Array(n + 1),
    ancestorNodes: new Int32Array(0),
    ancestorDistances: new Float32Array(0),
    benchmarks: ['QA · accuracy'],
    scoreOffsets: Int32Array.from({ length: n + 1 }, (_, i) => Math.ceil(i / 2)),
    scoreKeys: new Int32Array(scored.length),
    scoreValues: Float64Array.from(scored, (i) => 40 + i),
    similarityOffsets: new Int32Array(n + 1),
    similarityModels: new Int32Array(0),
    similarityValues: new Float32Array(0),
    embeddings: [],
    similaritySpaces: [],
  };
}

describe('map colours', () => {
  it('gives the largest families a colour each and the rest one grey, counted in the legend', () => {
    const x = input(30, 12);
    const c = colourModels(x, parseColourMode('family', x));
    expect(c.legend).toHaveLength(CATEGORY_COLOURS.length + 1);
    expect(c.legend.at(-1)).toEqual({ colour: OTHER_COLOUR, count: c.colours.filter((k) => k === OTHER_COLOUR).length, other: true });
    expect(c.legend.reduce((s, e) => s + e.count, 0)).toBe(30);
    // Members of one family share its colour.
    expect(c.colours[0]).toBe(c.colours[12]);
    expect(c.colours[0]).not.toBe(c.colours[1]);
  });

  it('leaves models without a licence grey', () => {
    const x = input(10, 2);
    const c = colourModels(x, parseColourMode('license', x));
    expect(c.colours[4]).toBe(OTHER_COLOUR);
    expect(c.legend.filter((e) => !e.other).map((e) => e.text).sort()).toEqual(['l0', 'l1', 'l2']);
  });

  it('scales scores between the lowest and highest, models without one grey; the mode round-trips through the URL value', () => {
    const x = input(6, 2);
    const mode = parseColourMode('score:QA · accuracy', x);
    expect(colourModeValue(mode, x)).toBe('score:QA · accuracy');
    const c = colourModels(x, mode);
    expect(c.range).toEqual({ min: 40, max: 44, missing: 3 });
    expect(c.colours[1]).toBe(OTHER_COLOUR);
    expect(c.colours[0]).not.toBe(c.colours[4]);
    expect(parseColourMode('score:unknown', x)).toEqual({ kind: 'family' });
  });
});

describe('point grid', () => {
  const grid = new PointGrid(Float32Array.of(10, 50, 52, 200), Float32Array.of(10, 50, 50, 10));

  it('finds the nearest point within a radius, none beyond it', () => {
    expect(grid.nearest(49, 50, 8)).toBe(1);
    expect(grid.nearest(53, 51, 8)).toBe(2);
    expect(grid.nearest(120, 120, 8)).toBe(-1);
  });

  it('selects the points inside a lasso', () => {
    expect(grid.inPolygon([[0, 0], [100, 0], [100, 100], [0, 100]])).toEqual([0, 1, 2]);
    expect(grid.inPolygon([[40, 40], [60, 40], [50, 70]])).toEqual([1, 2]);
  });

  it('moves by arrow to the nearest point within 60° of that direction, sideways distance counting double', () => {
    expect(grid.step(0, 1, 0)).toBe(1);
    expect(grid.step(1, 1, 0)).toBe(2);
    expect(grid.step(2, 1, 0)).toBe(3);
    expect(grid.step(3, 1, 0)).toBe(-1);
    // Straight left (190 away) beats the nearer points off to the side.
    expect(grid.step(3, -1, 0)).toBe(0);
    expect(grid.step(1, 0, 1)).toBe(-1);
  });
});
