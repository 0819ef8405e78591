/** `npm run keygen` and `npm run pack` as an operator runs them. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseTrustedKeys, openPack } from '../../src/platform/index.ts';
import { generateSnapshot } from '../../src/testing/generate-snapshot.ts';
import { writeSnapshotDir } from './snapshot-files.ts';

const run = (script: string, args: string[]) => spawnSync(process.execPath, ['--import', 'tsx', script, ...args], { encoding: 'utf8' });

describe('pack and keygen commands', () => {
  let tmp: string;
  beforeAll(() => {
    tmp = mkdtempSync(join(tmpdir(), 'raireki-cli-'));
    writeSnapshotDir(join(tmp, 'snapshot'), { id: 'cli-test', title: { en: 'CLI test' }, createdAt: '2025-01-01' }, [{ path: 'graph.json', ...generateSnapshot({ nodes: 300, seed: 5 }) }]);
    writeFileSync(join(tmp, 'researcher.pass'), 'a long researcher passphrase\n', { mode: 0o600 });
    writeFileSync(join(tmp, 'short.pass'), 'short\n', { mode: 0o600 });
  });
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));

  it('writes a private key only its owner can read and a public key file the app can parse', async () => {
    const r = run('cli/keygen.ts', ['--out', join(tmp, 'keys')]);
    expect(r.status, r.stderr).toBe(0);
    expect(statSync(join(tmp, 'keys', 'pack-signing-key.pem')).mode & 0o777).toBe(0o600);
    const [key] = await parseTrustedKeys(readFileSync(join(tmp, 'keys', 'pack-signing-public-key.json'), 'utf8'));
    expect(r.stdout).toContain(`key id ${key!.keyId}`);
    expect(run('cli/keygen.ts', ['--out', join(tmp, 'keys')]).status).toBe(1); // no silent overwrite
  });

  it('builds signed packs for every role, one of them encrypted with the default KDF strength', async () => {
    const out = join(tmp, 'packs');
    const r = run('cli/pack.ts', ['--policy', 'policy/default-policy.json', '--snapshot', join(tmp, 'snapshot'), '--out', out, '--key', join(tmp, 'keys', 'pack-signing-key.pem'), '--encrypt', `researcher=${join(tmp, 'researcher.pass')}`, '--built-by', 'CLI test']);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^clinician: \d+ files, [\d.]+ MB, [\d.]+ s → /m);
    expect(r.stdout).toMatch(/^researcher: .*, encrypted → /m);
    expect(readdirSync(out).sort()).toEqual(['auditor', 'build-report.md', 'clinician', 'researcher']);
    const trustedKeys = await parseTrustedKeys(readFileSync(join(tmp, 'keys', 'pack-signing-public-key.json'), 'utf8'));
    const read = async (p: string) => new Uint8Array(readFileSync(join(out, 'researcher', p)));
    const opened = await openPack({ read, trustedKeys, passphrase: async () => 'a long researcher passphrase' });
    expect(opened.pack.encryption?.kdf.iterations).toBe(600_000);
    expect(opened.pack.builtBy).toBe('CLI test');
  });

  it('verifies a pack folder and names the file that was changed', () => {
    const out = join(tmp, 'packs');
    const publicKey = join(tmp, 'keys', 'pack-signing-public-key.json');
    const ok = run('cli/lib/pack-verify.ts', [join(out, 'researcher'), '--public-key', publicKey, '--passphrase-file', join(tmp, 'researcher.pass')]);
    expect(ok.status, ok.stderr).toBe(0);
    expect(ok.stdout).toMatch(/^ok: researcher pack \(binary layout\), \d+ nodes, .*built by CLI test at .*, encrypted/);
    // Every details chunk is checked, not only the files the app reads first.
    const chunk = join(out, 'clinician', 'details', 'nodes-000000.json');
    writeFileSync(chunk, readFileSync(chunk, 'utf8').replace('"restricted"', '"restrictee"'));
    const bad = run('cli/lib/pack-verify.ts', [join(out, 'clinician'), '--public-key', publicKey]);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toMatch(/^refused: details\/nodes-000000\.json: SHA-256 .* does not match .* given by core\/graph\.bin/);
  });

  it('refuses weak encryption settings and unknown roles with a usage message', () => {
    const base = ['--policy', 'policy/default-policy.json', '--snapshot', join(tmp, 'snapshot'), '--out', join(tmp, 'packs2'), '--key', join(tmp, 'keys', 'pack-signing-key.pem')];
    const weak = run('cli/pack.ts', [...base, '--encrypt', `researcher=${join(tmp, 'researcher.pass')}`, '--kdf-iterations', '1000']);
    expect(weak.status).toBe(2);
    expect(weak.stderr).toContain('at least 600000');
    const short = run('cli/pack.ts', [...base, '--encrypt', `researcher=${join(tmp, 'short.pass')}`]);
    expect(short.stderr).toContain('shorter than 12 characters');
    const unknown = run('cli/pack.ts', [...base, '--role', 'janitor']);
    expect(unknown.status).toBe(1);
    expect(unknown.stderr).toContain('role "janitor" is not in the policy');
    const modelOnly = run('cli/pack.ts', [...base, '--literature-model', 'public/literature/sample/model']);
    expect(modelOnly.status).toBe(2);
    expect(modelOnly.stderr).toContain('--literature-model needs --literature');
    writeFileSync(join(tmp, 'empty.jsonl'), '{"id":"x"}\n');
    const empty = run('cli/pack.ts', [...base, '--literature', join(tmp, 'empty.jsonl')]);
    expect(empty.status).toBe(1);
    expect(empty.stderr).toContain('empty.jsonl: no usable literature records');
  });
});
