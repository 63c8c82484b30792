import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// Tests import the packages' TypeScript sources, so a test run never depends on a stale build.
const src = (pkg: string) => fileURLToPath(new URL(`./packages/${pkg}/src/index.ts`, import.meta.url));

export default defineConfig({
  resolve: {
    alias: {
      '@rnnlab/core': src('core'),
      '@rnnlab/teaching': src('teaching'),
      '@rnnlab/cli': fileURLToPath(new URL('./packages/cli/src/main.ts', import.meta.url)),
    },
  },
  test: {
    include: ['packages/*/src/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 60_000,
    // End-to-end suites train small runs in beforeAll; on a busy 2-core machine that can take more than vitest's 10 s.
    hookTimeout: 120_000,
  },
});
