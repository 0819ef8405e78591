/**
 * Writing a binary snapshot, one node and one relation at a time: the graph core, the
 * search core and the details chunks (docs/snapshot-format.md, "Binary layout").
 *
 * The graph's arrays and integrity problems come from the same GraphIndexBuilder, and the
 * keyword index from the same NodeSearchBuilder, as the JSON path builds in the browser, so
 * the two layouts answer every query the same. Nodes are written to details chunks as
 * they come and never kept: a ten-million-node snapshot streams through in bounded memory
 * (what stays is typed arrays, the string table and the id table).
 *
 * Nodes come before the relations that name them; a relation naming an id not yet added
 * is dangling, as in a JSON snapshot.
 */
import { CLASSIFICATIONS, DERIVATION_TYPES, type ManifestFile, type Relation, type SnapshotNode } from '../format/index.ts';
import { GrowableInt32, GrowableUint8 } from '../arrays/growable.ts';
import { GraphIndexBuilder, type Locate } from '../graph/index.ts';
import { isPlaceholder } from '../access/redact-snapshot.ts';
import { NodeSearchBuilder } from '../search/index.ts';
import { writeContainer } from './container.ts';
import { readSearchCore, writeSearchCore } from './search-core.ts';
import { readGraphCore } from './graph-core-read.ts';
import { ChunkWriter, DEFAULT_NODE_CHUNK_BYTES, DEFAULT_RELATION_CHUNK_BYTES, type ChunkSink } from './details-chunks.ts';
import { FLAG_PLACEHOLDER, G, GRAPH_CORE_FORMAT, GRAPH_CORE_VERSION, NO_STRING, NO_SUBTYPE, type GraphCoreMeta } from './graph-core-layout.ts';
import { StringTable, StringTableBuilder, buildHashSlots } from './string-table.ts';

export const GRAPH_CORE_FILE = 'core/graph.bin';
export const SEARCH_CORE_FILE = 'core/search.bin';

export interface CoreWriterOptions {
  /** Sizes known in advance (the arrays grow past them). */
  expectedNodes?: number;
  expectedRelations?: number;
  nodeChunkBytes?: number;
  relationChunkBytes?: number;
  /** Where the i-th node or relation came from, for problems (default: `nodes[i]` of graph.json). */
  locateNode?: Locate;
  locateRelation?: Locate;
  /** File named by "… more problems" lines. */
  summaryFile?: string;
}

export interface CoreWriterIo extends ChunkSink {
  /** Lower-case hex SHA-256, for the manifest. */
  sha256Hex(bytes: Uint8Array): string;
}

export interface WrittenCore {
  /** Manifest entries of the two core files (the chunks are listed in the graph core). */
  files: ManifestFile[];
  meta: GraphCoreMeta;
  nodeChunks: number;
  relationChunks: number;
  bytes: { graph: number; search: number; details: number };
}

const CLASS_CODE = new Map<string, number>(CLASSIFICATIONS.map((c, i) => [c, i]));
const DERIVATION_CODE = new Map<string, number>(DERIVATION_TYPES.map((d, i) => [d, i]));
const defaultLocate =
  (field: string): Locate =>
  (i) => ({ file: 'graph.json', path: `${field}[${i}]` });

export class CoreSnapshotWriter {
  private readonly graph: GraphIndexBuilder;
  private readonly search: NodeSearchBuilder;
  private readonly strings = new StringTableBuilder();
  private readonly nodeChunks: ChunkWriter<SnapshotNode>;
  private readonly relationChunks: ChunkWriter<Relation>;
  private readonly node: {
    id: GrowableInt32;
    name: GrowableInt32;
    labelEn: GrowableInt32;
    labelJa: GrowableInt32;
    subtype: GrowableInt32;
    classification: GrowableUint8;
    flags: GrowableUint8;
  };
  private readonly edgeSubtype: GrowableUint8;
  private readonly edgeRole: GrowableInt32;
  private relations = 0;
  private detailsBytes = 0;
  private readonly summaryFile: string;

  constructor(
    private readonly io: CoreWriterIo,
    opts: CoreWriterOptions = {},
  ) {
    const n = opts.expectedNodes ?? 1024;
    const m = opts.expectedRelations ?? 1024;
    this.graph = new GraphIndexBuilder(opts.locateNode ?? defaultLocate('nodes'), opts.locateRelation ?? defaultLocate('relations'), { nodes: n, relations: m });
    this.search = new NodeSearchBuilder(n);
    const sink: ChunkSink = {
      encodeUtf8: (text) => io.encodeUtf8(text),
      sha256: (bytes) => io.sha256(bytes),
      writeFile: (path, bytes) => {
        this.detailsBytes += bytes.byteLength;
        io.writeFile(path, bytes);
      },
    };
    this.nodeChunks = new ChunkWriter('nodes', sink, opts.nodeChunkBytes ?? DEFAULT_NODE_CHUNK_BYTES);
    this.relationChunks = new ChunkWriter('relations', sink, opts.relationChunkBytes ?? DEFAULT_RELATION_CHUNK_BYTES);
    this.node = {
      id: new GrowableInt32(n),
      name: new GrowableInt32(n),
      labelEn: new GrowableInt32(n),
      labelJa: new GrowableInt32(n),
      subtype: new GrowableInt32(n),
      classification: new GrowableUint8(n),
      flags: new GrowableUint8(n),
    };
    this.edgeSubtype = new GrowableUint8(m);
    this.edgeRole = new GrowableInt32(m);
    this.summaryFile = opts.summaryFile ?? 'graph.json';
  }

  /** Adds a node (a later node with the same id is reported and left out, as the JSON path does). */
  addNode(node: SnapshotNode): void {
    if (this.graph.addNode(node) < 0) return;
    const { strings } = this;
    this.node.id.push(strings.add(node.id, false));
    this.node.name.push(strings.add(node.name));
    this.node.labelEn.push(node.label?.en !== undefined ? strings.add(node.label.en) : NO_STRING);
    this.node.labelJa.push(node.label?.ja !== undefined ? strings.add(node.label.ja) : NO_STRING);
    const subtype = 'subtype' in node ? node.subtype : undefined;
    this.node.subtype.push(subtype ? strings.add(subtype) : NO_STRING);
    this.node.classification.push(CLASS_CODE.get(node.classification) ?? 0);
    this.node.flags.push(isPlaceholder(node) ? FLAG_PLACEHOLDER : 0);
    this.search.add(node);
    this.nodeChunks.add(node);
  }

  addRelation(r: Relation): void {
    this.relations++;
    this.relationChunks.add(r);
    if (this.graph.addRelation(r) < 0) return;
    this.edgeSubtype.push(r.subtype !== undefined ? (DERIVATION_CODE.get(r.subtype) ?? NO_SUBTYPE) : NO_SUBTYPE);
    this.edgeRole.push(r.role !== undefined ? this.strings.add(r.role) : NO_STRING);
  }

  /** Writes the last chunks and both core files; returns their manifest entries. */
  finish(): WrittenCore {
    const built = this.graph.finish(this.summaryFile);
    const { columns } = built;
    const n = columns.nodeCount;
    const nodeTable = this.nodeChunks.finish();
    const relationTable = this.relationChunks.finish();
    const strings = this.strings.finish();
    const nodeId = this.node.id.toArray();
    const idSlots = buildHashSlots(new StringTable(strings.bytes, strings.offsets), n, (v) => nodeId[v]!);
    const meta: GraphCoreMeta = {
      format: GRAPH_CORE_FORMAT,
      version: GRAPH_CORE_VERSION,
      nodeCount: n,
      edgeCount: columns.edgeCount,
      relationCount: this.relations,
      stringCount: strings.offsets.length - 1,
      graphVersion: Math.max(this.nodeChunks.graphVersion, this.relationChunks.graphVersion),
      warnings: built.problems,
    };
    const graphBytes = writeContainer('graph', [
      { id: G.META, value: { json: meta } },
      { id: G.STRING_BYTES, value: strings.bytes },
      { id: G.STRING_OFFSETS, value: strings.offsets },
      { id: G.NODE_ID, value: nodeId },
      { id: G.NODE_NAME, value: this.node.name.toArray() },
      { id: G.NODE_LABEL_EN, value: this.node.labelEn.toArray() },
      { id: G.NODE_LABEL_JA, value: this.node.labelJa.toArray() },
      { id: G.NODE_KIND, value: columns.kindCodes },
      { id: G.NODE_CLASS, value: this.node.classification.toArray() },
      { id: G.NODE_SUBTYPE, value: this.node.subtype.toArray() },
      { id: G.NODE_FLAGS, value: this.node.flags.toArray() },
      { id: G.EDGE_FROM, value: columns.edgeFrom },
      { id: G.EDGE_TO, value: columns.edgeTo },
      { id: G.EDGE_TYPE, value: columns.typeCodes },
      { id: G.EDGE_SUBTYPE, value: this.edgeSubtype.toArray() },
      { id: G.EDGE_ROLE, value: this.edgeRole.toArray() },
      { id: G.OUT_OFFSETS, value: columns.outOffsets },
      { id: G.OUT_EDGES, value: columns.outEdges },
      { id: G.IN_OFFSETS, value: columns.inOffsets },
      { id: G.IN_EDGES, value: columns.inEdges },
      { id: G.ID_SLOTS, value: idSlots },
      { id: G.NODE_CHUNK_FIRST, value: nodeTable.first },
      { id: G.NODE_CHUNK_BYTES, value: nodeTable.bytes },
      { id: G.NODE_CHUNK_SHA256, value: nodeTable.sha256 },
      { id: G.RELATION_CHUNK_FIRST, value: relationTable.first },
      { id: G.RELATION_CHUNK_BYTES, value: relationTable.bytes },
      { id: G.RELATION_CHUNK_SHA256, value: relationTable.sha256 },
    ]);
    // Validated at build time with the reader's own checks: a writer bug stops here, with the
    // reason, instead of in every browser that opens the snapshot.
    const core = readGraphCore(graphBytes, GRAPH_CORE_FILE);
    this.io.writeFile(GRAPH_CORE_FILE, graphBytes);
    const searchBytes = writeSearchCore(this.search.finish(() => ''));
    readSearchCore(searchBytes, SEARCH_CORE_FILE, n, core.columns.kindCodes, () => '');
    this.io.writeFile(SEARCH_CORE_FILE, searchBytes);
    return {
      files: [
        { path: GRAPH_CORE_FILE, sha256: this.io.sha256Hex(graphBytes), bytes: graphBytes.byteLength, contents: 'core' },
        { path: SEARCH_CORE_FILE, sha256: this.io.sha256Hex(searchBytes), bytes: searchBytes.byteLength, contents: 'search' },
      ],
      meta,
      nodeChunks: nodeTable.bytes.length,
      relationChunks: relationTable.bytes.length,
      bytes: { graph: graphBytes.byteLength, search: searchBytes.byteLength, details: this.detailsBytes },
    };
  }
}
