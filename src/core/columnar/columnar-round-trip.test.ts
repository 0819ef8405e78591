import { describe, expect, it } from 'vitest';
import { buildGraphIndex, closure, neighbourhood, shortestPath, type GraphIndex } from '../graph/index.ts';
import { buildNodeSearchIndex, explainHit, rankNodes } from '../search/index.ts';
import type { Relation, SnapshotNode } from '../format/index.ts';
import { generateSnapshot, streamGeneratedSnapshot } from '../../testing/generate-snapshot.ts';
import { memoryCoreIo } from '../../testing/memory-core-io.ts';
import { CoreSnapshotWriter } from './snapshot-writer.ts';
import { makeNode, makeRelation } from '../../testing/graph-builders.ts';
import { sampleLineage } from '../../testing/sample-lineage.ts';
import { writeMemoryCore } from '../../testing/core-snapshot.ts';
import { loadCore, loadSearchCore } from './load-core.ts';

/** A graph with what version 2 and real data bring: every awkward case the writer must keep. */
function awkwardGraph(): { nodes: SnapshotNode[]; relations: Relation[] } {
  const nodes = [
    makeNode('model', 'hf:meditron/meditron-70b', { name: 'Meditron-70B', label: { en: 'Meditron 70B', ja: 'メディトロン' }, subtype: 'finetuned', classification: 'public' }),
    makeNode('model', 'hf:meta/llama-2-70b', { name: 'Llama-2-70B', subtype: 'foundation', attributes: { size: { $: '70', type: 'xsd:int' }, tags: ['a', { $: 'chat', lang: 'en' }] } }),
    makeNode('dataset', 'ds:ward7', { name: '病棟7の記録', containsPhi: true, classification: 'phi', columnLineage: [{ field: 'x', inputs: [{ dataset: 'ds:raw', field: 'y' }] }] }),
    makeNode('activity', 'run:1', { name: 'fine-tune', subtype: 'finetuning', startedAt: '2024-01-01T00:00:00Z' }),
    makeNode('agent', 'person:ümit', { name: 'Ümit 😀 Yılmaz', subtype: 'person', role: 'researcher' }),
    makeNode('entity', 'ex:lone\ud800surrogate', { name: 'odd \udc00 text', implicit: true }),
    makeNode('entity', 'ex:lone\ud801surrogate', { name: 'another' }),
    makeNode('output', 'placeholder:1', { name: 'restricted', tags: ['raireki:placeholder'], classification: 'restricted' }),
    makeNode('model', 'hf:meta/llama-2-70b', { name: 'a duplicate, dropped' }),
    makeNode('job', 'ol-job:etl', { name: 'etl', namespace: 'hospital' }),
  ];
  const relations = [
    makeRelation('wasDerivedFrom', 'hf:meditron/meditron-70b', 'hf:meta/llama-2-70b', { subtype: 'finetune', role: 'base model' }),
    makeRelation('wasGeneratedBy', 'hf:meditron/meditron-70b', 'run:1', { time: '2024-02-01' }),
    makeRelation('used', 'run:1', 'ds:ward7', { role: 'training data', id: 'u1', attributes: { note: 'x' } }),
    makeRelation('used', 'run:1', 'ghost:missing'),
    { type: 'wasGeneratedBy', from: 'ds:ward7' } as Relation,
    makeRelation('wasAssociatedWith', 'run:1', 'person:ümit', { args: { plan: 'ol-job:etl' } }),
    makeRelation('wasDerivedFrom', 'ex:lone\ud800surrogate', 'ex:lone\ud801surrogate'),
    makeRelation('wasDerivedFrom', 'ex:lone\ud801surrogate', 'ex:lone\ud800surrogate'),
    makeRelation('wasAttributedTo', 'placeholder:1', 'person:ümit'),
  ];
  return { nodes, relations };
}

const graphs: [string, () => { nodes: SnapshotNode[]; relations: Relation[] }][] = [
  ['the hand-made lineage', sampleLineage],
  ['awkward ids, version-2 fields and integrity problems', awkwardGraph],
  ['a generated 3,000-node snapshot', () => generateSnapshot({ nodes: 3000, seed: 11 })],
];

const ARRAYS = ['kindCodes', 'edgeFrom', 'edgeTo', 'typeCodes', 'outOffsets', 'outEdges', 'outNodes', 'inOffsets', 'inEdges', 'inNodes'] as const;

describe.each(graphs)('binary layout round trip: %s', (_, make) => {
  const { nodes, relations } = make();
  const json = buildGraphIndex({ nodes, relations });
  // Small chunks, so that even the small graphs have several.
  const { io, manifest, written } = writeMemoryCore(nodes, relations, { nodeChunkBytes: 600, relationChunkBytes: 400 });

  it('keeps every node, field and relation, and the same warnings', async () => {
    const loaded = await loadCore(manifest, io.loadIo);
    const { index, details } = loaded;
    expect(index.nodeCount).toBe(json.index.nodeCount);
    expect(index.edgeCount).toBe(json.index.edgeCount);
    for (const name of ARRAYS) expect(index[name], name).toEqual(json.index[name]);
    for (let i = 0; i < index.nodeCount; i++) {
      expect(index.nodeHead(i)).toEqual(json.index.nodeHead(i));
      expect(index.nodeSubtype(i)).toBe(json.index.nodeSubtype(i));
      expect(index.indexOf(json.index.nodeId(i))).toBe(i);
    }
    expect(index.indexOf('no such id')).toBe(-1);
    for (let e = 0; e < index.edgeCount; e++) {
      const { type, from, to, subtype, role } = json.index.relation(e);
      expect(index.relation(e)).toEqual({ type, from, to, ...(subtype ? { subtype } : {}), ...(role !== undefined ? { role } : {}) });
    }
    expect(await details.allNodes()).toEqual(json.nodes);
    expect(await details.allRelations()).toEqual(relations);
    expect(written.meta.warnings).toEqual(json.problems);
    expect(written.meta.relationCount).toBe(relations.length);
  });

  it('gives whole nodes once their chunk is read, and only then', async () => {
    const { index, details } = await loadCore(manifest, io.loadIo);
    const last = index.nodeCount - 1;
    expect(index.node(last)).toBeUndefined();
    expect(await details.node(last)).toEqual(json.nodes[last]);
    expect(index.node(last)).toEqual(json.nodes[last]);
    expect(details.fileOf(last)).toMatch(/^details\/nodes-\d{6}\.json$/);
  });

  it('answers traversals exactly as the JSON layout does', async () => {
    const { index } = await loadCore(manifest, io.loadIo);
    const same = (f: (g: GraphIndex) => unknown) => expect(f(index)).toEqual(f(json.index));
    const starts = [0, Math.floor(index.nodeCount / 2), index.nodeCount - 1];
    for (const s of starts) {
      for (const direction of ['up', 'down', 'both'] as const) same((g) => neighbourhood(g, s, { direction, depth: 3, maxNodes: 400 }));
      same((g) => closure(g, s, 'down'));
      same((g) => closure(g, s, 'up'));
      for (const t of starts) same((g) => shortestPath(g, s, t));
    }
  });

  it('ranks and explains keyword searches exactly as the JSON layout does', async () => {
    const { index, search } = await loadCore(manifest, io.loadIo);
    const fromCore = await loadSearchCore(search!, io.loadIo, index);
    const fromJson = buildNodeSearchIndex(json.nodes);
    const queries = ['meditron', 'medit', '病棟', '病', 'llama 2 70b', json.nodes[0]!.id, json.nodes[json.nodes.length - 1]!.name, 'ümit', 'nothing-like-this'];
    for (const q of queries) {
      for (const kinds of [undefined, ['model' as const, 'output' as const]]) {
        const a = rankNodes(fromCore, q, { limit: 20, kinds });
        const b = rankNodes(fromJson, q, { limit: 20, kinds });
        expect(a.hits, q).toEqual(b.hits);
        for (const hit of a.hits) expect(explainHit(fromCore, a, hit, json.nodes[hit.node]!)).toBe(explainHit(fromJson, b, hit, json.nodes[hit.node]!));
      }
    }
  });
});

describe('binary layout output', () => {
  it('is the same bytes every time for the same input', () => {
    const { nodes, relations } = generateSnapshot({ nodes: 1000, seed: 3 });
    const a = writeMemoryCore(nodes, relations);
    const b = writeMemoryCore(nodes, relations);
    expect([...a.io.files.keys()]).toEqual([...b.io.files.keys()]);
    for (const [path, bytes] of a.io.files) expect(b.io.files.get(path), path).toEqual(bytes);
  });

  it('reads only the graph core to open, one chunk per node shown, and the search core when asked', async () => {
    const { nodes, relations } = generateSnapshot({ nodes: 2000, seed: 5 });
    const { io, manifest, written } = writeMemoryCore(nodes, relations, { nodeChunkBytes: 2000 });
    expect(written.nodeChunks).toBeGreaterThan(10);
    const { index, details, search } = await loadCore(manifest, io.loadIo);
    expect(io.reads).toEqual(['core/graph.bin']);
    await details.node(index.indexOf(nodes[1500]!.id));
    expect(io.reads.slice(1)).toHaveLength(1);
    expect(io.reads[1]).toMatch(/^details\/nodes-/);
    await loadSearchCore(search!, io.loadIo, index);
    expect(io.reads.at(-1)).toBe('core/search.bin');
  });
});

describe('writing a streamed snapshot', () => {
  it('gives the same snapshot as writing it whole (every relation comes after its ends)', async () => {
    const whole = generateSnapshot({ nodes: 2500, seed: 8 });
    const expected = writeMemoryCore(whole.nodes, whole.relations);
    const io = memoryCoreIo();
    const writer = new CoreSnapshotWriter(io);
    streamGeneratedSnapshot({ nodes: 2500, seed: 8 }, { node: (n) => writer.addNode(n), relation: (r) => writer.addRelation(r) });
    const written = writer.finish();
    expect(written.meta.warnings).toEqual([]);
    expect([...io.files.keys()]).toEqual([...expected.io.files.keys()]);
    // Details and keyword index byte for byte; the graph core's string table may list role
    // strings at other places (relations came between nodes), so it is compared by content.
    for (const [path, bytes] of io.files) if (path !== 'core/graph.bin') expect(Buffer.compare(bytes, expected.io.files.get(path)!), path).toBe(0);
    const a = await loadCore(expected.manifest, expected.io.loadIo);
    const b = await loadCore({ ...expected.manifest, files: written.files }, io.loadIo);
    const bytesOf = (v: ArrayBufferView) => new Uint8Array(v.buffer, v.byteOffset, v.byteLength);
    for (const name of ARRAYS) expect(Buffer.compare(bytesOf(b.index[name]), bytesOf(a.index[name])), name).toBe(0);
    for (let i = 0; i < a.index.nodeCount; i += 7) expect(b.index.nodeHead(i)).toEqual(a.index.nodeHead(i));
    for (let e = 0; e < a.index.edgeCount; e += 5) expect(b.index.relation(e)).toEqual(a.index.relation(e));
  });
});
