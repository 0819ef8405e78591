/**
 * Reading and writing snapshot folders on disk (manifest.json + graph files), for the
 * Node tools. Verification goes through the same `loadSnapshot` as the browser.
 */
import { createHash, webcrypto } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join, dirname } from 'node:path';
import {
  FORMAT_VERSION,
  MANIFEST_FORMAT,
  loadSnapshot,
  toGraphFile,
  type LoadIo,
  type LoadedSnapshot,
  type LocalizedText,
  type Manifest,
  type Relation,
  type SnapshotNode,
} from '../../src/core/format/index.ts';

export interface SnapshotInfo {
  id: string;
  title: LocalizedText;
  description?: LocalizedText;
  createdAt: string;
  generator?: string;
  startNode?: string;
}

export interface GraphChunk {
  path: string;
  nodes: SnapshotNode[];
  relations: Relation[];
}

export function sha256Hex(bytes: Uint8Array | string): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/**
 * Writes each chunk as a graph file and a manifest listing them with size and SHA-256.
 * Chunks keep each file well under V8's maximum string length for million-node snapshots.
 * `pretty` indents small files so that people can read and diff them.
 */
export function writeSnapshotDir(outDir: string, info: SnapshotInfo, chunks: GraphChunk[], pretty = false): Manifest {
  mkdirSync(outDir, { recursive: true });
  const files: Manifest['files'] = [];
  for (const chunk of chunks) {
    const text = JSON.stringify(toGraphFile(chunk.nodes, chunk.relations), null, pretty ? 1 : undefined) + '\n';
    const bytes = Buffer.from(text, 'utf8');
    const target = join(outDir, chunk.path);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, bytes);
    files.push({ path: chunk.path, sha256: sha256Hex(bytes), bytes: bytes.byteLength, contents: 'graph' });
  }
  const manifest: Manifest = { format: MANIFEST_FORMAT, version: FORMAT_VERSION, snapshot: { ...info }, files };
  writeFileSync(join(outDir, 'manifest.json'), JSON.stringify(manifest, null, 2) + '\n');
  return manifest;
}

/** LoadIo over a folder on disk, hashing with WebCrypto as the browser does. */
export function nodeLoadIo(dir: string): LoadIo {
  return {
    async read(path) {
      const full = join(dir, path);
      return existsSync(full) ? readFileSync(full) : null; // a Buffer is a Uint8Array: no copy
    },
    async sha256(bytes) {
      const digest = await webcrypto.subtle.digest('SHA-256', bytes);
      return Buffer.from(digest).toString('hex');
    },
    decodeUtf8: (bytes) => new TextDecoder().decode(bytes),
  };
}

/** Loads and verifies a snapshot folder; throws SnapshotError with located problems. */
export async function readSnapshotDir(dir: string): Promise<LoadedSnapshot> {
  const manifestPath = join(dir, 'manifest.json');
  return loadSnapshot(readFileSync(manifestPath, 'utf8'), nodeLoadIo(dir), 'manifest.json');
}
