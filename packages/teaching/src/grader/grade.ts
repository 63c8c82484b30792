/**
 * Grading one implementation of a set of exercises: the student's own exercise.ts files, the reference solutions,
 * or a submission folder laid out like exercises/ (PATH/NN-slug/exercise.ts).
 */
import { join, resolve } from 'node:path';
import { GradingSession } from './session.js';
import { summarize } from './results.js';
import type { GradeReport } from './results.js';

/** Whose implementation is graded. */
export type GradedImplementation =
  | { kind: 'student' }
  | { kind: 'solutions' }
  | { kind: 'dir'; dir: string };

/** The file graded for each exercise. */
export function sourcesFor(root: string, exercises: string[], impl: GradedImplementation): Record<string, string> {
  return Object.fromEntries(exercises.map((e) => [e,
    impl.kind === 'solutions' ? join(root, e, 'solution.ts')
      : impl.kind === 'dir' ? join(resolve(impl.dir), e, 'exercise.ts') : join(root, e, 'exercise.ts')]));
}

/** What to grade and how. */
export interface GradeOptions {
  /** The exercises folder. */
  root: string;
  exercises: string[];
  impl: GradedImplementation;
  /** Run the hidden checks too. */
  hidden: boolean;
  /** Time budget per exercise in seconds. */
  timeLimitSeconds?: number;
  /** Heap limit of each student process in MB. */
  memoryMb?: number;
}

/** Grades the chosen exercises in one vitest run and returns the report. */
export async function grade(options: GradeOptions): Promise<GradeReport> {
  const { root, hidden, timeLimitSeconds, memoryMb } = options;
  const session = await GradingSession.open({ root, hidden, timeLimitSeconds, memoryMb });
  try {
    const sources = sourcesFor(root, options.exercises, options.impl);
    return summarize(await session.grade(options.exercises.map((exercise) => ({ exercise, exerciseDir: join(root, exercise), file: sources[exercise] }))));
  } finally {
    await session.close();
  }
}
