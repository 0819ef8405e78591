/** The pack builder's crypto (src/core/pack/pack-crypto.ts) over WebCrypto, for the CLI and tests. */
import type { PackHasher, PackSealer, PackSigner } from '../core/pack/index.ts';
import { encodeUtf8, sha256Hex, toBase64 } from './bytes.ts';
import { importSigningKey, signBytes } from './ed25519.ts';
import { DEFAULT_PBKDF2_ITERATIONS, deriveKey, fileAad, makeKeyCheck, newKdfParams, sealFile } from './pack-encryption.ts';

export const webHasher: PackHasher = { sha256Hex, encodeUtf8 };

export async function pemSigner(privateKeyPem: string): Promise<PackSigner> {
  const { key, keyId } = await importSigningKey(privateKeyPem);
  return { keyId, sign: async (bytes) => toBase64(await signBytes(key, bytes)) };
}

export interface SealerOptions {
  iterations?: number;
  compression?: 'gzip' | 'none';
}

/** A sealer for one role's pack: fresh salt, key derived once, fresh IV per file. */
export async function passphraseSealer(passphrase: string, role: string, opts: SealerOptions = {}): Promise<PackSealer> {
  const kdf = newKdfParams(opts.iterations ?? DEFAULT_PBKDF2_ITERATIONS);
  const compression = opts.compression ?? 'gzip';
  const key = await deriveKey(passphrase, kdf);
  return {
    params: { algorithm: 'AES-256-GCM', kdf, compression, check: await makeKeyCheck(key, role) },
    seal: (plain, path) => sealFile(plain, key, fileAad(role, path), compression),
  };
}
