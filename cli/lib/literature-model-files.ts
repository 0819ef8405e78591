/** A model folder's manifest with the SHA-256 and size of each file, computed from the bytes. */
import { MODEL_FORMAT, MODEL_MANIFEST_FILE, parseAnyModelManifest, sha256Hex, type AnyModelManifest, type ModelManifest, type NliManifest } from '../../src/embed/index.ts';

/** A manifest of either task without the fields computed here. */
export type ManifestBody = Omit<ModelManifest, 'format' | 'files'> | Omit<NliManifest, 'format' | 'files'>;

export async function modelFolderFiles(body: ManifestBody, files: ReadonlyMap<string, Uint8Array>): Promise<Map<string, Uint8Array>> {
  const hashes: AnyModelManifest['files'] = {};
  for (const [name, bytes] of [...files].sort(([a], [b]) => (a < b ? -1 : 1))) {
    hashes[name] = { sha256: await sha256Hex(bytes), bytes: bytes.length };
  }
  const manifest = parseAnyModelManifest({ format: MODEL_FORMAT, ...body, files: hashes });
  const out = new Map(files);
  out.set(MODEL_MANIFEST_FILE, new TextEncoder().encode(JSON.stringify(manifest, null, 2) + '\n'));
  return out;
}
