/**
 * The shipped nginx configuration, run for real on loopback: each user reaches the pack of
 * their role and only that one. Skipped (with the reason printed) where nginx is not
 * installed; `apt-get install -y nginx-light openssl` provides it (openssl makes the test's
 * certificate).
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { request } from 'node:https';
import { connect, type TLSSocket } from 'node:tls';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundledPartReader, fetchAssignedRole, generateSigningKeyPair, httpPackReader, openPack, packContents, parseByteranges } from '../../src/platform/index.ts';
import { writePartBundles } from '../../src/core/search/part-bundles.ts';
import { partFile } from '../../src/core/search/part-tables.ts';
import { generateSnapshot } from '../../src/testing/generate-snapshot.ts';
import { buildPacks } from './pack-build.ts';
import { findNginx, startNginx, type NginxSite } from './pack-nginx-harness.ts';
import { writeSnapshotDir } from './snapshot-files.ts';

const nginx = findNginx();
if (!nginx) console.warn('pack-nginx.test.ts skipped: nginx is not installed (apt-get install -y nginx-light openssl)');

describe.runIf(nginx !== null)('nginx serving role packs (deploy/nginx/raireki.conf)', () => {
  let tmp: string;
  let site: NginxSite;
  let trustedKeys: { keyId: string; publicKeyRaw: Uint8Array }[];
  const users = { clinician: 'hanako:clinician-pw', auditor: 'kenji:auditor-pw', researcher: 'mei:researcher-pw', none: 'visitor:visitor-pw' };

  beforeAll(async () => {
    tmp = mkdtempSync(join(tmpdir(), 'raireki-nginx-'));
    const generated = generateSnapshot({ nodes: 400, seed: 3 });
    writeSnapshotDir(join(tmp, 'snapshot'), { id: 'nginx-test', title: { en: 'nginx test' }, createdAt: '2025-01-01' }, [{ path: 'graph.json', ...generated }]);
    const key = await generateSigningKeyPair();
    trustedKeys = [{ keyId: key.keyId, publicKeyRaw: key.publicKeyRaw }];
    await buildPacks({ policyPath: 'policy/default-policy.json', snapshotDir: join(tmp, 'snapshot'), outDir: join(tmp, 'packs'), privateKeyPem: key.privateKeyPem, builtBy: 'nginx test' });
    mkdirSync(join(tmp, 'www', 'raireki'), { recursive: true });
    writeFileSync(join(tmp, 'www', 'raireki', 'index.html'), '<!doctype html><title>Raireki</title>');
    site = await startNginx({
      dir: join(tmp, 'nginx'),
      wwwRoot: join(tmp, 'www'),
      packsRoot: join(tmp, 'packs'),
      users: [
        { name: 'hanako', password: 'clinician-pw', role: 'clinician' },
        { name: 'kenji', password: 'auditor-pw', role: 'auditor' },
        { name: 'mei', password: 'researcher-pw', role: 'researcher' },
        { name: 'visitor', password: 'visitor-pw' },
      ],
    });
  }, 60_000);

  afterAll(async () => {
    await site?.stop();
    rmSync(tmp, { recursive: true, force: true });
  });

  const get = (path: string, user?: string) => fetch(site.baseUrl + path, { headers: user ? { authorization: `Basic ${Buffer.from(user).toString('base64')}` } : {} });

  it('gives a clinician their own pack and 403 on the auditor\'s', async () => {
    expect((await get('/raireki/packs/clinician/manifest.json', users.clinician)).status).toBe(200);
    expect((await get('/raireki/packs/auditor/manifest.json', users.clinician)).status).toBe(403);
    expect((await get('/raireki/packs/auditor/graph-0001.json', users.clinician)).status).toBe(403);
    expect((await get('/raireki/packs/researcher/manifest.json', users.clinician)).status).toBe(403);
    expect((await get('/raireki/packs/auditor/manifest.json', users.auditor)).status).toBe(200);
  });

  it('answers 401 without credentials or with a wrong password, before saying anything else', async () => {
    for (const path of ['/raireki/', '/raireki/whoami.json', '/raireki/packs/clinician/manifest.json', '/raireki/packs/auditor/manifest.json']) {
      expect((await get(path)).status, path).toBe(401);
      expect((await get(path, 'hanako:wrong')).status, path).toBe(401);
    }
  });

  it('tells the app the role, and refuses every pack to a user without one', async () => {
    expect(await (await get('/raireki/whoami.json', users.clinician)).json()).toEqual({ role: 'clinician' });
    expect(await (await get('/raireki/whoami.json', users.none)).json()).toEqual({ role: '' });
    for (const role of ['clinician', 'auditor', 'researcher']) expect((await get(`/raireki/packs/${role}/manifest.json`, users.none)).status).toBe(403);
  });

  it('never serves the build report or paths that climb out of a role folder', async () => {
    expect((await get('/raireki/packs/build-report.md', users.auditor)).status).toBe(404);
    expect((await get('/raireki/packs/clinician/../auditor/manifest.json', users.clinician)).status).toBe(403);
    expect((await get('/raireki/packs/clinician/%2e%2e/auditor/manifest.json', users.clinician)).status).toBe(403);
    expect((await get('/raireki/packs/clinician/.hidden', users.clinician)).status).toBe(404);
  });

  it('sends the isolation and safety headers, on refusals too', async () => {
    for (const res of [await get('/raireki/', users.clinician), await get('/raireki/packs/auditor/manifest.json', users.clinician)]) {
      expect(res.headers.get('cross-origin-opener-policy')).toBe('same-origin');
      expect(res.headers.get('cross-origin-embedder-policy')).toBe('require-corp');
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('content-security-policy')).toContain("default-src 'self'");
    }
  });

  /** GET over TLS, trusting only the test's certificate. */
  const getTls = (path: string, user?: string, maxVersion?: 'TLSv1.2') =>
    new Promise<{ status: number; headers: Record<string, string | string[] | undefined>; protocol: string | null }>((ok, fail) => {
      const req = request(
        site.tls!.url + path,
        { ca: site.tls!.certificate, ...(maxVersion ? { maxVersion } : {}), headers: user ? { authorization: `Basic ${Buffer.from(user).toString('base64')}` } : {} },
        (res) => {
          const protocol = (res.socket as TLSSocket).getProtocol();
          res.resume();
          res.on('end', () => ok({ status: res.statusCode!, headers: res.headers, protocol }));
        },
      );
      req.on('error', fail);
      req.end();
    });

  /** GET over plain HTTP naming another Host (fetch would replace it with the URL's). */
  const getAsHost = (url: string, host: string) =>
    new Promise<{ status: number; headers: Record<string, string | string[] | undefined> }>((ok, fail) => {
      const req = httpRequest(url, { headers: { host } }, (res) => {
        res.resume();
        res.on('end', () => ok({ status: res.statusCode!, headers: res.headers }));
      });
      req.on('error', fail);
      req.end();
    });

  it('answers plain HTTP with a redirect to HTTPS, before asking for a password', async () => {
    for (const path of ['/raireki/', '/raireki/packs/clinician/manifest.json']) {
      // To the configured name (the example's), whatever Host the request names.
      const res = await getAsHost(site.tls!.redirectUrl! + path, 'elsewhere.example');
      expect(res.status, path).toBe(301);
      expect(res.headers.location, path).toBe(`https://raireki.intranet.example${path}`);
      expect(res.headers['www-authenticate'], path).toBeUndefined();
    }
  });

  it('serves the same over TLS (1.3, or 1.2 for older clients), with HSTS and HTTP/2 offered', async () => {
    const refused = await getTls('/raireki/packs/clinician/manifest.json');
    expect(refused.status).toBe(401);
    const mine = await getTls('/raireki/packs/clinician/manifest.json', users.clinician);
    expect(mine.status).toBe(200);
    expect(mine.protocol).toBe('TLSv1.3');
    expect(mine.headers['strict-transport-security']).toBe('max-age=31536000');
    expect((await getTls('/raireki/packs/auditor/manifest.json', users.clinician)).status).toBe(403);
    expect(await getTls('/raireki/packs/clinician/manifest.json', users.clinician, 'TLSv1.2')).toMatchObject({ status: 200, protocol: 'TLSv1.2' });
    const alpn = await new Promise<string | false>((ok, fail) => {
      const socket = connect({ host: '127.0.0.1', port: Number(new URL(site.tls!.url).port), ca: site.tls!.certificate, ALPNProtocols: ['h2', 'http/1.1'] }, () => {
        ok(socket.alpnProtocol ?? false);
        socket.end();
      });
      socket.on('error', fail);
    });
    expect(alpn).toBe('h2');
  });

  it('serves a pack that verifies and loads over HTTP, as the app reads it', async () => {
    const init = { headers: { authorization: `Basic ${Buffer.from(users.clinician).toString('base64')}` } };
    const role = await fetchAssignedRole(`${site.baseUrl}/raireki/whoami.json`, init);
    const opened = await openPack({ read: httpPackReader(`${site.baseUrl}/raireki/packs/${role}/`, init), trustedKeys, expectedRole: role });
    expect(opened.pack.builtBy).toBe('nginx test');
    expect((await packContents(opened.snapshot)).nodes.some((n) => n.kind === 'prompt' && n.name !== 'restricted')).toBe(false);
    const refused = await openPack({ read: httpPackReader(`${site.baseUrl}/raireki/packs/auditor`, init), trustedKeys }).catch((e: unknown) => e);
    expect(String(refused)).toContain('manifest.json: HTTP 403 (the server refuses this pack to your role)');
  });

  it('answers many byte ranges of a literature bundle in one uncompressed response, which the app reads parts out of', async () => {
    const parts = [new Uint8Array(5000).fill(1), new Uint8Array([2]), Uint8Array.from({ length: 70_000 }, (_, i) => (i * 7) % 251), new Uint8Array(3000).fill(4)];
    const bundles = writePartBundles(new Map(parts.map((p, i) => [partFile('lists', i), p])));
    mkdirSync(join(tmp, 'packs', 'clinician', 'literature', 'bundles'), { recursive: true });
    for (const [name, bytes] of bundles) writeFileSync(join(tmp, 'packs', 'clinician', 'literature', name), bytes);
    const auth = { authorization: `Basic ${Buffer.from(users.clinician).toString('base64')}` };
    const url = `${site.baseUrl}/raireki/packs/clinician/literature/bundles/lists.parts`;
    // As a browser asks: gzip accepted, which nginx must not apply here (it would answer the whole file).
    const res = await fetch(url, { headers: { ...auth, range: 'bytes=0-9,5001-5010', 'accept-encoding': 'gzip' } });
    expect(res.status).toBe(206);
    expect(res.headers.get('content-encoding')).toBeNull();
    expect(res.headers.get('content-type')).toMatch(/^multipart\/byteranges; boundary=/);
    const pieces = parseByteranges(res.headers.get('content-type')!, new Uint8Array(await res.arrayBuffer()));
    expect(pieces.map((p) => p.range)).toEqual([{ start: 0, end: 9 }, { start: 5001, end: 5010 }]);
    expect([...pieces[1]!.bytes]).toEqual([...parts[2]!.subarray(0, 10)]);

    let oneByOne = 0;
    const read = bundledPartReader({
      url: (path) => new URL(`${site.baseUrl}/raireki/packs/clinician/literature/${path}`),
      readSizes: async (path) => bundles.get(path)!,
      readOne: async (name) => (oneByOne++, parts[Number(name.slice(6, 11))]!),
      init: { headers: auth },
    });
    const got = await read(['lists/00000.bin', 'lists/00002.bin', 'lists/00003.bin']);
    expect(oneByOne).toBe(0);
    for (const i of [0, 2, 3]) expect(got.get(partFile('lists', i))).toEqual(parts[i]);
  });
});

