import { existsSync, readFileSync } from 'node:fs';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

/**
 * Public keys that signed packs must verify against, fixed at build time: the file
 * `npm run keygen` writes (config/pack-public-key.json), or another one named by
 * RAIREKI_PACK_PUBLIC_KEY. Without one, the app refuses every pack (and still opens
 * unsigned snapshots such as the sample).
 */
function packPublicKeys(): string | null {
  const file = process.env.RAIREKI_PACK_PUBLIC_KEY ?? 'config/pack-public-key.json';
  if (!existsSync(file)) {
    if (process.env.RAIREKI_PACK_PUBLIC_KEY) throw new Error(`RAIREKI_PACK_PUBLIC_KEY names ${file}, which does not exist`);
    return null;
  }
  return readFileSync(file, 'utf8');
}

// `base: './'` makes every asset URL relative, so dist/ works under any sub-path
// (e.g. https://intranet/raireki/) and when copied to another server.
export default defineConfig({
  base: './',
  plugins: [react()],
  define: {
    __RAIREKI_PACK_KEYS__: JSON.stringify(packPublicKeys()),
  },
  worker: { format: 'es' },
  build: {
    target: 'es2022',
    // The app, the operator's model check page (model-check.html) and the benchmark pages of
    // literature search (literature-bench.html, `npm run bench:literature-browser`) and of the
    // explorer's queries (graph-bench.html, `npm run bench:browser`).
    rollupOptions: { input: { main: 'index.html', 'model-check': 'model-check.html', 'literature-bench': 'literature-bench.html', 'graph-bench': 'graph-bench.html' } },
    sourcemap: false,
    chunkSizeWarningLimit: 1200,
  },
  server: {
    headers: {
      'Cross-Origin-Opener-Policy': 'same-origin',
      'Cross-Origin-Embedder-Policy': 'require-corp',
    },
  },
});
