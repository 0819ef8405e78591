import { describe, expect, it } from 'vitest';
import { loadCore } from '../columnar/index.ts';
import { MANIFEST_FORMAT, type Manifest, type Relation, type SnapshotNode } from '../format/index.ts';
import { buildGraphIndex } from '../graph/index.ts';
import { writeMemoryCore } from '../../testing/core-snapshot.ts';
import { diffPairAfter, diffPairBefore } from '../../testing/diff-pair.ts';
import { coreDiffSide, jsonDiffSide, type DiffSide } from './diff-side.ts';
import { diffCsv, diffSummaryText, filterChanges } from './diff-rows.ts';
import { DiffRefusedError, diffSnapshots } from './snapshot-diff.ts';
import { fieldChanges } from './field-changes.ts';
import type { SnapshotDiff } from './diff-types.ts';

const manifest = (id: string, role?: string): Manifest => ({
  format: MANIFEST_FORMAT,
  version: 1,
  snapshot: { id, title: { en: id }, createdAt: '2026-01-01' },
  files: [{ path: 'graph.json', sha256: '0'.repeat(64), bytes: 1, contents: 'graph' }],
  ...(role
    ? { pack: { role, builtBy: 't', builtAt: '2026-01-01', builder: 't', keyId: '0'.repeat(16), policyHash: `sha256:${'0'.repeat(64)}`, hidden: { removed: {}, placeholders: {}, redacted: 0 } } }
    : {}),
});

function jsonSide(name: string, g: { nodes: SnapshotNode[]; relations: Relation[] }, role?: string): DiffSide {
  const { index, nodes } = buildGraphIndex(g);
  return jsonDiffSide(name, manifest(name, role), index, nodes, g.relations);
}

async function binarySide(name: string, g: { nodes: SnapshotNode[]; relations: Relation[] }, nodeChunkBytes = 300) {
  const written = writeMemoryCore(g.nodes, g.relations, { nodeChunkBytes, relationChunkBytes: 400 });
  const loaded = await loadCore(written.manifest, written.io.loadIo);
  return { side: coreDiffSide(name, loaded), reads: written.io.reads };
}

const layouts = {
  'JSON ↔ JSON': async () => [jsonSide('before', diffPairBefore()), jsonSide('after', diffPairAfter())] as const,
  'binary ↔ binary': async () => [(await binarySide('before', diffPairBefore())).side, (await binarySide('after', diffPairAfter())).side] as const,
  'JSON ↔ binary': async () => [jsonSide('before', diffPairBefore()), (await binarySide('after', diffPairAfter())).side] as const,
};

const byId = (d: SnapshotDiff, id: string) => d.nodes.find((n) => n.node.id === id);
const rel = (d: SnapshotDiff, type: string, from: string, to: string | null) => d.relations.filter((r) => r.type === type && r.from.id === from && (r.to?.id ?? null) === to);

describe.each(Object.entries(layouts))('diffSnapshots, %s', (_, open) => {
  it('lists added, removed and changed nodes with the fields that differ', async () => {
    const [a, b] = await open();
    const d = await diffSnapshots(a, b);
    expect(d.nodes.filter((n) => n.change === 'added').map((n) => n.node.id).sort()).toEqual(['dataset:new', 'output:2', 'session:2']);
    expect(d.nodes.filter((n) => n.change === 'removed').map((n) => n.node.id)).toEqual(['dataset:gone']);
    expect(byId(d, 'model:med')).toEqual({
      change: 'changed',
      node: expect.objectContaining({ id: 'model:med', name: 'Med-7B v2' }),
      fields: [
        { field: 'name', before: 'Med-7B', after: 'Med-7B v2' },
        { field: 'tags', before: ['medical'], after: ['medical', 'ja'] },
      ],
    });
    expect(byId(d, 'run:ft')!.fields).toEqual([{ field: 'attributes.epochs', before: 3, after: 4 }]);
    // An object absent on one side is compared member by member too.
    expect(fieldChanges({ id: 'x' }, { id: 'x', attributes: { note: 'n', epochs: 2 } })).toEqual([
      { field: 'attributes.note', after: 'n' },
      { field: 'attributes.epochs', after: 2 },
    ]);
    expect(byId(d, 'dataset:notes')!.fields).toEqual([
      { field: 'classification', before: 'internal', after: 'phi' },
      { field: 'containsPhi', before: false, after: true },
      { field: 'description.ja', before: 'ノート', after: '病棟ノート' },
    ]);
    // Unchanged nodes are not listed at all.
    for (const id of ['model:base', 'agent:lab', 'session:1', 'output:1']) expect(byId(d, id)).toBeUndefined();
    expect(d.unchanged.nodes).toBe(4);
  });

  it('recognises renames by alias and by content hash, not as removed and added', async () => {
    const [a, b] = await open();
    const d = await diffSnapshots(a, b);
    expect(byId(d, 'model:med-7b-int8')).toMatchObject({
      change: 'renamed',
      previousId: 'weights:v1',
      renamedBy: 'alias',
      fields: [
        { field: 'id', before: 'weights:v1', after: 'model:med-7b-int8' },
        { field: 'aliases', after: ['weights:v1'] },
      ],
    });
    expect(byId(d, 'dataset:pubmed-2024')).toMatchObject({ change: 'renamed', previousId: 'dataset:pubmed', renamedBy: 'content-hash', fields: [{ field: 'id', before: 'dataset:pubmed', after: 'dataset:pubmed-2024' }] });
    expect(byId(d, 'weights:v1')).toBeUndefined();
    expect(byId(d, 'dataset:pubmed')).toBeUndefined();
  });

  it('matches a relation whose ends were both renamed and reports the ends as its changed fields', async () => {
    const [a, b] = await open();
    const d = await diffSnapshots(a, b);
    expect(rel(d, 'wasDerivedFrom', 'model:med-7b-int8', 'dataset:pubmed-2024')).toEqual([
      {
        change: 'changed',
        type: 'wasDerivedFrom',
        from: { id: 'model:med-7b-int8', kind: 'model' },
        to: { id: 'dataset:pubmed-2024', kind: 'dataset' },
        role: 'calibration',
        previous: { from: 'weights:v1', to: 'dataset:pubmed' },
        fields: [
          { field: 'from', before: 'weights:v1', after: 'model:med-7b-int8' },
          { field: 'to', before: 'dataset:pubmed', after: 'dataset:pubmed-2024' },
        ],
      },
    ]);
    // One renamed end: the quantisation relation.
    expect(rel(d, 'wasDerivedFrom', 'model:med-7b-int8', 'model:med')[0]).toMatchObject({ change: 'changed', fields: [{ field: 'from', before: 'weights:v1', after: 'model:med-7b-int8' }] });
    expect(rel(d, 'used', 'run:ft', 'dataset:pubmed-2024')[0]!.fields).toEqual([{ field: 'to', before: 'dataset:pubmed', after: 'dataset:pubmed-2024' }]);
  });

  it('lists relations added, removed and changed; parallel relations pair with their unchanged twin first', async () => {
    const [a, b] = await open();
    const d = await diffSnapshots(a, b);
    expect(rel(d, 'used', 'run:ft', 'dataset:gone')).toMatchObject([{ change: 'removed', role: 'training data', to: { id: 'dataset:gone', kind: 'dataset' } }]);
    expect(rel(d, 'wasAttributedTo', 'dataset:notes', 'agent:lab')).toMatchObject([{ change: 'removed' }]);
    expect(rel(d, 'used', 'run:ft', 'dataset:new')).toMatchObject([{ change: 'added', role: 'training data' }]);
    expect(rel(d, 'used', 'session:2', 'model:med')).toMatchObject([{ change: 'added' }]);
    expect(rel(d, 'wasGeneratedBy', 'output:2', 'session:2')).toMatchObject([{ change: 'added' }]);
    expect(rel(d, 'wasGeneratedBy', 'model:med', 'run:ft')).toMatchObject([{ change: 'changed', fields: [{ field: 'time', before: '2024-03-06', after: '2024-03-07' }] }]);
    // "training data" exists on both sides (it moved in the list): only "validation data" → "test data" is a change.
    expect(rel(d, 'used', 'run:ft', 'dataset:notes')).toEqual([
      expect.objectContaining({ change: 'changed', role: 'test data', fields: [{ field: 'role', before: 'validation data', after: 'test data' }] }),
    ]);
    // A relation with no "to" (no edge of the graph) is matched by type and its end.
    expect(rel(d, 'wasGeneratedBy', 'dataset:phi-old', null)).toMatchObject([{ change: 'changed', to: null, fields: [{ field: 'time', before: '2020-01-01', after: '2020-01-02' }] }]);
    expect(d.relations).toHaveLength(11);
    expect(d.unchanged.relations).toBe(13 - 2 - 6);
    expect(d.a.relationCount).toBe(13);
    expect(d.b.relationCount).toBe(14);
  });

  it('reports re-classifications, flagging what became PHI', async () => {
    const [a, b] = await open();
    const d = await diffSnapshots(a, b);
    expect(d.reclassified.map((r) => ({ id: r.node.id, before: r.before, after: r.after, becamePhi: r.becamePhi }))).toEqual([
      { id: 'dataset:notes', before: { classification: 'internal', containsPhi: false }, after: { classification: 'phi', containsPhi: true }, becamePhi: true },
      { id: 'dataset:phi-old', before: { classification: 'phi', containsPhi: true }, after: { classification: 'internal', containsPhi: false }, becamePhi: false },
    ]);
  });

  it('groups new outputs by the model whose inference session generated them', async () => {
    const [a, b] = await open();
    const d = await diffSnapshots(a, b);
    expect(d.newOutputs.map((x) => ({ model: x.model.id, count: x.count, outputs: x.outputs.map((o) => o.id) }))).toEqual([{ model: 'model:med', count: 1, outputs: ['output:2'] }]);
  });

  it('finds nothing between a snapshot and itself', async () => {
    const [a] = await open();
    const d = await diffSnapshots(a, a);
    expect(d.nodes).toEqual([]);
    expect(d.relations).toEqual([]);
    expect(d.unchanged).toEqual({ nodes: 11, relations: 13 });
  });
});

describe('member order', () => {
  it('is no change: the same node and relation written with members in another order', async () => {
    const before = diffPairBefore();
    const reorder = <T extends object>(x: T): T => Object.fromEntries(Object.entries(x).reverse()) as T;
    const after = { nodes: before.nodes.map(reorder), relations: before.relations.map(reorder) };
    const d = await diffSnapshots(jsonSide('before', before), jsonSide('after', after));
    expect(d.nodes).toEqual([]);
    expect(d.relations).toEqual([]);
  });
});

describe('diff of binary snapshots', () => {
  it('does not read node chunks whose bytes are the same on both sides', async () => {
    const many = (suffix: string) => ({
      nodes: Array.from({ length: 400 }, (_, i): SnapshotNode => ({ id: `dataset:${i}`, kind: 'dataset', name: `D${i}${i === 399 ? suffix : ''}`, classification: 'public' })),
      relations: [] as Relation[],
    });
    const a = await binarySide('a', many(''), 2048);
    const b = await binarySide('b', many(' changed'), 2048);
    const chunks = a.side.nodeRuns.length;
    expect(chunks).toBeGreaterThan(5);
    a.reads.length = 0;
    b.reads.length = 0;
    const d = await diffSnapshots(a.side, b.side);
    expect(d.nodes).toEqual([expect.objectContaining({ change: 'changed', fields: [{ field: 'name', before: 'D399', after: 'D399 changed' }] })]);
    const nodeReads = (reads: string[]) => new Set(reads.filter((p) => p.includes('nodes-')));
    // Only the last chunk differs: read once to fingerprint it and once to compare its node.
    expect(nodeReads(a.reads)).toEqual(new Set([`details/nodes-${String(chunks - 1).padStart(6, '0')}.json`]));
    expect(nodeReads(b.reads).size).toBe(1);
  });
});

describe('a damaged details chunk', () => {
  it('fails the diff with the chunk named, however far ahead it was read', async () => {
    const written = writeMemoryCore(diffPairAfter().nodes, diffPairAfter().relations, { nodeChunkBytes: 300, relationChunkBytes: 400 });
    const path = [...written.io.files.keys()].filter((p) => p.startsWith('details/nodes-')).sort().at(-1)!;
    const bytes = written.io.files.get(path)!.slice();
    bytes[bytes.length - 3] = bytes[bytes.length - 3]! ^ 1;
    written.io.files.set(path, bytes);
    const b = coreDiffSide('after', await loadCore(written.manifest, written.io.loadIo));
    await expect(diffSnapshots(jsonSide('before', diffPairBefore()), b)).rejects.toThrow(new RegExp(`${path}: SHA-256 .* does not match`));
  });
});

describe('filters, CSV and text', () => {
  it('filters by node kind (a relation counts by either end) and by change', async () => {
    const d = await diffSnapshots(jsonSide('before', diffPairBefore()), jsonSide('after', diffPairAfter()));
    const outputs = filterChanges(d, { kinds: ['output'], changes: null });
    expect(outputs.nodes.map((n) => n.node.id)).toEqual(['output:2']);
    expect(outputs.relations.map((r) => `${r.from.id}>${r.to?.id}`)).toEqual(['output:2>session:2']);
    const added = filterChanges(d, { kinds: null, changes: ['added'] });
    expect(added.nodes.every((n) => n.change === 'added') && added.relations.every((r) => r.change === 'added')).toBe(true);
    expect(added.nodes).toHaveLength(3);
  });

  it('writes one CSV row per changed field, spreadsheet formulas neutralised', async () => {
    const before = diffPairBefore();
    const after = diffPairAfter();
    (after.nodes[1] as { name: string }).name = '=HYPERLINK("x")';
    const d = await diffSnapshots(jsonSide('before', before), jsonSide('after', after));
    const lines = diffCsv(d, { kinds: ['model'], changes: ['changed'] }, 'en').trimEnd().split('\r\n');
    expect(lines[0]).toBe('item,change,kind,id,name,relation,from,to,field,before,after,previous_id,renamed_by');
    expect(lines).toContain(`node,changed,model,model:med,"'=HYPERLINK(""x"")",,,,name,Med-7B,"'=HYPERLINK(""x"")",,`);
    expect(lines).toContain('node,changed,model,model:med,"\'=HYPERLINK(""x"")",,,,tags,"[""medical""]","[""medical"",""ja""]",,');
    expect(lines.some((l) => l.startsWith('relation,changed,,,,wasGeneratedBy,model:med,run:ft,time,2024-03-06,2024-03-07'))).toBe(true);
  });

  it('summarises counts in text', async () => {
    const d = await diffSnapshots(jsonSide('before', diffPairBefore()), jsonSide('after', diffPairAfter()));
    const text = diffSummaryText(d);
    expect(text).toContain('nodes: 3 added, 1 removed, 4 changed, 2 renamed (4 unchanged)');
    expect(text).toContain('relations: 3 added, 2 removed, 6 changed (5 unchanged)');
    expect(text).toContain('dataset:notes: internal, containsPhi false → phi, containsPhi true  [now PHI]');
    expect(text).toContain('renamed  node model model:med-7b-int8 (was weights:v1, by alias) — aliases: (none) → ["weights:v1"]');
  });
});

describe('role-aware', () => {
  it('refuses a pack against a plain snapshot, and packs of two roles', async () => {
    const g = diffPairBefore();
    await expect(diffSnapshots(jsonSide('p', g, 'clinician'), jsonSide('s', g))).rejects.toThrow(/p is the "clinician" role's pack and s is not a pack/);
    await expect(diffSnapshots(jsonSide('p', g, 'clinician'), jsonSide('q', g, 'researcher'))).rejects.toThrow(DiffRefusedError);
    await expect(diffSnapshots(jsonSide('p', g, 'clinician'), jsonSide('q', g, 'clinician'))).resolves.toMatchObject({ nodes: [], a: { role: 'clinician' } });
  });
});
