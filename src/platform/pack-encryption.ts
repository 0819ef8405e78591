/**
 * Encrypted packs, for hosts that cannot authenticate users: AES-256-GCM under a key derived
 * from the role's passphrase with PBKDF2-SHA-256. One random 16-byte salt per pack (so equal
 * passphrases give different keys in different packs), one random 12-byte IV per file.
 *
 * A stored file is `RKE1` ‖ IV (12 bytes) ‖ ciphertext ‖ GCM tag (16 bytes). The additional
 * authenticated data binds it to its role and path, so a file moved to another name or pack
 * fails to decrypt. GCM authenticates: a wrong key and a changed byte both fail, and the two
 * cannot be told apart from the file alone, hence the one message below; the manifest's
 * `check` value (a known text under the same key) tells a wrong passphrase before any file.
 */
import type { PackEncryption } from '../core/format/index.ts';
import { concatBytes, encodeUtf8, fromBase64, own, toBase64, type Bytes } from './bytes.ts';
import { gunzip, gzip } from './gzip.ts';

/** OWASP's 2023 recommendation for PBKDF2-HMAC-SHA-256. */
export const DEFAULT_PBKDF2_ITERATIONS = 600_000;
const MAGIC = encodeUtf8('RKE1');
const IV_BYTES = 12;
const CHECK_TEXT = 'raireki-pack-key-check/1';

export class WrongPassphraseError extends Error {
  constructor(readonly file?: string) {
    super(file ? `wrong passphrase or damaged pack (${file} could not be decrypted)` : 'wrong passphrase or damaged pack');
    this.name = 'WrongPassphraseError';
  }
}

export type KdfParams = PackEncryption['kdf'];

export function newKdfParams(iterations = DEFAULT_PBKDF2_ITERATIONS): KdfParams {
  return { name: 'PBKDF2-SHA-256', iterations, salt: toBase64(crypto.getRandomValues(new Uint8Array(16))) };
}

/** The pack key from a passphrase (NFC-normalised, so the same words typed on any system match). */
export async function deriveKey(passphrase: string, kdf: KdfParams): Promise<CryptoKey> {
  const material = await crypto.subtle.importKey('raw', encodeUtf8(passphrase.normalize('NFC')), 'PBKDF2', false, ['deriveKey']);
  return crypto.subtle.deriveKey(
    { name: 'PBKDF2', hash: 'SHA-256', salt: fromBase64(kdf.salt), iterations: kdf.iterations },
    material,
    { name: 'AES-GCM', length: 256 },
    false,
    ['encrypt', 'decrypt'],
  );
}

/** Additional authenticated data of a file: its role and logical path. */
export const fileAad = (role: string, path: string): string => `raireki-pack/1 ${role}/${path}`;

export async function encryptFile(plain: Uint8Array, key: CryptoKey, aad: string): Promise<Bytes> {
  const iv = crypto.getRandomValues(new Uint8Array(IV_BYTES));
  const sealed = await crypto.subtle.encrypt({ name: 'AES-GCM', iv, additionalData: encodeUtf8(aad) }, key, own(plain));
  return concatBytes(MAGIC, iv, new Uint8Array(sealed));
}

/** Plain bytes of a stored file; WrongPassphraseError when the key or the bytes are wrong. */
export async function decryptFile(stored: Uint8Array, key: CryptoKey, aad: string, file?: string): Promise<Bytes> {
  if (stored.length < MAGIC.length + IV_BYTES + 16 || MAGIC.some((b, i) => stored[i] !== b)) {
    throw new Error(`${file ?? 'file'} is not an encrypted Raireki pack file`);
  }
  const iv = stored.subarray(MAGIC.length, MAGIC.length + IV_BYTES);
  try {
    const plain = await crypto.subtle.decrypt({ name: 'AES-GCM', iv: own(iv.slice()), additionalData: encodeUtf8(aad) }, key, own(stored.subarray(MAGIC.length + IV_BYTES).slice()));
    return new Uint8Array(plain);
  } catch {
    throw new WrongPassphraseError(file);
  }
}

/** Compresses (when asked) and encrypts one pack file. */
export async function sealFile(plain: Uint8Array, key: CryptoKey, aad: string, compression: PackEncryption['compression']): Promise<Bytes> {
  return encryptFile(compression === 'gzip' ? await gzip(plain) : plain, key, aad);
}

export async function openFile(stored: Uint8Array, key: CryptoKey, aad: string, compression: PackEncryption['compression'], file?: string): Promise<Bytes> {
  const plain = await decryptFile(stored, key, aad, file);
  return compression === 'gzip' ? gunzip(plain) : plain;
}

export async function makeKeyCheck(key: CryptoKey, role: string): Promise<string> {
  return toBase64(await encryptFile(encodeUtf8(CHECK_TEXT), key, fileAad(role, 'key-check')));
}

/** Resolves when the key opens the manifest's check value; WrongPassphraseError otherwise. */
export async function assertKeyOpensPack(key: CryptoKey, role: string, check: string): Promise<void> {
  await decryptFile(fromBase64(check), key, fileAad(role, 'key-check'));
}
