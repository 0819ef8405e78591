/**
 * The binary snapshot layout (issue 9; docs/snapshot-format.md, "Binary layout"): a graph
 * core and a search core of typed arrays viewed in place, and details chunks fetched on
 * demand. Written by the Node tools (compile, import, pack) through CoreSnapshotWriter and
 * read by the explorer's worker through loadCore; JSON stays the interchange format.
 */
export { CoreSnapshotWriter, GRAPH_CORE_FILE, SEARCH_CORE_FILE, type CoreWriterIo, type CoreWriterOptions, type WrittenCore } from './snapshot-writer.ts';
export { loadCore, loadSearchCore, hasCore, type LoadedCore } from './load-core.ts';
export { readGraphCore, type GraphCore } from './graph-core-read.ts';
export { readSearchCore, readSearchTerms, writeSearchCore } from './search-core.ts';
export { CoreGraphIndex } from './graph-core-index.ts';
export { DetailsStore, type DetailsIo } from './details-store.ts';
export { CoreFileError } from './container.ts';
export { DETAILS_DIR, nodeChunkPath, relationChunkPath, DEFAULT_NODE_CHUNK_BYTES, DEFAULT_RELATION_CHUNK_BYTES } from './details-chunks.ts';
export { GRAPH_CORE_VERSION } from './graph-core-layout.ts';
