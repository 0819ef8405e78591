/**
 * Where things are in a pack folder. One folder per role under the output folder:
 *
 *   <out>/<role>/manifest.json      snapshot manifest v1 with a `pack` object
 *   <out>/<role>/manifest.sig       Ed25519 signature of manifest.json's exact bytes, base64
 *   <out>/<role>/graph-0001.json    graph files (….json.enc when the pack is encrypted)
 *   <out>/<role>/literature/…       the role's literature index (core/search/literature-pack.ts),
 *                                   built from the documents the role may read; optional
 *   <out>/build-report.md           audit trail of the build: outside every role folder, so a
 *                                   server that exposes only `<out>/<role>/` never serves it
 *
 * Every file of a role's folder is listed in the signed manifest with its size and SHA-256
 * (literature files with `contents: "literature"`), and encrypted alike when the pack is —
 * except files whose size and SHA-256 are in a listed file: details chunks (in the graph
 * core) and a partitioned literature index's numbered parts (in its part tables,
 * `literature/parts/<folder>.bin`, core/search/part-tables.ts).
 */
export const MANIFEST_FILE = 'manifest.json';
export const SIGNATURE_FILE = 'manifest.sig';
export const BUILD_REPORT_FILE = 'build-report.md';
export const ENCRYPTED_SUFFIX = '.enc';
/** Folder of the role's literature index inside its pack folder. */
export const LITERATURE_DIR = 'literature/';
/** Nodes per graph file: keeps each file's JSON far below V8's string limit and parsing incremental. */
export const DEFAULT_NODES_PER_FILE = 50_000;

export const graphFileName = (index: number): string => `graph-${String(index + 1).padStart(4, '0')}.json`;
