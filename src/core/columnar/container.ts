/**
 * The container of a binary snapshot file: a fixed header, a table of sections, and the
 * sections themselves — little-endian typed arrays, each starting on an 8-byte boundary so
 * that a reader views them in place (no copy, no parse), and small JSON documents.
 *
 *   offset  size  field
 *   0       8     magic: 89 52 52 4B 0D 0A 1A 0A ("\x89RRK\r\n\x1a\n", as PNG's: a file
 *                 mangled by a text-mode transfer no longer matches)
 *   8       4     container version (CONTAINER_VERSION)
 *   12      4     part: 1 graph core, 2 search core
 *   16      4     number of sections S
 *   20      4     reserved, 0
 *   24      8     length of the whole file in bytes (u64)
 *   32      24·S  sections: id u32, element type u32, offset u64, byte length u64
 *   …             section bytes, zero padding between them
 *
 * Reading checks everything a damaged or hostile file could get wrong before a single
 * value is used: length, magic, versions, every section inside the file, aligned, a whole
 * number of elements, not overlapping another, no id twice. A problem is a CoreFileError
 * naming the file and the section.
 */

export const MAGIC = Uint8Array.of(0x89, 0x52, 0x52, 0x4b, 0x0d, 0x0a, 0x1a, 0x0a);
export const CONTAINER_VERSION = 1;
const HEADER_BYTES = 32;
const ENTRY_BYTES = 24;
const ALIGN = 8;

export const PART = { graph: 1, search: 2 } as const;
export type PartKind = keyof typeof PART;

/** Element types of sections. */
export const ELEMENT = { u8: 1, i32: 2, u32: 3, f32: 4, f64: 5, json: 6 } as const;
export type ElementType = keyof typeof ELEMENT;
const ELEMENT_BYTES: Record<ElementType, number> = { u8: 1, i32: 4, u32: 4, f32: 4, f64: 8, json: 1 };
const ELEMENT_NAME = new Map<number, ElementType>(Object.entries(ELEMENT).map(([k, v]) => [v, k as ElementType]));

if (new Uint8Array(Uint16Array.of(1).buffer)[0] !== 1) {
  // Every engine we ship to is little-endian; a big-endian one would read every array wrong.
  throw new Error('binary snapshots need a little-endian platform');
}

/** A located problem of a binary snapshot file. */
export class CoreFileError extends Error {
  constructor(
    readonly file: string,
    readonly detail: string,
  ) {
    super(`${file}: ${detail}`);
    this.name = 'CoreFileError';
  }
}

export type SectionValue = Uint8Array | Int32Array | Uint32Array | Float32Array | Float64Array | { json: unknown };

export interface SectionInput {
  id: number;
  value: SectionValue;
}

/** The file's bytes: header, table, then each section 8-byte aligned. */
export function writeContainer(part: PartKind, sections: readonly SectionInput[]): Uint8Array {
  const bodies = sections.map((s) => {
    if ('json' in s.value) return { id: s.id, type: ELEMENT.json, bytes: jsonBytes(s.value.json) };
    const v = s.value;
    const type = v instanceof Uint8Array ? ELEMENT.u8 : v instanceof Int32Array ? ELEMENT.i32 : v instanceof Uint32Array ? ELEMENT.u32 : v instanceof Float32Array ? ELEMENT.f32 : ELEMENT.f64;
    return { id: s.id, type, bytes: new Uint8Array(v.buffer, v.byteOffset, v.byteLength) };
  });
  let at = align(HEADER_BYTES + ENTRY_BYTES * bodies.length);
  const placed = bodies.map((b) => {
    const offset = at;
    at = align(offset + b.bytes.byteLength);
    return { ...b, offset };
  });
  const total = placed.length > 0 ? placed[placed.length - 1]!.offset + placed[placed.length - 1]!.bytes.byteLength : at;
  const out = new Uint8Array(total);
  const view = new DataView(out.buffer);
  out.set(MAGIC, 0);
  view.setUint32(8, CONTAINER_VERSION, true);
  view.setUint32(12, PART[part], true);
  view.setUint32(16, placed.length, true);
  setU64(view, 24, total);
  placed.forEach((p, i) => {
    const e = HEADER_BYTES + i * ENTRY_BYTES;
    view.setUint32(e, p.id, true);
    view.setUint32(e + 4, p.type, true);
    setU64(view, e + 8, p.offset);
    setU64(view, e + 16, p.bytes.byteLength);
    out.set(p.bytes, p.offset);
  });
  return out;
}

/** JSON sections are ASCII: everything outside it is written as \u escapes, so no encoder is needed. */
function jsonBytes(value: unknown): Uint8Array {
  const text = JSON.stringify(value).replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
  return bytes;
}

const align = (n: number): number => Math.ceil(n / ALIGN) * ALIGN;

function setU64(view: DataView, at: number, value: number): void {
  view.setUint32(at, value % 2 ** 32, true);
  view.setUint32(at + 4, Math.floor(value / 2 ** 32), true);
}

function getU64(view: DataView, at: number): number {
  return view.getUint32(at, true) + view.getUint32(at + 4, true) * 2 ** 32;
}

interface Entry {
  type: ElementType;
  offset: number;
  bytes: number;
}

/** A checked container: sections by id, viewed in place over the file's bytes. */
export class Container {
  private constructor(
    readonly file: string,
    private readonly bytes: Uint8Array,
    private readonly entries: ReadonlyMap<number, Entry>,
    private readonly names: ReadonlyMap<number, string>,
  ) {}

  /**
   * Checks the header and the section table. `names` names each section id for messages
   * (ids not in it are refused: a file from a newer writer says so instead of being misread).
   */
  static read(bytes: Uint8Array, file: string, part: PartKind, names: ReadonlyMap<number, string>): Container {
    const fail = (detail: string): never => {
      throw new CoreFileError(file, detail);
    };
    if (bytes.byteLength < HEADER_BYTES) fail(`has ${bytes.byteLength} bytes, fewer than a header (truncated?)`);
    for (let i = 0; i < MAGIC.length; i++) if (bytes[i] !== MAGIC[i]) fail('is not a Raireki binary snapshot file (its first bytes are not the format\'s signature)');
    // Typed views need the file aligned in its buffer; a Node Buffer from the pool may not be.
    if (bytes.byteOffset % ALIGN !== 0) bytes = bytes.slice();
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const version = view.getUint32(8, true);
    if (version !== CONTAINER_VERSION) fail(`is binary layout version ${version}; this build reads version ${CONTAINER_VERSION}`);
    const kind = view.getUint32(12, true);
    if (kind !== PART[part]) fail(`holds part ${kind}, not the ${part} core (part ${PART[part]})`);
    const declared = getU64(view, 24);
    if (declared !== bytes.byteLength) {
      fail(`has ${bytes.byteLength} bytes but its header says ${declared}${bytes.byteLength < declared ? ' (truncated?)' : ''}`);
    }
    const count = view.getUint32(16, true);
    const tableEnd = HEADER_BYTES + count * ENTRY_BYTES;
    if (tableEnd > bytes.byteLength) fail(`its table of ${count} sections runs past the end of the file`);
    const entries = new Map<number, Entry>();
    const spans: { name: string; offset: number; end: number }[] = [];
    for (let i = 0; i < count; i++) {
      const e = HEADER_BYTES + i * ENTRY_BYTES;
      const id = view.getUint32(e, true);
      const name = names.get(id);
      if (name === undefined) fail(`section ${i} has the unknown id ${id} (written by a newer Raireki?)`);
      const type = ELEMENT_NAME.get(view.getUint32(e + 4, true));
      if (type === undefined) fail(`section "${name}" has the unknown element type ${view.getUint32(e + 4, true)}`);
      const offset = getU64(view, e + 8);
      const length = getU64(view, e + 16);
      if (entries.has(id)) fail(`section "${name}" appears twice`);
      if (offset < tableEnd || offset + length > bytes.byteLength) fail(`section "${name}" (bytes ${offset}–${offset + length}) lies outside the file's ${bytes.byteLength} bytes`);
      if (offset % ALIGN !== 0) fail(`section "${name}" starts at byte ${offset}, not on an ${ALIGN}-byte boundary`);
      if (length % ELEMENT_BYTES[type!] !== 0) fail(`section "${name}" has ${length} bytes, not a whole number of ${type} elements`);
      entries.set(id, { type: type!, offset, bytes: length });
      spans.push({ name: name!, offset, end: offset + length });
    }
    spans.sort((a, b) => a.offset - b.offset);
    for (let i = 1; i < spans.length; i++) {
      if (spans[i]!.offset < spans[i - 1]!.end) fail(`sections "${spans[i - 1]!.name}" and "${spans[i]!.name}" overlap`);
    }
    return new Container(file, bytes, entries, names);
  }

  fail(detail: string): never {
    throw new CoreFileError(this.file, detail);
  }

  name(id: number): string {
    return this.names.get(id) ?? String(id);
  }

  private entry(id: number, type: ElementType, count?: number): Entry {
    const e = this.entries.get(id);
    if (!e) this.fail(`has no section "${this.name(id)}"`);
    if (e.type !== type) this.fail(`section "${this.name(id)}" holds ${e.type}, not ${type}`);
    if (count !== undefined && e.bytes / ELEMENT_BYTES[type] !== count) {
      this.fail(`section "${this.name(id)}" has ${e.bytes / ELEMENT_BYTES[type]} elements where ${count} are needed`);
    }
    return e;
  }

  u8(id: number, count?: number): Uint8Array {
    const e = this.entry(id, 'u8', count);
    return new Uint8Array(this.bytes.buffer, this.bytes.byteOffset + e.offset, e.bytes);
  }

  i32(id: number, count?: number): Int32Array {
    const e = this.entry(id, 'i32', count);
    return new Int32Array(this.bytes.buffer, this.bytes.byteOffset + e.offset, e.bytes / 4);
  }

  u32(id: number, count?: number): Uint32Array {
    const e = this.entry(id, 'u32', count);
    return new Uint32Array(this.bytes.buffer, this.bytes.byteOffset + e.offset, e.bytes / 4);
  }

  f32(id: number, count?: number): Float32Array {
    const e = this.entry(id, 'f32', count);
    return new Float32Array(this.bytes.buffer, this.bytes.byteOffset + e.offset, e.bytes / 4);
  }

  /** A JSON section's value; an object is required (its fields are checked by the caller). */
  json(id: number): Record<string, unknown> {
    const e = this.entry(id, 'json');
    let text = '';
    for (let i = 0; i < e.bytes; i++) {
      const b = this.bytes[e.offset + i]!;
      if (b >= 0x80) this.fail(`section "${this.name(id)}" is not ASCII JSON`);
      text += String.fromCharCode(b);
    }
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (err) {
      this.fail(`section "${this.name(id)}" is not JSON: ${err instanceof Error ? err.message : String(err)}`);
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) this.fail(`section "${this.name(id)}" is not a JSON object`);
    return value as Record<string, unknown>;
  }
}
