import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { parsePolicy, redactSnapshot } from '../core/access/index.ts';
import { sensitiveGraph } from '../core/access/sensitive-graph.fixture.ts';
import { SnapshotError } from '../core/format/index.ts';
import { buildRolePack, type BuiltPack, type SnapshotLayout } from '../core/pack/index.ts';
import { encodeUtf8, toBase64 } from './bytes.ts';
import { generateSigningKeyPair } from './ed25519.ts';
import { PackRefusedError, openPack, packContents } from './open-pack.ts';
import { PackFileError, packFileReader } from './pack-files.ts';
import { listIndexFiles } from '../core/search/part-tables.ts';
import { sha256Hex } from './bytes.ts';
import { WrongPassphraseError } from './pack-encryption.ts';
import type { TrustedKey } from './trusted-keys.ts';
import { verifyPack } from './verify-pack.ts';
import { passphraseSealer, pemSigner, webHasher } from './web-pack-crypto.ts';

const policy = parsePolicy(JSON.parse(readFileSync(new URL('../../policy/default-policy.json', import.meta.url), 'utf8')));
const info = { id: 'test', title: { en: 'Test' }, createdAt: '2025-01-01', startNode: 'model:meditron-ward7' };
let trusted: TrustedKey;
let privateKeyPem: string;

beforeAll(async () => {
  const pair = await generateSigningKeyPair();
  trusted = { keyId: pair.keyId, publicKeyRaw: pair.publicKeyRaw };
  privateKeyPem = pair.privateKeyPem;
});

/** A stand-in literature index: what matters here is how its files are listed, sealed and read. */
const LITERATURE = new Map([
  ['docs.json', encodeUtf8('[{"id":"lit:1","title":"Apixaban dose","text":"…"}]')],
  ['vectors.i8', new Uint8Array([1, 2, 3, 250])],
]);

async function build(role: string, passphrase?: string, startNode = info.startNode, layout: SnapshotLayout = 'json', literature: ReadonlyMap<string, Uint8Array> = LITERATURE): Promise<BuiltPack> {
  return buildRolePack({
    source: { info: { ...info, startNode }, ...sensitiveGraph() },
    policy,
    policyHash: `sha256:${'ab'.repeat(32)}`,
    role,
    builtBy: 'tester@host',
    builtAt: '2025-06-01T12:00:00Z',
    builder: 'raireki pack test',
    signer: await pemSigner(privateKeyPem),
    hasher: webHasher,
    sealer: passphrase === undefined ? undefined : await passphraseSealer(passphrase, role, { iterations: 1000 }),
    nodesPerFile: 8, // several graph files, so that tampering is tried on each
    layout,
    literature: { files: literature, kept: 1, leftOut: [] },
  });
}

const reader = (pack: BuiltPack, change?: (path: string, bytes: Uint8Array) => Uint8Array) => {
  const files = new Map(pack.files.map((f) => [f.path, change ? change(f.path, f.bytes) : f.bytes]));
  return async (path: string) => files.get(path) ?? null;
};

const flipByte = (bytes: Uint8Array, at = Math.floor(bytes.length / 2)) => {
  const copy = bytes.slice();
  copy[at]! ^= 0x01;
  return copy;
};

describe('openPack', () => {
  it('verifies and loads a pack: the redacted graph, who built it and when', async () => {
    const pack = await build('clinician');
    const opened = await openPack({ read: reader(pack), trustedKeys: [trusted], expectedRole: 'clinician' });
    const expected = redactSnapshot(policy, 'clinician', sensitiveGraph());
    const contents = await packContents(opened.snapshot);
    expect(contents.nodes).toEqual(expected.nodes);
    expect(contents.relations).toEqual(expected.relations);
    expect(opened.pack).toMatchObject({ role: 'clinician', builtBy: 'tester@host', builtAt: '2025-06-01T12:00:00Z', keyId: trusted.keyId });
    expect(opened.pack.hidden).toEqual({ removed: { agent: 2, activity: 1 }, placeholders: { dataset: 2, prompt: 2, output: 1 }, redacted: 0 });
    expect(contents.manifest.snapshot.startNode).toBe('model:meditron-ward7');
    expect(pack.files.filter((f) => f.path.startsWith('graph-')).length).toBeGreaterThan(1);
  });

  it('leaves out a start node the role may not see', async () => {
    const pack = await build('clinician', undefined, 'prompt:0001');
    expect(pack.manifest.snapshot.startNode).toBeUndefined();
  });

  it('names the file when any one byte of any graph file changes', async () => {
    const pack = await build('auditor');
    for (const target of pack.files.filter((f) => f.path.startsWith('graph-'))) {
      const read = reader(pack, (path, bytes) => (path === target.path ? flipByte(bytes) : bytes));
      const err = await openPack({ read, trustedKeys: [trusted] }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(SnapshotError);
      expect((err as SnapshotError).problems).toEqual([expect.objectContaining({ code: 'hash-mismatch', file: target.path })]);
    }
  });

  it('refuses a changed manifest, a changed signature, a missing signature and another key', async () => {
    const pack = await build('researcher');
    const refused = async (change: (path: string, bytes: Uint8Array) => Uint8Array | null, keys = [trusted]) => {
      const read = reader(pack, change as (p: string, b: Uint8Array) => Uint8Array);
      return (await openPack({ read, trustedKeys: keys }).catch((e: unknown) => e)) as PackRefusedError;
    };
    const manifestEdit = await refused((p, b) => (p === 'manifest.json' ? encodeUtf8(new TextDecoder().decode(b).replace('"removed": {', '"removed": { "x": 0,')) : b));
    expect(manifestEdit).toBeInstanceOf(PackRefusedError);
    expect(manifestEdit.code).toBe('bad-signature');
    expect(manifestEdit.message).toMatch(/manifest.json does not match its signature/);
    expect((await refused((p, b) => (p === 'manifest.json' ? flipByte(b, b.length - 3) : b))).code).toBe('bad-signature');
    const sig = await refused((p, b) => (p === 'manifest.sig' ? encodeUtf8(toBase64(new Uint8Array(64))) : b));
    expect(sig.code).toBe('bad-signature');
    expect((await refused((p, b) => (p === 'manifest.sig' ? null! : b))).code).toBe('unsigned');
    const other = await generateSigningKeyPair();
    const untrusted = await refused((_p, b) => b, [{ keyId: other.keyId, publicKeyRaw: other.publicKeyRaw }]);
    expect(untrusted.code).toBe('unknown-key');
    expect(untrusted.message).toContain(trusted.keyId);
  });

  it('refuses the pack of another role than the server assigned', async () => {
    const pack = await build('auditor');
    await expect(openPack({ read: reader(pack), trustedKeys: [trusted], expectedRole: 'clinician' })).rejects.toThrow(/this is the auditor pack, but the server assigned the role clinician/);
  });

  it('reports the verified builder through verifyPack', async () => {
    const pack = await build('auditor');
    const bytes = (p: string) => pack.files.find((f) => f.path === p)!.bytes;
    const result = await verifyPack(bytes('manifest.json'), bytes('manifest.sig'), trusted);
    expect(result).toMatchObject({ ok: true, keyId: trusted.keyId, role: 'auditor', builtBy: 'tester@host', builtAt: '2025-06-01T12:00:00Z' });
  });
});

describe('openPack, encrypted', () => {
  it('opens with the right passphrase; the files on the server are ciphertext', async () => {
    const pack = await build('auditor', 'a long role passphrase');
    expect(pack.files.map((f) => f.path).filter((p) => p.startsWith('graph-')).every((p) => p.endsWith('.json.enc'))).toBe(true);
    const opened = await openPack({ read: reader(pack), trustedKeys: [trusted], passphrase: async () => 'a long role passphrase' });
    expect((await packContents(opened.snapshot)).nodes).toEqual(redactSnapshot(policy, 'auditor', sensitiveGraph()).nodes);
    expect(opened.pack.encryption).toMatchObject({ algorithm: 'AES-256-GCM', kdf: { name: 'PBKDF2-SHA-256', iterations: 1000 }, compression: 'gzip' });
  });

  it('says "wrong passphrase" before fetching any file', async () => {
    const pack = await build('auditor', 'a long role passphrase');
    const fetched: string[] = [];
    const read = async (path: string) => (fetched.push(path), pack.files.find((f) => f.path === path)?.bytes ?? null);
    const err = await openPack({ read, trustedKeys: [trusted], passphrase: async () => 'not the passphrase' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(WrongPassphraseError);
    expect((err as Error).message).toBe('wrong passphrase or damaged pack');
    expect(fetched).toEqual(['manifest.json', 'manifest.sig']);
  });

  it('names a changed encrypted file before decrypting it', async () => {
    const pack = await build('auditor', 'a long role passphrase');
    const target = pack.files.find((f) => f.path.endsWith('.enc'))!.path;
    const read = reader(pack, (p, b) => (p === target ? flipByte(b) : b));
    const err = await openPack({ read, trustedKeys: [trusted], passphrase: async () => 'a long role passphrase' }).catch((e: unknown) => e);
    expect((err as SnapshotError).problems).toEqual([expect.objectContaining({ code: 'hash-mismatch', file: target })]);
  });

  it('asks for a passphrase only when the pack is encrypted', async () => {
    const pack = await build('auditor', 'a long role passphrase');
    await expect(openPack({ read: reader(pack), trustedKeys: [trusted] })).rejects.toThrow(/encrypted and no passphrase/);
  });
});

describe('reading a pack\'s literature files on demand', () => {
  it('opens the graph without reading the literature, then reads each literature file against the signature', async () => {
    const pack = await build('clinician');
    const asked: string[] = [];
    const read = reader(pack);
    const opened = await openPack({ read: async (p) => (asked.push(p), read(p)), trustedKeys: [trusted], expectedRole: 'clinician' });
    expect(asked.filter((p) => p.startsWith('literature/'))).toEqual([]);
    expect(pack.manifest.version).toBe(2);
    const readFile = packFileReader(read, opened.files);
    expect(await readFile('literature/vectors.i8')).toEqual(LITERATURE.get('vectors.i8'));
    await expect(readFile('literature/not-listed.json')).rejects.toThrow('literature/not-listed.json: is not listed in the signed manifest');
  });

  it('refuses a literature file changed after signing, naming it', async () => {
    const pack = await build('clinician');
    const read = reader(pack, (path, bytes) => (path === 'literature/docs.json' ? flipByte(bytes) : bytes));
    const opened = await openPack({ read, trustedKeys: [trusted], expectedRole: 'clinician' });
    const err = await packFileReader(read, opened.files)('literature/docs.json').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PackFileError);
    expect((err as PackFileError).problem).toMatchObject({ code: 'hash-mismatch', file: 'literature/docs.json' });
  });

  it('decrypts an encrypted pack\'s literature files with the key the passphrase gave', async () => {
    const pack = await build('researcher', 'correct horse battery staple');
    expect(pack.files.map((f) => f.path)).toContain('literature/docs.json.enc');
    expect(pack.files.map((f) => f.path)).not.toContain('literature/docs.json');
    const opened = await openPack({ read: reader(pack), trustedKeys: [trusted], passphrase: async () => 'correct horse battery staple' });
    expect(opened.files.key).toBeDefined();
    expect(await packFileReader(reader(pack), opened.files)('literature/docs.json')).toEqual(LITERATURE.get('docs.json'));
    const changed = reader(pack, (path, bytes) => (path === 'literature/vectors.i8.enc' ? flipByte(bytes) : bytes));
    await expect(packFileReader(changed, opened.files)('literature/vectors.i8')).rejects.toThrow(/^literature\/vectors\.i8\.enc: SHA-256 does not match/);
  });
});

describe('openPack, binary layout', () => {
  it('opens from the graph core alone, and reads every node and relation from the details chunks', async () => {
    const pack = await build('clinician', undefined, info.startNode, 'binary');
    expect(pack.manifest.version).toBe(3);
    expect(pack.manifest.files.map((f) => `${f.path} ${f.contents}`).filter((f) => !f.startsWith('literature/'))).toEqual(['core/graph.bin core', 'core/search.bin search']);
    expect(pack.files.some((f) => f.path.startsWith('graph-'))).toBe(false);
    const asked: string[] = [];
    const read = reader(pack);
    const opened = await openPack({ read: async (p) => (asked.push(p), read(p)), trustedKeys: [trusted], expectedRole: 'clinician' });
    expect(opened.snapshot.layout).toBe('binary');
    expect(asked).toEqual(['manifest.json', 'manifest.sig', 'core/graph.bin']);
    const expected = redactSnapshot(policy, 'clinician', sensitiveGraph());
    const contents = await packContents(opened.snapshot);
    expect(contents.nodes).toEqual(expected.nodes);
    expect(contents.relations).toEqual(expected.relations);
  });

  it('refuses a changed core or chunk, naming it; encrypted chunks too', async () => {
    const plain = await build('auditor', undefined, info.startNode, 'binary');
    const coreChanged = reader(plain, (p, b) => (p === 'core/graph.bin' ? flipByte(b) : b));
    const err = await openPack({ read: coreChanged, trustedKeys: [trusted] }).catch((e: unknown) => e);
    expect((err as SnapshotError).problems).toEqual([expect.objectContaining({ code: 'hash-mismatch', file: 'core/graph.bin' })]);

    const chunkChanged = reader(plain, (p, b) => (p === 'details/nodes-000000.json' ? flipByte(b) : b));
    const opened = await openPack({ read: chunkChanged, trustedKeys: [trusted] });
    const core = opened.snapshot.layout === 'binary' ? opened.snapshot.core : null;
    await expect(core!.details.node(0)).rejects.toThrow(/details\/nodes-000000\.json: SHA-256 .* given by core\/graph\.bin/);

    const sealed = await build('researcher', 'correct horse battery staple', info.startNode, 'binary');
    const paths = sealed.files.map((f) => f.path);
    expect(paths).toContain('details/nodes-000000.json.enc');
    expect(paths.filter((p) => p.startsWith('core/') || p.startsWith('details/')).every((p) => p.endsWith('.enc'))).toBe(true);
    const good = await openPack({ read: reader(sealed), trustedKeys: [trusted], passphrase: async () => 'correct horse battery staple' });
    expect((await packContents(good.snapshot)).nodes).toEqual(redactSnapshot(policy, 'researcher', sensitiveGraph()).nodes);
    const sealedChanged = reader(sealed, (p, b) => (p === 'details/nodes-000000.json.enc' ? flipByte(b) : b));
    const bad = await openPack({ read: sealedChanged, trustedKeys: [trusted], passphrase: async () => 'correct horse battery staple' });
    const badCore = bad.snapshot.layout === 'binary' ? bad.snapshot.core : null;
    await expect(badCore!.details.node(0)).rejects.toThrow(/details\/nodes-000000\.json: could not be read/);
  });
});

/** A stand-in partitioned literature index: parts in numbered files, their hashes in part tables. */
async function partitionedLiterature(): Promise<Map<string, Uint8Array>> {
  const files = new Map([
    ['docs/00000.json', encodeUtf8('[{"id":"lit:1","title":"Apixaban dose","text":"…"}]')],
    ['docs/00001.json', encodeUtf8('[{"id":"lit:2","title":"Warfarin INRs","text":"…"}]')],
    ['lists/00000.bin', new Uint8Array([1, 2, 3, 250])],
  ]);
  const listed = await listIndexFiles(files, sha256Hex);
  files.set('literature-manifest.json', encodeUtf8(JSON.stringify({ files: listed })));
  return files;
}

describe('a pack with a partitioned literature index', () => {
  it('signs the part tables, not each part, and accepts a part only if it matches its table entry', async () => {
    const literature = await partitionedLiterature();
    const pack = await build('clinician', undefined, info.startNode, 'json', literature);
    const signed = pack.manifest.files.map((f) => f.path).filter((p) => p.startsWith('literature/'));
    expect(signed).toEqual(['literature/literature-manifest.json', 'literature/parts/docs.bin', 'literature/parts/lists.bin']);
    expect(pack.files.map((f) => f.path)).toContain('literature/docs/00001.json');
    const opened = await openPack({ read: reader(pack), trustedKeys: [trusted], expectedRole: 'clinician' });
    const asked: string[] = [];
    const readFile = packFileReader(async (p) => (asked.push(p), reader(pack)(p)), opened.files);
    // As the index opens: its tables first, then parts, checked against the tables already read.
    await readFile('literature/parts/docs.bin');
    expect(await readFile('literature/docs/00001.json')).toEqual(literature.get('docs/00001.json'));
    expect(await readFile('literature/docs/00000.json')).toEqual(literature.get('docs/00000.json'));
    expect(await readFile('literature/lists/00000.bin')).toEqual(literature.get('lists/00000.bin'));
    expect(asked).toEqual(['literature/parts/docs.bin', 'literature/docs/00001.json', 'literature/docs/00000.json', 'literature/parts/lists.bin', 'literature/lists/00000.bin']);

    // The same length, other bytes: only the table can tell.
    const swapped = reader(pack, (p, b) => (p === 'literature/docs/00001.json' ? literature.get('docs/00000.json')! : b));
    const err = await packFileReader(swapped, opened.files)('literature/docs/00001.json').catch((e: unknown) => e);
    expect((err as PackFileError).problem).toEqual({
      code: 'hash-mismatch',
      file: 'literature/docs/00001.json',
      message: 'SHA-256 does not match its part table literature/parts/docs.bin: the file was changed or damaged',
    });
    await expect(readFile('literature/docs/00002.json')).rejects.toThrow('literature/docs/00002.json: is not in the part table literature/parts/docs.bin');
    await expect(readFile('literature/postings/00000.bin')).rejects.toThrow('literature/postings/00000.bin: is not listed in the signed manifest');
    // A table changed after signing fails every part it covers, naming the table.
    const tableChanged = reader(pack, (p, b) => (p === 'literature/parts/docs.bin' ? flipByte(b) : b));
    await expect(packFileReader(tableChanged, opened.files)('literature/docs/00000.json')).rejects.toThrow(/^literature\/parts\/docs\.bin: SHA-256 does not match the signed manifest/);
  });

  it('encrypted: a part is authenticated by AES-GCM under its own path and its plaintext checked against the table', async () => {
    const literature = await partitionedLiterature();
    const pack = await build('researcher', 'correct horse battery staple', info.startNode, 'json', literature);
    const paths = pack.files.map((f) => f.path);
    expect(paths).toContain('literature/docs/00001.json.enc');
    expect(paths).not.toContain('literature/docs/00001.json');
    const stored = pack.manifest.pack!.encryption!.stored.map((s) => s.of).filter((p) => p.startsWith('literature/'));
    expect(stored).toEqual(['literature/literature-manifest.json', 'literature/parts/docs.bin', 'literature/parts/lists.bin']);
    const opened = await openPack({ read: reader(pack), trustedKeys: [trusted], passphrase: async () => 'correct horse battery staple' });
    const readFile = packFileReader(reader(pack), opened.files);
    for (const name of ['docs/00000.json', 'docs/00001.json', 'lists/00000.bin']) expect(await readFile(`literature/${name}`)).toEqual(literature.get(name));

    const sealed = new Map(pack.files.map((f) => [f.path, f.bytes]));
    // A sealed part served under another part's name: its tag, bound to its own path, fails.
    const moved = reader(pack, (p, b) => (p === 'literature/docs/00001.json.enc' ? sealed.get('literature/docs/00000.json.enc')! : b));
    await expect(packFileReader(moved, opened.files)('literature/docs/00001.json')).rejects.toThrow('(literature/docs/00001.json.enc could not be decrypted)');
    const changed = reader(pack, (p, b) => (p === 'literature/lists/00000.bin.enc' ? flipByte(b) : b));
    await expect(packFileReader(changed, opened.files)('literature/lists/00000.bin')).rejects.toThrow('(literature/lists/00000.bin.enc could not be decrypted)');
    const missing = reader(pack, (p, b) => (p === 'literature/lists/00000.bin.enc' ? (null as unknown as Uint8Array) : b));
    await expect(packFileReader(missing, opened.files)('literature/lists/00000.bin')).rejects.toThrow('literature/lists/00000.bin.enc: was not found');
  });
});
