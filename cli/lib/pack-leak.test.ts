/**
 * The leak test of issue 4: packs are built on disk as `npm run pack` builds them, and every
 * byte of every file of every role folder (decrypted and decompressed where encrypted) is
 * searched for every string the role must not see.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hiddenValuesFor, isPlaceholder, parsePolicy } from '../../src/core/access/index.ts';
import { sensitiveGraph, sensitiveLiterature } from '../../src/core/access/sensitive-graph.fixture.ts';
import { LITERATURE_DIR } from '../../src/core/pack/index.ts';
import type { LiteratureDoc } from '../../src/core/search/literature-pack.ts';
import { nodeRuntimeOptions } from './literature-node-io.ts';
import { buildLiteraturePack } from './literature-pack-build.ts';
import { buildGraphIndex, shortestPath } from '../../src/core/graph/index.ts';
import { generateSigningKeyPair, openPack, packContents, toBase64 } from '../../src/platform/index.ts';
import { generateSnapshot } from '../../src/testing/generate-snapshot.ts';
import { buildPacks, type BuildPacksResult } from './pack-build.ts';
import { filesUnder } from './folder-files.ts';
import { findLeaks, packPlaintexts, searchCoreTerms } from './pack-leak-scan.ts';
import { buildNodeSearchIndex } from '../../src/core/search/index.ts';
import { readSnapshotDir, writeSnapshotDir } from './snapshot-files.ts';

const POLICY = 'policy/default-policy.json';
const policy = parsePolicy(JSON.parse(readFileSync(POLICY, 'utf8')));
const PASSPHRASE = 'researcher passphrase for tests';
const SAMPLE = 'public/snapshots/sample';
const SAMPLE_CORPUS = 'fixtures/literature/corpus.jsonl';
let tmp: string;
let keyId: string;
let publicKeyRaw: Uint8Array;
let privateKeyPem: string;

beforeAll(async () => {
  tmp = mkdtempSync(join(tmpdir(), 'raireki-pack-'));
  ({ keyId, publicKeyRaw, privateKeyPem } = await generateSigningKeyPair());
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

async function buildFrom(snapshotDir: string, out: string, corpusPath: string): Promise<BuildPacksResult> {
  // Both layouts in every pack, so that the scan covers graph files, both binary cores and every details chunk.
  return buildPacks({ policyPath: POLICY, snapshotDir, outDir: out, privateKeyPem, passphrases: { researcher: PASSPHRASE }, iterations: 1000, builtBy: 'leak test', nodesPerFile: 1500, layout: 'both', literature: { corpusPath } });
}


/** The ids of the documents in a role's literature index (decrypted where encrypted). */
async function literatureIds(out: string, role: string): Promise<string[]> {
  const files = await packPlaintexts(join(out, role), role === 'researcher' ? PASSPHRASE : undefined);
  const docs = files.find((f) => f.path.replace(/\.enc$/, '') === `${LITERATURE_DIR}docs.json`);
  return docs ? (JSON.parse(docs.text) as LiteratureDoc[]).map((d) => d.id) : [];
}

async function expectNoLeaks(snapshotDir: string, out: string): Promise<void> {
  const source = await readSnapshotDir(snapshotDir);
  for (const role of Object.keys(policy.roles)) {
    const files = await packPlaintexts(join(out, role), role === 'researcher' ? PASSPHRASE : undefined);
    const leaks = findLeaks(files, hiddenValuesFor(policy, role, source.nodes, source.relations));
    expect(leaks.slice(0, 5), `${role} pack leaks`).toEqual([]);
    // The scan saw every file: manifest, signature, all graph files and the literature index, decrypted.
    expect(files.map((f) => f.path).sort()).toEqual(filesUnder(join(out, role)).sort());
    expect(files.some((f) => f.path.startsWith(LITERATURE_DIR + 'model/'))).toBe(true);
    // Decrypted: every JSON file of the encrypted pack reads as text (binary index files need not).
    expect(files.filter((f) => /\.json(\.enc)?$/.test(f.path) && f.text.includes('\uFFFD')).map((f) => f.path)).toEqual([]);
    expect(files.some((f) => f.path.startsWith('details/nodes-')) && files.some((f) => f.path.startsWith('core/search.bin'))).toBe(true);
    // And the pack is a snapshot the app opens without integrity warnings (placeholders keep PROV signatures).
    const read = async (p: string) => (existsSync(join(out, role, p)) ? new Uint8Array(readFileSync(join(out, role, p))) : null);
    const opened = await openPack({ read, trustedKeys: [{ keyId, publicKeyRaw }], expectedRole: role, passphrase: async () => PASSPHRASE });
    const contents = await packContents(opened.snapshot);
    expect(buildGraphIndex(contents).problems, role).toEqual([]);
    // The keyword index holds exactly the terms of the nodes the pack itself holds (scanned above), nothing more.
    const terms = opened.snapshot.layout === 'binary' ? searchCoreTerms((await opened.snapshot.io.read('core/search.bin'))!) : [];
    const own = buildNodeSearchIndex(contents.nodes).bm25.terms;
    expect(terms).toEqual(Array.from({ length: own.length }, (_, t) => own.at(t)));
  }
}

describe('packs of a generated snapshot with handmade sensitive nodes', () => {
  const snapshotDir = () => join(tmp, 'snapshot');
  const out = () => join(tmp, 'packs');
  const corpus = () => join(tmp, 'literature.jsonl');
  let result: BuildPacksResult;

  beforeAll(async () => {
    const generated = generateSnapshot({ nodes: 3000, seed: 7 });
    const extra = sensitiveGraph();
    writeSnapshotDir(snapshotDir(), { id: 'leak-test', title: { en: 'Leak test' }, createdAt: '2025-01-01', startNode: 'prompt:0001' }, [
      { path: 'generated.json', nodes: generated.nodes, relations: generated.relations },
      { path: 'sensitive.json', nodes: extra.nodes, relations: extra.relations },
    ]);
    // The handmade documents, and enough ordinary ones to train the default model on.
    const ordinary = Array.from({ length: 40 }, (_, i) => ({ id: `lit:ordinary-${i}`, title: `Cardiology note ${i}`, abstract: `Heart failure, atrial fibrillation and anticoagulation, case ${i}: dosing by renal function and weight.` }));
    const records = [...sensitiveLiterature().map(({ text, ...d }) => ({ ...d, abstract: text })), ...ordinary];
    writeFileSync(corpus(), records.map((r) => JSON.stringify(r)).join('\n') + '\n');
    result = await buildFrom(snapshotDir(), out(), corpus());
  });

  it('hides every hidden id, name, text, field value and content hash, in every byte', async () => {
    await expectNoLeaks(snapshotDir(), out());
  });

  it('indexes for each role only the literature it may read', async () => {
    const handmade = async (role: string) => (await literatureIds(out(), role)).filter((id) => !id.startsWith('lit:ordinary-')).sort();
    expect(await handmade('clinician')).toEqual(['lit:apixaban-dose', 'lit:llama-2']);
    expect(await handmade('auditor')).toEqual(sensitiveLiterature().map((d) => d.id).filter((id) => id !== 'lit:ward7-cohort').sort());
    expect(result.packs.find((p) => p.role === 'clinician')!.manifest.version).toBe(3);
  });

  it('has a scanner that finds what an unfiltered literature index would leak', async () => {
    const source = await readSnapshotDir(snapshotDir());
    const docs = sensitiveLiterature().concat(Array.from({ length: 40 }, (_, i) => ({ id: `lit:o-${i}`, title: `Note ${i}`, text: `Anticoagulation case ${i}.` })));
    const unfiltered = await buildLiteraturePack(docs, { runtime: nodeRuntimeOptions() });
    const files = [...unfiltered.files].map(([name, bytes]) => ({ path: LITERATURE_DIR + name, text: new TextDecoder().decode(bytes) }));
    const leaks = findLeaks(files, hiddenValuesFor(policy, 'clinician', source.nodes, source.relations));
    // Multi-word values leak through the documents; a term list holds single words only.
    expect(new Set(leaks.map((l) => l.file))).toEqual(new Set([`${LITERATURE_DIR}docs.json`]));
    expect(leaks.some((l) => l.value === 'Dr Hanako Sato')).toBe(true);
  });

  it('has a scanner that does find leaks (the auditor pack is full of what clinicians may not see)', async () => {
    const source = await readSnapshotDir(snapshotDir());
    const clinician = hiddenValuesFor(policy, 'clinician', source.nodes, source.relations);
    const handmade = new Set(sensitiveGraph().nodes.map((n) => n.id));
    const leaks = findLeaks(await packPlaintexts(join(out(), 'auditor')), { ...clinician, values: clinician.values.filter((s) => handmade.has(s.node)) });
    expect(leaks.length).toBeGreaterThan(20);
    expect(leaks.some((l) => l.value === 'What is the usual adult dose of apixaban for atrial fibrillation?')).toBe(true);
    expect(leaks.some((l) => l.value === 'access:0001')).toBe(true);
  });

  it('still connects an output to its base model through hidden nodes in the clinician pack', async () => {
    const trustedKeys = [{ keyId, publicKeyRaw }];
    const read = async (p: string) => (existsSync(join(out(), 'clinician', p)) ? new Uint8Array(readFileSync(join(out(), 'clinician', p))) : null);
    const opened = await openPack({ read, trustedKeys, expectedRole: 'clinician' });
    const snapshot = await packContents(opened.snapshot);
    const { index } = buildGraphIndex(snapshot);
    // output:0001 is PHI: find the placeholder generated by session 1, which stands for it.
    const standIn = snapshot.relations.find((r) => r.type === 'wasGeneratedBy' && r.to === 'session:0001')!.from;
    expect(isPlaceholder(snapshot.nodes.find((n) => n.id === standIn)!)).toBe(true);
    const output = index.indexOf(standIn);
    const path = shortestPath(index, output, index.indexOf('model:llama-2-70b'), { direction: 'up' });
    expect(path?.nodes.map((i) => index.nodeHead(i).kind)).toEqual(['output', 'activity', 'model', 'model']);
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
  it('leak nothing a role may not see, and index only the literature each role may read', async () => {
    const out = join(tmp, 'sample-packs');
    await buildFrom(SAMPLE, out, SAMPLE_CORPUS);
    await expectNoLeaks(SAMPLE, out);
    // The incident report is a restricted document: a placeholder for clinicians, so its abstracts are not in their index.
    const incident = ['lit:ja-ruh-incident-report', 'lit:ruh-incident-report'];
    expect(await literatureIds(out, 'clinician')).not.toEqual(expect.arrayContaining([incident[0]]));
    expect(await literatureIds(out, 'clinician')).not.toEqual(expect.arrayContaining([incident[1]]));
    expect(await literatureIds(out, 'auditor')).toEqual(expect.arrayContaining(incident));
    // And the scanner sees them where they are: the auditor's index is full of what clinicians may not read.
    const source = await readSnapshotDir(SAMPLE);
    const leaks = findLeaks(await packPlaintexts(join(out, 'auditor')), hiddenValuesFor(policy, 'clinician', source.nodes, source.relations));
    expect(leaks.some((l) => l.file === `${LITERATURE_DIR}docs.json` && l.node === 'doc:ruh-incident-report-inc-2025-0412')).toBe(true);
  }, 180_000); // trains the default model once per role
});
