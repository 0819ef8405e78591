import { describe, expect, it } from 'vitest';
import { encodeUtf8, decodeUtf8 } from './bytes.ts';
import { DEFAULT_PBKDF2_ITERATIONS, WrongPassphraseError, assertKeyOpensPack, decryptFile, deriveKey, encryptFile, fileAad, makeKeyCheck, newKdfParams, openFile, sealFile } from './pack-encryption.ts';

// Tests use few iterations to stay fast; the default is what production gets.
const fastKdf = () => newKdfParams(1000);

describe('pack encryption', () => {
  it('defaults to at least 600,000 PBKDF2 iterations with a fresh 16-byte salt', () => {
    expect(DEFAULT_PBKDF2_ITERATIONS).toBeGreaterThanOrEqual(600_000);
    const a = newKdfParams();
    expect(a.iterations).toBe(DEFAULT_PBKDF2_ITERATIONS);
    expect(atob(a.salt).length).toBe(16);
    expect(newKdfParams().salt).not.toBe(a.salt);
  });

  it('round-trips, with a fresh IV per file', async () => {
    const key = await deriveKey('correct horse battery staple', fastKdf());
    const plain = encodeUtf8('{"nodes":["患者"]}');
    const a = await encryptFile(plain, key, fileAad('clinician', 'graph-0001.json'));
    const b = await encryptFile(plain, key, fileAad('clinician', 'graph-0001.json'));
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(false);
    expect(decodeUtf8(await decryptFile(a, key, fileAad('clinician', 'graph-0001.json')))).toBe('{"nodes":["患者"]}');
  });

  it('fails with a clear message on a wrong passphrase, a changed byte or a moved file', async () => {
    const kdf = fastKdf();
    const key = await deriveKey('correct horse battery staple', kdf);
    const wrong = await deriveKey('correct horse battery stapler', kdf);
    const aad = fileAad('auditor', 'graph-0001.json');
    const sealed = await encryptFile(encodeUtf8('secret'), key, aad);
    await expect(decryptFile(sealed, wrong, aad, 'graph-0001.json.enc')).rejects.toThrow('wrong passphrase or damaged pack (graph-0001.json.enc could not be decrypted)');
    const flipped = sealed.slice();
    flipped[flipped.length - 20]! ^= 1;
    await expect(decryptFile(flipped, key, aad)).rejects.toBeInstanceOf(WrongPassphraseError);
    await expect(decryptFile(sealed, key, fileAad('clinician', 'graph-0001.json'))).rejects.toBeInstanceOf(WrongPassphraseError);
    await expect(decryptFile(encodeUtf8('{"plain": "json"}'), key, aad, 'x.enc')).rejects.toThrow('x.enc is not an encrypted Raireki pack file');
  });

  it('tells a wrong passphrase from the check value alone', async () => {
    const kdf = fastKdf();
    const check = await makeKeyCheck(await deriveKey('right passphrase', kdf), 'researcher');
    await expect(assertKeyOpensPack(await deriveKey('right passphrase', kdf), 'researcher', check)).resolves.toBeUndefined();
    await expect(assertKeyOpensPack(await deriveKey('wrong passphrase', kdf), 'researcher', check)).rejects.toThrow(/wrong passphrase/);
  });

  it('compresses before encrypting when asked', async () => {
    const key = await deriveKey('p', fastKdf());
    const plain = encodeUtf8('restricted '.repeat(10_000));
    const sealed = await sealFile(plain, key, 'aad', 'gzip');
    expect(sealed.length).toBeLessThan(plain.length / 20);
    expect(decodeUtf8(await openFile(sealed, key, 'aad', 'gzip'))).toBe('restricted '.repeat(10_000));
  });

  it('treats the same passphrase typed in NFC or NFD as the same', async () => {
    const kdf = fastKdf();
    const sealed = await encryptFile(encodeUtf8('x'), await deriveKey('パスワード', kdf), 'a');
    await expect(decryptFile(sealed, await deriveKey('パスワード'.normalize('NFD'), kdf), 'a')).resolves.toBeDefined();
  });
});
