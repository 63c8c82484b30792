/**
 * What the grader's self-tests share: running the built commands (`bin/grade.js`, `bin/teach.js`) as a user does,
 * temporary folders outside the repository, and the repository's own exercises.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The @rnnlab/teaching package folder. */
export const teachingDir = fileURLToPath(new URL('..', import.meta.url));

/** The repository's exercises. */
export const exercisesDir = join(teachingDir, 'exercises');

/** The repository root (where `pnpm grade` runs). */
export const repoRoot = join(teachingDir, '..', '..');

/** What a command did. */
export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `rnnlab-grade` or `rnnlab-teach` (built) with `args` in `cwd` (default: the repository root). */
export function runCli(command: 'grade' | 'teach', args: string[], cwd = repoRoot): CliRun {
  const run = spawnSync(process.execPath, [join(teachingDir, 'bin', `${command}.js`), ...args], {
    cwd, encoding: 'utf8', env: { ...process.env, NODE_PATH: '' }, maxBuffer: 64 * 1024 * 1024,
  });
  return { code: run.status ?? -1, stdout: run.stdout, stderr: run.stderr };
}

/** A new empty folder in the system's temporary folder. */
export const tempDir = (prefix: string) => mkdtempSync(join(tmpdir(), `rnnlab-${prefix}-`));

/** A JSON file's content. */
export const readJson = <T = unknown>(file: string): T => JSON.parse(readFileSync(file, 'utf8')) as T;

/** The shape of the grader's --json report. */
export interface JsonReport {
  points: number;
  maxPoints: number;
  passed: number;
  failed: number;
  exercises: { exercise: string; source: string; points: number; maxPoints: number; typeErrors: string[]; errors: string[] }[];
  checks: { exercise: string; name: string; points: number; maxPoints: number; status: 'passed' | 'failed'; message: string; hidden: boolean; mistakes: string[] }[];
}
