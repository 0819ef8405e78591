/**
 * Reading and writing snapshot folders on disk (manifest.json + graph files and/or the
 * binary layout), for the Node tools. Verification goes through the same loaders as the
 * browser.
 */
import { createHash, webcrypto } from 'node:crypto';
import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync, writeSync, existsSync } from 'node:fs';
import { CoreSnapshotWriter, DETAILS_DIR, GRAPH_CORE_FILE, hasCore, loadCore, type CoreWriterIo, type CoreWriterOptions, type WrittenCore } from '../../src/core/columnar/index.ts';
import { makeItemLocator } from '../../src/core/graph/index.ts';
import type { SnapshotLayout } from '../../src/core/pack/index.ts';
import { join, dirname } from 'node:path';
import {
  BINARY_MANIFEST_VERSION,
  FORMAT_VERSION,
  MANIFEST_FORMAT,
  SnapshotError,
  loadSnapshot,
  parseManifest,
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
  return sha256(bytes).toString('hex');
}

/** SHA-256 of any size: one `update` takes at most 2 GiB (a ten-million-node search core is more). */
function sha256(bytes: Uint8Array | string): Buffer {
  const hash = createHash('sha256');
  if (typeof bytes === 'string') return hash.update(bytes).digest();
  for (let at = 0; at < bytes.byteLength; at += 1 << 30) hash.update(bytes.subarray(at, Math.min(bytes.byteLength, at + (1 << 30))));
  return hash.digest();
}

/**
 * Writes a snapshot folder: each chunk as a graph file (layout `json`), the binary layout
 * (`binary`: graph core, search core, details chunks; docs/snapshot-format.md), or both,
 * and a manifest listing every file with size and SHA-256. Chunks keep each graph file well
 * under V8's maximum string length for million-node snapshots. `pretty` indents small
 * files so that people can read and diff them.
 */
export function writeSnapshotDir(outDir: string, info: SnapshotInfo, chunks: GraphChunk[], pretty = false, layout: SnapshotLayout = 'json'): Manifest {
  mkdirSync(outDir, { recursive: true });
  const files: Manifest['files'] = [];
  if (layout !== 'binary') {
    for (const chunk of chunks) {
      const text = JSON.stringify(toGraphFile(chunk.nodes, chunk.relations), null, pretty ? 1 : undefined) + '\n';
      const bytes = Buffer.from(text, 'utf8');
      const target = join(outDir, chunk.path);
      mkdirSync(dirname(target), { recursive: true });
      writeFileSync(target, bytes);
      files.push({ path: chunk.path, sha256: sha256Hex(bytes), bytes: bytes.byteLength, contents: 'graph' });
    }
  }
  if (layout !== 'json') {
    // Problems are located in the graph files when they are written, else in the order given.
    const at = (field: 'nodes' | 'relations') => {
      const paths = chunks.flatMap((c) => c[field].map(() => (layout === 'both' ? c.path : `${c.path} (not written: binary layout)`)));
      return makeItemLocator(field, paths);
    };
    const written = writeCoreFiles(outDir, chunks.flatMap((c) => c.nodes), chunks.flatMap((c) => c.relations), { locateNode: at('nodes'), locateRelation: at('relations'), summaryFile: chunks[0]?.path });
    files.push(...written.files);
  }
  const version = layout === 'json' ? FORMAT_VERSION : BINARY_MANIFEST_VERSION;
  const manifest: Manifest = { format: MANIFEST_FORMAT, version, snapshot: { ...info }, files };
  writeFileSync(join(outDir, 'manifest.json'), JSON.stringify(manifest, null, 2) + '\n');
  return manifest;
}

/** The writer's I/O over a folder: node:crypto hashes, files written as they come. */
export function folderCoreIo(outDir: string): CoreWriterIo {
  return {
    encodeUtf8: (text) => Buffer.from(text, 'utf8'),
    sha256,
    sha256Hex,
    writeFile(path, bytes) {
      const target = join(outDir, path);
      mkdirSync(dirname(target), { recursive: true });
      // One write call takes at most 2 GiB: a ten-million-node search core is more.
      const fd = openSync(target, 'w');
      try {
        for (let at = 0; at < bytes.byteLength; ) at += writeSync(fd, bytes, at, Math.min(1 << 30, bytes.byteLength - at));
      } finally {
        closeSync(fd);
      }
    },
  };
}

/**
 * The binary layout of nodes and relations under `outDir`, replacing an earlier one (a
 * chunk left from a larger snapshot would never be read, but would confuse a reader).
 */
export function writeCoreFiles(outDir: string, nodes: readonly SnapshotNode[], relations: readonly Relation[], opts: CoreWriterOptions = {}): WrittenCore {
  rmSync(join(outDir, DETAILS_DIR), { recursive: true, force: true });
  rmSync(join(outDir, dirname(GRAPH_CORE_FILE)), { recursive: true, force: true });
  const writer = new CoreSnapshotWriter(folderCoreIo(outDir), { expectedNodes: nodes.length, expectedRelations: relations.length, ...opts });
  for (const n of nodes) writer.addNode(n);
  for (const r of relations) writer.addRelation(r);
  return writer.finish();
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

/**
 * Loads and verifies a snapshot folder; throws SnapshotError with located problems. A
 * snapshot in the binary layout alone is read whole from its core and every details chunk.
 */
export async function readSnapshotDir(dir: string): Promise<LoadedSnapshot> {
  const text = readFileSync(join(dir, 'manifest.json'), 'utf8');
  const parsed = parseManifest(text, 'manifest.json');
  if (!parsed.ok) throw new SnapshotError(parsed.problems);
  if (parsed.value.files.some((f) => f.contents === 'graph') || !hasCore(parsed.value)) return loadSnapshot(text, nodeLoadIo(dir), 'manifest.json');
  const core = await loadCore(parsed.value, nodeLoadIo(dir));
  const nodes = await core.details.allNodes();
  const relations = await core.details.allRelations();
  return { manifest: parsed.value, nodes, relations, nodeFiles: nodes.map((_, i) => core.details.fileOf(i)), relationFiles: relations.map((_, i) => core.details.relationFileOf(i)) };
}
