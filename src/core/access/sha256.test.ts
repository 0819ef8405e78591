import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { hashText, sha256Hex, utf8Bytes } from './sha256.ts';

describe('sha256Hex', () => {
  it('matches the FIPS 180-2 test vectors', () => {
    expect(sha256Hex(utf8Bytes(''))).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(sha256Hex(utf8Bytes('abc'))).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  it('matches node:crypto across block boundaries and non-ASCII text', () => {
    for (const text of ['a'.repeat(55), 'a'.repeat(56), 'a'.repeat(64), 'b'.repeat(1000), '患者 山田太郎 😀', '\ud800x']) {
      const expected = createHash('sha256').update(Buffer.from(text, 'utf8')).digest('hex');
      expect(sha256Hex(utf8Bytes(text))).toBe(expected);
      expect(Buffer.from(utf8Bytes(text)).equals(Buffer.from(text, 'utf8'))).toBe(true);
    }
  });

  it('prefixes redacted values with sha256:', () => {
    expect(hashText('abc')).toBe('sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });
});
