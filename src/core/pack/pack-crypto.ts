/**
 * What the pack builder needs from a crypto library, passed in so that `src/core` stays
 * free of WebCrypto and `node:crypto` (src/platform/web-pack-crypto.ts implements it).
 */
import type { PackEncryption } from '../format/index.ts';

export interface PackSigner {
  /** Id of the public half of the signing key (16 hex digits). */
  readonly keyId: string;
  /** Base64 Ed25519 signature of exactly these bytes. */
  sign(bytes: Uint8Array): Promise<string>;
}

export interface PackHasher {
  sha256Hex(bytes: Uint8Array): Promise<string>;
  encodeUtf8(text: string): Uint8Array;
}

/** Encrypts one role's files under its passphrase key. */
export interface PackSealer {
  /** Everything the manifest records about the encryption except the list of stored files. */
  readonly params: Omit<PackEncryption, 'stored'>;
  /** Stored bytes for a file whose logical (manifest) path is `path`. */
  seal(plain: Uint8Array, path: string): Promise<Uint8Array>;
}
