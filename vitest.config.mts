import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// Tests import the packages' TypeScript sources, so a test run never depends on a stale build.
const src = (pkg: string, entry = 'index.ts') => fileURLToPath(new URL(`./packages/${pkg}/src/${entry}`, import.meta.url));
const notebooksSrc = fileURLToPath(new URL('./notebooks/src/index.ts', import.meta.url));

export default defineConfig({
  resolve: {
    // Subpaths first: an alias also matches the paths below it.
    alias: {
      '@rnnlab/core/testing': src('core', 'testing/index.ts'),
      '@rnnlab/teaching/check': src('teaching', 'check/index.ts'),
      '@rnnlab/core': src('core'),
      '@rnnlab/teaching': src('teaching'),
      '@rnnlab/cli': fileURLToPath(new URL('./packages/cli/src/main.ts', import.meta.url)),
      '@rnnlab/notebooks': notebooksSrc,
    },
  },
  test: {
    // twins.test.ts: core's kernels against an exercise's readable reference (not graded, not released).
    include: ['packages/*/src/**/*.test.ts', 'packages/teaching/exercises/*/twins.test.ts', 'notebooks/src/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 60_000,
    // vitest's default is one worker fewer than the cores: one on a 2-core machine, where most of this suite waits on
    // child processes (the CLI, Jupyter kernels, Chromium, Python) and a second worker overlaps that waiting.
    maxWorkers: Math.max(2, availableParallelism() - 1),
    // End-to-end suites train small runs in beforeAll; on a busy 2-core machine that can take more than vitest's 10 s.
    hookTimeout: 120_000,
  },
});
