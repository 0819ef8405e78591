/**
 * Ed25519 signing keys through WebCrypto (Node ≥ 20 and Chromium ≥ 137 both support it).
 * The private key travels as PKCS#8 PEM, the public key as its 32 raw bytes in base64,
 * named by a key id: the first 16 hex digits of SHA-256 of those bytes.
 */
import { fromBase64, own, sha256Hex, toBase64, type Bytes } from './bytes.ts';

const ED25519 = { name: 'Ed25519' } as const;

export interface GeneratedKeyPair {
  privateKeyPem: string;
  publicKeyRaw: Bytes;
  keyId: string;
}

export async function generateSigningKeyPair(): Promise<GeneratedKeyPair> {
  const pair = (await crypto.subtle.generateKey(ED25519, true, ['sign', 'verify'])) as CryptoKeyPair;
  const pkcs8 = new Uint8Array(await crypto.subtle.exportKey('pkcs8', pair.privateKey));
  const publicKeyRaw = new Uint8Array(await crypto.subtle.exportKey('raw', pair.publicKey));
  return { privateKeyPem: toPem(pkcs8, 'PRIVATE KEY'), publicKeyRaw, keyId: await keyIdOf(publicKeyRaw) };
}

export async function keyIdOf(publicKeyRaw: Uint8Array): Promise<string> {
  return (await sha256Hex(publicKeyRaw)).slice(0, 16);
}

/** A signing key and the id of its public half, from a PKCS#8 PEM file's text. */
export async function importSigningKey(pem: string): Promise<{ key: CryptoKey; keyId: string }> {
  const der = fromPem(pem, 'PRIVATE KEY');
  // Import extractable once to derive the public key (via JWK's "x"), then keep a non-extractable copy.
  const extractable = await crypto.subtle.importKey('pkcs8', der, ED25519, true, ['sign']);
  const jwk = await crypto.subtle.exportKey('jwk', extractable);
  if (!jwk.x) throw new Error('the private key file holds no Ed25519 key');
  const publicKeyRaw = fromBase64(jwk.x.replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(jwk.x.length / 4) * 4, '='));
  const key = await crypto.subtle.importKey('pkcs8', der, ED25519, false, ['sign']);
  return { key, keyId: await keyIdOf(publicKeyRaw) };
}

export async function signBytes(key: CryptoKey, bytes: Uint8Array): Promise<Bytes> {
  return new Uint8Array(await crypto.subtle.sign(ED25519, key, own(bytes)));
}

export async function importVerifyKey(publicKeyRaw: Uint8Array): Promise<CryptoKey> {
  if (publicKeyRaw.length !== 32) throw new Error(`an Ed25519 public key has 32 bytes, not ${publicKeyRaw.length}`);
  return crypto.subtle.importKey('raw', own(publicKeyRaw), ED25519, false, ['verify']);
}

export async function verifySignature(key: CryptoKey, signature: Uint8Array, bytes: Uint8Array): Promise<boolean> {
  if (signature.length !== 64) return false;
  return crypto.subtle.verify(ED25519, key, own(signature), own(bytes));
}

export function toPem(der: Uint8Array, label: string): string {
  const body = toBase64(der).replace(/(.{64})/g, '$1\n').replace(/\n$/, '');
  return `-----BEGIN ${label}-----\n${body}\n-----END ${label}-----\n`;
}

export function fromPem(pem: string, label: string): Bytes {
  const match = new RegExp(`-----BEGIN ${label}-----([\\s\\S]*?)-----END ${label}-----`).exec(pem);
  if (!match) throw new Error(`not a PEM "${label}" file`);
  return fromBase64(match[1]!.replace(/\s+/g, ''));
}
