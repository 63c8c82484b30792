/**
 * The hash of everything an exercise's signatures.json is recorded from, stored in the file, so that a test (and
 * `teach mistakes --check`, and `teach release`) can tell a stale file without re-running the mutants.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { HIDDEN_CHECKS_FILE, MISTAKES_FILE } from '../check/names.js';
import { CHECKS_FILE, CHECKS_SUPPORT_FILE } from '../grader/exercises.js';

/** Hash of everything the signatures depend on: solution, catalogue, checks (and their support file) and fixtures. */
export function inputsHash(exerciseDir: string): string {
  const hash = createHash('sha256');
  const fixtures = join(exerciseDir, 'fixtures');
  const files = ['solution.ts', MISTAKES_FILE, CHECKS_FILE, HIDDEN_CHECKS_FILE]
    .concat(existsSync(join(exerciseDir, CHECKS_SUPPORT_FILE)) ? [CHECKS_SUPPORT_FILE] : [])
    .concat(existsSync(fixtures) ? readdirSync(fixtures).filter((f) => f.endsWith('.json')).sort().map((f) => join('fixtures', f)) : []);
  for (const f of files) {
    const path = join(exerciseDir, f);
    hash.update(`${f}\n${existsSync(path) ? readFileSync(path, 'utf8') : ''}\n`);
  }
  return hash.digest('hex').slice(0, 16);
}
