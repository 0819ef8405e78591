/**
 * The leak test of issue 4: packs are built on disk as `npm run pack` builds them, and every
 * byte of every file of every role folder (decrypted and decompressed where encrypted) is
 * searched for every string the role must not see.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isPlaceholder, parsePolicy } from '../../src/core/access/index.ts';
import { sensitiveGraph } from '../../src/core/access/sensitive-graph.fixture.ts';
import { buildGraphIndex, shortestPath } from '../../src/core/graph/index.ts';
import { generateSigningKeyPair, openPack, toBase64 } from '../../src/platform/index.ts';
import { generateSnapshot } from '../../src/testing/generate-snapshot.ts';
import { buildPacks, type BuildPacksResult } from './pack-build.ts';
import { findLeaks, packPlaintexts, secretsFor } from './pack-leak-scan.ts';
import { readSnapshotDir, writeSnapshotDir } from './snapshot-files.ts';

const POLICY = 'policy/default-policy.json';
const policy = parsePolicy(JSON.parse(readFileSync(POLICY, 'utf8')));
const PASSPHRASE = 'researcher passphrase for tests';
const SAMPLE = 'public/snapshots/sample';
let tmp: string;
let keyId: string;
let publicKeyRaw: Uint8Array;
let privateKeyPem: string;

beforeAll(async () => {
  tmp = mkdtempSync(join(tmpdir(), 'raireki-pack-'));
  ({ keyId, publicKeyRaw, privateKeyPem } = await generateSigningKeyPair());
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

async function buildFrom(snapshotDir: string, out: string): Promise<BuildPacksResult> {
  return buildPacks({ policyPath: POLICY, snapshotDir, outDir: out, privateKeyPem, passphrases: { researcher: PASSPHRASE }, iterations: 1000, builtBy: 'leak test', nodesPerFile: 1500 });
}

async function expectNoLeaks(snapshotDir: string, out: string): Promise<void> {
  const source = await readSnapshotDir(snapshotDir);
  for (const role of Object.keys(policy.roles)) {
    const files = await packPlaintexts(join(out, role), role === 'researcher' ? PASSPHRASE : undefined);
    const secrets = secretsFor(policy, role, source.nodes, source.relations);
    const leaks = findLeaks(files, secrets);
    expect(leaks.slice(0, 5), `${role} pack leaks`).toEqual([]);
    // The scan saw every file: manifest, signature and all graph files, decrypted.
    expect(files.map((f) => f.path).sort()).toEqual(readdirSync(join(out, role)).sort());
    expect(files.every((f) => !f.text.includes('\uFFFD') || role !== 'researcher')).toBe(true);
    // And the pack is a snapshot the app opens without integrity warnings (placeholders keep PROV signatures).
    const read = async (p: string) => (existsSync(join(out, role, p)) ? new Uint8Array(readFileSync(join(out, role, p))) : null);
    const opened = await openPack({ read, trustedKeys: [{ keyId, publicKeyRaw }], expectedRole: role, passphrase: async () => PASSPHRASE });
    expect(buildGraphIndex(opened.snapshot).problems, role).toEqual([]);
  }
}

describe('packs of a generated snapshot with handmade sensitive nodes', () => {
  const snapshotDir = () => join(tmp, 'snapshot');
  const out = () => join(tmp, 'packs');
  let result: BuildPacksResult;

  beforeAll(async () => {
    const generated = generateSnapshot({ nodes: 3000, seed: 7 });
    const extra = sensitiveGraph();
    writeSnapshotDir(snapshotDir(), { id: 'leak-test', title: { en: 'Leak test' }, createdAt: '2025-01-01', startNode: 'prompt:0001' }, [
      { path: 'generated.json', nodes: generated.nodes, relations: generated.relations },
      { path: 'sensitive.json', nodes: extra.nodes, relations: extra.relations },
    ]);
    result = await buildFrom(snapshotDir(), out());
  });

  it('hides every hidden id, name, text, field value and content hash, in every byte', async () => {
    await expectNoLeaks(snapshotDir(), out());
  });

  it('has a scanner that does find leaks (the auditor pack is full of what clinicians may not see)', async () => {
    const source = await readSnapshotDir(snapshotDir());
    const clinician = secretsFor(policy, 'clinician', source.nodes, source.relations);
    const handmade = new Set(sensitiveGraph().nodes.map((n) => n.id));
    const leaks = findLeaks(await packPlaintexts(join(out(), 'auditor')), { ...clinician, secrets: clinician.secrets.filter((s) => handmade.has(s.node)) });
    expect(leaks.length).toBeGreaterThan(20);
    expect(leaks.some((l) => l.value === 'What is the usual adult dose of apixaban for atrial fibrillation?')).toBe(true);
    expect(leaks.some((l) => l.value === 'access:0001')).toBe(true);
  });

  it('still connects an output to its base model through hidden nodes in the clinician pack', async () => {
    const trustedKeys = [{ keyId, publicKeyRaw }];
    const read = async (p: string) => (existsSync(join(out(), 'clinician', p)) ? new Uint8Array(readFileSync(join(out(), 'clinician', p))) : null);
    const { snapshot } = await openPack({ read, trustedKeys, expectedRole: 'clinician' });
    const { index } = buildGraphIndex(snapshot);
    // output:0001 is PHI: find the placeholder generated by session 1, which stands for it.
    const standIn = snapshot.relations.find((r) => r.type === 'wasGeneratedBy' && r.to === 'session:0001')!.from;
    expect(isPlaceholder(snapshot.nodes.find((n) => n.id === standIn)!)).toBe(true);
    const output = index.indexOf(standIn);
    const path = shortestPath(index, output, index.indexOf('model:llama-2-70b'), { direction: 'up' });
    expect(path?.nodes.map((i) => index.nodes[i]!.kind)).toEqual(['output', 'activity', 'model', 'model']);
    expect(snapshot.manifest.snapshot.startNode).toBeUndefined();
  });

  it('writes the build report outside every role folder, naming builder, policy hash and key id', () => {
    expect(result.reportPath).toBe(join(out(), 'build-report.md'));
    for (const role of Object.keys(policy.roles)) expect(readdirSync(join(out(), role))).not.toContain('build-report.md');
    const report = readFileSync(result.reportPath, 'utf8');
    expect(report).toContain('Built by: leak test');
    expect(report).toContain(`Signing key id: \`${keyId}\``);
    expect(report).toMatch(/Policy: `policy\/default-policy.json` \(sha256:[0-9a-f]{64}\)/);
    expect(report).toMatch(/## clinician[\s\S]*Replaced by "restricted" placeholders: \d+ — by kind: .*prompt \d+/);
    expect(report).toMatch(/## auditor[\s\S]*\| text \| \d+ \| 0 \|/);
    expect(toBase64(publicKeyRaw).length).toBe(44);
  });
});

describe.runIf(existsSync(join(SAMPLE, 'manifest.json')))(`packs of the sample (${SAMPLE})`, () => {
  it('leak nothing a role may not see', async () => {
    const out = join(tmp, 'sample-packs');
    await buildFrom(SAMPLE, out);
    await expectNoLeaks(SAMPLE, out);
  });
});
