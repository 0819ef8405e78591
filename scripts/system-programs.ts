/**
 * System programs the browser tests need, found or — on a fresh Debian machine, as root —
 * installed from Debian's packages: Chromium (npm cannot download browsers here), nginx
 * (the shipped intranet configuration is tested for real) and openssl (its certificate).
 */
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';

const CHROMIUM = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];
const NGINX = ['/usr/sbin/nginx', '/usr/local/sbin/nginx', '/usr/bin/nginx'];

export function findChromium(): string | null {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv && existsSync(fromEnv)) return fromEnv;
  return CHROMIUM.find((p) => existsSync(p)) ?? null;
}

let aptUpdated = false;

function aptInstall(packages: string[]): void {
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!isRoot) throw new Error(`missing ${packages.join(', ')}: install with sudo apt-get update && sudo apt-get install -y ${packages.join(' ')}`);
  console.log(`▶ installing Debian packages: ${packages.join(' ')}`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const steps = aptUpdated ? [] : [['update']];
  for (const args of [...steps, ['install', '-y', '--no-install-recommends', ...packages]]) {
    const r = spawnSync('apt-get', args, { stdio: 'inherit', env });
    if (r.status !== 0) throw new Error(`apt-get ${args.join(' ')} failed (exit ${r.status})`);
  }
  aptUpdated = true;
}

export function ensureChromium(): string {
  const found = findChromium();
  if (found) return found;
  aptInstall(['chromium', 'fonts-noto-cjk']);
  const installed = findChromium();
  if (!installed) throw new Error('apt-get installed chromium but no executable was found (set CHROMIUM_PATH)');
  return installed;
}

/** nginx, and openssl for the test certificate its TLS server needs (and the users' password hashes). */
export function ensureNginx(): string {
  const hasOpenssl = spawnSync('openssl', ['version']).status === 0;
  const found = NGINX.find((p) => existsSync(p));
  if (found && hasOpenssl) return found;
  aptInstall([...(found ? [] : ['nginx-light']), ...(hasOpenssl ? [] : ['openssl'])]);
  const installed = NGINX.find((p) => existsSync(p));
  if (!installed) throw new Error('apt-get installed nginx-light but no nginx executable was found');
  return installed;
}

/** Flags for headless Chromium on a closed network (no background calls home). */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
  '--enable-unsafe-swiftshader',
];
