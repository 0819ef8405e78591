import { describe, expect, it } from 'vitest';
import { buildGraphIndex } from './index.ts';
import { graphOf, makeNode, makeRelation } from '../../testing/graph-builders.ts';
import { sampleLineage } from '../../testing/sample-lineage.ts';

describe('buildGraphIndex', () => {
  it('maps ids to dense indices and keeps every valid relation as an edge', () => {
    const input = sampleLineage();
    const { index, problems } = buildGraphIndex(input);
    expect(problems).toEqual([]);
    expect(index.nodeCount).toBe(input.nodes.length);
    expect(index.edgeCount).toBe(input.relations.length);
    expect(index.indexOf('med')).toBe(input.nodes.findIndex((n) => n.id === 'med'));
    expect(index.indexOf('nope')).toBe(-1);
    for (let e = 0; e < index.edgeCount; e++) {
      const r = index.relation(e);
      expect(r).toBe(input.relations[e]); // the original object, not a copy
      expect(index.nodeId(index.edgeFrom[e]!)).toBe(r.from);
      expect(index.nodeId(index.edgeTo[e]!)).toBe(r.to);
    }
  });

  it('lists each edge exactly once in the out-adjacency of its from and the in-adjacency of its to', () => {
    const { index } = buildGraphIndex(sampleLineage());
    const seenOut = new Int32Array(index.edgeCount);
    const seenIn = new Int32Array(index.edgeCount);
    for (let v = 0; v < index.nodeCount; v++) {
      for (let p = index.outOffsets[v]!; p < index.outOffsets[v + 1]!; p++) {
        const e = index.outEdges[p]!;
        expect(index.edgeFrom[e]).toBe(v);
        expect(index.outNodes[p]).toBe(index.edgeTo[e]);
        seenOut[e]!++;
      }
      for (let p = index.inOffsets[v]!; p < index.inOffsets[v + 1]!; p++) {
        const e = index.inEdges[p]!;
        expect(index.edgeTo[e]).toBe(v);
        expect(index.inNodes[p]).toBe(index.edgeFrom[e]);
        seenIn[e]!++;
      }
    }
    expect([...seenOut].every((c) => c === 1)).toBe(true);
    expect([...seenIn].every((c) => c === 1)).toBe(true);
  });

  it('keeps the first of duplicate ids and locates the others in their own file', () => {
    const nodes = [makeNode('dataset', 'a', { name: 'first' }), makeNode('model', 'b'), makeNode('dataset', 'c'), makeNode('model', 'a', { name: 'second' })];
    const { index, problems } = buildGraphIndex({
      nodes,
      relations: [makeRelation('wasDerivedFrom', 'b', 'a')],
      nodeFiles: ['g0.json', 'g0.json', 'g1.json', 'g1.json'],
      relationFiles: ['g1.json'],
    });
    expect(index.nodeCount).toBe(3);
    expect(index.node(index.indexOf('a'))!.name).toBe('first');
    expect(Array.from({ length: index.nodeCount }, (_, i) => index.nodeId(i))).toEqual(['a', 'b', 'c']);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ code: 'duplicate-id', file: 'g1.json', path: 'nodes[1]' });
    expect(problems[0]!.message).toContain('g0.json nodes[0]');
    // The edge resolves to the kept node.
    expect(index.edgeTo[0]).toBe(index.indexOf('a'));
  });

  it('counts positions per file even when a file’s items are not contiguous', () => {
    const nodes = [makeNode('model', 'm'), makeNode('agent', 'x')];
    const relations = [
      makeRelation('wasDerivedFrom', 'm', 'm'),
      makeRelation('used', 'm', 'gone1'),
      makeRelation('used', 'm', 'gone2'),
      makeRelation('used', 'gone3', 'x'),
    ];
    const { problems } = buildGraphIndex({ nodes, relations, nodeFiles: ['a.json', 'a.json'], relationFiles: ['a.json', 'b.json', 'a.json', 'b.json'] });
    const dangling = problems.filter((p) => p.code === 'dangling-reference').map((p) => `${p.file} ${p.path}`);
    expect(dangling).toEqual(['b.json relations[0]', 'a.json relations[1]', 'b.json relations[1]']);
  });

  it('drops relations to missing nodes and says which end is missing', () => {
    const { index, problems } = buildGraphIndex(
      graphOf({ m: 'model', t: 'activity', d: 'dataset' }, [
        ['wasGeneratedBy', 'm', 't'],
        ['wasGeneratedBy', 'm', 'ghost'],
        ['used', 'phantom', 'm'],
        ['used', 't', 'd'],
      ]),
    );
    expect(index.edgeCount).toBe(2);
    expect(index.relation(0).to).toBe('t');
    // Edges after a dropped relation still map to their own relation.
    expect(index.relation(1)).toMatchObject({ from: 't', to: 'd' });
    expect(index.nodeId(index.edgeTo[1]!)).toBe('d');
    expect(() => index.relation(2)).toThrow(RangeError);
    expect(problems.map((p) => [p.code, p.file, p.path])).toEqual([
      ['dangling-reference', 'graph.json', 'relations[1]'],
      ['dangling-reference', 'graph.json', 'relations[2]'],
    ]);
    expect(problems[0]!.message).toContain('"to" ("ghost")');
    expect(problems[1]!.message).toContain('"from" ("phantom")');
  });

  it('reports relations breaking the PROV signature but keeps them', () => {
    const { index, problems } = buildGraphIndex(
      graphOf({ d: 'dataset', e: 'dataset', t: 'activity', p: 'agent' }, [
        ['used', 't', 'd'], // fine
        ['used', 'e', 't'], // an entity using an activity: wrong way round
        ['actedOnBehalfOf', 'p', 'd'],
      ]),
    );
    expect(index.edgeCount).toBe(3);
    expect(problems.map((p) => [p.code, p.path])).toEqual([
      ['relation-signature', 'relations[1]'],
      ['relation-signature', 'relations[2]'],
    ]);
    expect(problems[0]!.message).toMatch(/used goes from an activity to an entity, but "e" is a dataset \(entity\) and "t" is an activity/);
  });

  it('reports a cycle naming the ids on it, located at the relation that closes it', () => {
    const { problems } = buildGraphIndex(
      graphOf({ a: 'model', b: 'model', c: 'model', d: 'model' }, [
        ['wasDerivedFrom', 'd', 'a'],
        ['wasDerivedFrom', 'a', 'b'],
        ['wasDerivedFrom', 'b', 'c'],
        ['wasDerivedFrom', 'c', 'a'],
      ]),
    );
    expect(problems).toHaveLength(1);
    const [p] = problems;
    expect(p!.code).toBe('cycle');
    expect(p!.message).toMatch(/3 nodes depend on each other/);
    // Some rotation of a → b → c → a; d is not on the cycle.
    expect(p!.message).toMatch(/"a" → "b" → "c" → "a"|"b" → "c" → "a" → "b"|"c" → "a" → "b" → "c"/);
    expect(p!.message).not.toContain('"d"');
  });

  it('does not mistake a diamond for a cycle', () => {
    // Depth-first from m: p1 finishes first, then p2 → p1 is a cross edge into a finished
    // component, which must not pull p2 and m into one component.
    const { problems } = buildGraphIndex(
      graphOf({ m: 'model', p1: 'model', p2: 'model' }, [
        ['wasDerivedFrom', 'm', 'p1'],
        ['wasDerivedFrom', 'm', 'p2'],
        ['wasDerivedFrom', 'p2', 'p1'],
      ]),
    );
    expect(problems).toEqual([]);
  });

  it('reports a self-loop as a cycle and an acyclic graph as none', () => {
    const loop = buildGraphIndex(graphOf({ m: 'model' }, [['wasDerivedFrom', 'm', 'm']]));
    expect(loop.problems).toEqual([expect.objectContaining({ code: 'cycle', path: 'relations[0]', message: expect.stringContaining('"m" depends on itself') })]);
    expect(buildGraphIndex(sampleLineage()).problems.filter((p) => p.code === 'cycle')).toEqual([]);
  });

  it('describes at most 10 cycles and counts the rest', () => {
    const kinds: Record<string, 'model'> = {};
    const rels: ['wasDerivedFrom', string, string][] = [];
    for (let i = 0; i < 15; i++) {
      kinds[`x${i}`] = 'model';
      kinds[`y${i}`] = 'model';
      rels.push(['wasDerivedFrom', `x${i}`, `y${i}`], ['wasDerivedFrom', `y${i}`, `x${i}`]);
    }
    const { problems } = buildGraphIndex(graphOf(kinds, rels));
    expect(problems.filter((p) => p.code === 'cycle' && p.path)).toHaveLength(10);
    expect(problems.at(-1)).toMatchObject({ code: 'cycle', message: '5 more cycle problems not listed (15 in all)' });
  });

  it('lists at most 50 problems of a code plus one summary', () => {
    const relations = Array.from({ length: 120 }, (_, i) => makeRelation('used', 'act', `missing-${i}`));
    const { problems } = buildGraphIndex({ nodes: [makeNode('activity', 'act')], relations });
    expect(problems).toHaveLength(51);
    expect(problems[49]!.path).toBe('relations[49]');
    expect(problems[50]).toMatchObject({ code: 'dangling-reference', file: 'graph.json', message: '70 more dangling-reference problems not listed (120 in all)' });
  });

  it('finds a cycle 200,000 nodes long without overflowing the stack', () => {
    const n = 200_000;
    const nodes = Array.from({ length: n }, (_, i) => makeNode('model', `m${i}`));
    const relations = Array.from({ length: n }, (_, i) => makeRelation('wasDerivedFrom', `m${i}`, `m${(i + 1) % n}`));
    const { index, problems } = buildGraphIndex({ nodes, relations });
    expect(index.edgeCount).toBe(n);
    expect(problems).toHaveLength(1);
    expect(problems[0]!.message).toContain(`${n} nodes depend on each other`);
    expect(problems[0]!.message).toContain(`${n - 12} more`);
  });

  it('handles an empty graph', () => {
    const { index, problems } = buildGraphIndex({ nodes: [], relations: [] });
    expect([index.nodeCount, index.edgeCount, problems.length]).toEqual([0, 0, 0]);
  });
});

describe('graph version 2 relations', () => {
  it('a relation without a second end is no edge and no dangling reference; wasInfluencedBy takes any class at either end', () => {
    const { index, problems } = buildGraphIndex({
      nodes: [
        { id: 'a', kind: 'activity', name: 'A', classification: 'public' },
        { id: 'j', kind: 'job', name: 'J', classification: 'public' },
        { id: 'p', kind: 'agent', name: 'P', classification: 'public' },
      ],
      relations: [
        { type: 'wasGeneratedBy', from: 'j' },
        { type: 'wasInfluencedBy', from: 'p', to: 'a' },
        { type: 'wasInfluencedBy', from: 'j', to: 'a' },
        { type: 'wasStartedBy', from: 'p', to: 'j' },
      ],
    });
    expect(index.edgeCount).toBe(3);
    expect(index.relation(0)).toEqual({ type: 'wasInfluencedBy', from: 'p', to: 'a' });
    expect(problems.map((p) => `${p.code} ${p.path}`)).toEqual(['relation-signature relations[3]']);
  });
});
