/**
 * Opening a role's pack end to end, the way the app's snapshot worker should:
 *
 *   1. verify manifest.json against manifest.sig and the trusted keys (refuse otherwise);
 *   2. optionally check the pack is the role the server said it would be;
 *   3. if encrypted: derive the key from the passphrase, test it on the manifest's check
 *      value (a wrong passphrase is reported before any file is fetched), fetch each stored
 *      graph file, check its size and SHA-256 against the signed manifest (naming the file
 *      that fails), decrypt and decompress it;
 *   4. load through `loadSnapshot`, which checks every plaintext graph file's size and
 *      SHA-256 against the manifest and names the file that fails.
 *
 * Other files (the literature index) are read later through `files` (pack-files.ts).
 */
import { SnapshotError, loadSnapshot, type LoadIo, type LoadedSnapshot, type PackInfo, type Problem } from '../core/format/index.ts';
import { decodeUtf8, sha256Hex } from './bytes.ts';
import { assertKeyOpensPack, deriveKey, fileAad, openFile } from './pack-encryption.ts';
import { DETAILS_DIR, hasCore, loadCore, type LoadedCore } from '../core/columnar/index.ts';
import { ENCRYPTED_SUFFIX } from '../core/pack/pack-layout.ts';
import { PackFileError, packFileReader, type PackFileAccess } from './pack-files.ts';
import type { TrustedKey } from './trusted-keys.ts';
import { verifyPack, type VerifyFailure } from './verify-pack.ts';

export class PackRefusedError extends Error {
  constructor(
    readonly code: VerifyFailure | 'wrong-role' | 'passphrase-needed',
    readonly file: string,
    reason: string,
  ) {
    super(`Pack refused: ${reason}`);
    this.name = 'PackRefusedError';
  }
}

export interface OpenPackOptions {
  /** Bytes of a file of the pack folder (path relative to it), null when it does not exist. */
  read(path: string): Promise<Uint8Array | null>;
  trustedKeys: readonly TrustedKey[];
  /** The role the server assigned (e.g. from whoami.json); a pack of another role is refused. */
  expectedRole?: string;
  /** Asked for only when the pack is encrypted. */
  passphrase?: () => Promise<string>;
  onProgress?(done: number, total: number, file: string): void;
}

/** A pack's snapshot as opened: all of it (JSON graph files), or its graph core with details on demand. */
export type OpenedSnapshot =
  | { layout: 'json'; loaded: LoadedSnapshot }
  | {
      layout: 'binary';
      core: LoadedCore;
      /** Reads the pack's other files as the core names them: the search core, details chunks (decrypted). */
      io: LoadIo;
    };

export interface OpenedPack {
  snapshot: OpenedSnapshot;
  pack: PackInfo;
  keyId: string;
  /** For reading the pack's other files (its literature index) against the same signature. */
  files: PackFileAccess;
}

export async function openPack(opts: OpenPackOptions): Promise<OpenedPack> {
  const manifestBytes = await opts.read('manifest.json');
  if (!manifestBytes) throw new SnapshotError([{ code: 'missing-file', file: 'manifest.json', message: 'was not found' }]);
  const verified = await verifyPack(manifestBytes, await opts.read('manifest.sig'), opts.trustedKeys);
  if (!verified.ok) throw new PackRefusedError(verified.code, verified.file, verified.reason);
  const { pack } = verified.manifest;
  if (opts.expectedRole !== undefined && pack.role !== opts.expectedRole) {
    throw new PackRefusedError('wrong-role', 'manifest.json', `this is the ${pack.role} pack, but the server assigned the role ${opts.expectedRole}`);
  }
  const io: LoadIo = { read: opts.read, sha256: sha256Hex, decodeUtf8, onProgress: opts.onProgress };
  const files: PackFileAccess = { role: pack.role, files: verified.manifest.files };
  if (pack.encryption) Object.assign(files, { encryption: pack.encryption, key: await unlock(pack, opts) });
  if (hasCore(verified.manifest)) {
    // Every file is checked again where it is used: the cores against the signed manifest,
    // each details chunk against the (signed) core.
    if (pack.encryption) io.read = decryptingReader(opts.read, files);
    return { snapshot: { layout: 'binary', core: await loadCore(verified.manifest, io), io }, pack, keyId: verified.keyId, files };
  }
  if (pack.encryption) io.read = await decryptGraphFiles(opts.read, files);
  const loaded = await loadSnapshot(verified.manifestText, io);
  return { snapshot: { layout: 'json', loaded }, pack, keyId: verified.keyId, files };
}

/** Every node and relation of an opened pack, whichever layout it has (all details chunks read). */
export async function packContents(snapshot: OpenedSnapshot): Promise<Pick<LoadedSnapshot, 'manifest' | 'nodes' | 'relations'>> {
  if (snapshot.layout === 'json') return snapshot.loaded;
  const { manifest, details } = snapshot.core;
  return { manifest, nodes: await details.allNodes(), relations: await details.allRelations() };
}

/**
 * Plaintext of an encrypted pack's files by their plain path: listed files through the
 * signed manifest (packFileReader), details chunks (not listed: the core holds their
 * hashes) from `<path>.enc` under the role's key, whose GCM tag fails on any change.
 */
function decryptingReader(read: OpenPackOptions['read'], access: PackFileAccess): LoadIo['read'] {
  const listed = packFileReader(read, access);
  const paths = new Set(access.files.map((f) => f.path));
  const { encryption, key, role } = access;
  return async (path) => {
    if (paths.has(path)) return listed(path);
    if (!path.startsWith(DETAILS_DIR)) throw new PackFileError({ code: 'missing-file', file: path, message: 'is not listed in the signed manifest' });
    const stored = await read(path + ENCRYPTED_SUFFIX);
    return stored && openFile(stored, key!, fileAad(role, path), encryption!.compression, path + ENCRYPTED_SUFFIX);
  };
}

/** The role's key, tested on the manifest's check value before any file is fetched. */
async function unlock(pack: PackInfo, opts: OpenPackOptions): Promise<CryptoKey> {
  const enc = pack.encryption!;
  if (!opts.passphrase) throw new PackRefusedError('passphrase-needed', 'manifest.json', 'the pack is encrypted and no passphrase was given');
  const key = await deriveKey(await opts.passphrase(), enc.kdf);
  await assertKeyOpensPack(key, pack.role, enc.check);
  return key;
}

/** Fetches, checks and decrypts every graph file; returns a reader over the plaintexts. */
async function decryptGraphFiles(read: OpenPackOptions['read'], access: PackFileAccess): Promise<LoadIo['read']> {
  const reader = packFileReader(read, access);
  const plain = new Map<string, Uint8Array>();
  const problems: Problem[] = [];
  for (const entry of access.files) {
    if (entry.contents !== 'graph') continue;
    try {
      plain.set(entry.path, await reader(entry.path));
    } catch (err) {
      if (!(err instanceof PackFileError)) throw err;
      problems.push(err.problem);
    }
  }
  if (problems.length > 0) throw new SnapshotError(problems);
  return async (path) => plain.get(path) ?? null;
}
