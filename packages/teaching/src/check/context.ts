/**
 * The grading context: which implementation of each exercise the checks load, and how. The grader provides it to
 * the vitest run (`provide: { 'rnnlab:grading': … }`); without it (a plain `vitest run` of a checks file) the checks
 * load the exercise.ts beside them, in a child process.
 */
import { inject } from 'vitest';

/** One exercise's implementation to grade. */
export interface GradedSource {
  /** The file: a student's exercise.ts, a submission's, or the reference solution.ts. */
  file: string;
  /**
   * Where the grader wrote the file transpiled to CommonJS (so each checks file need not load TypeScript, and the
   * context sent to every worker stays small); absent when the file is missing, or outside the grader.
   */
  compiled?: string;
}

/** What the grader tells the checks. */
export interface GradingContext {
  /** Implementation per exercise folder (absolute path). An exercise not listed loads its own exercise.ts. */
  sources: Record<string, GradedSource>;
  /**
   * Import the implementation into the checks' own process instead of a child process: no isolation, for trusted
   * code only (the reference solutions under a mutation tester such as StrykerJS, which must see its instrumented
   * file run in-process).
   */
  inProcess?: boolean;
  /** Record every call's arguments key and result in the test's meta (for `teach mistakes`). */
  record?: boolean;
  /** Time budget per exercise (all its calls together) in seconds, unless the checks file sets its own. */
  timeLimitSeconds?: number;
  /** Heap limit of each student process in MB, unless the checks file sets its own. */
  memoryMb?: number;
}

declare module 'vitest' {
  export interface ProvidedContext {
    'rnnlab:grading': GradingContext;
  }
}

/** The context the grader provided, or the default one. */
export function gradingContext(): GradingContext {
  return inject('rnnlab:grading') ?? { sources: {} };
}
