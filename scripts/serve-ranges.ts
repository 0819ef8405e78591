/**
 * Requests for several byte ranges of a file (`Range: bytes=a-b,c-d`), answered as
 * `multipart/byteranges` (RFC 9110 §14.6), as nginx, Apache and IIS answer them. sirv, which
 * serves everything else, reads only the first range of such a header; a partitioned
 * literature index reads a folder's parts out of its bundle in one such request
 * (src/core/search/part-bundles.ts).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { open, stat } from 'node:fs/promises';
import { resolve, sep } from 'node:path';

/** Ranges one request may ask for, as servers cap them (nginx's `max_ranges`): more is answered as one range would be. */
export const MAX_RANGES = 1000;

/** The ranges of a `bytes=` header with more than one, clamped to the file; null for any other header. */
export function parseMultiRange(header: string | undefined, size: number): { start: number; end: number }[] | null {
  const m = header ? /^bytes=(.+)$/.exec(header.trim()) : null;
  if (!m || !m[1]!.includes(',')) return null;
  const specs = m[1]!.split(',');
  if (specs.length > MAX_RANGES) return null;
  const out: { start: number; end: number }[] = [];
  for (const spec of specs) {
    const r = /^\s*(\d*)-(\d*)\s*$/.exec(spec);
    if (!r || (r[1] === '' && r[2] === '')) return null;
    const start = r[1] === '' ? Math.max(0, size - Number(r[2])) : Number(r[1]);
    const end = r[1] === '' || r[2] === '' ? size - 1 : Math.min(Number(r[2]), size - 1);
    if (r[1] !== '' && r[2] !== '' && Number(r[2]) < start) return null;
    if (start < size && end >= start) out.push({ start, end });
  }
  return out;
}

/**
 * Answers a multi-range request for the file at `rel` under `root`; false when it is not one
 * (no such file, one range or none, a header it cannot read), for the caller to serve.
 */
export async function serveMultiRange(req: IncomingMessage, res: ServerResponse, root: string, rel: string): Promise<boolean> {
  if (!req.headers.range?.includes(',') || (req.method !== 'GET' && req.method !== 'HEAD')) return false;
  const base = resolve(root);
  let path: string;
  try {
    path = decodeURIComponent(rel.split('?')[0]!);
  } catch {
    return false;
  }
  // Nothing outside the folder.
  const file = resolve(base, '.' + path);
  if (!file.startsWith(base + sep)) return false;
  const info = await stat(file).catch(() => null);
  if (!info?.isFile()) return false;
  const ranges = parseMultiRange(req.headers.range, info.size);
  if (!ranges) return false;
  if (ranges.length === 0) {
    res.writeHead(416, { 'Content-Range': `bytes */${info.size}` }).end();
    return true;
  }
  const boundary = `raireki-${Math.random().toString(36).slice(2)}`;
  const heads = ranges.map((r) => Buffer.from(`\r\n--${boundary}\r\nContent-Type: application/octet-stream\r\nContent-Range: bytes ${r.start}-${r.end}/${info.size}\r\n\r\n`));
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  const length = heads.reduce((n, h, i) => n + h.length + ranges[i]!.end - ranges[i]!.start + 1, tail.length);
  res.writeHead(206, { 'Content-Type': `multipart/byteranges; boundary=${boundary}`, 'Content-Length': length, 'Accept-Ranges': 'bytes' });
  if (req.method === 'HEAD') {
    res.end();
    return true;
  }
  const fd = await open(file, 'r');
  try {
    for (let i = 0; i < ranges.length; i++) {
      const r = ranges[i]!;
      const body = Buffer.alloc(r.end - r.start + 1);
      await fd.read(body, 0, body.length, r.start);
      res.write(heads[i]);
      res.write(body);
    }
  } finally {
    await fd.close();
  }
  res.end(tail);
  return true;
}
