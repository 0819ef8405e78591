/**
 * Checking that a pack's manifest is the one the pack builder signed. The signature covers
 * the exact bytes of manifest.json, and the manifest lists the SHA-256 of every other file,
 * so a verified manifest plus the per-file checks of `loadSnapshot` cover the whole pack.
 * Run this on the bytes as fetched, before parsing them for anything else.
 */
import { parseManifest, type Manifest, type PackInfo } from '../core/format/index.ts';
import { decodeUtf8, fromBase64 } from './bytes.ts';
import { importVerifyKey, verifySignature } from './ed25519.ts';
import type { TrustedKey } from './trusted-keys.ts';

export type VerifyFailure =
  | 'unsigned'
  | 'bad-signature-file'
  | 'unknown-key'
  | 'bad-signature'
  | 'bad-manifest';

export type PackVerification =
  | { ok: true; keyId: string; role: string; builtBy: string; builtAt: string; manifest: Manifest & { pack: PackInfo }; manifestText: string }
  | { ok: false; code: VerifyFailure; file: 'manifest.json' | 'manifest.sig'; reason: string };

export async function verifyPack(manifestBytes: Uint8Array, signatureBytes: Uint8Array | null, trusted: TrustedKey | readonly TrustedKey[]): Promise<PackVerification> {
  const keys = Array.isArray(trusted) ? (trusted as readonly TrustedKey[]) : [trusted as TrustedKey];
  const manifestText = decodeUtf8(manifestBytes);
  if (signatureBytes === null) return fail('unsigned', 'manifest.sig', 'the pack has no signature file (manifest.sig): it was not built by the pack builder, or the file was removed');
  let signature: Uint8Array;
  try {
    signature = fromBase64(decodeUtf8(signatureBytes));
  } catch {
    return fail('bad-signature-file', 'manifest.sig', 'manifest.sig is not a base64 signature');
  }

  let signedBy: TrustedKey | undefined;
  for (const key of keys) {
    if (await verifySignature(await importVerifyKey(key.publicKeyRaw), signature, manifestBytes)) {
      signedBy = key;
      break;
    }
  }
  const claimed = claimedKeyId(manifestText);
  if (!signedBy) {
    if (claimed && !keys.some((k) => k.keyId === claimed)) {
      return fail('unknown-key', 'manifest.json', `the pack is signed by key ${claimed}, which this app does not trust (trusted: ${keys.map((k) => k.keyId).join(', ') || 'none'})`);
    }
    return fail('bad-signature', 'manifest.json', 'manifest.json does not match its signature (manifest.sig): the manifest was altered after it was signed');
  }
  const parsed = parseManifest(manifestText);
  if (!parsed.ok) return fail('bad-manifest', 'manifest.json', `manifest.json is signed but invalid: ${parsed.problems[0]?.message ?? 'unknown problem'}`);
  const manifest = parsed.value;
  if (!manifest.pack) return fail('unsigned', 'manifest.json', 'manifest.json is signed but is not a role pack manifest (no "pack")');
  if (manifest.pack.keyId !== signedBy.keyId) {
    return fail('bad-manifest', 'manifest.json', `manifest.json names key ${manifest.pack.keyId} but was signed by key ${signedBy.keyId}`);
  }
  const pack = manifest.pack;
  return { ok: true, keyId: signedBy.keyId, role: pack.role, builtBy: pack.builtBy, builtAt: pack.builtAt, manifest: { ...manifest, pack }, manifestText };
}

function fail(code: VerifyFailure, file: 'manifest.json' | 'manifest.sig', reason: string): PackVerification {
  return { ok: false, code, file, reason };
}

/** The key id a (possibly altered) manifest claims, for a better message; null if unreadable. */
function claimedKeyId(text: string): string | null {
  try {
    const keyId = (JSON.parse(text) as { pack?: { keyId?: unknown } }).pack?.keyId;
    return typeof keyId === 'string' ? keyId : null;
  } catch {
    return null;
  }
}
