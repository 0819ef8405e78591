/**
 * What the app asks first (whoami.json), answered by Debian's nginx set up as intranet hosts
 * often are: an SPA fallback (`try_files $uri /index.html`), and an SSO front whose session
 * expired (a redirect to its sign-in page).
 */
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { askAssignedRole } from '../../src/platform/index.ts';
import { findNginx, startNginx, type NginxSite } from './pack-nginx-harness.ts';

const nginx = findNginx();

const SPA_FALLBACK = `server {
  listen 127.0.0.1:{{PORT}};
  root {{WWW}};
  location /raireki/ { try_files $uri /raireki/index.html; }
}`;

const EXPIRED_SSO = `server {
  listen 127.0.0.1:{{PORT}};
  root {{WWW}};
  location = /raireki/whoami.json { return 302 /sso/login?next=/raireki/; }
  location /sso/ { default_type text/html; return 200 '<!doctype html><html><body><form action="/sso/login" method="post"></form></body></html>'; }
  location /raireki/ { try_files $uri =404; }
}`;

describe.runIf(nginx !== null)('whoami.json on nginx hosts set up otherwise', () => {
  let tmp: string;
  const sites: NginxSite[] = [];
  const start = async (name: string, serverBlock: string) => {
    const site = await startNginx({ dir: join(tmp, name), wwwRoot: join(tmp, 'www'), packsRoot: join(tmp, 'packs'), users: [], serverBlock });
    sites.push(site);
    return site;
  };
  beforeAll(() => {
    tmp = mkdtempSync(join(tmpdir(), 'raireki-hosting-'));
    mkdirSync(join(tmp, 'www', 'raireki'), { recursive: true });
    // The app's page as built: Vite keeps its head, and so the marker.
    copyFileSync('index.html', join(tmp, 'www', 'raireki', 'index.html'));
  });
  afterAll(async () => {
    for (const s of sites) await s.stop();
    rmSync(tmp, { recursive: true, force: true });
  });

  it('try_files answering with index.html means no roles here: the app opens as on a plain host', async () => {
    const site = await start('spa', SPA_FALLBACK);
    const res = await fetch(`${site.baseUrl}/raireki/whoami.json`);
    expect(res.status).toBe(200); // the fallback really answers
    expect(await askAssignedRole(`${site.baseUrl}/raireki/whoami.json`)).toEqual({ kind: 'none', why: 'app-page' });
  });

  it('a redirect to a sign-in page means the login expired', async () => {
    const site = await start('sso', EXPIRED_SSO);
    const answer = await askAssignedRole(`${site.baseUrl}/raireki/whoami.json`);
    expect(answer.kind).toBe('login-expired');
  });
});
