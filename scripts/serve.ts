/**
 * Static file server for the built app, as an intranet web server would serve it:
 * under a sub-path if asked, with the cross-origin isolation headers (COOP/COEP) that
 * multi-threaded WebAssembly needs. Used by `npm start`, the e2e tests and the browser
 * benchmark.
 *
 *   tsx scripts/serve.ts [--port 4173] [--host 127.0.0.1] [--base /raireki/] [--dir dist]
 *                        [--mount /url/path=folder ...] [--spa-fallback]
 *
 * `--spa-fallback` answers every unknown path under the base with index.html (200), as many
 * intranet servers are set up for single-page apps (nginx `try_files $uri /index.html`): the
 * app must open on such a host as on a plain one.
 */
import { createServer, type Server } from 'node:http';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import sirv from 'sirv';
import { serveMultiRange } from './serve-ranges.ts';

export interface ServeOptions {
  dir: string;
  base: string;
  port: number;
  host: string;
  /** Extra folders served under a URL prefix (relative to base), e.g. generated snapshots. */
  mounts: { prefix: string; dir: string }[];
  /** Answer unknown paths with index.html instead of 404. */
  spaFallback?: boolean;
}

const SECURITY_HEADERS: Record<string, string> = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
};

export function startServer(opts: ServeOptions): Promise<Server> {
  const base = opts.base.endsWith('/') ? opts.base : `${opts.base}/`;
  const app = sirv(resolve(opts.dir), { dev: true, etag: true, single: false });
  // sirv's own `single` mode leaves paths with an extension (whoami.json) as 404; nginx's
  // try_files does not, so the fallback is done here, for every unknown path.
  const indexHtml = opts.spaFallback ? readFileSync(join(resolve(opts.dir), 'index.html')) : null;
  const mounts = opts.mounts.map((m) => ({
    prefix: `${base}${m.prefix.replace(/^\/+|\/+$/g, '')}/`,
    dir: m.dir,
    handler: sirv(resolve(m.dir), { dev: true, etag: true }),
  }));
  const server = createServer((req, res) => {
    for (const [k, v] of Object.entries(SECURITY_HEADERS)) res.setHeader(k, v);
    const url = req.url ?? '/';
    if (url === base.slice(0, -1)) {
      res.writeHead(301, { Location: base }).end();
      return;
    }
    if (!url.startsWith(base)) {
      res.writeHead(404, { 'Content-Type': 'text/plain' }).end('Not found');
      return;
    }
    const notFound = (): void => {
      res.writeHead(404, { 'Content-Type': 'text/plain' }).end('Not found');
    };
    const mount = mounts.find((m) => url.startsWith(m.prefix));
    const root = mount ? mount.dir : opts.dir;
    req.url = '/' + url.slice(mount ? mount.prefix.length : base.length);
    const fallback = indexHtml && !mount ? () => void res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' }).end(indexHtml) : notFound;
    // Several ranges of a file (a literature index's bundles) are answered here, the rest by sirv.
    serveMultiRange(req, res, root, req.url).then(
      (done) => void (done || (mount ? mount.handler : app)(req, res, fallback)),
      () => void (res.headersSent ? res.destroy() : res.writeHead(500).end()),
    );
  });
  return new Promise((ok, fail) => {
    server.once('error', fail);
    server.listen(opts.port, opts.host, () => ok(server));
  });
}

export function parseServeArgs(argv: string[]): ServeOptions {
  const opts: ServeOptions = { dir: 'dist', base: '/', port: 4173, host: '127.0.0.1', mounts: [] };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = argv[i + 1];
    const need = () => {
      if (value === undefined) throw new Error(`${arg} needs a value`);
      i++;
      return value;
    };
    if (arg === '--port') opts.port = Number(need());
    else if (arg === '--host') opts.host = need();
    else if (arg === '--base') opts.base = need();
    else if (arg === '--dir') opts.dir = need();
    else if (arg === '--spa-fallback') opts.spaFallback = true;
    else if (arg === '--mount') {
      const [prefix, dir] = need().split('=');
      if (!prefix || !dir) throw new Error('--mount takes /url/prefix=folder');
      opts.mounts.push({ prefix, dir });
    } else throw new Error(`unknown argument ${arg}`);
  }
  if (!opts.base.startsWith('/')) opts.base = `/${opts.base}`;
  return opts;
}

const isMain = process.argv[1] && resolve(process.argv[1]) === resolve(new URL(import.meta.url).pathname);
if (isMain) {
  try {
    const opts = parseServeArgs(process.argv.slice(2));
    await startServer(opts);
    const base = opts.base.endsWith('/') ? opts.base : `${opts.base}/`;
    console.log(`\n  Raireki is being served at  http://${opts.host === '0.0.0.0' ? 'localhost' : opts.host}:${opts.port}${base}\n  (Ctrl+C to stop)\n`);
  } catch (err) {
    console.error(`serve: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  }
}
