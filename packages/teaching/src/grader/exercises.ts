/**
 * Exercise folders: `NN-slug/` with checks.test.ts (public checks) and optionally hidden.test.ts, solution.ts,
 * exercise.ts. Finds the exercises folder the grader works on, lists its exercises, and checks command-line choices
 * against it (each bad choice is a one-line UsageError).
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { teachingDir } from '../sandbox/paths.js';

/** A bad command-line argument; the CLI prints its message and exits 1. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** An exercise folder name: two digits, a dash, a slug. */
export const EXERCISE_NAME = /^\d\d-[a-z0-9][a-z0-9-]*$/;

/** The public checks file of an exercise. */
export const CHECKS_FILE = 'checks.test.ts';

/** Optional: what the public and hidden checks of an exercise share (functions for childFunction, comparisons). */
export const CHECKS_SUPPORT_FILE = 'checks-support.ts';

/** The implementations in an exercise folder: the reference and the student's stub. */
export const IMPLEMENTATION_FILES = ['solution.ts', 'exercise.ts'];

/**
 * The exercises folder: `explicit` if given; else ./exercises in `cwd` (a student copy made by `teach release`);
 * else this package's own exercises/ (the repository).
 */
export function findExercisesRoot(explicit: string | undefined, cwd: string): string {
  if (explicit !== undefined) {
    const root = resolve(cwd, explicit);
    if (!existsSync(root) || !statSync(root).isDirectory()) throw new UsageError(`--exercises ${explicit}: no such folder`);
    if (listExercises(root).length === 0) throw new UsageError(`--exercises ${explicit}: no exercise folders in it (NN-name/${CHECKS_FILE})`);
    return root;
  }
  const local = join(cwd, 'exercises');
  if (existsSync(local) && listExercises(local).length > 0) return local;
  return join(teachingDir, 'exercises');
}

/** The exercises in a folder (sub-folders named NN-slug holding checks.test.ts), in order. */
export function listExercises(root: string): string[] {
  if (!existsSync(root)) return [];
  return readdirSync(root, { withFileTypes: true })
    .filter((d) => d.isDirectory() && EXERCISE_NAME.test(d.name) && existsSync(join(root, d.name, CHECKS_FILE)))
    .map((d) => d.name)
    .sort();
}

/** The requested exercises (all when none are named), each checked to exist. */
export function selectExercises(root: string, requested: string[]): string[] {
  const all = listExercises(root);
  for (const name of requested) {
    if (!all.includes(name)) throw new UsageError(`unknown exercise '${name}'; the exercises are ${all.join(', ')}`);
  }
  return requested.length > 0 ? [...new Set(requested)].sort() : all;
}

/** Whether `dir` is laid out like exercises/: it holds at least one NN-slug/exercise.ts. */
export function isSubmission(dir: string): boolean {
  return readdirSync(dir, { withFileTypes: true })
    .some((d) => d.isDirectory() && EXERCISE_NAME.test(d.name) && existsSync(join(dir, d.name, 'exercise.ts')));
}

/**
 * Checks that `dir` is laid out like exercises/ (at least one NN-slug/exercise.ts), naming what is wrong otherwise.
 * `what` names the argument in the message (`--dir PATH`).
 */
export function checkSubmissionDir(dir: string, what: string): void {
  if (!existsSync(dir)) throw new UsageError(`${what}: no such folder`);
  if (!statSync(dir).isDirectory()) throw new UsageError(`${what}: not a folder`);
  if (!isSubmission(dir)) throw new UsageError(`${what}: not laid out like exercises/ (expected folders such as 01-one-hot/exercise.ts)`);
}
