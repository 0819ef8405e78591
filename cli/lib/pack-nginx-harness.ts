/**
 * Runs Debian's nginx on loopback with deploy/nginx/raireki.conf, for tests: the shipped
 * configuration with only its example paths, ports, certificate and user list replaced, so the
 * test proves the file operators copy. Nothing here is used in production.
 *
 * The shipped server answers over TLS only (plain HTTP redirects). The harness gives it a
 * certificate made for 127.0.0.1 and one more `listen`, in plain HTTP on loopback, for Node's
 * fetch, which cannot be told to trust a test certificate without a library; browsers test
 * the TLS server itself (`tls.url`).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';

export const SHIPPED_CONFIG = fileURLToPathSafe(new URL('../../deploy/nginx/raireki.conf', import.meta.url));

export interface NginxUser {
  name: string;
  password: string;
  /** Role the user maps to; undefined for an authenticated user without a role. */
  role?: string;
}

export interface NginxSiteOptions {
  /** Scratch folder for configuration, logs and temp files. */
  dir: string;
  /** Folder holding the built app under raireki/ (the example's /srv/raireki/www). */
  wwwRoot: string;
  /** Folder holding <role>/ pack folders (the example's /srv/raireki/packs). */
  packsRoot: string;
  users: NginxUser[];
  /**
   * A server block to run instead of the shipped configuration (`{{PORT}}` and `{{WWW}}` are
   * filled in), for hosts set up otherwise, e.g. an SPA fallback with `try_files`. A block
   * that names `{{TLS_PORT}}` gets a second port and a certificate (`{{CERT}}`, `{{KEY}}`),
   * and the site's `tls.url` (and no redirect server).
   */
  serverBlock?: string;
}

export interface NginxSite {
  /** The site in plain HTTP on loopback (the shipped server, or a `serverBlock`). */
  baseUrl: string;
  /** The server over TLS, and the shipped file's plain-HTTP redirect server (absent for a `serverBlock` without TLS). */
  tls?: { url: string; redirectUrl?: string; certificate: string };
  stop(): Promise<void>;
}

/** Path of the nginx binary, or null when it is not installed (`apt-get install nginx-light`). */
export function findNginx(): string | null {
  for (const candidate of ['/usr/sbin/nginx', '/usr/local/sbin/nginx', '/usr/bin/nginx']) if (existsSync(candidate)) return candidate;
  const which = spawnSync('sh', ['-c', 'command -v nginx'], { encoding: 'utf8' });
  return which.status === 0 && which.stdout.trim() ? which.stdout.trim() : null;
}

export async function startNginx(opts: NginxSiteOptions): Promise<NginxSite> {
  const nginx = findNginx();
  if (!nginx) throw new Error('nginx is not installed');
  const dir = resolve(opts.dir);
  mkdirSync(join(dir, 'logs'), { recursive: true });
  const port = await freePort();
  writeFileSync(join(dir, 'htpasswd'), opts.users.map((u) => `${u.name}:${hashPassword(u.password)}\n`).join(''));
  writeFileSync(join(dir, 'roles.map'), opts.users.filter((u) => u.role).map((u) => `${u.name} ${u.role};\n`).join(''));
  const block = opts.serverBlock;
  const tls = block === undefined || block.includes('{{TLS_PORT}}') ? { port: await freePort([port]), redirectPort: 0, certificate: makeCertificate(dir) } : null;
  if (tls && block === undefined) tls.redirectPort = await freePort([port, tls.port]);
  const site =
    block === undefined
      ? adaptConfig(readFileSync(SHIPPED_CONFIG, 'utf8'), { port, tlsPort: tls!.port, redirectPort: tls!.redirectPort, dir, wwwRoot: resolve(opts.wwwRoot), packsRoot: resolve(opts.packsRoot) })
      : block
          .replaceAll('{{PORT}}', String(port))
          .replaceAll('{{WWW}}', resolve(opts.wwwRoot))
          .replaceAll('{{TLS_PORT}}', String(tls?.port))
          .replaceAll('{{CERT}}', join(dir, 'tls.crt'))
          .replaceAll('{{KEY}}', join(dir, 'tls.key'));
  writeFileSync(join(dir, 'raireki.conf'), site);
  const temp = ['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map((t) => `${t}_temp_path ${join(dir, `tmp-${t}`)};`).join(' ');
  writeFileSync(
    join(dir, 'nginx.conf'),
    [
      // Workers would otherwise drop to "nobody", who cannot read the test's private temp folders.
      ...(process.getuid?.() === 0 ? ['user root;'] : []),
      'worker_processes 1;',
      `pid ${join(dir, 'nginx.pid')};`,
      `error_log ${join(dir, 'logs', 'error.log')} warn;`,
      'events { worker_connections 64; }',
      `http { access_log off; ${temp} include ${join(dir, 'raireki.conf')}; }`,
      '',
    ].join('\n'),
  );
  const args = ['-p', dir, '-c', join(dir, 'nginx.conf'), '-e', join(dir, 'logs', 'error.log')];
  const check = spawnSync(nginx, [...args, '-t'], { encoding: 'utf8' });
  if (check.status !== 0) throw new Error(`nginx rejected the configuration:\n${check.stderr}`);
  const child = spawn(nginx, [...args, '-g', 'daemon off;'], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  const baseUrl = `http://127.0.0.1:${port}`;
  await waitUntilUp(baseUrl, child, () => stderr);
  return {
    baseUrl,
    ...(tls ? { tls: { url: `https://127.0.0.1:${tls.port}`, certificate: tls.certificate, ...(tls.redirectPort ? { redirectUrl: `http://127.0.0.1:${tls.redirectPort}` } : {}) } } : {}),
    stop: () => stop(child),
  };
}

/** A self-signed certificate for 127.0.0.1 (tls.crt, tls.key in `dir`), as PEM. */
function makeCertificate(dir: string): string {
  const args = ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '2'];
  const r = spawnSync('openssl', [...args, '-keyout', join(dir, 'tls.key'), '-out', join(dir, 'tls.crt'), '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1'], { encoding: 'utf8' });
  if (r.error || r.status !== 0) throw new Error(`openssl could not make the test certificate (apt-get install -y openssl): ${r.error?.message ?? r.stderr}`);
  return readFileSync(join(dir, 'tls.crt'), 'utf8');
}

/** The shipped file with the example's paths, ports, certificate and user files replaced; fails if one is missing. */
export function adaptConfig(text: string, at: { port: number; tlsPort: number; redirectPort: number; dir: string; wwwRoot: string; packsRoot: string }): string {
  const replacements: [string, string][] = [
    ['listen 80;', `listen 127.0.0.1:${at.redirectPort};`],
    ['listen 443 ssl http2;', `listen 127.0.0.1:${at.tlsPort} ssl http2;\n    listen 127.0.0.1:${at.port};  # the harness's plain loopback listener (see the harness)`],
    ['/etc/nginx/raireki.crt', join(at.dir, 'tls.crt')],
    ['/etc/nginx/raireki.key', join(at.dir, 'tls.key')],
    ['/srv/raireki/www', at.wwwRoot],
    ['/srv/raireki/packs', at.packsRoot],
    ['/etc/nginx/raireki.htpasswd', join(at.dir, 'htpasswd')],
    ['/etc/nginx/raireki-roles.map', join(at.dir, 'roles.map')],
  ];
  let out = text;
  for (const [from, to] of replacements) {
    if (!out.includes(from)) throw new Error(`deploy/nginx/raireki.conf no longer contains "${from}": update the harness`);
    out = out.split(from).join(to);
  }
  return out;
}

/** SHA-512 crypt through openssl, as an operator would make it; {PLAIN} (test only) without openssl. */
function hashPassword(password: string): string {
  const r = spawnSync('openssl', ['passwd', '-6', '-stdin'], { input: password, encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : `{PLAIN}${password}`;
}

/** A loopback port free now, other than those already handed out. */
async function freePort(taken: readonly number[] = []): Promise<number> {
  for (;;) {
    const port = await anyFreePort();
    if (!taken.includes(port)) return port;
  }
}

function anyFreePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? ok(address.port) : fail(new Error('no port'))));
    });
  });
}

async function waitUntilUp(baseUrl: string, child: ChildProcess, stderr: () => string): Promise<void> {
  for (let i = 0; i < 100; i++) {
    if (child.exitCode !== null) throw new Error(`nginx exited (${child.exitCode}): ${stderr()}`);
    try {
      await fetch(`${baseUrl}/raireki/`);
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  throw new Error(`nginx did not answer on ${baseUrl}: ${stderr()}`);
}

function stop(child: ChildProcess): Promise<void> {
  return new Promise((ok) => {
    if (child.exitCode !== null) return ok();
    child.once('exit', () => ok());
    child.kill('SIGQUIT'); // graceful: the master stops its workers
  });
}

function fileURLToPathSafe(url: URL): string {
  return decodeURIComponent(url.pathname);
}
