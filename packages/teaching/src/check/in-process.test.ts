/**
 * The in-process mode for mutation testing (vitest.solutions.config.mts): the checks load each reference solution
 * into their own process, and every check passes — the setup StrykerJS's vitest runner will mutate solution.ts under.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { expect, it } from 'vitest';
import { exercisesDir, repoRoot, teachingDir } from '../../test-support/cli';
import { listExercises } from '../grader/exercises';

it('vitest.solutions.config.mts runs every check, hidden ones included, against the solutions in-process', () => {
  const vitest = join(dirname(createRequire(join(teachingDir, 'package.json')).resolve('vitest/package.json')), 'vitest.mjs');
  // The variables of the vitest running this test would tell the inner one it is a worker (and RNNLAB_EXERCISES would
  // leave exercises out).
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('VITEST') && k !== 'NODE_OPTIONS' && k !== 'RNNLAB_EXERCISES'));
  const run = spawnSync(process.execPath, [vitest, 'run', '--config', join(teachingDir, 'vitest.solutions.config.mts'), '--reporter', 'json'], {
    cwd: repoRoot, encoding: 'utf8', env,
  });
  const report = JSON.parse(run.stdout) as { numTotalTests: number; numPassedTests: number; testResults: { name: string }[] };
  expect(run.status).toBe(0);
  expect(report.numPassedTests).toBe(report.numTotalTests);
  const checksFiles = listExercises(exercisesDir).flatMap((e) => ['checks.test.ts', 'hidden.test.ts']
    .filter((f) => existsSync(join(exercisesDir, e, f))).map((f) => `${e}/${f}`));
  expect(checksFiles.length).toBeGreaterThanOrEqual(4);
  expect(report.testResults.map((r) => relative(exercisesDir, r.name)).sort()).toEqual(checksFiles);
});
