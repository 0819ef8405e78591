/**
 * A binary snapshot written to and read from memory, for tests: the writer's I/O and the
 * loader's over one map of path → bytes, hashing with core's own SHA-256. `tamper` changes
 * a file after it was written, as a damaged disk or an attacker would.
 */
import { sha256Bytes, sha256Hex } from '../core/access/sha256.ts';
import { decodeUtf8Range, encodeUtf8 } from '../core/columnar/utf8.ts';
import type { CoreWriterIo } from '../core/columnar/index.ts';
import type { LoadIo } from '../core/format/index.ts';

export interface MemoryCoreIo extends CoreWriterIo {
  readonly files: Map<string, Uint8Array>;
  readonly loadIo: LoadIo;
  /** Paths read through `loadIo`, in order. */
  readonly reads: string[];
}

export function memoryCoreIo(): MemoryCoreIo {
  const files = new Map<string, Uint8Array>();
  const reads: string[] = [];
  return {
    files,
    reads,
    encodeUtf8,
    sha256: sha256Bytes,
    sha256Hex,
    writeFile: (path, bytes) => void files.set(path, bytes),
    loadIo: {
      read: async (path) => {
        reads.push(path);
        return files.get(path) ?? null;
      },
      sha256: async (bytes) => sha256Hex(bytes),
      decodeUtf8: (bytes) => decodeUtf8Range(bytes, 0, bytes.length),
    },
  };
}
