/**
 * Many byte ranges of one file in one HTTP request (`Range: bytes=a-b,c-d,…`, answered as
 * `multipart/byteranges`), for reading the parts a search needs out of a bundle
 * (core/search/part-bundles.ts). Servers differ: nginx, Apache, IIS and scripts/serve.ts
 * answer every range; some answer one range only (the first, or one covering all); a few
 * ignore `Range` and send the whole file. Whatever the answer, only bytes whose place the
 * answer states (its Content-Range headers) are used, ranges it left out are reported as
 * missing for the caller to read another way, and a whole-file answer is aborted before its
 * body is read (a bundle can be hundreds of megabytes).
 */
import type { ByteRange } from '../core/search/part-bundles.ts';

/** Ranges one request asks for at most: ~2 kB of header, under the 8 kB a request line or header field may have on common servers. */
export const MAX_RANGES_PER_REQUEST = 100;

/** The server ignored `Range` (a 200 with the whole file): read the parts another way. */
export class RangesUnsupportedError extends Error {
  constructor(url: string) {
    super(`${url}: the server does not answer byte ranges`);
    this.name = 'RangesUnsupportedError';
  }
}

/** The header value that asks for these ranges. */
export const rangeHeader = (ranges: readonly ByteRange[]): string => `bytes=${ranges.map((r) => `${r.start}-${r.end}`).join(',')}`;

/** `bytes a-b/total` (or `bytes a-b/*`) → the range; null if malformed. */
export function parseContentRange(value: string | null): ByteRange | null {
  const m = value ? /^\s*bytes\s+(\d+)-(\d+)\/(\d+|\*)\s*$/i.exec(value) : null;
  if (!m) return null;
  const start = Number(m[1]);
  const end = Number(m[2]);
  return end >= start ? { start, end } : null;
}

const CRLF2 = [13, 10, 13, 10];
const ascii = new TextDecoder('latin1');

function indexOf(bytes: Uint8Array, pattern: readonly number[] | Uint8Array, from: number): number {
  outer: for (let i = from; i <= bytes.length - pattern.length; i++) {
    for (let j = 0; j < pattern.length; j++) if (bytes[i + j] !== pattern[j]) continue outer;
    return i;
  }
  return -1;
}

/**
 * The pieces of a `multipart/byteranges` body. Each piece's length is taken from its own
 * Content-Range, not from where the next boundary seems to be (binary data may hold the
 * boundary's bytes); a piece whose headers or length do not add up ends the parse with an error.
 */
export function parseByteranges(contentType: string, body: Uint8Array): { range: ByteRange; bytes: Uint8Array }[] {
  const m = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
  if (!m) throw new Error('a multipart answer without a boundary');
  const delimiter = new TextEncoder().encode(`--${m[1] ?? m[2]}`);
  const out: { range: ByteRange; bytes: Uint8Array }[] = [];
  let at = indexOf(body, delimiter, 0);
  while (at >= 0) {
    at += delimiter.length;
    if (body[at] === 45 && body[at + 1] === 45) return out; // the closing `--boundary--`
    const headersEnd = indexOf(body, CRLF2, at);
    if (headersEnd < 0) throw new Error('a multipart piece without the end of its headers');
    const headers = ascii.decode(body.subarray(at, headersEnd));
    const range = parseContentRange(/^content-range:(.*)$/im.exec(headers)?.[1] ?? null);
    if (!range) throw new Error('a multipart piece without a Content-Range');
    const start = headersEnd + CRLF2.length;
    const end = start + (range.end - range.start + 1);
    if (end > body.length) throw new Error(`a multipart piece of bytes ${range.start}-${range.end} is cut short`);
    out.push({ range, bytes: body.subarray(start, end) });
    at = indexOf(body, delimiter, end);
  }
  throw new Error('a multipart answer without its closing boundary');
}

/**
 * The bytes of each range asked for that the answers hold, by the range's start. Ranges are
 * asked for in requests of at most MAX_RANGES_PER_REQUEST, in parallel; a range no answer
 * covers is absent from the result. Throws RangesUnsupportedError on a whole-file answer, and
 * an Error on any other failed request.
 */
export async function fetchRanges(url: URL, ranges: readonly ByteRange[], init: RequestInit = {}): Promise<Map<number, Uint8Array>> {
  const out = new Map<number, Uint8Array>();
  const batches: ByteRange[][] = [];
  for (let i = 0; i < ranges.length; i += MAX_RANGES_PER_REQUEST) batches.push(ranges.slice(i, i + MAX_RANGES_PER_REQUEST));
  await Promise.all(
    batches.map(async (batch) => {
      const abort = new AbortController();
      const headers = new Headers(init.headers);
      headers.set('Range', rangeHeader(batch));
      // no-store: a browser cache that keeps parts of a file may answer some ranges itself and ask for others in ways servers differ on.
      const res = await fetch(url, { credentials: 'same-origin', ...init, headers, cache: 'no-store', signal: abort.signal });
      if (res.status === 200) {
        abort.abort();
        throw new RangesUnsupportedError(url.pathname);
      }
      if (res.status !== 206) throw new Error(`${url.pathname}: HTTP ${res.status}`);
      const body = new Uint8Array(await res.arrayBuffer());
      const type = res.headers.get('Content-Type') ?? '';
      const pieces = /^multipart\/byteranges/i.test(type)
        ? parseByteranges(type, body)
        : [{ range: parseContentRange(res.headers.get('Content-Range')) ?? failRange(url), bytes: body }];
      for (const r of batch) {
        const piece = pieces.find((p) => p.range.start <= r.start && p.range.end >= r.end);
        if (piece && piece.bytes.length === piece.range.end - piece.range.start + 1) {
          out.set(r.start, piece.bytes.subarray(r.start - piece.range.start, r.end - piece.range.start + 1));
        }
      }
    }),
  );
  return out;
}

function failRange(url: URL): never {
  throw new Error(`${url.pathname}: a 206 answer without a Content-Range`);
}
