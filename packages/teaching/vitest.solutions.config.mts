/**
 * Every exercise's checks, hidden ones included, against its reference solution, run in the test process itself
 * (the grading context's `inProcess`): for mutation testing of the checks with StrykerJS, whose vitest runner mutates
 * solution.ts and must see the mutated code run where the tests run. Trusted code only — the grader never does this.
 *
 *   npx vitest run --config packages/teaching/vitest.solutions.config.mts
 *
 * RNNLAB_EXERCISES=03-step-backward,04-loss-fun runs only those exercises' checks (StrykerJS runs one at a time).
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const here = fileURLToPath(new URL('.', import.meta.url));
const exercises = join(here, 'exercises');
const src = (pkg: string, entry: string) => join(here, '..', pkg, 'src', entry);
const sources = Object.fromEntries(readdirSync(exercises)
  .filter((e) => existsSync(join(exercises, e, 'solution.ts')))
  .map((e) => [join(exercises, e), { file: join(exercises, e, 'solution.ts') }]));

const only = process.env.RNNLAB_EXERCISES?.split(',').filter((e) => e !== '');
const folders = only && only.length > 0 ? `{${only.join(',')},}` : '*';

export default defineConfig({
  root: here,
  resolve: {
    alias: {
      '@rnnlab/core/testing': src('core', 'testing/index.ts'),
      '@rnnlab/teaching/check': src('teaching', 'check/index.ts'),
      '@rnnlab/core': src('core', 'index.ts'),
    },
  },
  test: {
    include: [`exercises/${folders}/checks.test.ts`, `exercises/${folders}/hidden.test.ts`],
    provide: { 'rnnlab:grading': { sources, inProcess: true } },
  },
});
