/**
 * The notebooks' side of grading: what a check cell needs from the grader of @rnnlab/teaching, as a small interface,
 * and a temporary implementation that runs the grader's command (`rnnlab-grade EXERCISE --json FILE`, what
 * `pnpm grade` runs) in a child process. A fresh process per check is what makes a student's edits count at once:
 * nothing of the previous run's code is cached in the kernel.
 *
 * TODO(lead, when @rnnlab/teaching lands): replace runGraderCommand by the teaching package's own Node API if it
 * offers one with this shape; the report fields below are those of its `--json` report.
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';

/** One check as the grader's `--json` report gives it. */
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

/** One exercise's summary in the `--json` report. */
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

/** The grader's report of one run. */
export interface GradeOutcome {
  exercises: ExerciseOutcome[];
  checks: CheckOutcome[];
}

/** Grades one exercise: the student's exercise.ts, or with `solutions` the reference solution.ts. */
export type Grader = (exercise: string, options: { solutions: boolean }) => Promise<GradeOutcome>;

/** Where @rnnlab/teaching is installed, its grader command and its exercises folder ($RNNLAB_EXERCISES_DIR, else the package's). */
export function teachingPaths(): { packageDir: string; graderBin: string; exercisesDir: string } {
  let manifest: string;
  try {
    manifest = require.resolve('@rnnlab/teaching/package.json');
  } catch {
    throw new Error('checkExercise: @rnnlab/teaching is not installed (run "npx --yes pnpm@10.34.8 install")');
  }
  const packageDir = dirname(manifest);
  const bin = (JSON.parse(readFileSync(manifest, 'utf8')) as { bin?: Record<string, string> }).bin?.['rnnlab-grade'];
  const exercisesDir = process.env.RNNLAB_EXERCISES_DIR ? resolve(process.env.RNNLAB_EXERCISES_DIR) : join(packageDir, 'exercises');
  return { packageDir, graderBin: join(packageDir, bin ?? 'bin/grade.js'), exercisesDir };
}

/** The temporary Grader: runs `node rnnlab-grade EXERCISE --json FILE [--solutions]` and reads FILE. */
export const runGraderCommand: Grader = (exercise, options) => {
  const { graderBin, exercisesDir, packageDir } = teachingPaths();
  if (!existsSync(graderBin)) {
    return Promise.reject(new Error(`checkExercise: the grader (${graderBin}) is not installed; @rnnlab/teaching has no rnnlab-grade yet`));
  }
  const dir = mkdtempSync(join(tmpdir(), 'rnnlab-check-'));
  const jsonFile = join(dir, 'report.json');
  const args = [graderBin, exercise, '--exercises', exercisesDir, '--json', jsonFile, ...(options.solutions ? ['--solutions'] : [])];
  return new Promise((resolve, reject) => {
    // The grader exits 1 when a check fails; the report says which. Only a missing report is an error here.
    execFile(process.execPath, args, { cwd: packageDir, timeout: 120_000, maxBuffer: 16 * 1024 * 1024 }, (error, _stdout, stderr) => {
      try {
        if (!existsSync(jsonFile)) {
          const reason = stderr.trim().split('\n').slice(-3).join(' ') || error?.message || 'no report written';
          reject(new Error(`checkExercise: the grader could not grade ${exercise}: ${reason}`));
          return;
        }
        resolve(JSON.parse(readFileSync(jsonFile, 'utf8')) as GradeOutcome);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  });
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
