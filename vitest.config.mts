import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// Tests import the packages' TypeScript sources, so a test run never depends on a stale build.
const src = (pkg: string) => fileURLToPath(new URL(`./packages/${pkg}/src/index.ts`, import.meta.url));
const notebooksSrc = fileURLToPath(new URL('./notebooks/src/index.ts', import.meta.url));

export default defineConfig({
  resolve: {
    alias: {
      '@rnnlab/core': src('core'),
      '@rnnlab/teaching': src('teaching'),
      '@rnnlab/notebooks': notebooksSrc,
    },
  },
  test: {
    include: ['packages/*/src/**/*.test.ts', 'notebooks/src/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 60_000,
  },
});
