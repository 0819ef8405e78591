import { describe, expect, it } from 'vitest';
import type { NodeKind, RelationType } from '../format/index.ts';
import { buildGraphIndex, cappedNeighbourhood, type CappedNeighbourhood, type GraphIndex } from './index.ts';
import { graphOf } from '../../testing/graph-builders.ts';

/**
 * A base model used by `fanout` fine-tuned models (each `wasDerivedFrom` it) and trained on
 * `inputs` data sets; `outputs` outputs derived from the hub, built in this order, so that
 * adjacency order (the order relations were given) is known.
 */
function hubGraph(fanout: number, inputs = 0, outputs = 0): GraphIndex {
  const kinds: Record<string, NodeKind> = { hub: 'model' };
  const relations: [RelationType, string, string][] = [];
  for (let i = 0; i < fanout; i++) {
    kinds[`m${i}`] = 'model';
    relations.push(['wasDerivedFrom', `m${i}`, 'hub']);
  }
  for (let i = 0; i < inputs; i++) {
    kinds[`d${i}`] = 'dataset';
    relations.push(['wasDerivedFrom', 'hub', `d${i}`]);
  }
  for (let i = 0; i < outputs; i++) {
    kinds[`o${i}`] = 'output';
    relations.push(['wasDerivedFrom', `o${i}`, 'hub']);
  }
  return buildGraphIndex(graphOf(kinds, relations)).index;
}

const ids = (index: GraphIndex, r: CappedNeighbourhood) => r.nodes.map((d) => index.nodeId(d.node));
const groups = (index: GraphIndex, r: CappedNeighbourhood) =>
  r.folded.map((g) => ({ parent: index.nodeId(g.parent), direction: g.direction, rank: g.rank, hidden: g.hidden }));

describe('cappedNeighbourhood', () => {
  it('draws the first neighbours of a hub with thousands and folds the rest into one group', () => {
    const index = hubGraph(5000);
    const r = cappedNeighbourhood(index, index.indexOf('hub'), { direction: 'both', depth: 1, maxNodes: 400, perParent: 10 });
    expect(ids(index, r)).toEqual(['hub', ...Array.from({ length: 10 }, (_, i) => `m${i}`)]);
    expect(groups(index, r)).toEqual([{ parent: 'hub', direction: 'down', rank: 1, hidden: 4990 }]);
    // The cap is not the drawing limit: nothing was cut by maxNodes.
    expect(r.overLimit).toBeNull();
    // Downstream is one rank to the right, at one hop.
    expect(r.nodes.slice(1).every((d) => d.rank === 1 && d.hop === 1 && d.parent === index.indexOf('hub'))).toBe(true);
  });

  it('is deterministic: the same request draws the same nodes in the same order', () => {
    const index = hubGraph(3000, 40, 3000);
    const opts = { direction: 'both' as const, depth: 2, maxNodes: 400, perParent: 10, perRank: 7 };
    const a = cappedNeighbourhood(index, index.indexOf('hub'), opts);
    const b = cappedNeighbourhood(index, index.indexOf('hub'), opts);
    expect(b).toEqual(a);
  });

  it('caps each direction on its own: upstream and downstream are separate groups', () => {
    const index = hubGraph(25, 15);
    const r = cappedNeighbourhood(index, index.indexOf('hub'), { direction: 'both', depth: 1, maxNodes: 400, perParent: 10 });
    expect(r.nodes.filter((d) => d.rank === -1)).toHaveLength(10);
    expect(r.nodes.filter((d) => d.rank === 1)).toHaveLength(10);
    expect(groups(index, r)).toEqual([
      { parent: 'hub', direction: 'up', rank: -1, hidden: 5 },
      { parent: 'hub', direction: 'down', rank: 1, hidden: 15 },
    ]);
    // Only the direction asked for is walked.
    const up = cappedNeighbourhood(index, index.indexOf('hub'), { direction: 'up', depth: 1, maxNodes: 400, perParent: 10 });
    expect(groups(index, up).map((g) => g.direction)).toEqual(['up']);
  });

  it('never folds a single node: "1 more" would take as much room as the node', () => {
    const index = hubGraph(11);
    const r = cappedNeighbourhood(index, index.indexOf('hub'), { direction: 'both', depth: 1, maxNodes: 400, perParent: 10 });
    expect(r.nodes).toHaveLength(12);
    expect(r.folded).toEqual([]);
  });

  it('shares a full rank among parents in turns, so one hub cannot crowd out its siblings', () => {
    // Two data sets upstream of `m`, each used by many runs: rank 1 holds m's two runs,
    // rank 2 is shared by both runs' outputs.
    const kinds: Record<string, NodeKind> = { ds: 'dataset', a: 'activity', b: 'activity' };
    const relations: [RelationType, string, string][] = [
      ['used', 'a', 'ds'],
      ['used', 'b', 'ds'],
    ];
    for (let i = 0; i < 20; i++) {
      kinds[`a${i}`] = 'model';
      kinds[`b${i}`] = 'model';
      relations.push(['wasGeneratedBy', `a${i}`, 'a'], ['wasGeneratedBy', `b${i}`, 'b']);
    }
    const index = buildGraphIndex(graphOf(kinds, relations)).index;
    const r = cappedNeighbourhood(index, index.indexOf('ds'), { direction: 'down', depth: 2, maxNodes: 400, perParent: 10, perRank: 6 });
    const rank2 = r.nodes.filter((d) => d.rank === 2).map((d) => index.nodeId(d.node));
    expect(rank2).toEqual(['a0', 'a1', 'a2', 'b0', 'b1', 'b2']);
    expect(groups(index, r)).toEqual([
      { parent: 'a', direction: 'down', rank: 2, hidden: 17 },
      { parent: 'b', direction: 'down', rank: 2, hidden: 17 },
    ]);
  });

  it('counts each hidden node once, in the group of the first parent that reached it', () => {
    // Runs r1 and r2 both used the same 30 data sets.
    const kinds: Record<string, NodeKind> = { m: 'model', r1: 'activity', r2: 'activity' };
    const relations: [RelationType, string, string][] = [
      ['wasGeneratedBy', 'm', 'r1'],
      ['wasGeneratedBy', 'm', 'r2'],
    ];
    for (let i = 0; i < 30; i++) {
      kinds[`d${i}`] = 'dataset';
      relations.push(['used', 'r1', `d${i}`], ['used', 'r2', `d${i}`], ['wasDerivedFrom', 'm', `d${i}`]);
    }
    const index = buildGraphIndex(graphOf(kinds, relations)).index;
    const r = cappedNeighbourhood(index, index.indexOf('m'), { direction: 'up', depth: 2, maxNodes: 400, perParent: 10 });
    // m reaches r1, r2 and 8 data sets at hop 1 (10 in all); the rest of the data sets is m's group.
    expect(groups(index, r)).toEqual([{ parent: 'm', direction: 'up', rank: -1, hidden: 22 }]);
    const hidden = r.folded.reduce((sum, g) => sum + g.hidden, 0);
    expect(r.nodes.length - 1 + hidden).toBe(32);
  });

  it('counts a neighbour reached by several relations once', () => {
    const kinds: Record<string, NodeKind> = { hub: 'model' };
    const relations: [RelationType, string, string][] = [];
    for (let i = 0; i < 15; i++) {
      kinds[`o${i}`] = 'output';
      relations.push(['wasDerivedFrom', `o${i}`, 'hub'], ['wasAttributedTo', `o${i}`, 'hub']);
    }
    const index = buildGraphIndex(graphOf(kinds, relations)).index;
    const r = cappedNeighbourhood(index, index.indexOf('hub'), { direction: 'down', depth: 1, maxNodes: 400, perParent: 10 });
    expect(r.nodes).toHaveLength(11);
    expect(r.folded[0]!.hidden).toBe(5);
  });

  it('counts and draws only the kinds asked for', () => {
    const index = hubGraph(30, 0, 30);
    const r = cappedNeighbourhood(index, index.indexOf('hub'), { direction: 'down', depth: 1, maxNodes: 400, perParent: 10, kinds: ['output'] });
    expect(ids(index, r).slice(1).every((id) => id.startsWith('o'))).toBe(true);
    expect(groups(index, r)).toEqual([{ parent: 'hub', direction: 'down', rank: 1, hidden: 20 }]);
  });

  it('draws an opened group whole, up to the drawing limit, and says how many the limit left out', () => {
    const index = hubGraph(5000);
    const hub = index.indexOf('hub');
    const r = cappedNeighbourhood(index, hub, {
      direction: 'both',
      depth: 1,
      maxNodes: 400,
      perParent: 10,
      perRank: 6,
      isOpen: (parent, direction) => parent === hub && direction === 'down',
    });
    expect(r.nodes).toHaveLength(400);
    // 5,000 neighbours, 399 drawn: the limit, not the cap, left out the rest.
    expect(r.overLimit).toEqual({ count: 4601, atLeast: false });
    expect(groups(index, r)).toEqual([{ parent: 'hub', direction: 'down', rank: 1, hidden: 4601 }]);
  });

  it('says "at least" when nodes the limit left out would have led further', () => {
    const index = hubGraph(5000);
    const hub = index.indexOf('hub');
    const r = cappedNeighbourhood(index, hub, { direction: 'both', depth: 2, maxNodes: 100, perParent: 10, isOpen: (p) => p === hub });
    expect(r.nodes).toHaveLength(100);
    expect(r.overLimit).toEqual({ count: 4901, atLeast: true });
  });

  it('keeps pinned nodes (a requested path) whatever the caps and the limit', () => {
    const index = hubGraph(5000);
    const hub = index.indexOf('hub');
    const far = index.indexOf('m4321');
    const r = cappedNeighbourhood(index, hub, {
      direction: 'both',
      depth: 1,
      maxNodes: 5,
      perParent: 10,
      pinned: [{ node: far, rank: 1, parent: hub }],
    });
    expect(ids(index, r)).toEqual(['hub', 'm4321', 'm0', 'm1', 'm2']);
    expect(r.nodes[1]).toEqual({ node: far, hop: 1, rank: 1, parent: hub });
    // The pinned node is drawn, so it is not among the hidden.
    expect(groups(index, r)).toEqual([{ parent: 'hub', direction: 'down', rank: 1, hidden: 4996 }]);
    expect(r.overLimit).toEqual({ count: 7, atLeast: false });
  });

  it('walks on from a pinned node the walk reaches', () => {
    // a ← b ← c ← d (each derived from the one before); the path a → c is pinned.
    const index = buildGraphIndex(
      graphOf({ a: 'model', b: 'model', c: 'model', d: 'model' }, [
        ['wasDerivedFrom', 'b', 'a'],
        ['wasDerivedFrom', 'c', 'b'],
        ['wasDerivedFrom', 'd', 'c'],
      ]),
    ).index;
    const at = (id: string) => index.indexOf(id);
    const r = cappedNeighbourhood(index, at('a'), {
      direction: 'down',
      depth: 3,
      maxNodes: 400,
      perParent: 10,
      pinned: [
        { node: at('b'), rank: 1, parent: at('a') },
        { node: at('c'), rank: 2, parent: at('b') },
      ],
    });
    expect(ids(index, r)).toEqual(['a', 'b', 'c', 'd']);
    expect(r.nodes.map((d) => d.hop)).toEqual([0, 1, 2, 3]);
  });

  it('adds the neighbours of expanded nodes with the per-parent cap and folds the rest', () => {
    const index = hubGraph(50, 3);
    const r = cappedNeighbourhood(index, index.indexOf('d0'), {
      direction: 'both',
      depth: 0,
      maxNodes: 400,
      perParent: 10,
      expand: [index.indexOf('hub')],
    });
    // hub is not within depth 0 of d0: drawn on its own, then its neighbours.
    expect(ids(index, r).slice(0, 2)).toEqual(['d0', 'hub']);
    expect(r.nodes.filter((d) => d.parent === index.indexOf('hub'))).toHaveLength(12);
    expect(groups(index, r)).toEqual([{ parent: 'hub', direction: 'down', rank: 1, hidden: 40 }]);
  });

  it('lets an expanded node draw neighbours another group left out, still counting each hidden node once', () => {
    // Fifty models derived from both `hub` and `other`.
    const kinds: Record<string, NodeKind> = { hub: 'model', other: 'model' };
    const relations: [RelationType, string, string][] = [];
    for (let i = 0; i < 50; i++) {
      kinds[`m${i}`] = 'model';
      relations.push(['wasDerivedFrom', `m${i}`, 'hub'], ['wasDerivedFrom', `m${i}`, 'other']);
    }
    const index = buildGraphIndex(graphOf(kinds, relations)).index;
    const r = cappedNeighbourhood(index, index.indexOf('hub'), {
      direction: 'down',
      depth: 1,
      maxNodes: 400,
      perParent: 10,
      expand: [index.indexOf('other')],
    });
    // hub draws m0–m9; `other`, asked for, draws the next ten, which hub had folded.
    expect(ids(index, r)).toEqual(['hub', ...Array.from({ length: 10 }, (_, i) => `m${i}`), 'other', ...Array.from({ length: 10 }, (_, i) => `m${i + 10}`)]);
    // The 30 still hidden count once, in hub's group (it reached them first).
    expect(groups(index, r)).toEqual([{ parent: 'hub', direction: 'down', rank: 1, hidden: 30 }]);
  });

  it('returns the start alone at depth 0', () => {
    const index = hubGraph(5);
    const r = cappedNeighbourhood(index, index.indexOf('hub'), { direction: 'both', depth: 0, maxNodes: 400, perParent: 10 });
    expect(r).toEqual({ nodes: [{ node: index.indexOf('hub'), hop: 0, rank: 0, parent: -1 }], folded: [], overLimit: null });
  });
});
