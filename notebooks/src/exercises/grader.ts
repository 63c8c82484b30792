/**
 * The notebooks' side of grading: what a check cell needs from the grader of @rnnlab/teaching, as a small interface,
 * and its implementation in the kernel — one GradingSession of the teaching package's Node API (the same checks as
 * `pnpm grade`, one source), opened at the first check and reused by every later one. The student's code still runs
 * in a fresh child process per grading, with the grader's time and memory limits, and is compiled afresh from the
 * saved file each time: an edit counts at once, nothing of the previous run's code stays in the kernel.
 *
 * Measured on 2 busy cores (load 10): the grader's command (`rnnlab-grade EXERCISE --json FILE`) took 10 s of wall
 * time and 4.3 s of CPU per check cell, nearly all of it starting Node, vitest and TypeScript; the session pays that
 * once (≈ 5 s for the first check of a kernel) and then ≈ 3 s of wall time and 0.8 s of CPU per check.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { GradingSession } from '@rnnlab/teaching' with { 'resolution-mode': 'import' };

/** One check as the grader's JSON report gives it. */
export interface CheckOutcome {
  exercise: string;
  name: string;
  points: number;
  maxPoints: number;
  status: 'passed' | 'failed';
  /** The grader's feedback ('' when passed). */
  message: string;
  hidden?: boolean;
  /** Ids of the known mistakes the failure matched. */
  mistakes?: string[];
}

/** One exercise's summary in the JSON report. */
export interface ExerciseOutcome {
  exercise: string;
  /** The file that was graded. */
  source: string;
  points: number;
  maxPoints: number;
  /** Type errors of the graded file (feedback; they fail no check by themselves). */
  typeErrors: string[];
  /** Why the checks could not run at all. */
  errors: string[];
}

/** The grader's report of one run (its `--json` report, `jsonReport` of @rnnlab/teaching). */
export interface GradeOutcome {
  exercises: ExerciseOutcome[];
  checks: CheckOutcome[];
}

/** Grades one exercise: the student's exercise.ts, or with `solutions` the reference solution.ts. */
export type Grader = (exercise: string, options: { solutions: boolean }) => Promise<GradeOutcome>;

/** Where @rnnlab/teaching is installed and its exercises folder ($RNNLAB_EXERCISES_DIR, else the package's). */
export function teachingPaths(): { packageDir: string; exercisesDir: string } {
  let manifest: string;
  try {
    manifest = require.resolve('@rnnlab/teaching/package.json');
  } catch {
    throw new Error('checkExercise: @rnnlab/teaching is not installed (run "npx --yes pnpm@10.34.8 install")');
  }
  const packageDir = dirname(manifest);
  const exercisesDir = process.env.RNNLAB_EXERCISES_DIR ? resolve(process.env.RNNLAB_EXERCISES_DIR) : join(packageDir, 'exercises');
  return { packageDir, exercisesDir };
}

/** One grading session per exercises folder, for the life of the kernel. */
const sessions = new Map<string, Promise<GradingSession>>();
/** Gradings run one after the other (a session runs one vitest run at a time). */
let queue: Promise<unknown> = Promise.resolve();

/**
 * The kernel's Grader: the teaching package's GradingSession, in this process (the package is an ES module, so it is
 * imported on first use). Throws when the exercise does not exist.
 */
export const gradeInProcess: Grader = (exercise, { solutions }) => {
  const run = queue.then(async () => {
    const { exercisesDir } = teachingPaths();
    const teaching = await import('@rnnlab/teaching');
    const known = teaching.listExercises(exercisesDir);
    if (!known.includes(exercise)) {
      throw new Error(`checkExercise: there is no exercise '${exercise}' in ${exercisesDir} (there are ${known.join(', ') || 'none'})`);
    }
    let session = sessions.get(exercisesDir);
    if (!session) {
      session = teaching.GradingSession.open({ root: exercisesDir, hidden: false });
      sessions.set(exercisesDir, session);
      session.catch(() => sessions.delete(exercisesDir));
    }
    const dir = join(exercisesDir, exercise);
    const results = await (await session).grade([{ exercise, exerciseDir: dir, file: join(dir, solutions ? 'solution.ts' : 'exercise.ts') }]);
    return teaching.jsonReport(teaching.summarize(results)) as GradeOutcome;
  });
  queue = run.catch(() => undefined);
  return run;
};

/**
 * A grader that remembers its last report per exercise and reuses it while nothing in the exercise's folder has
 * changed (a content hash, not a timestamp): "Run All" grades each exercise once, and an edit is graded at once.
 */
export function gradeOnChange(grader: Grader, exercisesDir: () => string = () => teachingPaths().exercisesDir): Grader {
  const last = new Map<string, { hash: string; report: Promise<GradeOutcome> }>();
  return (exercise, options) => {
    const key = `${exercise}:${options.solutions ? 'solution' : 'exercise'}`;
    const hash = folderHash(join(exercisesDir(), exercise));
    const cached = last.get(key);
    if (cached && cached.hash === hash) return cached.report;
    const report = grader(exercise, options);
    last.set(key, { hash, report });
    report.catch(() => last.delete(key));
    return report;
  };
}

/** A hash of every file's path and content under `dir` ('' when it does not exist). */
function folderHash(dir: string): string {
  if (!existsSync(dir)) return '';
  const hash = createHash('sha256');
  const walk = (path: string) => {
    for (const name of readdirSync(path).sort()) {
      const full = join(path, name);
      if (statSync(full).isDirectory()) walk(full);
      else hash.update(full).update('\0').update(readFileSync(full)).update('\0');
    }
  };
  walk(dir);
  return hash.digest('hex');
}
