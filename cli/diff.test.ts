/** `npm run diff` on hand-made pairs, in both layouts, as packs, and on bad input. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { diffPairAfter, diffPairBefore } from '../src/testing/diff-pair.ts';
import { runDiff } from './diff.ts';
import { writeSnapshotDir } from './lib/snapshot-files.ts';
import { verifyPackDir } from './lib/pack-verify.ts';

const run = (script: string, args: string[]) => spawnSync(process.execPath, ['--import', 'tsx', script, ...args], { encoding: 'utf8' });

describe('npm run diff', () => {
  let tmp: string;
  const dir = (name: string) => join(tmp, name);
  beforeAll(() => {
    tmp = mkdtempSync(join(tmpdir(), 'raireki-diff-'));
    const info = (id: string) => ({ id, title: { en: id }, createdAt: '2026-01-01' });
    writeSnapshotDir(dir('before'), info('before'), [{ path: 'graph.json', ...diffPairBefore() }]);
    writeSnapshotDir(dir('after'), info('after'), [{ path: 'graph.json', ...diffPairAfter() }]);
    writeSnapshotDir(dir('after-binary'), info('after'), [{ path: 'graph.json', ...diffPairAfter() }], false, 'binary');
  });
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));

  it('prints the same summary for either layout of the newer snapshot, and writes CSV', async () => {
    const json = await runDiff([dir('before'), dir('after')]);
    const binary = await runDiff([dir('before'), join(dir('after-binary'), 'manifest.json'), '--csv', dir('out.csv')]);
    expect(json.output).toContain('nodes: 3 added, 1 removed, 4 changed, 2 renamed (4 unchanged)');
    expect(json.output).toContain('relations: 3 added, 2 removed, 6 changed (5 unchanged)');
    expect(binary.diff.nodes).toEqual(json.diff.nodes);
    expect(binary.diff.relations).toEqual(json.diff.relations);
    expect(binary.output).toContain(`wrote ${dir('out.csv')}`);
    const csv = readFileSync(dir('out.csv'), 'utf8');
    expect(csv.startsWith('\ufeffitem,change,kind,id,name,')).toBe(true);
    expect(csv).toContain('node,renamed,model,model:med-7b-int8,Med-7B-int8,,,,id,weights:v1,model:med-7b-int8,weights:v1,alias');
    expect(csv).toContain('relation,changed,,,,wasDerivedFrom,model:med-7b-int8,dataset:pubmed-2024,to,dataset:pubmed,dataset:pubmed-2024,weights:v1 → dataset:pubmed,');
  });

  it('filters by kind and change, and prints JSON with --json', async () => {
    const r = await runDiff([dir('before'), dir('after'), '--kinds', 'output', '--changes', 'added', '--json']);
    const parsed = JSON.parse(r.output);
    expect(parsed.nodes.length).toBe(r.diff.nodes.length); // --json is the whole diff; filters apply to text and CSV
    const text = await runDiff([dir('before'), dir('after'), '--kinds', 'output', '--changes', 'added']);
    expect(text.output).toContain('added    node output output:2');
    expect(text.output).not.toContain('dataset:new');
  });

  it('names what is wrong and where', async () => {
    await expect(runDiff([dir('before')])).rejects.toThrow(/name two snapshots/);
    await expect(runDiff([dir('before'), dir('nowhere')])).rejects.toThrow(`${dir('nowhere')}: no such file or folder`);
    await expect(runDiff([dir('before'), tmp])).rejects.toThrow(/has no manifest.json/);
    await expect(runDiff([dir('before'), dir('after'), '--kinds', 'modle'])).rejects.toThrow(/--kinds: unknown "modle"/);
    // A damaged graph file: refused, naming the folder and the file.
    writeSnapshotDir(dir('damaged'), { id: 'd', title: { en: 'd' }, createdAt: '2026-01-01' }, [{ path: 'graph.json', ...diffPairAfter() }]);
    const graph = join(dir('damaged'), 'graph.json');
    writeFileSync(graph, readFileSync(graph, 'utf8').replace('Med-7B v2', 'Med-7B v3'));
    const r = run('cli/diff.ts', [dir('before'), dir('damaged')]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(`${join(dir('damaged'), 'graph.json')}`);
    expect(r.stderr).toMatch(/SHA-256 .* does not match the manifest/);
  });

  it('compares two packs of one role (only what they hold), and refuses packs of two roles', async () => {
    expect(run('cli/keygen.ts', ['--out', dir('keys')]).status).toBe(0);
    const key = join(dir('keys'), 'pack-signing-key.pem');
    const publicKey = join(dir('keys'), 'pack-signing-public-key.json');
    for (const side of ['before', 'after']) {
      const r = run('cli/pack.ts', ['--policy', 'policy/default-policy.json', '--snapshot', dir(side), '--out', dir(`packs-${side}`), '--key', key]);
      expect(r.status, r.stderr).toBe(0);
    }
    await expect(runDiff([join(dir('packs-before'), 'clinician'), join(dir('packs-after'), 'clinician')])).rejects.toThrow(/is a role pack \(clinician\): give --public-key/);
    const packs = await runDiff([join(dir('packs-before'), 'clinician'), join(dir('packs-after'), 'clinician'), '--public-key', publicKey]);
    expect(packs.diff.a.role).toBe('clinician');
    // Every node the diff names is one the clinician's packs hold.
    const held = new Set<string>();
    for (const side of ['before', 'after']) for (const n of (await verifyPackDir(join(dir(`packs-${side}`), 'clinician'), readFileSync(publicKey, 'utf8'))).contents.nodes) held.add(n.id);
    expect(packs.diff.nodes.length).toBeGreaterThan(0);
    for (const c of packs.diff.nodes) expect(held.has(c.node.id)).toBe(true);
    const all = await runDiff([dir('before'), dir('after')]);
    expect(packs.diff.nodes.length).toBeLessThanOrEqual(all.diff.nodes.length);
    await expect(runDiff([join(dir('packs-before'), 'clinician'), join(dir('packs-after'), 'researcher'), '--public-key', publicKey])).rejects.toThrow(/only packs of one role can be compared/);
    await expect(runDiff([join(dir('packs-before'), 'clinician'), dir('after'), '--public-key', publicKey])).rejects.toThrow(/is not a pack/);
  }, 60_000);
});
