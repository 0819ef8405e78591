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
    const nliOnly = run('cli/pack.ts', [...base, '--literature-nli', 'fixtures/models/tiny-nli']);
    expect(nliOnly.status).toBe(2);
    expect(nliOnly.stderr).toContain('--literature-nli needs --literature');
    writeFileSync(join(tmp, 'empty.jsonl'), '{"id":"x"}\n');
    const empty = run('cli/pack.ts', [...base, '--literature', join(tmp, 'empty.jsonl')]);
    expect(empty.status).toBe(1);
    expect(empty.stderr).toContain('empty.jsonl: no usable literature records');
  });

  it('signs an NLI model into a role\'s literature index (--literature-nli), and pack:literature --nli writes it under nli/', () => {
    const corpus = join(tmp, 'nli-corpus.jsonl');
    writeFileSync(corpus, ['{"_id":"a","title":"Metformin","abstract":"Reduce metformin when eGFR is 30 to 44."}', '{"_id":"b","title":"肺炎","abstract":"抗菌薬を投与した。"}'].join('\n') + '\n');
    const out = join(tmp, 'packs-nli');
    const r = run('cli/pack.ts', ['--policy', 'policy/default-policy.json', '--snapshot', join(tmp, 'snapshot'), '--out', out, '--key', join(tmp, 'keys', 'pack-signing-key.pem'), '--role', 'auditor', '--literature', corpus, '--literature-nli', 'fixtures/models/tiny-nli']);
    expect(r.status, r.stderr).toBe(0);
    const signed = readFileSync(join(out, 'auditor', 'manifest.json'), 'utf8');
    for (const f of ['model.onnx', 'tokenizer.json', 'raireki-model.json']) {
      expect(signed).toContain(`"literature/nli/${f}"`);
      expect(readFileSync(join(out, 'auditor', 'literature', 'nli', f))).toEqual(readFileSync(join('fixtures/models/tiny-nli', f)));
    }
    const verified = run('cli/lib/pack-verify.ts', [join(out, 'auditor'), '--public-key', join(tmp, 'keys', 'pack-signing-public-key.json')]);
    expect(verified.status, verified.stderr).toBe(0);

    const index = join(tmp, 'literature-nli');
    const lit = run('cli/pack-literature.ts', [corpus, index, '--nli', 'fixtures/models/tiny-nli']);
    expect(lit.status, lit.stderr).toBe(0);
    expect(lit.stderr).toContain('and the NLI model raireki-tiny-nli-random');
    expect(JSON.parse(readFileSync(join(index, 'literature-manifest.json'), 'utf8')).nli).toBe('raireki-tiny-nli-random');
    expect(readFileSync(join(index, 'nli', 'model.onnx'))).toEqual(readFileSync('fixtures/models/tiny-nli/model.onnx'));
    const wrong = run('cli/pack-literature.ts', [corpus, join(tmp, 'literature-wrong'), '--nli', 'fixtures/models/tiny-bert']);
    expect(wrong.status).toBe(1);
    expect(wrong.stderr).toContain('pack-literature: the NLI model folder cannot be used: raireki-model.json: raireki-tiny-bert-random is an embedding model');
  }, 90_000); // three tool runs, each starting tsx and onnxruntime
});
