/**
 * Reading one file of a verified pack on demand: the file must be listed in the signed
 * manifest, its stored bytes must have the signed size and SHA-256, and (in an encrypted
 * pack) it is decrypted with the role's key and its plaintext checked against the signed
 * entry too. The graph files are read this way when a pack opens; the literature index
 * only when literature is first searched, by the literature worker, which is handed this
 * access (a CryptoKey can be posted to a worker; it never leaves the origin).
 */
import type { ManifestFile, PackEncryption, Problem } from '../core/format/index.ts';
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

/** A reader of the pack's files by their manifest path, checking each against the signature. */
export function packFileReader(read: RawRead, access: PackFileAccess): (path: string) => Promise<Uint8Array> {
  const entries = new Map(access.files.map((f) => [f.path, f]));
  const stored = new Map((access.encryption?.stored ?? []).map((s) => [s.of, s]));
  return async (path) => {
    const entry = entries.get(path);
    if (!entry) throw new PackFileError({ code: 'missing-file', file: path, message: 'is not listed in the signed manifest' });
    if (!access.encryption) return checked(path, await read(path), entry);
    const sealed = stored.get(path);
    if (!sealed) throw new PackFileError({ code: 'missing-file', file: path, message: 'has no encrypted copy listed in the signed manifest' });
    if (!access.key) throw new PackFileError({ code: 'missing-file', file: sealed.path, message: 'is encrypted and no key was given' });
    const bytes = await checked(sealed.path, await read(sealed.path), sealed);
    const plain = await openFile(bytes, access.key, fileAad(access.role, path), access.encryption.compression, sealed.path);
    return checked(path, plain, entry);
  };
}

async function checked(file: string, bytes: Uint8Array | null, entry: { bytes: number; sha256: string }): Promise<Uint8Array> {
  if (!bytes) throw new PackFileError({ code: 'missing-file', file, message: 'is listed in the manifest but was not found' });
  if (bytes.byteLength !== entry.bytes) {
    const short = bytes.byteLength < entry.bytes;
    throw new PackFileError({ code: short ? 'truncated' : 'size-mismatch', file, message: `has ${bytes.byteLength} bytes but the manifest says ${entry.bytes}` });
  }
  if ((await sha256Hex(bytes)) !== entry.sha256) {
    throw new PackFileError({ code: 'hash-mismatch', file, message: "SHA-256 does not match the signed manifest's: the file was changed or damaged" });
  }
  return bytes;
}
