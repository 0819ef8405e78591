/**
 * Opening a binary snapshot: the graph core first (all the first graph needs), the search
 * core after (the keyword index), details chunks when asked. Each core file must have the
 * size and SHA-256 the manifest lists and pass its structural checks; any failure is a
 * SnapshotError naming the file, thrown before the caller adopts anything.
 */
import { SnapshotError, readChecked, type LoadIo, type Manifest, type ManifestFile } from '../format/index.ts';
import type { NodeSearchIndex } from '../search/index.ts';
import { CoreFileError } from './container.ts';
import { DetailsStore } from './details-store.ts';
import { CoreGraphIndex } from './graph-core-index.ts';
import { readGraphCore } from './graph-core-read.ts';
import { readSearchCore } from './search-core.ts';

export interface LoadedCore {
  manifest: Manifest;
  index: CoreGraphIndex;
  details: DetailsStore;
  /** Time the structural checks of the graph core took (within loading it). */
  checkMs: number;
  /** The search core's manifest entry, read by `loadSearchCore` once the graph is shown; null when the snapshot has none. */
  search: ManifestFile | null;
}

/** True when the manifest lists a graph core: the snapshot opens from it, not from graph files. */
export function hasCore(manifest: Manifest): boolean {
  return manifest.files.some((f) => f.contents === 'core');
}

export async function loadCore(manifest: Manifest, io: LoadIo): Promise<LoadedCore> {
  const entry = manifest.files.find((f) => f.contents === 'core');
  if (!entry) throw new SnapshotError([{ code: 'missing-file', file: 'manifest.json', message: 'lists no graph core' }]);
  io.onProgress?.(0, 1, entry.path);
  const bytes = await checkedBytes(entry, io);
  const t0 = Date.now(); // core/ has no `performance`: milliseconds are enough here
  const core = located(() => readGraphCore(bytes, entry.path));
  const checkMs = Date.now() - t0;
  io.onProgress?.(1, 1, '');
  const details = new DetailsStore(core, io);
  const index = new CoreGraphIndex(core, (i) => details.cached(i));
  return { manifest, index, details, checkMs, search: manifest.files.find((f) => f.contents === 'search') ?? null };
}

/** The keyword index of a loaded core, from its search core file. */
export async function loadSearchCore(entry: ManifestFile, io: LoadIo, index: CoreGraphIndex): Promise<NodeSearchIndex> {
  const bytes = await checkedBytes(entry, io);
  return located(() =>
    readSearchCore(bytes, entry.path, index.nodeCount, index.kindCodes, (node, field) =>
      field === 'name' ? index.nodeName(node) : field === 'id' ? index.nodeId(node) : (index.nodeLabel(node, field === 'label.en' ? 'en' : 'ja') ?? ''),
    ),
  );
}

async function checkedBytes(entry: ManifestFile, io: LoadIo): Promise<Uint8Array> {
  const read = await readChecked(entry, io);
  if (!read.ok) throw new SnapshotError([read.problem]);
  return read.bytes;
}

/** Structural problems as the located SnapshotError every loader throws. */
function located<T>(read: () => T): T {
  try {
    return read();
  } catch (err) {
    if (err instanceof CoreFileError) throw new SnapshotError([{ code: 'corrupt', file: err.file, message: err.detail }]);
    throw err;
  }
}
