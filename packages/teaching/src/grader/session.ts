/**
 * GradingSession: one vitest instance (through its Node API, in this process) that runs exercises' checks files
 * against chosen implementations. A run grades a list of jobs — an exercise folder (its checks) and the file to load
 * for it — provides the grading context (../check/context.ts) and reads the results back from vitest's test modules:
 * points and hidden-ness from each check's task meta, the feedback from its error. Reports are written by the
 * caller, from these results — never by anything the student's code touches.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { createVitest } from 'vitest/node';
import type { TestModule, Vitest } from 'vitest/node';
import type { CheckMeta } from '../check/check.js';
import { HIDDEN_CHECKS_FILE } from '../check/names.js';
import type { GradedSource, GradingContext } from '../check/context.js';
import { coreDir, coreEntry, teachingDir } from '../sandbox/paths.js';
import { transpileStudentFile, TypeChecker } from '../sandbox/transpile.js';
import { CHECKS_FILE } from './exercises.js';
import type { CheckResult, ExerciseResult } from './results.js';

/** How a session grades. */
export interface SessionOptions {
  /** The folder holding every exercise folder the jobs name (at any depth below it). */
  root: string;
  /** Also run hidden.test.ts (grading submissions). */
  hidden: boolean;
  /** Record each check's calls (for `teach mistakes`). */
  record?: boolean;
  /** Time budget per exercise in seconds (checks files may set their own). */
  timeLimitSeconds?: number;
  /** Heap limit of each student process in MB (checks files may set their own). */
  memoryMb?: number;
  /**
   * Load each implementation into the checks' own process (the grading context's inProcess) instead of a child
   * process: no type check, no isolation, no limits. Trusted code only — the catalogue's mutants of the reference
   * solutions (`teach mistakes --verify`), never a student's file.
   */
  inProcess?: boolean;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The vitest instance: checks import the built packages, which Node loads itself (one Tensor class for all). */
async function startVitest(options: SessionOptions): Promise<Vitest> {
  const teachingDist = join(teachingDir, 'dist');
  const alias = [
    { find: /^@rnnlab\/teaching\/check$/, replacement: join(teachingDist, 'check', 'index.js') },
    { find: /^@rnnlab\/core\/testing$/, replacement: join(coreDir, 'dist', 'testing', 'index.js') },
    { find: /^@rnnlab\/core$/, replacement: coreEntry },
  ];
  return createVitest('test', {
    config: false,
    root: options.root,
    watch: false,
    reporters: [{}],
    silent: true,
    // No results cache: graders running side by side would share it, and nothing is re-run.
    cache: false,
    pool: 'threads',
    // A checks file mostly waits for its child process, so run more files than vitest's default (cores − 1) at once;
    // a worker goes on to the next file of a run without reloading the modules (the checks keep no state in them).
    maxWorkers: Math.max(2, availableParallelism()),
    isolate: false,
    testTimeout: 15 * 60_000,
    hookTimeout: 60_000,
    include: [`**/${CHECKS_FILE}`, ...(options.hidden ? [`**/${HIDDEN_CHECKS_FILE}`] : [])],
    server: { deps: { external: [new RegExp(`^${escape(teachingDist)}`), new RegExp(`^${escape(join(coreDir, 'dist'))}`)] } },
  }, {
    resolve: { alias },
    cacheDir: join(tmpdir(), 'rnnlab-grader-vite'),
    logLevel: 'silent',
  });
}

/** A check's result from vitest's test case. */
function checkResult(exercise: string, file: string, test: ReturnType<TestModule['children']['allTests']> extends Generator<infer T> ? T : never): CheckResult {
  const meta = test.meta().rnnlab as CheckMeta | undefined;
  const result = test.result();
  const passed = result.state === 'passed';
  const maxPoints = meta?.points ?? 0;
  const message = passed ? '' : result.state === 'failed'
    ? result.errors.map((e) => e.message).join('\n')
    : `not run (${result.state})`;
  return {
    exercise,
    file,
    name: test.fullName,
    points: passed ? maxPoints : 0,
    maxPoints,
    status: passed ? 'passed' : 'failed',
    message,
    hidden: meta?.hidden ?? false,
    mistakes: meta?.mistakes ?? [],
    durationMs: test.diagnostic()?.duration ?? 0,
    ...(meta?.calls ? { calls: meta.calls } : {}),
  };
}

/** One thing to grade: the checks of an exercise folder, run against a file. */
export interface GradingJob {
  /** The exercise's name, e.g. `01-one-hot`. */
  exercise: string;
  /** The folder holding its checks files (the exercise folder, or a copy of it). */
  exerciseDir: string;
  /** The implementation to grade. */
  file: string;
}

export class GradingSession {
  private readonly typeChecker = new TypeChecker();

  private constructor(private readonly vitest: Vitest, private readonly options: SessionOptions) {}

  /** Starts vitest for the exercises folder. */
  static async open(options: SessionOptions): Promise<GradingSession> {
    return new GradingSession(await startVitest(options), options);
  }

  /**
   * Grades every job in one vitest run (checks files in parallel) and returns their results in the same order. A
   * missing file grades as 0 with a message saying so. No two jobs may share an exercise folder.
   */
  async grade(jobs: GradingJob[]): Promise<ExerciseResult[]> {
    const { record, timeLimitSeconds, memoryMb, hidden, inProcess } = this.options;
    const present = [...new Set(jobs.map((j) => j.file).filter((f) => existsSync(f)))];
    const typeErrors = present.length > 0 && !inProcess ? this.typeChecker.check(present) : new Map<string, string[]>();
    // The transpiled files live as long as the run that loads them: a session kept open in a notebook's kernel, which
    // may end without closing it, leaves nothing behind between grades.
    const compiledDir = mkdtempSync(join(tmpdir(), 'rnnlab-compiled-'));
    let testModules: readonly TestModule[];
    let unhandledErrors: readonly unknown[];
    try {
      const sources: Record<string, GradedSource> = {};
      jobs.forEach(({ exerciseDir, file }, i) => {
        if (!existsSync(file)) {
          sources[exerciseDir] = { file };
          return;
        }
        const compiled = join(compiledDir, `${i}.cjs`);
        writeFileSync(compiled, transpileStudentFile(file, readFileSync(file, 'utf8')));
        sources[exerciseDir] = { file, compiled };
      });
      this.vitest.provide('rnnlab:grading', { sources, record, timeLimitSeconds, memoryMb, inProcess } satisfies GradingContext);
      const project = this.vitest.getRootProject();
      const files = jobs.flatMap((j) => [CHECKS_FILE, ...(hidden ? [HIDDEN_CHECKS_FILE] : [])].map((f) => join(j.exerciseDir, f)).filter((f) => existsSync(f)));
      ({ testModules, unhandledErrors } = await this.vitest.runTestSpecifications(files.map((f) => project.createSpecification(f))));
    } finally {
      rmSync(compiledDir, { recursive: true, force: true });
    }
    return jobs.map(({ exercise, exerciseDir, file }, i) => {
      // checks.test.ts before hidden.test.ts, whatever order vitest finished them in.
      const modules = testModules.filter((m) => dirname(m.moduleId) === exerciseDir).sort((a, b) => a.moduleId.localeCompare(b.moduleId));
      const checks = modules.flatMap((m) => [...m.children.allTests()].map((t) => checkResult(exercise, basename(m.moduleId, '.test.ts'), t)));
      const errors = modules.flatMap((m) => m.errors().map((e) => `${basename(m.moduleId)}: ${e.message}`));
      if (i === 0) errors.push(...unhandledErrors.map((e) => `unhandled error: ${(e as Error).message ?? String(e)}`));
      return {
        exercise,
        source: file,
        points: checks.reduce((s, c) => s + c.points, 0),
        maxPoints: checks.reduce((s, c) => s + c.maxPoints, 0),
        checks,
        typeErrors: typeErrors.get(file) ?? [],
        errors,
      };
    });
  }

  /** Stops vitest. */
  async close(): Promise<void> {
    await this.vitest.close();
  }
}
