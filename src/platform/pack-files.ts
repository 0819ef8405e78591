/**
 * Reading one file of a verified pack on demand: the file must be listed in the signed
 * manifest, its stored bytes must have the signed size and SHA-256, and (in an encrypted
 * pack) it is decrypted with the role's key and its plaintext checked against the signed
 * entry too. A partitioned literature index's numbered parts are not listed: their sizes and
 * SHA-256 are in part tables (core/search/part-tables.ts) that are, and a part is accepted
 * only if its (decrypted) bytes match its table entry. The graph files are read this way when a pack opens; the literature index
 * only when literature is first searched, by the literature worker, which is handed this
 * access (a CryptoKey can be posted to a worker; it never leaves the origin).
 */
import type { ManifestFile, PackEncryption, Problem } from '../core/format/index.ts';
import { ENCRYPTED_SUFFIX } from '../core/pack/pack-layout.ts';
import { PartTable, isPartTableFile, partTableOf } from '../core/search/part-tables.ts';
import { sha256Hex } from './bytes.ts';
import { fileAad, openFile } from './pack-encryption.ts';

/** Everything needed to read files of one verified pack. */
export interface PackFileAccess {
  role: string;
  /** The signed manifest's entries (plaintext paths, sizes and hashes). */
  files: readonly ManifestFile[];
  encryption?: Pick<PackEncryption, 'compression' | 'stored'>;
  /** The key the passphrase derived, for encrypted packs. */
  key?: CryptoKey;
}

export class PackFileError extends Error {
  constructor(readonly problem: Problem) {
    super(`${problem.file}: ${problem.message}`);
    this.name = 'PackFileError';
  }
}

export type RawRead = (path: string) => Promise<Uint8Array | null>;

/** Reads a pack's files by their manifest path, each checked against the signature. */
export interface PackFileRead {
  (path: string): Promise<Uint8Array>;
  /** A numbered part from stored bytes read another way (out of its folder's bundle): decrypted and checked as if read from its own file. */
  openPart(path: string, stored: Uint8Array): Promise<Uint8Array>;
}

/** A reader of the pack's files by their manifest path, checking each against the signature. */
export function packFileReader(read: RawRead, access: PackFileAccess): PackFileRead {
  const entries = new Map(access.files.map((f) => [f.path, f]));
  const stored = new Map((access.encryption?.stored ?? []).map((s) => [s.of, s]));
  /** Part tables read so far, by path (a failed read is not kept: the next part tries again). */
  const tables = new Map<string, Promise<PartTable>>();
  const listed = async (path: string): Promise<Uint8Array> => {
    const entry = entries.get(path);
    if (!entry) return tabledPart(path);
    const bytes = await (access.encryption ? sealedListed(path, entry) : checked(path, await read(path), entry));
    // A part table the index reads when it opens serves the checks of its parts too: not fetched twice.
    if (isPartTableFile(path)) tables.set(path, Promise.resolve(new PartTable(path, bytes)));
    return bytes;
  };
  const sealedListed = async (path: string, entry: ManifestFile): Promise<Uint8Array> => {
    const sealed = stored.get(path);
    if (!sealed) throw new PackFileError({ code: 'missing-file', file: path, message: 'has no encrypted copy listed in the signed manifest' });
    const bytes = await checked(sealed.path, await read(sealed.path), sealed);
    return checked(path, await decrypt(path, bytes, sealed.path), entry);
  };
  const decrypt = (path: string, sealed: Uint8Array, storedPath: string) => {
    if (!access.key) throw new PackFileError({ code: 'missing-file', file: storedPath, message: 'is encrypted and no key was given' });
    return openFile(sealed, access.key, fileAad(access.role, path), access.encryption!.compression, storedPath);
  };
  /**
   * A numbered part, whose table the signed manifest lists. Encrypted, its copy has no
   * `stored` entry: AES-GCM authenticates it (the tag, with its path in the AAD) and the
   * table checks its plaintext.
   */
  const tabledPart = async (path: string): Promise<Uint8Array> => {
    // The table first: a part no signed table covers is refused before it is fetched.
    const entry = await entryOf(path);
    return opened(path, await read(access.encryption ? path + ENCRYPTED_SUFFIX : path), entry);
  };
  /** A part's entry in its signed table (read once per table). */
  const entryOf = async (path: string) => {
    const part = partTableOf(path);
    if (!part || !entries.has(part.table)) throw new PackFileError({ code: 'missing-file', file: path, message: 'is not listed in the signed manifest' });
    let loading = tables.get(part.table);
    if (!loading) {
      loading = listed(part.table).then((bytes) => new PartTable(part.table, bytes));
      loading.catch(() => tables.delete(part.table));
      tables.set(part.table, loading);
    }
    const entry = (await loading).entry(part.index);
    if (!entry) throw new PackFileError({ code: 'missing-file', file: path, message: `is not in the part table ${part.table}` });
    return entry;
  };
  /** A part from its stored bytes: decrypted (in an encrypted pack) and checked against its table entry. */
  const opened = async (path: string, raw: Uint8Array | null, entry: { bytes: number; sha256: string }): Promise<Uint8Array> => {
    const table = `its part table ${partTableOf(path)!.table}`;
    const against = { says: table, hash: table };
    if (!access.encryption) return checked(path, raw, entry, against);
    const storedPath = path + ENCRYPTED_SUFFIX;
    if (!raw) throw new PackFileError({ code: 'missing-file', file: storedPath, message: 'was not found' });
    return checked(path, await decrypt(path, raw, storedPath), entry, against);
  };
  /** A numbered part from stored bytes read out of its folder's bundle. */
  const openPart = async (path: string, stored: Uint8Array): Promise<Uint8Array> => opened(path, stored, await entryOf(path));
  return Object.assign(listed, { openPart });
}

/** Where a file's expected size and hash come from, as messages name it. */
const SIGNED = { says: 'the manifest', hash: "the signed manifest's" };

async function checked(file: string, bytes: Uint8Array | null, entry: { bytes: number; sha256: string }, source = SIGNED): Promise<Uint8Array> {
  if (!bytes) throw new PackFileError({ code: 'missing-file', file, message: `is listed in ${source.says} but was not found` });
  if (bytes.byteLength !== entry.bytes) {
    const short = bytes.byteLength < entry.bytes;
    throw new PackFileError({ code: short ? 'truncated' : 'size-mismatch', file, message: `has ${bytes.byteLength} bytes but ${source.says} says ${entry.bytes}` });
  }
  if ((await sha256Hex(bytes)) !== entry.sha256) {
    throw new PackFileError({ code: 'hash-mismatch', file, message: `SHA-256 does not match ${source.hash}: the file was changed or damaged` });
  }
  return bytes;
}
