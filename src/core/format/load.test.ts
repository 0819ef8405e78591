import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { loadSnapshot, toGraphFile, type LoadIo } from './load.ts';
import { SnapshotError } from './problems.ts';
import type { Manifest } from './schema.ts';

const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
const enc = (s: string) => new TextEncoder().encode(s);

function folder(files: Record<string, string>, tamper: (m: Manifest) => void = () => {}) {
  const bytes = new Map(Object.entries(files).map(([k, v]) => [k, enc(v)]));
  const manifest: Manifest = {
    format: 'raireki-manifest',
    version: 1,
    snapshot: { id: 't', title: { en: 'T' }, createdAt: '2026-01-01' },
    files: [...bytes].map(([path, b]) => ({ path, sha256: sha(b), bytes: b.byteLength, contents: 'graph' as const })),
  };
  tamper(manifest);
  const io: LoadIo = {
    read: async (p) => bytes.get(p) ?? null,
    sha256: async (b) => sha(b),
    decodeUtf8: (b) => new TextDecoder().decode(b),
  };
  return { manifestText: JSON.stringify(manifest), io, bytes };
}

const graph = (ids: string[]) =>
  JSON.stringify(toGraphFile(ids.map((id) => ({ id, kind: 'model' as const, name: id, classification: 'public' as const })), []));

async function problemsOf(p: Promise<unknown>) {
  try {
    await p;
  } catch (err) {
    if (err instanceof SnapshotError) return err.problems;
    throw err;
  }
  throw new Error('expected the load to fail');
}

describe('loadSnapshot', () => {
  it('reads every listed file and remembers where each node came from', async () => {
    const { manifestText, io } = folder({ 'a.json': graph(['a1', 'a2']), 'b.json': graph(['b1']) });
    const progress: string[] = [];
    const loaded = await loadSnapshot(manifestText, { ...io, onProgress: (d, t, f) => progress.push(`${d}/${t}:${f}`) });
    expect(loaded.nodes.map((n) => n.id)).toEqual(['a1', 'a2', 'b1']);
    expect(loaded.nodeFiles).toEqual(['a.json', 'a.json', 'b.json']);
    expect(progress).toEqual(['0/2:a.json', '1/2:b.json', '2/2:']);
  });

  it('reads only graph files: a literature index is read by the literature search when it is used', async () => {
    const f = folder({ 'a.json': graph(['a1']), 'literature/docs.json': '[]' }, (m) => {
      m.version = 2;
      m.files[1]!.contents = 'literature';
    });
    const read: string[] = [];
    const loaded = await loadSnapshot(f.manifestText, { ...f.io, read: async (p) => (read.push(p), f.io.read(p)) });
    expect(read).toEqual(['a.json']);
    expect(loaded.manifest.files.map((x) => x.path)).toEqual(['a.json', 'literature/docs.json']);
  });

  it('fetches and hashes the next file while this one is parsed, one file ahead', async () => {
    const f = folder({ 'a.json': graph(['a1']), 'b.json': graph(['b1']), 'c.json': graph(['c1']) });
    const events: string[] = [];
    const decoder = new TextDecoder();
    await loadSnapshot(f.manifestText, {
      ...f.io,
      read: async (p) => (events.push(`read ${p}`), f.io.read(p)),
      decodeUtf8: (b) => {
        const text = decoder.decode(b);
        events.push(`parse ${(JSON.parse(text) as { nodes: { id: string }[] }).nodes[0]!.id}`);
        return text;
      },
    });
    expect(events).toEqual(['read a.json', 'read b.json', 'parse a1', 'read c.json', 'parse b1', 'parse c1']);
  });

  it('refuses a file whose content changed after the manifest was written', async () => {
    const f = folder({ 'g.json': graph(['x']) });
    f.bytes.set('g.json', enc(graph(['y'])));
    const problems = await problemsOf(loadSnapshot(f.manifestText, f.io));
    expect(problems[0]).toMatchObject({ code: 'hash-mismatch', file: 'g.json' });
  });

  it('calls a file shorter than the manifest says truncated', async () => {
    const f = folder({ 'g.json': graph(['x']) });
    f.bytes.set('g.json', f.bytes.get('g.json')!.subarray(0, 10));
    const problems = await problemsOf(loadSnapshot(f.manifestText, f.io));
    expect(problems[0]).toMatchObject({ code: 'truncated', file: 'g.json' });
    expect(problems[0]!.message).toMatch(/has 10 bytes but the manifest says \d+ \(truncated\?\)/);
  });

  it('names a missing file and a file that cannot be read', async () => {
    const missing = folder({ 'g.json': graph(['x']) }, (m) => m.files.push({ ...m.files[0]!, path: 'gone.json' }));
    expect((await problemsOf(loadSnapshot(missing.manifestText, missing.io)))[0]).toMatchObject({ code: 'missing-file', file: 'gone.json' });
    const failing = folder({ 'g.json': graph(['x']) });
    const io = { ...failing.io, read: async () => Promise.reject(new Error('HTTP 500')) };
    expect((await problemsOf(loadSnapshot(failing.manifestText, io)))[0]!.message).toBe('could not be read: HTTP 500');
  });

  it('reports a schema problem in a listed file, with its name', async () => {
    const f = folder({ 'g.json': graph(['x']).replace('"model"', '"robot"') });
    const problems = await problemsOf(loadSnapshot(f.manifestText, f.io));
    expect(problems[0]).toMatchObject({ code: 'schema', file: 'g.json', path: 'nodes[0].kind' });
  });

  it('collects the problems of every file, not only the first', async () => {
    const f = folder({ 'a.json': graph(['a']), 'b.json': graph(['b']) });
    f.bytes.set('a.json', enc(graph(['A'])));
    f.bytes.set('b.json', enc(graph(['B'])));
    const problems = await problemsOf(loadSnapshot(f.manifestText, f.io));
    expect(problems.map((p) => p.file)).toEqual(['a.json', 'b.json']);
  });

  it('reports a broken manifest under its own name', async () => {
    const problems = await problemsOf(loadSnapshot('{"format":', folder({}).io, 'manifest.json'));
    expect(problems[0]).toMatchObject({ code: 'truncated', file: 'manifest.json' });
  });
});
