/** Scratch folders of the browser tests (git-ignored, rebuilt by every `npm test`). */
export const E2E_DIR = '.tmp/e2e';
export const E2E_KEYS = `${E2E_DIR}/keys`;
export const E2E_PRIVATE_KEY = `${E2E_KEYS}/pack-signing-key.pem`;
export const E2E_PUBLIC_KEY = `${E2E_KEYS}/pack-signing-public-key.json`;
/** Port of the same build behind a server with an SPA fallback (index.html for unknown paths). */
export const E2E_SPA_PORT = 4181;
/** Generated snapshot under .tmp/e2e-snapshots (served as e2e-snapshots/): 5,000 nodes, seed 1, hubs larger than the drawing limit. */
export const E2E_GENERATED = 'gen-5000';
