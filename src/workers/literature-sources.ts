/**
 * Where the literature worker reads an index from: a folder URL (the built-in sample, a
 * shared index) or a role's pack. Both read a partitioned index's parts a folder at a time
 * out of its bundles where the server answers byte ranges (platform/bundled-parts.ts), and
 * one file a part otherwise.
 */
import { LITERATURE_DIR } from '../core/pack/pack-layout.ts';
import { bundledPartReader, httpPackReader, packFileReader, type PackFileAccess } from '../platform/index.ts';
import { fetchModelFolderIo } from '../embed/index.ts';
import type { LiteratureSource } from './literature-session.ts';

/** An index in a folder of this site: files and bundles relative to the folder's URL. */
export function folderSource(folder: URL): LiteratureSource {
  const base = new URL(folder);
  if (!base.pathname.endsWith('/')) base.pathname += '/';
  const io = fetchModelFolderIo(base);
  return {
    read: (name) => io.read(name),
    // A folder's bundle sizes are not listed in its manifest: a wrong one only misplaces ranges, whose parts then fail their table's check.
    readParts: bundledPartReader({ url: (path) => new URL(path, base), readSizes: (path) => io.read(path), readOne: (name) => io.read(name) }),
  };
}

/** The literature index of a role's pack: every file checked against the signed manifest, parts against their signed tables. */
export function packSource(packUrl: URL, access: PackFileAccess): LiteratureSource {
  const base = new URL(packUrl);
  if (!base.pathname.endsWith('/')) base.pathname += '/';
  const read = packFileReader(httpPackReader(base), access);
  return {
    read: (name) => read(LITERATURE_DIR + name),
    readParts: bundledPartReader({
      url: (path) => new URL(LITERATURE_DIR + path, base),
      // Listed in the signed manifest (and sealed, in an encrypted pack): the sizes of the bundle's stored (sealed) parts.
      readSizes: (path) => read(LITERATURE_DIR + path),
      readOne: (name) => read(LITERATURE_DIR + name),
      open: (name, stored) => read.openPart(LITERATURE_DIR + name, stored),
      init: { cache: 'no-cache' },
    }),
  };
}
