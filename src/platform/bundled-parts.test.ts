/**
 * Reading parts out of bundles through scripts/serve.ts (the server `npm start` and the
 * browser tests use), which answers many ranges in one multipart response, and around
 * servers that do not.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer } from '../../scripts/serve.ts';
import { writePartBundles } from '../core/search/part-bundles.ts';
import { partFile } from '../core/search/part-tables.ts';
import { bundledPartReader, type BundledPartsOptions } from './bundled-parts.ts';

const PARTS = Array.from({ length: 12 }, (_, i) => Uint8Array.from({ length: 700 + i * 300 }, (_, j) => (i * 17 + j) % 256));
const names = (...ix: number[]) => ix.map((i) => partFile('lists', i));

describe('reading parts out of bundles', () => {
  let dir: string;
  const servers: Server[] = [];
  /** Requests the servers saw: path and Range header. */
  const seen: { path: string; range?: string }[] = [];
  let served = '';
  let ignoring = '';

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'raireki-bundles-'));
    mkdirSync(join(dir, 'lists'));
    mkdirSync(join(dir, 'bundles'));
    const files = new Map(PARTS.map((p, i) => [partFile('lists', i), p]));
    for (const [name, bytes] of [...files, ...writePartBundles(files)]) writeFileSync(join(dir, name), bytes);
    const server = await startServer({ dir, base: '/', port: 0, host: '127.0.0.1', mounts: [] });
    server.on('request', (req) => seen.push({ path: req.url ?? '', ...(req.headers.range ? { range: req.headers.range } : {}) }));
    servers.push(server);
    served = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
    // A server that ignores Range: every answer is the whole file.
    const plain = createServer((req, res) => {
      seen.push({ path: `plain:${req.url}`, ...(req.headers.range ? { range: req.headers.range } : {}) });
      res.writeHead(200).end(new Uint8Array(1_000_000));
    });
    await new Promise<void>((ok) => plain.listen(0, '127.0.0.1', ok));
    servers.push(plain);
    ignoring = `http://127.0.0.1:${(plain.address() as AddressInfo).port}/`;
  });
  afterAll(() => {
    for (const s of servers) s.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const fetchFile = (base: string) => async (path: string) => {
    const res = await fetch(new URL(path, base));
    if (!res.ok) throw new Error(`${path}: HTTP ${res.status}`);
    return new Uint8Array(await res.arrayBuffer());
  };
  const reader = (base: string, extra: Partial<BundledPartsOptions> = {}) => {
    const one: string[] = [];
    const read = bundledPartReader({ url: (p) => new URL(p, base), readSizes: fetchFile(served), readOne: (n) => (one.push(n), fetchFile(served)(n)), ...extra });
    return { read, one };
  };

  it('reads a folder\'s parts in one request, each equal to its own file', async () => {
    const { read, one } = reader(served);
    const from = seen.length;
    const got = await read(names(1, 2, 7, 11));
    for (const i of [1, 2, 7, 11]) expect(got.get(partFile('lists', i))).toEqual(PARTS[i]);
    expect(one).toEqual([]);
    const bundle = seen.slice(from).filter((r) => r.path === '/bundles/lists.parts');
    expect(bundle.length).toBe(1);
    // Parts 1 and 2 touch: one range for both.
    expect(bundle[0]!.range!.split(',').length).toBe(3);
    // The sizes are read once, not for every batch.
    await read(names(3, 4));
    expect(seen.slice(from).filter((r) => r.path === '/bundles/lists.sizes').length).toBe(1);
  });

  it('opens each part read out of a bundle (decrypts it, in a pack) before handing it on', async () => {
    const { read } = reader(served, { open: async (name, stored) => (name.endsWith('00005.bin') ? Promise.reject(new Error('tag mismatch')) : stored.map((b) => b ^ 1)) });
    const got = await read(names(4, 5));
    expect(got.get(partFile('lists', 4))).toEqual(PARTS[4]!.map((b) => b ^ 1));
    expect((got.get(partFile('lists', 5)) as Error).message).toBe('tag mismatch');
  });

  it('reads parts one by one where the bundle has no sizes file', async () => {
    const { read, one } = reader(served, { readSizes: async () => Promise.reject(new Error('HTTP 404')) });
    const got = await read(names(0, 9));
    expect(one.sort()).toEqual(names(0, 9));
    expect(got.get(partFile('lists', 9))).toEqual(PARTS[9]);
  });

  it('reads parts one by one from a server that ignores Range, and does not ask it for ranges again', async () => {
    const { read, one } = reader(ignoring);
    const from = seen.length;
    const got = await read(names(3, 8));
    expect(got.get(partFile('lists', 8))).toEqual(PARTS[8]);
    expect(one.sort()).toEqual(names(3, 8));
    await read(names(6, 10));
    expect(seen.slice(from).filter((r) => r.path.startsWith('plain:')).length).toBe(1);
    expect(one.length).toBe(4);
  });

  it('reports a part that cannot be read either way, and reads the rest', async () => {
    const { read } = reader(served, { readOne: async (n) => Promise.reject(new Error(`${n}: HTTP 404`)) });
    const got = await read([...names(2), 'lists/00099.bin']);
    expect(got.get(partFile('lists', 2))).toEqual(PARTS[2]);
    expect((got.get('lists/00099.bin') as Error).message).toBe('lists/00099.bin: HTTP 404');
  });
});

describe('scripts/serve.ts and byte ranges', () => {
  let dir: string;
  let server: Server;
  let base = '';
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'raireki-ranges-'));
    writeFileSync(join(dir, 'f.bin'), Uint8Array.from({ length: 1000 }, (_, i) => i % 256));
    server = await startServer({ dir: 'dist', base: '/raireki/', port: 0, host: '127.0.0.1', mounts: [{ prefix: 'm', dir }] });
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/raireki/m/`;
  });
  afterAll(() => {
    server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers several ranges as multipart/byteranges with the security headers, one range as itself, and none past the end with 416', async () => {
    const multi = await fetch(`${base}f.bin`, { headers: { range: 'bytes=0-1,998-1200,-2' } });
    expect(multi.status).toBe(206);
    expect(multi.headers.get('cross-origin-resource-policy')).toBe('same-origin');
    const type = multi.headers.get('content-type')!;
    expect(type).toMatch(/^multipart\/byteranges; boundary=/);
    const { parseByteranges } = await import('./fetch-ranges.ts');
    const pieces = parseByteranges(type, new Uint8Array(await multi.arrayBuffer()));
    expect(pieces.map((p) => [p.range.start, p.range.end, ...p.bytes])).toEqual([
      [0, 1, 0, 1],
      [998, 999, 998 % 256, 999 % 256],
      [998, 999, 998 % 256, 999 % 256],
    ]);
    const single = await fetch(`${base}f.bin`, { headers: { range: 'bytes=10-12' } });
    expect(single.status).toBe(206);
    expect([...new Uint8Array(await single.arrayBuffer())]).toEqual([10, 11, 12]);
    const past = await fetch(`${base}f.bin`, { headers: { range: 'bytes=2000-2001,3000-3001' } });
    expect(past.status).toBe(416);
  });

  it('answers no range request outside the served folder', async () => {
    const res = await fetch(`${base}..%2F..%2Fetc%2Fpasswd`, { headers: { range: 'bytes=0-1,2-3' } });
    expect(res.status).toBe(404);
  });
});
