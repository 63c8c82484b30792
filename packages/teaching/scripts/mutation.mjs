#!/usr/bin/env node
/**
 * `pnpm mutation [NN-slug …]`: StrykerJS on each exercise in turn (default: every exercise with a solution.ts) — the
 * solution regions of solution.ts mutated, the exercise's checks (hidden ones included) run against each mutant in
 * process — then a table of the mutation scores. Reports: reports/mutation/NN-slug/ (index.html, mutation.json);
 * a second run re-tests only what changed (Stryker's incremental file there). Slow: minutes per exercise on 2 cores.
 *
 * Score = (killed + timed out) / (killed + timed out + survived + no coverage), Stryker's mutation score.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const teaching = join(dirname(fileURLToPath(import.meta.url)), '..');
const root = join(teaching, '..', '..');
const exercisesDir = join(teaching, 'exercises');
const all = readdirSync(exercisesDir).filter((e) => /^\d\d-/.test(e) && existsSync(join(exercisesDir, e, 'solution.ts'))).sort();
const chosen = process.argv.slice(2);
const unknown = chosen.filter((e) => !all.includes(e));
if (unknown.length > 0) {
  process.stderr.write(`mutation: no exercise ${unknown.join(', ')} (exercises: ${all.join(', ')})\n`);
  process.exit(1);
}
const stryker = join(dirname(createRequire(join(root, 'package.json')).resolve('@stryker-mutator/core/package.json')), 'bin', 'stryker.js');

/** Stryker's counts and score from a mutation.json (mutation-testing-elements' schema). */
function score(file) {
  const report = JSON.parse(readFileSync(file, 'utf8'));
  const count = {};
  for (const f of Object.values(report.files)) for (const m of f.mutants) count[m.status] = (count[m.status] ?? 0) + 1;
  const detected = (count.Killed ?? 0) + (count.Timeout ?? 0);
  const valid = detected + (count.Survived ?? 0) + (count.NoCoverage ?? 0);
  return { ...count, score: valid === 0 ? NaN : (100 * detected) / valid };
}

const rows = [];
let failed = false;
for (const exercise of chosen.length > 0 ? chosen : all) {
  process.stdout.write(`\n== ${exercise}\n`);
  const run = spawnSync(process.execPath, [stryker, 'run', join('packages', 'teaching', 'stryker.config.mjs')], {
    cwd: root, stdio: 'inherit', env: { ...process.env, RNNLAB_EXERCISES: exercise },
  });
  const report = join(root, 'reports', 'mutation', exercise, 'mutation.json');
  if (run.status !== 0 || !existsSync(report)) {
    failed = true;
    rows.push(`${exercise.padEnd(20)} Stryker failed (exit ${run.status})`);
    continue;
  }
  const s = score(report);
  rows.push(`${exercise.padEnd(20)} ${s.score.toFixed(1).padStart(6)}%   killed ${s.Killed ?? 0}, timeout ${s.Timeout ?? 0}, `
    + `survived ${s.Survived ?? 0}, no coverage ${s.NoCoverage ?? 0}, ignored ${s.Ignored ?? 0}`);
}
process.stdout.write(`\nMutation score of the checks (solution regions of solution.ts):\n${rows.join('\n')}\n`);
process.exit(failed ? 1 : 0);
