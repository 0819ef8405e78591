/**
 * UTF-8 for the binary snapshot's string tables, in plain TypeScript: core/ has no
 * TextEncoder or TextDecoder (no DOM, no Node), and what it needs is narrow — encode the
 * strings it writes, check that a table is well-formed before anything reads it, decode
 * one short string (a name, an id) when it is shown, compare an id's bytes with a query's,
 * and hash bytes in place for the stored hash tables.
 */

/** Bytes `s` takes (a lone surrogate takes three). */
export function utf8Length(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length && isLow(s.charCodeAt(i + 1))) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

const isLow = (c: number): boolean => c >= 0xdc00 && c <= 0xdfff;

/** Writes `s` as UTF-8 at `at` (room for utf8Length(s) bytes is the caller's); returns the end. */
export function encodeUtf8Into(s: string, out: Uint8Array, at: number): number {
  for (let i = 0; i < s.length; i++) {
    let c = s.charCodeAt(i);
    if (c < 0x80) {
      out[at++] = c;
      continue;
    }
    if (c < 0x800) {
      out[at++] = 0xc0 | (c >> 6);
      out[at++] = 0x80 | (c & 0x3f);
      continue;
    }
    if (c >= 0xd800 && c <= 0xdfff) {
      const next = i + 1 < s.length ? s.charCodeAt(i + 1) : 0;
      if (c <= 0xdbff && isLow(next)) {
        c = 0x10000 + ((c - 0xd800) << 10) + (next - 0xdc00);
        i++;
        out[at++] = 0xf0 | (c >> 18);
        out[at++] = 0x80 | ((c >> 12) & 0x3f);
        out[at++] = 0x80 | ((c >> 6) & 0x3f);
        out[at++] = 0x80 | (c & 0x3f);
        continue;
      }
      // A lone surrogate: its own three bytes (see above), not U+FFFD.
    }
    out[at++] = 0xe0 | (c >> 12);
    out[at++] = 0x80 | ((c >> 6) & 0x3f);
    out[at++] = 0x80 | (c & 0x3f);
  }
  return at;
}

export function encodeUtf8(s: string): Uint8Array {
  const out = new Uint8Array(utf8Length(s));
  encodeUtf8Into(s, out, 0);
  return out;
}

/** UTF-16 code units of the string being decoded (grown when a longer one comes). */
let units = new Uint16Array(256);
/** Arguments per String.fromCharCode call: they go on the stack. */
const PIECE = 4096;

/**
 * The string in `bytes[start, end)`, which must be well-formed UTF-8 (tables are checked by
 * `utf8Problem` when they are read). Names and ids are what this decodes, thousands per
 * view: code units go into one reused array and become a string in one call.
 */
export function decodeUtf8Range(bytes: Uint8Array, start: number, end: number): string {
  if (units.length < end - start) units = new Uint16Array(Math.max(end - start, units.length * 2));
  let n = 0;
  for (let i = start; i < end; ) {
    const b = bytes[i]!;
    let c: number;
    if (b < 0x80) {
      units[n++] = b;
      i += 1;
      continue;
    } else if (b < 0xe0) {
      c = ((b & 0x1f) << 6) | (bytes[i + 1]! & 0x3f);
      i += 2;
    } else if (b < 0xf0) {
      c = ((b & 0x0f) << 12) | ((bytes[i + 1]! & 0x3f) << 6) | (bytes[i + 2]! & 0x3f);
      i += 3;
    } else {
      c = ((b & 0x07) << 18) | ((bytes[i + 1]! & 0x3f) << 12) | ((bytes[i + 2]! & 0x3f) << 6) | (bytes[i + 3]! & 0x3f);
      i += 4;
    }
    if (c >= 0x10000) {
      c -= 0x10000;
      units[n++] = 0xd800 + (c >> 10);
      units[n++] = 0xdc00 + (c & 0x3ff);
    } else units[n++] = c;
  }
  if (n <= PIECE) return String.fromCharCode.apply(null, units.subarray(0, n) as unknown as number[]);
  let out = '';
  for (let k = 0; k < n; k += PIECE) out += String.fromCharCode.apply(null, units.subarray(k, Math.min(n, k + PIECE)) as unknown as number[]);
  return out;
}

/**
 * Why `bytes[start, end)` is not well-formed UTF-8 (RFC 3629: no overlong forms, nothing
 * above U+10FFFF, no sequence cut at `end`), or null. Lone surrogates are accepted as
 * written above; a surrogate pair written as two surrogates is not (it has one form).
 */
export function utf8Problem(bytes: Uint8Array, start: number, end: number): string | null {
  let i = start;
  while (i < end) {
    const b = bytes[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let min: number;
    if (b >= 0xc2 && b <= 0xdf) {
      need = 1;
      min = 0x80;
    } else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      min = 0x800;
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      min = 0x10000;
    } else return `byte ${i - start} (0x${b.toString(16)}) cannot start a UTF-8 character`;
    if (i + need >= end) return `the UTF-8 character at byte ${i - start} is cut off`;
    let c = b & (need === 1 ? 0x1f : need === 2 ? 0x0f : 0x07);
    for (let k = 1; k <= need; k++) {
      const x = bytes[i + k]!;
      if ((x & 0xc0) !== 0x80) return `byte ${i + k - start} (0x${x.toString(16)}) should continue the UTF-8 character at byte ${i - start}`;
      c = (c << 6) | (x & 0x3f);
    }
    if (c < min) return `the UTF-8 character at byte ${i - start} is written in too many bytes`;
    if (c >= 0xd800 && c <= 0xdbff && i + 5 < end && bytes[i + 3] === 0xed && (bytes[i + 4]! & 0xf0) === 0xb0) {
      return `bytes ${i - start}–${i - start + 5} write a surrogate pair as two surrogates`;
    }
    if (c > 0x10ffff) return `the UTF-8 character at byte ${i - start} is beyond U+10FFFF`;
    i += need + 1;
  }
  return null;
}

/** True when `bytes[at]` is a continuation byte: no string of a table may start there. */
export function isUtf8Continuation(byte: number): boolean {
  return (byte & 0xc0) === 0x80;
}

/** FNV-1a over bytes, then murmur3's finaliser so that keys differing in the last byte spread. */
export function hashBytes(bytes: Uint8Array, start: number, end: number): number {
  let h = 0x811c9dc5 | 0;
  for (let i = start; i < end; i++) h = Math.imul(h ^ bytes[i]!, 0x01000193);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return h ^ (h >>> 16);
}

/** True when `a[aStart, aEnd)` and `b[bStart, bEnd)` hold the same bytes. */
export function bytesEqual(a: Uint8Array, aStart: number, aEnd: number, b: Uint8Array, bStart: number, bEnd: number): boolean {
  const n = aEnd - aStart;
  if (n !== bEnd - bStart) return false;
  for (let k = 0; k < n; k++) if (a[aStart + k] !== b[bStart + k]) return false;
  return true;
}
