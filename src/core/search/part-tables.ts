/**
 * Part tables: how the numbered parts of a partitioned index (postings blocks, vector lists,
 * document blocks — tens of thousands of files at a million documents) are verified without
 * naming each one in a JSON manifest.
 *
 *   parts/<folder>.bin   one entry per part of <folder>/, in part order: the part's byte
 *                        size (u32, little-endian) then its SHA-256 (32 bytes) — 36 bytes
 *
 * The table itself is listed in the index's manifest with its size and SHA-256 (and, in a
 * role's pack, in the signed pack manifest), so the chain of hashes from the manifest to
 * every part is unbroken: a part is accepted only if its bytes match its table entry. At a
 * million documents the tables are ~1 MB of binary against ~3.7 MB of JSON for the same
 * hashes, and read once when the index opens (docs/literature-scale.md says why not in
 * pages). Used by the indexer (Node), the index reader and the pack reader (browser).
 */

/** Folders of numbered parts and their files' extension. A new kind of part is one line here. */
export const PART_FOLDERS = {
  postings: 'bin',
  lists: 'bin',
  docs: 'json',
  // The int8 rows of lists stored as 4-bit codes (vector-int4.ts), read for the re-rank.
  rows: 'bin',
} as const;
export type PartFolder = keyof typeof PART_FOLDERS;

export const PART_TABLE_DIR = 'parts/';
/** Bytes per table entry: u32 size + SHA-256. */
export const PART_ENTRY_BYTES = 36;

/** `<folder>/NNNNN.<ext>`: the file of part `index` of a folder. */
export const partFile = (folder: PartFolder, index: number): string => `${folder}/${String(index).padStart(5, '0')}.${PART_FOLDERS[folder]}`;
/** `parts/<folder>.bin`: the table of a folder's parts. */
export const partTableFile = (folder: PartFolder): string => `${PART_TABLE_DIR}${folder}.bin`;

const isPartFolder = (name: string): name is PartFolder => Object.prototype.hasOwnProperty.call(PART_FOLDERS, name);

/** Whether the path is a part table's (`parts/<folder>.bin`, in any folder). */
export function isPartTableFile(path: string): boolean {
  const m = /(?:^|\/)parts\/([a-z]+)\.bin$/.exec(path);
  return m !== null && isPartFolder(m[1]!);
}

/**
 * The table that covers this path and the part's number in it, or null when the path is not
 * a part's. The path may lie inside a folder (a pack's `literature/…`): the table is then in
 * the same folder. Only the canonical name of a part matches (`docs/00003.json`, not
 * `docs/3.json` nor `docs/00003.bin`).
 */
export function partTableOf(path: string): { table: string; folder: PartFolder; index: number } | null {
  const m = /^((?:[^/]+\/)*)([a-z]+)\/(\d{5,})\.([a-z]+)$/.exec(path);
  if (!m) return null;
  const [, prefix, folder, digits, ext] = m as unknown as [string, string, string, string, string];
  if (!isPartFolder(folder) || PART_FOLDERS[folder] !== ext) return null;
  const index = Number(digits);
  if (partFile(folder, index) !== `${folder}/${digits}.${ext}`) return null;
  return { table: prefix + partTableFile(folder), folder, index };
}

/** What a table says of one part: its size and SHA-256 (lower-case hex, as manifests write it). */
export interface PartEntry {
  readonly bytes: number;
  readonly sha256: string;
}

const hexToBytes = (hex: string): Uint8Array => Uint8Array.from({ length: hex.length / 2 }, (_, i) => parseInt(hex.slice(2 * i, 2 * i + 2), 16));
const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

/** A table's bytes: the entries in part order. */
export function encodePartTable(entries: readonly PartEntry[]): Uint8Array {
  const out = new Uint8Array(entries.length * PART_ENTRY_BYTES);
  const data = new DataView(out.buffer);
  entries.forEach((e, i) => {
    if (!/^[0-9a-f]{64}$/.test(e.sha256)) throw new Error(`part ${i}: ${e.sha256} is not a SHA-256 in hex`);
    data.setUint32(i * PART_ENTRY_BYTES, e.bytes, true);
    out.set(hexToBytes(e.sha256), i * PART_ENTRY_BYTES + 4);
  });
  return out;
}

/** A table read back (after its own bytes were checked against the manifest). */
export class PartTable {
  private readonly data: DataView;
  readonly count: number;

  constructor(
    /** The table's file name, for messages. */
    readonly name: string,
    private readonly bytes: Uint8Array,
  ) {
    if (bytes.byteLength % PART_ENTRY_BYTES !== 0) throw new Error(`${name}: ${bytes.byteLength} bytes is not a whole number of ${PART_ENTRY_BYTES}-byte entries`);
    this.data = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    this.count = bytes.byteLength / PART_ENTRY_BYTES;
  }

  /** The entry of part `index`, or undefined past the table's end. */
  entry(index: number): PartEntry | undefined {
    if (!(index >= 0 && index < this.count)) return undefined;
    const at = index * PART_ENTRY_BYTES;
    let sha256 = '';
    for (let i = at + 4; i < at + PART_ENTRY_BYTES; i++) sha256 += HEX[this.bytes[i]!]!;
    return { bytes: this.data.getUint32(at, true), sha256 };
  }
}

/**
 * Splits an index's file entries into those its manifest lists and the numbered parts, and
 * writes a table per folder of parts. Every folder's parts must be numbered 0 … n−1 with
 * none missing (a gap would leave a number no table entry could stand for).
 */
export function tabulateParts<E extends PartEntry>(entries: ReadonlyMap<string, E>): { listed: Map<string, E>; tables: Map<string, Uint8Array> } {
  const listed = new Map<string, E>();
  const tables = new Map<string, Uint8Array>();
  for (const [folder, parts] of partsByFolder(entries, partTableFile, (name, entry) => listed.set(name, entry))) tables.set(partTableFile(folder), encodePartTable(parts));
  return { listed, tables };
}

/**
 * The numbered parts among `entries` (path → value), by folder, in part order; `other` is
 * given every other entry. A folder's parts must be numbered 0 … n−1 with none missing (a
 * gap would leave a number no table entry, or bundle offset, could stand for): the error
 * names the file that needs them so (`of`).
 */
export function partsByFolder<T>(entries: Iterable<[string, T]>, of: (folder: PartFolder) => string, other?: (path: string, value: T) => void): Map<PartFolder, T[]> {
  const byFolder = new Map<PartFolder, T[]>();
  for (const [name, value] of entries) {
    const part = partTableOf(name);
    if (!part || part.table !== partTableFile(part.folder)) {
      other?.(name, value);
      continue;
    }
    const parts = byFolder.get(part.folder) ?? [];
    parts[part.index] = value;
    byFolder.set(part.folder, parts);
  }
  for (const [folder, parts] of byFolder) {
    for (let i = 0; i < parts.length; i++) if (!(i in parts)) throw new Error(`${of(folder)}: ${partFile(folder, i)} is missing, so the parts are not numbered 0 to ${parts.length - 1}`);
  }
  return byFolder;
}

/**
 * An index's manifest `files`, sorted by name: the size and SHA-256 of each file, but of the
 * numbered parts only through their folders' tables, which are added to `files` (and listed).
 */
export async function listIndexFiles(files: Map<string, Uint8Array>, sha256Hex: (bytes: Uint8Array) => Promise<string>): Promise<Record<string, PartEntry>> {
  const entries = new Map<string, PartEntry>();
  for (const [name, bytes] of files) entries.set(name, { sha256: await sha256Hex(bytes), bytes: bytes.byteLength });
  const { listed, tables } = tabulateParts(entries);
  for (const [name, bytes] of tables) {
    files.set(name, bytes);
    listed.set(name, { sha256: await sha256Hex(bytes), bytes: bytes.byteLength });
  }
  return Object.fromEntries([...listed].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** Whether a file is a part whose folder's table is among the files: a manifest lists the table, not the part. */
export function coveredByTable(path: string, has: (path: string) => boolean): boolean {
  const part = partTableOf(path);
  return part !== null && has(part.table);
}
