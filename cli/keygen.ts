/**
 * Creates the Ed25519 key pair that signs role packs.
 *
 *   npm run keygen -- --out keys [--name pack-signing] [--force]
 *
 * Writes <out>/<name>-key.pem (PKCS#8, mode 600: keep it off the web server and out of git)
 * and <out>/<name>-public-key.json (key id + raw public key, base64), which the app is built
 * with to verify packs.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { generateSigningKeyPair, PUBLIC_KEY_FORMAT, toBase64, type PublicKeyFile } from '../src/platform/index.ts';

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { out: { type: 'string' }, name: { type: 'string' }, force: { type: 'boolean' } }, strict: true });
  if (!values.out) throw new Error('usage: npm run keygen -- --out <dir> [--name pack-signing] [--force]');
  const name = values.name ?? 'pack-signing';
  const privatePath = join(values.out, `${name}-key.pem`);
  const publicPath = join(values.out, `${name}-public-key.json`);
  for (const p of [privatePath, publicPath]) {
    if (existsSync(p) && !values.force) throw new Error(`${p} exists; pass --force to replace it (packs signed by the old key will then be refused)`);
  }
  const pair = await generateSigningKeyPair();
  const publicFile: PublicKeyFile = {
    format: PUBLIC_KEY_FORMAT,
    version: 1,
    algorithm: 'Ed25519',
    keyId: pair.keyId,
    publicKey: toBase64(pair.publicKeyRaw),
    createdAt: new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'),
  };
  mkdirSync(values.out, { recursive: true });
  writeFileSync(privatePath, pair.privateKeyPem, { mode: 0o600 });
  writeFileSync(publicPath, JSON.stringify(publicFile, null, 2) + '\n');
  console.log(`key id ${pair.keyId}\nprivate key → ${privatePath} (keep secret)\npublic key  → ${publicPath} (build the app with it)`);
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : String(err));
  process.exit(1);
});
