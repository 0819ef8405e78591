import { describe, expect, it } from 'vitest';
import { encodeUtf8, toBase64 } from './bytes.ts';
import { fromPem, generateSigningKeyPair, importSigningKey, importVerifyKey, keyIdOf, signBytes, verifySignature } from './ed25519.ts';
import { PUBLIC_KEY_FORMAT, parseTrustedKeys } from './trusted-keys.ts';

describe('Ed25519 keys', () => {
  it('signs with the PEM private key and verifies with the raw public key', async () => {
    const pair = await generateSigningKeyPair();
    expect(pair.privateKeyPem).toMatch(/^-----BEGIN PRIVATE KEY-----\n/);
    expect(fromPem(pair.privateKeyPem, 'PRIVATE KEY').length).toBe(48); // PKCS#8 of a 32-byte seed
    expect(pair.keyId).toMatch(/^[0-9a-f]{16}$/);
    const { key, keyId } = await importSigningKey(pair.privateKeyPem);
    expect(keyId).toBe(pair.keyId);
    const message = encodeUtf8('{"format":"raireki-manifest"}\n');
    const signature = await signBytes(key, message);
    const verify = await importVerifyKey(pair.publicKeyRaw);
    expect(await verifySignature(verify, signature, message)).toBe(true);
    const changed = message.slice();
    changed[3]! ^= 1;
    expect(await verifySignature(verify, signature, changed)).toBe(false);
    const other = await generateSigningKeyPair();
    expect(await verifySignature(await importVerifyKey(other.publicKeyRaw), signature, message)).toBe(false);
  });

  it('reads public key files and refuses a key id that is not the key\'s', async () => {
    const pair = await generateSigningKeyPair();
    const file = { format: PUBLIC_KEY_FORMAT, version: 1, algorithm: 'Ed25519', keyId: pair.keyId, publicKey: toBase64(pair.publicKeyRaw) };
    const [trusted] = await parseTrustedKeys(JSON.stringify(file));
    expect(trusted!.keyId).toBe(await keyIdOf(pair.publicKeyRaw));
    expect(await parseTrustedKeys([file, file])).toHaveLength(2);
    await expect(parseTrustedKeys({ ...file, keyId: '0000000000000000' })).rejects.toThrow(/says key id 0000000000000000/);
  });
});
