import { describe, expect, it } from 'vitest';
import { buildGraphIndex, inducedEdges, neighbourhood, type GraphIndex } from './index.ts';
import { sampleLineage } from '../../testing/sample-lineage.ts';
import { graphOf } from '../../testing/graph-builders.ts';

const { index } = buildGraphIndex(sampleLineage());
const at = (id: string) => index.indexOf(id);
/** Ids with their hop, sorted by id, for order-independent comparison. */
const hops = (g: GraphIndex, r: { nodes: { node: number; hop: number }[] }) =>
  Object.fromEntries(r.nodes.map(({ node, hop }) => [g.nodeId(node), hop]).sort());
const edgeNames = (g: GraphIndex, edges: number[]) =>
  edges.map((e) => `${g.nodeId(g.edgeFrom[e]!)}-${g.relation(e).type}->${g.nodeId(g.edgeTo[e]!)}`).sort();

describe('neighbourhood', () => {
  it('follows from → to upstream, with hop counts', () => {
    const r = neighbourhood(index, at('med'), { direction: 'up', depth: 2 });
    expect(hops(index, r)).toEqual({ med: 0, ft: 1, base: 1, instr: 2, eng: 2, pretrain: 2 });
    expect(r.nodes[0]).toEqual({ node: at('med'), hop: 0 });
    expect(r.truncated).toBe(false);
  });

  it('follows to → from downstream', () => {
    const r = neighbourhood(index, at('med'), { direction: 'down', depth: 2 });
    expect(hops(index, r)).toEqual({ med: 0, quant: 1, ev: 1, medq: 1, score: 2, inf: 2 });
  });

  it('goes both ways at once and returns every edge among the returned nodes', () => {
    const r = neighbourhood(index, at('inf'), { direction: 'both', depth: 1 });
    expect(hops(index, r)).toEqual({ inf: 0, medq: 1, prompt: 1, doc: 1, out: 1 });
    // out → prompt and out → doc join two hop-1 nodes: included too.
    expect(edgeNames(index, r.edges)).toEqual([
      'inf-used->medq',
      'inf-used->prompt',
      'inf-wasAssociatedWith->doc',
      'out-wasAttributedTo->doc',
      'out-wasDerivedFrom->prompt',
      'out-wasGeneratedBy->inf',
    ]);
  });

  it('returns the start alone at depth 0, and an isolated node alone at any depth', () => {
    expect(neighbourhood(index, at('med'), { direction: 'both', depth: 0 }).nodes).toEqual([{ node: at('med'), hop: 0 }]);
    const lonely = neighbourhood(index, at('lonely'), { direction: 'both', depth: 5 });
    expect(lonely).toEqual({ nodes: [{ node: at('lonely'), hop: 0 }], edges: [], truncated: false });
  });

  it('neither returns nor walks through nodes of unwanted kinds, but always keeps the start', () => {
    // Without activities, nothing upstream of an output is reachable except through
    // wasDerivedFrom / wasAttributedTo.
    const r = neighbourhood(index, at('out'), { direction: 'up', depth: 10, kinds: ['prompt', 'agent'] });
    expect(hops(index, r)).toEqual({ out: 0, prompt: 1, doc: 1 });
    // Models only, downstream of base: med and medq are reached through activities in the
    // full graph, but directly through wasDerivedFrom here.
    const models = neighbourhood(index, at('base'), { direction: 'down', depth: 10, kinds: ['model'] });
    expect(hops(index, models)).toEqual({ base: 0, med: 1, medq: 2 });
    // The start is kept even when its kind is not listed.
    expect(hops(index, neighbourhood(index, at('ft'), { direction: 'up', depth: 1, kinds: ['dataset'] }))).toEqual({ ft: 0, instr: 1 });
  });

  it('stops at maxNodes, keeps the nearest nodes and says it truncated', () => {
    const all = neighbourhood(index, at('med'), { direction: 'both', depth: 10 });
    expect(all.truncated).toBe(false);
    const cut = neighbourhood(index, at('med'), { direction: 'both', depth: 10, maxNodes: 4 });
    expect(cut.nodes).toHaveLength(4);
    expect(cut.truncated).toBe(true);
    expect(cut.nodes).toEqual(all.nodes.slice(0, 4));
    for (const e of cut.edges) {
      expect(cut.nodes.some((n) => n.node === index.edgeFrom[e])).toBe(true);
      expect(cut.nodes.some((n) => n.node === index.edgeTo[e])).toBe(true);
    }
    // Exactly as many nodes as exist is not a truncation.
    const exact = neighbourhood(index, at('med'), { direction: 'both', depth: 10, maxNodes: all.nodes.length });
    expect(exact.truncated).toBe(false);
  });

  it('terminates on cycles and visits each node once', () => {
    const { index: g } = buildGraphIndex(
      graphOf({ a: 'model', b: 'model', c: 'model' }, [
        ['wasDerivedFrom', 'a', 'b'],
        ['wasDerivedFrom', 'b', 'c'],
        ['wasDerivedFrom', 'c', 'a'],
      ]),
    );
    const r = neighbourhood(g, g.indexOf('a'), { direction: 'up', depth: 100 });
    expect(hops(g, r)).toEqual({ a: 0, b: 1, c: 2 });
    expect(r.edges).toHaveLength(3);
  });

  it('gives the same answer when called again (reused buffers are reset)', () => {
    const first = neighbourhood(index, at('prompt'), { direction: 'down', depth: 3 });
    neighbourhood(index, at('corpus'), { direction: 'down', depth: 10 });
    expect(neighbourhood(index, at('prompt'), { direction: 'down', depth: 3 })).toEqual(first);
  });

  it('rejects a start that is not a node', () => {
    expect(() => neighbourhood(index, -1, { direction: 'up', depth: 1 })).toThrow(RangeError);
    expect(() => neighbourhood(index, index.nodeCount, { direction: 'up', depth: 1 })).toThrow(RangeError);
  });
});

describe('inducedEdges', () => {
  it('returns every edge among the given nodes once, ignoring repeats in the list', () => {
    const ids = ['med', 'medq', 'quant', 'inf', 'med'];
    expect(edgeNames(index, inducedEdges(index, ids.map(at)))).toEqual([
      'inf-used->medq',
      'medq-wasDerivedFrom->med',
      'medq-wasGeneratedBy->quant',
      'quant-used->med',
    ]);
    expect(inducedEdges(index, [at('lonely'), at('med')])).toEqual([]);
    expect(inducedEdges(index, [])).toEqual([]);
  });

  it('agrees with the edges of a neighbourhood', () => {
    const r = neighbourhood(index, at('ft'), { direction: 'both', depth: 2 });
    expect(inducedEdges(index, r.nodes.map((n) => n.node)).sort()).toEqual([...r.edges].sort());
  });
});
