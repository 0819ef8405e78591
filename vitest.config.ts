import { defineConfig } from 'vitest/config';

// Unit tests run in Node: domain logic in src/core is DOM-free by design, and the
// browser behaviour is tested in a real Chromium by Playwright (e2e/).
export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'cli/**/*.test.ts', 'scripts/**/*.test.ts', 'conformance/**/*.test.ts'],
    environment: 'node',
    testTimeout: 20_000,
  },
});
