/** `npm run import` as an operator runs it, on files the project wrote (e2e/interop-files). */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadCore } from '../src/core/columnar/index.ts';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { filesUnder } from './lib/folder-files.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nodeLoadIo, readSnapshotDir } from './lib/snapshot-files.ts';

import { parseImportArgs } from './lib/import-args.ts';

const run = (args: string[]) => spawnSync(process.execPath, ['--import', 'tsx', 'cli/import.ts', ...args], { encoding: 'utf8' });
const FILES = 'e2e/interop-files';

describe('npm run import', () => {
  let tmp: string;
  beforeAll(() => {
    tmp = mkdtempSync(join(tmpdir(), 'raireki-import-'));
  });
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));

  it('writes a snapshot the app loads, says what it read per format, and gives the same bytes when run again', async () => {
    const first = run([FILES, '--out', join(tmp, 'a'), '--quiet']);
    expect(first.status, first.stderr).toBe(0);
    expect(first.stderr).toMatch(/^OpenLineage: 1 file\(s\), 6 record\(s\) → /m);
    expect(first.stderr).toMatch(/^W3C PROV-JSON: 1 file\(s\), 1 record\(s\) → /m);
    expect(first.stderr).toMatch(/^wrote \d+ nodes and \d+ relations to /m);
    const loaded = await readSnapshotDir(join(tmp, 'a'));
    expect(loaded.nodes.some((n) => n.kind === 'job' && n.name === 'ward7.deidentify_notes')).toBe(true);
    expect(loaded.manifest.snapshot.generator).toBe('raireki import');

    // Both layouts by default: graph files for other tools, the binary core the app opens.
    expect(loaded.manifest.files.map((f) => f.contents).sort()).toEqual(['core', 'graph', 'search']);
    const core = await loadCore(loaded.manifest, nodeLoadIo(join(tmp, 'a')));
    expect(await core.details.allNodes()).toEqual(loaded.nodes);

    expect(run([FILES, '--out', join(tmp, 'b'), '--quiet']).status).toBe(0);
    const files = filesUnder(join(tmp, 'a'));
    expect(filesUnder(join(tmp, 'b'))).toEqual(files);
    for (const f of files) expect(readFileSync(join(tmp, 'b', f)), f).toEqual(readFileSync(join(tmp, 'a', f)));
  });

  it('writes the binary layout alone when asked, which the Node tools read whole', async () => {
    const r = run([FILES, '--out', join(tmp, 'bin'), '--layout', 'binary', '--quiet']);
    expect(r.status, r.stderr).toBe(0);
    const loaded = await readSnapshotDir(join(tmp, 'bin'));
    expect(loaded.manifest.files.map((f) => f.contents)).toEqual(['core', 'search']);
    expect(loaded.nodes.some((n) => n.kind === 'job' && n.name === 'ward7.deidentify_notes')).toBe(true);
    expect(run([FILES, '--out', join(tmp, 'x'), '--layout', 'columns']).stderr).toMatch(/--layout must be both, json or binary/);
  });

  it('merges ids an alias file names as one, and reports the merge', async () => {
    const aliases = join(tmp, 'aliases.json');
    writeFileSync(aliases, JSON.stringify({ format: 'raireki-aliases', version: 1, same: [['dataset:ward7-discharge-qa', 'ol:s3://midorigaoka-lake/sft/discharge_qa']] }));
    const r = run([FILES, '--out', join(tmp, 'c'), '--aliases', aliases, '--quiet']);
    expect(r.status, r.stderr).toBe(0);
    const loaded = await readSnapshotDir(join(tmp, 'c'));
    const qa = loaded.nodes.find((n) => n.id === 'dataset:ward7-discharge-qa');
    expect(qa?.aliases).toEqual(['ol:s3://midorigaoka-lake/sft/discharge_qa']);
    expect(loaded.relations.some((r) => r.to === 'dataset:ward7-discharge-qa' || r.from === 'dataset:ward7-discharge-qa')).toBe(true);
    expect(loaded.nodes.some((n) => n.id === 'ol:s3://midorigaoka-lake/sft/discharge_qa')).toBe(false);
  });

  it('names what it could not read (file and line) and still writes the rest; nothing importable exits 1', () => {
    const dir = join(tmp, 'bad');
    const lines = readFileSync(join(FILES, 'ward7-etl.ndjson'), 'utf8').split('\n');
    lines[1] = lines[1]!.slice(0, 50);
    spawnSync('mkdir', ['-p', dir]);
    writeFileSync(join(dir, 'cut.ndjson'), lines.join('\n'));
    writeFileSync(join(dir, 'card.md'), '---\nlicense: [unclosed\n---\n# A card\n');
    const r = run([dir, '--out', join(tmp, 'd'), '--quiet']);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toContain('bad/cut.ndjson:2');
    expect(r.stderr).toMatch(/bad\/card\.md/);

    const junk = join(tmp, 'junk.json');
    writeFileSync(junk, '{"hello": "world"}');
    const none = run([junk, '--out', join(tmp, 'e'), '--quiet']);
    expect(none.status).toBe(1);
    expect(none.stderr).toContain('nothing could be imported; nothing written');
  });

  it('refuses a call without --out or inputs, or with an unknown option, with the usage line', () => {
    expect(() => parseImportArgs([FILES])).toThrow('--out <snapshot dir> is required');
    expect(() => parseImportArgs(['--out', 'x'])).toThrow('name at least one file or folder to import');
    expect(() => parseImportArgs([FILES, '--out', 'x', '--classification', 'secret'])).toThrow('--classification must be one of public, internal, restricted, phi');
    const r = run([FILES, '--outt', 'x']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('unknown option --outt');
    expect(r.stderr).toContain('usage: npm run import');
  });
});
