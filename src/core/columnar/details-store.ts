/**
 * Whole nodes and relations of a binary snapshot, read from its details chunks when first
 * needed: one chunk for the node a person opens, those of a list's rows, all of them for an
 * export. Each chunk must have the byte length and SHA-256 the graph core gives (the core
 * itself being hashed in the signed manifest), parse as a graph file, and hold exactly the
 * nodes the core numbers there, with the same kind, name and classification; otherwise it
 * is refused with a SnapshotError naming the chunk, and nothing already shown changes.
 */
import { CLASSIFICATIONS, NODE_KINDS, SnapshotError, parseGraph, type LoadIo, type Relation, type SnapshotNode } from '../format/index.ts';
import { chunkDigestHex, chunkOf, nodeChunkPath, relationChunkPath, type ChunkTable } from './details-chunks.ts';
import type { GraphCore } from './graph-core-read.ts';

/** Chunks kept in memory (16 KB each by default): what recent views and searches showed. */
const CACHED_CHUNKS = 1024;

export type DetailsIo = Pick<LoadIo, 'read' | 'sha256' | 'decodeUtf8'>;

export class DetailsStore {
  /** Chunk number → its nodes, most recently used last (a Map keeps insertion order). */
  private readonly cache = new Map<number, SnapshotNode[]>();
  private readonly pending = new Map<number, Promise<SnapshotNode[]>>();

  constructor(
    private readonly core: GraphCore,
    private readonly io: DetailsIo,
  ) {}

  /** Node i, if its chunk is in memory. */
  cached(i: number): SnapshotNode | undefined {
    const k = chunkOf(this.core.nodeChunks, i);
    const nodes = this.cache.get(k);
    return nodes?.[i - this.core.nodeChunks.first[k]!];
  }

  /** The path of the chunk holding node i (for "shown from" lines and messages). */
  fileOf(i: number): string {
    return nodeChunkPath(chunkOf(this.core.nodeChunks, i));
  }

  /** The path of the chunk holding relation i (in source order). */
  relationFileOf(i: number): string {
    return relationChunkPath(chunkOf(this.core.relationChunks, i));
  }

  /** Reads the chunks holding these nodes (in parallel, each once); rejects with the first refused chunk. */
  async load(nodes: Iterable<number>): Promise<void> {
    const chunks = new Set<number>();
    for (const i of nodes) if (i >= 0 && i < this.core.meta.nodeCount) chunks.add(chunkOf(this.core.nodeChunks, i));
    await Promise.all([...chunks].map((k) => this.chunk(k)));
  }

  async node(i: number): Promise<SnapshotNode> {
    await this.load([i]);
    return this.cached(i)!;
  }

  /** Every node in order: every chunk read (an export of the whole snapshot). */
  async allNodes(onProgress?: (done: number, total: number) => void): Promise<SnapshotNode[]> {
    const out: SnapshotNode[] = [];
    const count = this.core.nodeChunks.bytes.length;
    for (let k = 0; k < count; k++) {
      onProgress?.(k, count);
      for (const n of await this.readNodeChunk(k)) out.push(n);
    }
    return out;
  }

  /** Every relation in source order, edges or not (the relation chunks). */
  async allRelations(onProgress?: (done: number, total: number) => void): Promise<Relation[]> {
    const out: Relation[] = [];
    const count = this.core.relationChunks.bytes.length;
    for (let k = 0; k < count; k++) {
      onProgress?.(k, count);
      for (const r of await this.readRelationChunk(k)) out.push(r);
    }
    return out;
  }

  /** The relations of relation chunk k, checked, uncached (a diff streams them once). */
  async readRelationChunk(k: number): Promise<Relation[]> {
    const table = this.core.relationChunks;
    const path = relationChunkPath(k);
    const graph = await this.readChunk(table, k, path);
    const want = table.first[k + 1]! - table.first[k]!;
    if (graph.nodes.length !== 0 || graph.relations.length !== want) {
      refuse(path, `holds ${graph.nodes.length} nodes and ${graph.relations.length} relations; ${this.core.file} says ${want} relations`);
    }
    return graph.relations;
  }

  private chunk(k: number): Promise<SnapshotNode[]> {
    const hit = this.cache.get(k);
    if (hit) {
      this.cache.delete(k);
      this.cache.set(k, hit);
      return Promise.resolve(hit);
    }
    let p = this.pending.get(k);
    if (!p) {
      p = this.readNodeChunk(k).then(
        (nodes) => {
          this.pending.delete(k);
          this.cache.set(k, nodes);
          if (this.cache.size > CACHED_CHUNKS) this.cache.delete(this.cache.keys().next().value!);
          return nodes;
        },
        (err: unknown) => {
          this.pending.delete(k);
          throw err;
        },
      );
      this.pending.set(k, p);
    }
    return p;
  }

  /** The nodes of node chunk k, checked against the core, uncached (a diff streams them once). */
  async readNodeChunk(k: number): Promise<SnapshotNode[]> {
    const table = this.core.nodeChunks;
    const path = nodeChunkPath(k);
    const graph = await this.readChunk(table, k, path);
    const first = table.first[k]!;
    const want = table.first[k + 1]! - first;
    if (graph.relations.length !== 0 || graph.nodes.length !== want) {
      refuse(path, `holds ${graph.nodes.length} nodes and ${graph.relations.length} relations; ${this.core.file} says ${want} nodes`);
    }
    const { node, strings } = this.core;
    graph.nodes.forEach((n, j) => {
      const v = first + j;
      const id = strings.get(node.id[v]!);
      const differs =
        n.id !== id ? 'id' : n.kind !== NODE_KINDS[node.kind[v]!] ? 'kind' : n.name !== strings.get(node.name[v]!) ? 'name' : n.classification !== CLASSIFICATIONS[node.classification[v]!] ? 'classification' : null;
      if (differs) refuse(path, `nodes[${j}] (${JSON.stringify(n.id)}) differs in its ${differs} from node ${v} of ${this.core.file} (${JSON.stringify(id)})`);
    });
    return graph.nodes;
  }

  private async readChunk(table: ChunkTable, k: number, path: string) {
    let bytes: Uint8Array | null;
    try {
      bytes = await this.io.read(path);
    } catch (err) {
      refuse(path, `could not be read: ${err instanceof Error ? err.message : String(err)}`, 'missing-file');
    }
    if (!bytes) refuse(path, 'was not found', 'missing-file');
    const want = table.bytes[k]!;
    if (bytes.byteLength !== want) {
      refuse(path, `has ${bytes.byteLength} bytes but ${this.core.file} says ${want}${bytes.byteLength < want ? ' (truncated?)' : ''}`, bytes.byteLength < want ? 'truncated' : 'size-mismatch');
    }
    const digest = await this.io.sha256(bytes);
    const expected = chunkDigestHex(table, k);
    if (digest !== expected) {
      refuse(path, `SHA-256 ${digest.slice(0, 12)}… does not match ${expected.slice(0, 12)}… given by ${this.core.file}: the file was changed or damaged`, 'hash-mismatch');
    }
    const parsed = parseGraph(this.io.decodeUtf8(bytes), path);
    if (!parsed.ok) throw new SnapshotError(parsed.problems);
    return parsed.value;
  }
}

function refuse(file: string, message: string, code: 'corrupt' | 'missing-file' | 'truncated' | 'size-mismatch' | 'hash-mismatch' = 'corrupt'): never {
  throw new SnapshotError([{ code, file, message }]);
}
