/**
 * Loading a snapshot: manifest → every listed file → size and SHA-256 check → parse →
 * validate. I/O and hashing are passed in, so the same code runs in the browser's worker
 * (fetch + WebCrypto) and in the Node tools (fs + WebCrypto).
 */
import type { Manifest, ManifestFile, SnapshotGraph, SnapshotNode, Relation } from './schema.ts';
import { SNAPSHOT_FORMAT } from './schema.ts';
import { graphVersionFor } from './graph-version.ts';
import { parseManifest, parseGraph } from './parse.ts';
import { SnapshotError, type Problem } from './problems.ts';

export interface LoadIo {
  /** Bytes of a file named in the manifest; rejects (or returns null) if it is missing. */
  read(path: string): Promise<Uint8Array | null>;
  /** Lower-case hex SHA-256 of the bytes. */
  sha256(bytes: Uint8Array): Promise<string>;
  decodeUtf8(bytes: Uint8Array): string;
  /** Called as each file is read, for a progress indicator. */
  onProgress?(done: number, total: number, file: string): void;
}

export interface LoadedSnapshot {
  manifest: Manifest;
  nodes: SnapshotNode[];
  relations: Relation[];
  /** File each node and relation came from, for messages (index-aligned with the arrays). */
  nodeFiles: string[];
  relationFiles: string[];
}

/** Reads and verifies every file of a snapshot. Throws SnapshotError listing every problem. */
export async function loadSnapshot(manifestText: string, io: LoadIo, manifestName = 'manifest.json'): Promise<LoadedSnapshot> {
  const parsed = parseManifest(manifestText, manifestName);
  if (!parsed.ok) throw new SnapshotError(parsed.problems);
  return loadGraphFiles(parsed.value, io);
}

/** Reads, verifies and parses the graph files a (parsed) manifest lists. */
export async function loadGraphFiles(manifest: Manifest, io: LoadIo): Promise<LoadedSnapshot> {
  const out: LoadedSnapshot = { manifest, nodes: [], relations: [], nodeFiles: [], relationFiles: [] };
  const problems: Problem[] = [];
  // Other files (a pack's literature index) are read, and checked against the same
  // manifest, by whoever uses them and only when they do.
  const graphFiles = manifest.files.filter((f) => f.contents === 'graph');
  // The next file is fetched and hashed while this one is parsed: I/O and WebCrypto's digest
  // do not run on this thread, so they overlap the parse. One ahead, not all: a large
  // snapshot's files would otherwise all sit in memory as bytes at once.
  const check = (entry: ManifestFile) => readChecked(entry, io);
  let next = graphFiles[0] ? check(graphFiles[0]) : null;
  for (const [i, entry] of graphFiles.entries()) {
    io.onProgress?.(i, graphFiles.length, entry.path);
    const read = await next!;
    next = graphFiles[i + 1] ? check(graphFiles[i + 1]!) : null;
    if (!read.ok) {
      problems.push(read.problem);
      continue;
    }
    const graph = parseGraph(io.decodeUtf8(read.bytes), entry.path);
    if (!graph.ok) problems.push(...graph.problems);
    else appendGraph(out, graph.value, entry.path);
  }
  io.onProgress?.(graphFiles.length, graphFiles.length, '');
  if (problems.length > 0) throw new SnapshotError(problems);
  return out;
}

/** The file's bytes if they have the size and SHA-256 the manifest gives; never rejects. */
export async function readChecked(entry: ManifestFile, io: LoadIo): Promise<{ ok: true; bytes: Uint8Array } | { ok: false; problem: Problem }> {
  let bytes: Uint8Array | null;
  try {
    bytes = await io.read(entry.path);
  } catch (err) {
    const why = err instanceof Error ? err.message : String(err);
    return { ok: false, problem: { code: 'missing-file', file: entry.path, message: `could not be read: ${why}` } };
  }
  if (!bytes) return { ok: false, problem: { code: 'missing-file', file: entry.path, message: 'is listed in the manifest but was not found' } };
  if (bytes.byteLength !== entry.bytes) {
    const short = bytes.byteLength < entry.bytes;
    return {
      ok: false,
      problem: {
        code: short ? 'truncated' : 'size-mismatch',
        file: entry.path,
        message: `has ${bytes.byteLength} bytes but the manifest says ${entry.bytes}${short ? ' (truncated?)' : ''}`,
      },
    };
  }
  let digest: string;
  try {
    digest = await io.sha256(bytes);
  } catch (err) {
    return { ok: false, problem: { code: 'missing-file', file: entry.path, message: `could not be hashed: ${err instanceof Error ? err.message : String(err)}` } };
  }
  if (digest !== entry.sha256) {
    return {
      ok: false,
      problem: {
        code: 'hash-mismatch',
        file: entry.path,
        message: `SHA-256 ${digest.slice(0, 12)}… does not match the manifest's ${entry.sha256.slice(0, 12)}…: the file was changed or damaged`,
      },
    };
  }
  return { ok: true, bytes };
}

function appendGraph(out: LoadedSnapshot, graph: SnapshotGraph, file: string): void {
  for (const n of graph.nodes) {
    out.nodes.push(n);
    out.nodeFiles.push(file);
  }
  for (const r of graph.relations) {
    out.relations.push(r);
    out.relationFiles.push(file);
  }
}

/**
 * The graph file a tool writes: the wrapper object around nodes and relations, version 1
 * unless they use something only version 2 has.
 */
export function toGraphFile(nodes: SnapshotNode[], relations: Relation[]): SnapshotGraph {
  return { format: SNAPSHOT_FORMAT, version: graphVersionFor(nodes, relations), nodes, relations };
}
