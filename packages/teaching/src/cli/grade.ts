/**
 * rnnlab-grade (`pnpm grade` in the repository and in a student copy): grades exercises and prints a table ending
 * with `N passed, N failed`; exits 0 only when every check passed, 1 otherwise or on a bad argument (one line).
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Command, CommanderError, InvalidArgumentError } from 'commander';
import { checkSubmissionDir, findExercisesRoot, selectExercises, UsageError } from '../grader/exercises.js';
import type { GradedImplementation } from '../grader/grade.js';
import { allPassed } from '../grader/results.js';
import { formatTable } from '../report/table.js';
import { checkReportFiles, writeReports } from '../report/write.js';

/** Where the command writes and which folder it runs in (tests pass their own). */
export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  cwd: string;
}

export const processIo: CliIo = {
  stdout: (t) => process.stdout.write(t),
  stderr: (t) => process.stderr.write(t),
  cwd: process.cwd(),
};

/** A positive number of seconds. */
export function seconds(value: string): number {
  const n = Number(value);
  if (!(n > 0) || !Number.isFinite(n)) throw new InvalidArgumentError(`expected a positive number of seconds, got '${value}'`);
  return n;
}

/** A heap size in MB: an integer of at least 16. */
export function megabytes(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 16) throw new InvalidArgumentError(`expected a whole number of MB, at least 16, got '${value}'`);
  return n;
}

interface GradeFlags {
  solutions?: boolean;
  dir?: string;
  hidden?: boolean;
  exercises?: string;
  timeLimit?: number;
  memoryLimit?: number;
  json?: string;
  junit?: string;
  gradescope?: string;
  exercism?: string;
}

/** Runs a commander program; a usage error prints one line and gives 1 (commander prints its own). */
export async function runProgram(program: Command, argv: string[], io: CliIo, name: string): Promise<number> {
  program.exitOverride().configureOutput({ writeOut: io.stdout, writeErr: io.stderr });
  try {
    await program.parseAsync(argv, { from: 'user' });
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 1;
    if (error instanceof UsageError) {
      io.stderr(`${name}: ${error.message}\n`);
      return 1;
    }
    throw error;
  }
}

/** The grade command. */
export function gradeProgram(io: CliIo, setExit: (code: number) => void): Command {
  return new Command('rnnlab-grade')
    .description('Grade the exercises: your exercise.ts files, the reference solutions, or a submission folder.')
    .argument('[exercises...]', 'exercises to grade, e.g. 01-one-hot (default: all)')
    .option('--solutions', 'grade the reference solutions (solution.ts; instructors)')
    .option('--dir <path>', 'grade a folder laid out like exercises/ (PATH/NN-name/exercise.ts), hidden checks included')
    .option('--hidden', 'also run the hidden checks (instructors; implied by --dir)')
    .option('--exercises <folder>', 'the exercises folder (default: ./exercises, else the package’s own)')
    .option('--time-limit <seconds>', 'time for each exercise’s code, all its checks together (default 10)', seconds)
    .option('--memory-limit <MB>', 'heap limit of the process running each exercise’s code (default 512)', megabytes)
    .option('--json <file>', 'write every check (exercise, name, points, status, message) as JSON')
    .option('--junit <file>', 'write JUnit XML (for CI test reports)')
    .option('--gradescope <file>', 'write Gradescope’s results.json')
    .option('--exercism <file>', 'write exercism’s test-runner results.json (version 3)')
    .action(async (requested: string[], flags: GradeFlags) => {
      if (flags.solutions && flags.dir !== undefined) throw new UsageError('--solutions and --dir grade different things; give one');
      const root = findExercisesRoot(flags.exercises, io.cwd);
      const exercises = selectExercises(root, requested);
      const files = { json: flags.json, junit: flags.junit, gradescope: flags.gradescope, exercism: flags.exercism };
      checkReportFiles(files, io.cwd);
      let impl: GradedImplementation = flags.solutions ? { kind: 'solutions' } : { kind: 'student' };
      if (flags.dir !== undefined) {
        const dir = resolve(io.cwd, flags.dir);
        checkSubmissionDir(dir, `--dir ${flags.dir}`);
        for (const e of requested) {
          if (!existsSync(join(dir, e, 'exercise.ts'))) throw new UsageError(`--dir ${flags.dir}: has no ${e}/exercise.ts`);
        }
        impl = { kind: 'dir', dir };
      }
      const hidden = Boolean(flags.hidden) || flags.dir !== undefined;
      // Loaded only now (vitest and TypeScript take a moment), so that a bad argument fails at once.
      const { grade } = await import('../grader/grade.js');
      const report = await grade({ root, exercises, impl, hidden, timeLimitSeconds: flags.timeLimit, memoryMb: flags.memoryLimit });
      io.stdout(`${formatTable(report)}\n`);
      await writeReports(report, files, root, io.cwd);
      setExit(allPassed(report) ? 0 : 1);
    });
}

/** `rnnlab-grade ARGS`: the exit code. */
export async function gradeMain(argv: string[], io: CliIo = processIo): Promise<number> {
  let exit = 0;
  const code = await runProgram(gradeProgram(io, (c) => { exit = c; }), argv, io, 'grade');
  return code !== 0 ? code : exit;
}
