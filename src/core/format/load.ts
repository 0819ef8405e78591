/**
 * Loading a snapshot: manifest → every listed file → size and SHA-256 check → parse →
 * validate. I/O and hashing are passed in, so the same code runs in the browser's worker
 * (fetch + WebCrypto) and in the Node tools (fs + WebCrypto).
 */
import type { Manifest, SnapshotGraph, SnapshotNode, Relation } from './schema.ts';
import { FORMAT_VERSION, SNAPSHOT_FORMAT } from './schema.ts';
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
  const manifest = parsed.value;
  const out: LoadedSnapshot = { manifest, nodes: [], relations: [], nodeFiles: [], relationFiles: [] };
  const problems: Problem[] = [];
  // Other files (a pack's literature index) are read, and checked against the same
  // manifest, by whoever uses them and only when they do.
  const graphFiles = manifest.files.filter((f) => f.contents === 'graph');
  let done = 0;
  for (const entry of graphFiles) {
    io.onProgress?.(done, graphFiles.length, entry.path);
    const graph = await readVerified(entry, io, problems);
    done++;
    if (!graph) continue;
    appendGraph(out, graph, entry.path);
  }
  io.onProgress?.(done, graphFiles.length, '');
  if (problems.length > 0) throw new SnapshotError(problems);
  return out;
}

async function readVerified(entry: Manifest['files'][number], io: LoadIo, problems: Problem[]): Promise<SnapshotGraph | null> {
  let bytes: Uint8Array | null;
  try {
    bytes = await io.read(entry.path);
  } catch (err) {
    const why = err instanceof Error ? err.message : String(err);
    problems.push({ code: 'missing-file', file: entry.path, message: `could not be read: ${why}` });
    return null;
  }
  if (!bytes) {
    problems.push({ code: 'missing-file', file: entry.path, message: 'is listed in the manifest but was not found' });
    return null;
  }
  if (bytes.byteLength !== entry.bytes) {
    const short = bytes.byteLength < entry.bytes;
    problems.push({
      code: short ? 'truncated' : 'size-mismatch',
      file: entry.path,
      message: `has ${bytes.byteLength} bytes but the manifest says ${entry.bytes}${short ? ' (truncated?)' : ''}`,
    });
    return null;
  }
  const digest = await io.sha256(bytes);
  if (digest !== entry.sha256) {
    problems.push({
      code: 'hash-mismatch',
      file: entry.path,
      message: `SHA-256 ${digest.slice(0, 12)}… does not match the manifest's ${entry.sha256.slice(0, 12)}…: the file was changed or damaged`,
    });
    return null;
  }
  const graph = parseGraph(io.decodeUtf8(bytes), entry.path);
  if (!graph.ok) {
    problems.push(...graph.problems);
    return null;
  }
  return graph.value;
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

/** The graph file a tool writes: the wrapper object around nodes and relations. */
export function toGraphFile(nodes: SnapshotNode[], relations: Relation[]): SnapshotGraph {
  return { format: SNAPSHOT_FORMAT, version: FORMAT_VERSION, nodes, relations };
}
