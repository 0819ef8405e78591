import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fetchRanges, parseByteranges, parseContentRange, rangeHeader, RangesUnsupportedError } from './fetch-ranges.ts';

const FILE = Uint8Array.from({ length: 4096 }, (_, i) => (i * 31) % 256);
const enc = (s: string) => new TextEncoder().encode(s);
const cat = (...parts: Uint8Array[]) => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) (out.set(p, at), (at += p.length));
  return out;
};

/** A multipart body as servers write it; `inner` puts the boundary's bytes inside a piece's data. */
function multipart(boundary: string, ranges: [number, number][], data: (a: number, b: number) => Uint8Array = (a, b) => FILE.subarray(a, b + 1)): Uint8Array {
  const parts: Uint8Array[] = [];
  for (const [a, b] of ranges) parts.push(enc(`\r\n--${boundary}\r\nContent-Type: application/octet-stream\r\nContent-Range: bytes ${a}-${b}/${FILE.length}\r\n\r\n`), data(a, b));
  parts.push(enc(`\r\n--${boundary}--\r\n`));
  return cat(...parts);
}

describe('parsing byte-range answers', () => {
  it('reads every piece by its Content-Range, even where the data holds the boundary\'s bytes', () => {
    const tricky = (a: number, b: number) => {
      const d = FILE.slice(a, b + 1);
      d.set(enc('\r\n--XYZ\r\n'), 2);
      return d;
    };
    const body = multipart('XYZ', [[0, 31], [100, 163]], tricky);
    const pieces = parseByteranges('multipart/byteranges; boundary=XYZ', body);
    expect(pieces.map((p) => p.range)).toEqual([{ start: 0, end: 31 }, { start: 100, end: 163 }]);
    expect(pieces[1]!.bytes).toEqual(tricky(100, 163));
  });

  it('accepts a quoted boundary', () => {
    expect(parseByteranges('multipart/byteranges; boundary="a b"', multipart('a b', [[5, 9]]))[0]!.bytes).toEqual(FILE.subarray(5, 10));
  });

  it('refuses a piece cut short, a piece without its range, and an answer without its end', () => {
    const body = multipart('B', [[0, 99]]);
    expect(() => parseByteranges('multipart/byteranges; boundary=B', body.subarray(0, 120))).toThrow('a multipart piece of bytes 0-99 is cut short');
    expect(() => parseByteranges('multipart/byteranges; boundary=B', enc('\r\n--B\r\nContent-Type: x\r\n\r\nabc\r\n--B--'))).toThrow('without a Content-Range');
    expect(() => parseByteranges('multipart/byteranges; boundary=B', body.subarray(0, body.length - 8))).toThrow('without its closing boundary');
    expect(() => parseByteranges('multipart/byteranges', body)).toThrow('without a boundary');
  });

  it('reads Content-Range and writes Range as HTTP does', () => {
    expect(parseContentRange('bytes 10-19/4096')).toEqual({ start: 10, end: 19 });
    expect(parseContentRange('bytes 10-19/*')).toEqual({ start: 10, end: 19 });
    expect(parseContentRange('bytes 19-10/4096')).toBeNull();
    expect(parseContentRange(null)).toBeNull();
    expect(rangeHeader([{ start: 0, end: 9 }, { start: 20, end: 29 }])).toBe('bytes=0-9,20-29');
  });
});

describe('fetching many ranges in one request', () => {
  /** How each test server answers a Range header. */
  type Mode = 'multipart' | 'first-only' | 'ignore';
  const servers: Server[] = [];
  const urls = {} as Record<Mode, URL>;
  const seen: { mode: Mode; range: string | undefined; aborted: boolean }[] = [];

  beforeAll(async () => {
    for (const mode of ['multipart', 'first-only', 'ignore'] as Mode[]) {
      const server = createServer((req, res) => {
        const entry = { mode, range: req.headers.range, aborted: false };
        seen.push(entry);
        res.on('close', () => (entry.aborted = !res.writableFinished));
        const ranges = (req.headers.range ?? '').replace('bytes=', '').split(',').filter(Boolean).map((r) => r.split('-').map(Number) as [number, number]);
        if (mode === 'ignore' || ranges.length === 0) {
          // A big whole-file answer, written slowly: the client must not wait for it.
          res.writeHead(200, { 'Content-Type': 'application/octet-stream', 'Content-Length': FILE.length * 1000 });
          const timer = setInterval(() => res.write(FILE), 5);
          res.on('close', () => clearInterval(timer));
          return;
        }
        if (mode === 'first-only' || ranges.length === 1) {
          const [a, b] = ranges[0]!;
          res.writeHead(206, { 'Content-Range': `bytes ${a}-${b}/${FILE.length}` }).end(FILE.subarray(a, b + 1));
          return;
        }
        res.writeHead(206, { 'Content-Type': 'multipart/byteranges; boundary=SEP' }).end(multipart('SEP', ranges));
      });
      await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
      servers.push(server);
      urls[mode] = new URL(`http://127.0.0.1:${(server.address() as AddressInfo).port}/bundle`);
    }
  });
  afterAll(() => {
    for (const s of servers) s.close();
  });

  it('gets every range asked for from one multipart answer', async () => {
    const before = seen.length;
    const got = await fetchRanges(urls.multipart, [{ start: 0, end: 9 }, { start: 1000, end: 1099 }, { start: 4000, end: 4095 }]);
    expect(seen.length - before).toBe(1);
    expect(seen[seen.length - 1]!.range).toBe('bytes=0-9,1000-1099,4000-4095');
    expect(got.get(1000)).toEqual(FILE.subarray(1000, 1100));
    expect(got.get(4000)).toEqual(FILE.subarray(4000, 4096));
  });

  it('splits a long list of ranges over several requests', async () => {
    const before = seen.length;
    const ranges = Array.from({ length: 150 }, (_, i) => ({ start: i * 20, end: i * 20 + 9 }));
    const got = await fetchRanges(urls.multipart, ranges);
    expect(seen.length - before).toBe(2);
    expect(got.size).toBe(150);
    expect(got.get(2980)).toEqual(FILE.subarray(2980, 2990));
  });

  it('keeps what a server answering one range sent, and leaves the others for the caller to read another way', async () => {
    const got = await fetchRanges(urls['first-only'], [{ start: 0, end: 9 }, { start: 50, end: 59 }]);
    expect([...got.keys()]).toEqual([0]);
    expect(got.get(0)).toEqual(FILE.subarray(0, 10));
  });

  it('stops a whole-file answer at its headers and says the server does not answer ranges', async () => {
    const err = await fetchRanges(urls.ignore, [{ start: 0, end: 9 }, { start: 50, end: 59 }]).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RangesUnsupportedError);
    await new Promise((ok) => setTimeout(ok, 100));
    expect(seen[seen.length - 1]).toMatchObject({ mode: 'ignore', aborted: true });
  });
});
