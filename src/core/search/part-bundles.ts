/**
 * Part bundles: every part of a folder of a partitioned index (postings blocks, lists,
 * document blocks) stored once more, back to back in one file, so that a search can fetch
 * all the parts of a folder it needs in one request (an HTTP request with many byte ranges)
 * instead of one request a part.
 *
 *   bundles/<folder>.parts   the stored bytes of parts 0 … n−1 of <folder>/, back to back
 *   bundles/<folder>.sizes   each stored part's size: u32, little-endian, in part order
 *
 * Why: in Chromium a request costs about 2–4 ms on this project's machines whatever its size,
 * as much as a few hundred kB of body (docs/literature-scale.md, "One request a folder"), and
 * a cold query at a million documents needs ~90 parts.
 * A bundle holds the same bytes as the part files ("stored":
 * the part itself in an index; its sealed copy in an encrypted pack), so nothing is trusted
 * from it: each part read from it is checked against its folder's part table like a part
 * read from its own file. The part files stay, for servers that do not answer byte ranges.
 * Used by the indexer and the pack builder (Node) and the index reader (browser).
 */
import { PART_FOLDERS, partFile, partsByFolder, partTableOf, type PartFolder } from './part-tables.ts';

export const BUNDLE_DIR = 'bundles/';
/** `bundles/<folder>.parts`: a folder's stored parts back to back. */
export const bundleFile = (folder: PartFolder): string => `${BUNDLE_DIR}${folder}.parts`;
/** `bundles/<folder>.sizes`: the stored size of each part (u32 LE). */
export const bundleSizesFile = (folder: PartFolder): string => `${BUNDLE_DIR}${folder}.sizes`;

/** Whether the path is a bundle's or its sizes' (in any folder: a pack's `literature/…`). */
export function isBundleFile(path: string): boolean {
  const m = /(?:^|\/)bundles\/([a-z]+)\.(parts|sizes)$/.exec(path);
  return m !== null && Object.prototype.hasOwnProperty.call(PART_FOLDERS, m[1]!);
}

/** The bundle a part's bytes also lie in, and the part's number; null when the path is not a part's. */
export function bundleOf(path: string): { folder: PartFolder; index: number; bundle: string; sizes: string } | null {
  const part = partTableOf(path);
  if (!part) return null;
  const prefix = path.slice(0, path.length - partFile(part.folder, part.index).length);
  return { folder: part.folder, index: part.index, bundle: prefix + bundleFile(part.folder), sizes: prefix + bundleSizesFile(part.folder) };
}

/**
 * The bundle and sizes files of every folder of parts among `files` (path → stored bytes),
 * in part order. Parts must be numbered 0 … n−1 (as part tables require).
 */
export function writePartBundles(files: ReadonlyMap<string, Uint8Array>, prefix = ''): Map<string, Uint8Array> {
  const under = [...files].filter(([path]) => path.startsWith(prefix)).map(([path, bytes]) => [path.slice(prefix.length), bytes] as [string, Uint8Array]);
  const out = new Map<string, Uint8Array>();
  for (const [folder, parts] of [...partsByFolder(under, bundleFile)].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const sizes = Uint32Array.from(parts, (p) => p.byteLength);
    const bundle = new Uint8Array(sizes.reduce((n, b) => n + b, 0));
    let at = 0;
    for (const p of parts) {
      bundle.set(p, at);
      at += p.byteLength;
    }
    out.set(prefix + bundleFile(folder), bundle);
    out.set(prefix + bundleSizesFile(folder), new Uint8Array(sizes.buffer));
  }
  return out;
}

/** Where each part starts in its bundle (n + 1 offsets: the last is the bundle's size), from a sizes file. */
export function bundleOffsets(name: string, sizes: Uint8Array): Float64Array {
  if (sizes.byteLength % 4 !== 0) throw new Error(`${name}: ${sizes.byteLength} bytes is not a whole number of sizes`);
  const view = new DataView(sizes.buffer, sizes.byteOffset, sizes.byteLength);
  const offsets = new Float64Array(sizes.byteLength / 4 + 1);
  for (let i = 0; i < offsets.length - 1; i++) offsets[i + 1] = offsets[i]! + view.getUint32(i * 4, true);
  return offsets;
}

/** A byte range, both ends included (as HTTP writes them). */
export interface ByteRange {
  readonly start: number;
  readonly end: number;
}

/**
 * The ranges to ask for to read these byte ranges: sorted, with ranges that touch or lie at
 * most `gap` bytes apart merged (a few bytes more instead of one more range to frame).
 */
export function coalesceRanges(ranges: readonly ByteRange[], gap: number): ByteRange[] {
  const sorted = ranges.filter((r) => r.end >= r.start).sort((a, b) => a.start - b.start);
  const out: ByteRange[] = [];
  for (const r of sorted) {
    const last = out[out.length - 1];
    if (last && r.start <= last.end + 1 + gap) out[out.length - 1] = { start: last.start, end: Math.max(last.end, r.end) };
    else out.push({ start: r.start, end: r.end });
  }
  return out;
}
