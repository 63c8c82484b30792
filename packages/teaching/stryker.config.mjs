// @ts-check
/**
 * StrykerJS: mutation testing of one exercise's checks against its reference solution (`pnpm mutation NN-slug`, which
 * sets RNNLAB_EXERCISES; not part of `pnpm test`). Stryker mutates what a student writes — the solution regions of
 * solution.ts, between `// BEGIN SOLUTION` and `// END SOLUTION` — and runs the exercise's checks, hidden ones
 * included, in its own process (vitest.solutions.config.mts). A mutant that no check fails survives: either a gap
 * in the checks, or a change that computes the same thing (an equivalent mutant).
 *
 * Run from the repository root: the sandbox Stryker copies holds only what the checks read (the core's and this
 * package's sources, and the exercise folders).
 */
import { readFileSync } from 'node:fs';

const exercise = process.env.RNNLAB_EXERCISES ?? '';
if (!/^\d\d-[a-z0-9-]+$/.test(exercise)) {
  throw new Error(`stryker.config.mjs: RNNLAB_EXERCISES is '${exercise}', expected one exercise (NN-slug); run pnpm mutation NN-slug`);
}
const solution = `packages/teaching/exercises/${exercise}/solution.ts`;

/** The solution regions of `file` as Stryker's `file:first-last` line ranges (the lines between the markers). */
function solutionRegions(file) {
  const lines = readFileSync(file, 'utf8').split('\n');
  const ranges = [];
  lines.forEach((line, i) => {
    if (line.trim() === '// BEGIN SOLUTION') ranges.push(`${file}:${i + 2}-`);
    if (line.trim() === '// END SOLUTION') ranges.push(`${ranges.pop()}${i}`);
  });
  return ranges;
}

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  plugins: ['@stryker-mutator/vitest-runner'],
  // The checks load the solution by a dynamic import, which vitest's `related` cannot follow.
  vitest: { configFile: 'packages/teaching/vitest.solutions.config.mts', related: false },
  mutate: solutionRegions(solution),
  coverageAnalysis: 'perTest',
  concurrency: 1,
  timeoutMS: 20_000,
  incremental: true,
  incrementalFile: `reports/mutation/${exercise}/stryker-incremental.json`,
  reporters: ['clear-text', 'progress', 'html', 'json'],
  htmlReporter: { fileName: `reports/mutation/${exercise}/index.html` },
  jsonReporter: { fileName: `reports/mutation/${exercise}/mutation.json` },
  clearTextReporter: { allowColor: false, logTests: false, maxTestsToLog: 0 },
  // The sandbox: the root's package.json and tsconfig, the core's and this package's sources, the exercises.
  ignorePatterns: [
    '/*', '!/package.json', '!/tsconfig*.json', '!/packages',
    '/packages/*', '!/packages/core', '!/packages/teaching',
    '/packages/*/dist', '/packages/core/kernels', '/packages/teaching/test-fixtures',
  ],
  tempDirName: '.stryker-tmp',
  cleanTempDir: 'always',
};
