/**
 * `npm test`: everything, in the order a failure is cheapest to find.
 *   1. system programs: Chromium and nginx from Debian's packages when missing
 *   2. type-check every TypeScript project (core without DOM/Node, app, tools and tests)
 *   3. unit tests (vitest)
 *   4. a throwaway pack-signing key, and the production build that trusts it
 *   5. browser tests (Playwright driving Chromium against the built site)
 */
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { ensureChromium, ensureNginx } from './system-programs.ts';
import { E2E_KEYS, E2E_PUBLIC_KEY } from '../e2e/paths.ts';

function step(title: string, cmd: string, args: string[], env: NodeJS.ProcessEnv = {}): void {
  console.log(`\n▶ ${title}: ${cmd} ${args.join(' ')}`);
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  if (r.status !== 0) {
    console.error(`\n✖ ${title} failed (exit ${r.status ?? r.signal})`);
    process.exit(r.status ?? 1);
  }
}

process.env.CHROMIUM_PATH = ensureChromium();
ensureNginx();
for (const project of ['tsconfig.core.json', 'tsconfig.app.json', 'tsconfig.node.json']) step(`type-check ${project}`, 'npx', ['tsc', '-p', project]);
step('unit tests', 'npx', ['vitest', 'run']);
rmSync(E2E_KEYS, { recursive: true, force: true });
step('test signing key', 'npx', ['tsx', 'cli/keygen.ts', '--out', E2E_KEYS]);
step('build', 'npx', ['vite', 'build'], { RAIREKI_PACK_PUBLIC_KEY: E2E_PUBLIC_KEY });
step('browser tests', 'npx', ['playwright', 'test']);
console.log('\n✔ all tests passed');
