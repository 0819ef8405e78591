/**
 * The public key file `npm run keygen` writes and the app is built with. It names the key
 * by its id so that a manifest signed by another key is refused with a clear message, and
 * may list several keys while packs signed by an old one are still being served.
 */
import { z } from 'zod';
import { fromBase64 } from './bytes.ts';
import { keyIdOf } from './ed25519.ts';

export const PUBLIC_KEY_FORMAT = 'raireki-pack-public-key';

export const PublicKeyFile = z
  .object({
    format: z.literal(PUBLIC_KEY_FORMAT),
    version: z.literal(1),
    algorithm: z.literal('Ed25519'),
    keyId: z.string().regex(/^[0-9a-f]{16}$/),
    publicKey: z.string().describe('The 32 raw bytes of the Ed25519 public key, base64'),
    createdAt: z.string().optional(),
    comment: z.string().optional(),
  })
  .strict();
export type PublicKeyFile = z.infer<typeof PublicKeyFile>;

export interface TrustedKey {
  keyId: string;
  publicKeyRaw: Uint8Array;
}

/**
 * Trusted keys from a public key file's JSON (one object, or an array of them). Checks
 * that each key id really is the hash of its key: a mislabelled key is refused here.
 */
export async function parseTrustedKeys(json: string | unknown): Promise<TrustedKey[]> {
  const value = typeof json === 'string' ? (JSON.parse(json) as unknown) : json;
  const files = z.union([PublicKeyFile, z.array(PublicKeyFile).min(1)]).parse(value);
  const list = Array.isArray(files) ? files : [files];
  return Promise.all(
    list.map(async (f) => {
      const publicKeyRaw = fromBase64(f.publicKey);
      const actual = await keyIdOf(publicKeyRaw);
      if (actual !== f.keyId) throw new Error(`public key file says key id ${f.keyId} but the key's id is ${actual}`);
      return { keyId: f.keyId, publicKeyRaw };
    }),
  );
}
