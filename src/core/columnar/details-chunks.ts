/**
 * Details chunks: the whole nodes and relations of a binary snapshot, fetched on demand.
 *
 * Each chunk is an ordinary graph file (format `raireki-snapshot`, docs/snapshot-format.md)
 * holding a run of consecutive nodes (`details/nodes-NNNNNN.json`) or of relations in
 * source order (`details/relations-NNNNNN.json`), so it is validated exactly as a JSON
 * snapshot is. Chunks are not listed in the manifest — a million-node snapshot has
 * thousands — but the graph core, which the manifest hashes (and a pack signs), gives each
 * chunk's first item, byte length and SHA-256: a chunk is trusted only when all agree.
 *
 * Node chunks are small (DEFAULT_NODE_CHUNK_BYTES, some 60 nodes) because a click on a node
 * fetches one, and a keyword search the chunks of its twenty hits (for their snippets):
 * measured on a million nodes, 64 KB chunks made that search five times slower than the
 * ranking itself. Relation chunks are only read by exports, and are larger.
 */
import { SNAPSHOT_FORMAT, graphVersionFor, type Relation, type SnapshotNode } from '../format/index.ts';

export const DETAILS_DIR = 'details/';
export const DEFAULT_NODE_CHUNK_BYTES = 16 * 1024;
export const DEFAULT_RELATION_CHUNK_BYTES = 512 * 1024;

export const nodeChunkPath = (k: number): string => `${DETAILS_DIR}nodes-${String(k).padStart(6, '0')}.json`;
export const relationChunkPath = (k: number): string => `${DETAILS_DIR}relations-${String(k).padStart(6, '0')}.json`;

/** Where chunks of one kind are: item ranges, byte lengths and SHA-256 digests (32 bytes each). */
export interface ChunkTable {
  /** `first[k] .. first[k + 1]` are the items of chunk k; `first[count]` is the number of items. */
  first: Int32Array;
  bytes: Uint32Array;
  sha256: Uint8Array;
}

export interface ChunkSink {
  encodeUtf8(text: string): Uint8Array;
  /** Raw SHA-256 digest (32 bytes). */
  sha256(bytes: Uint8Array): Uint8Array;
  writeFile(path: string, bytes: Uint8Array): void;
}

/**
 * Writes items into chunks of about `targetBytes` as they come, so that a streamed
 * snapshot never holds more than one chunk of them; remembers each chunk's table entry.
 */
export class ChunkWriter<T extends SnapshotNode | Relation> {
  private pending: T[] = [];
  /** Each pending item's JSON: serialised once, both to measure the chunk and to write it. */
  private texts: string[] = [];
  private pendingBytes = 0;
  private items = 0;
  private readonly first: number[] = [0];
  private readonly sizes: number[] = [];
  private readonly digests: Uint8Array[] = [];
  /** Highest graph version a chunk needed. */
  graphVersion: 1 | 2 = 1;

  constructor(
    private readonly kind: 'nodes' | 'relations',
    private readonly sink: ChunkSink,
    private readonly targetBytes: number,
  ) {}

  add(item: T): void {
    const text = JSON.stringify(item);
    this.pending.push(item);
    this.texts.push(text);
    this.items++;
    // UTF-16 length: an estimate of the bytes, good enough to cut chunks near the target.
    this.pendingBytes += text.length;
    if (this.pendingBytes >= this.targetBytes) this.flush();
  }

  private flush(): void {
    if (this.pending.length === 0) return;
    const k = this.sizes.length;
    const nodes = this.kind === 'nodes' ? (this.pending as SnapshotNode[]) : [];
    const relations = this.kind === 'relations' ? (this.pending as Relation[]) : [];
    const version = graphVersionFor(nodes, relations);
    if (version > this.graphVersion) this.graphVersion = version;
    // What JSON.stringify(toGraphFile(nodes, relations)) writes, from the items' JSON already made.
    const list = this.texts.join(',');
    const [nodeList, relationList] = this.kind === 'nodes' ? [list, ''] : ['', list];
    const text = `{"format":${JSON.stringify(SNAPSHOT_FORMAT)},"version":${version},"nodes":[${nodeList}],"relations":[${relationList}]}\n`;
    const bytes = this.sink.encodeUtf8(text);
    this.sink.writeFile(this.kind === 'nodes' ? nodeChunkPath(k) : relationChunkPath(k), bytes);
    this.first.push(this.items);
    this.sizes.push(bytes.byteLength);
    this.digests.push(this.sink.sha256(bytes));
    this.pending = [];
    this.texts = [];
    this.pendingBytes = 0;
  }

  finish(): ChunkTable {
    this.flush();
    const sha256 = new Uint8Array(32 * this.digests.length);
    this.digests.forEach((d, k) => sha256.set(d, 32 * k));
    return { first: Int32Array.from(this.first), bytes: Uint32Array.from(this.sizes), sha256 };
  }
}

/** Why a chunk table read from a file cannot describe `items` items, or null. */
export function chunkTableProblem(t: ChunkTable, items: number, what: string): string | null {
  const count = t.bytes.length;
  if (t.first.length !== count + 1) return `${what} chunk table: ${t.first.length} starts for ${count} chunks`;
  if (t.sha256.length !== 32 * count) return `${what} chunk table: ${t.sha256.length} digest bytes for ${count} chunks`;
  if (t.first[0] !== 0 || t.first[count] !== items) return `${what} chunks cover ${t.first[0]}–${t.first[count]}, not the ${items} ${what}`;
  for (let k = 0; k < count; k++) {
    if (!(t.first[k + 1]! > t.first[k]!)) return `${what} chunk ${k} holds no ${what} (starts ${t.first[k]}, next ${t.first[k + 1]})`;
    if (t.bytes[k] === 0) return `${what} chunk ${k} has no bytes`;
  }
  return null;
}

/** Chunk holding item `i` (binary search over `first`). */
export function chunkOf(t: ChunkTable, i: number): number {
  let lo = 0;
  let hi = t.bytes.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (t.first[mid]! <= i) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** Lower-case hex of chunk k's digest. */
export function chunkDigestHex(t: ChunkTable, k: number): string {
  let hex = '';
  for (let j = 32 * k; j < 32 * k + 32; j++) hex += t.sha256[j]!.toString(16).padStart(2, '0');
  return hex;
}
