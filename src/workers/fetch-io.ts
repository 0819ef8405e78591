/**
 * Snapshot I/O in the browser: same-origin fetches (anything else is refused before a
 * request is made) or files the user picked, hashed with WebCrypto.
 */
import type { LoadIo } from '../core/format/index.ts';
import { sha256Hex } from '../platform/index.ts';

const decoder = new TextDecoder('utf-8', { fatal: true });

function decodeUtf8(bytes: Uint8Array): string {
  try {
    return decoder.decode(bytes);
  } catch {
    throw new Error('the file is not UTF-8 text');
  }
}

/** Resolves `url` against the page and refuses any other origin. */
export function sameOriginUrl(url: string, base: string, origin: string): URL {
  const resolved = new URL(url, base);
  if (resolved.origin !== origin) {
    throw new Error(`only snapshots from this site can be opened (refused ${resolved.origin})`);
  }
  return resolved;
}

export function fetchIo(manifestUrl: URL): LoadIo {
  return {
    async read(path) {
      const res = await fetch(new URL(path, manifestUrl), { credentials: 'same-origin' });
      if (res.status === 404) return null;
      if (!res.ok) throw new Error(`HTTP ${res.status}`);
      return new Uint8Array(await res.arrayBuffer());
    },
    sha256: sha256Hex,
    decodeUtf8,
  };
}

/** Files chosen by the user: matched to manifest paths by their path or their base name. */
export function fileListIo(files: readonly File[]): LoadIo {
  const byName = new Map<string, File>();
  for (const f of files) {
    byName.set(f.name, f);
    const rel = (f as File & { webkitRelativePath?: string }).webkitRelativePath;
    if (rel) byName.set(rel.split('/').slice(1).join('/'), f);
  }
  return {
    async read(path) {
      const file = byName.get(path) ?? byName.get(path.split('/').pop() ?? path);
      return file ? new Uint8Array(await file.arrayBuffer()) : null;
    },
    sha256: sha256Hex,
    decodeUtf8,
  };
}

export async function readText(io: LoadIo, path: string): Promise<string | null> {
  const bytes = await io.read(path);
  return bytes ? io.decodeUtf8(bytes) : null;
}
