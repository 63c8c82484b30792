/**
 * The grade of one run, as every report format reads it: per exercise, its checks with points, status and message,
 * the type errors of the graded file, and a file-level error when the checks themselves could not run.
 */
import type { RecordedCall } from '../check/calls.js';

/** One check's outcome. */
export interface CheckResult {
  exercise: string;
  /** `checks` or `hidden` (the checks file it is in). */
  file: string;
  name: string;
  /** Points earned: all of `maxPoints` when passed, else 0. */
  points: number;
  maxPoints: number;
  status: 'passed' | 'failed';
  /** The feedback ('' when passed). */
  message: string;
  hidden: boolean;
  /** Ids of the known mistakes the failure matched. */
  mistakes: string[];
  durationMs: number;
  /** Recorded calls (only when recording, for `teach mistakes`). */
  calls?: RecordedCall[];
}

/** One exercise's outcome. */
export interface ExerciseResult {
  exercise: string;
  /** The file that was graded. */
  source: string;
  points: number;
  maxPoints: number;
  checks: CheckResult[];
  /** Type errors of the graded file (feedback; they do not fail a check by themselves). */
  typeErrors: string[];
  /** Why checks could not run at all (a checks file that failed to load); its checks then count as failed. */
  errors: string[];
}

/** A whole run. */
export interface GradeReport {
  exercises: ExerciseResult[];
  points: number;
  maxPoints: number;
  passed: number;
  failed: number;
}

/** Totals over the exercises. */
export function summarize(exercises: ExerciseResult[]): GradeReport {
  const checks = exercises.flatMap((e) => e.checks);
  return {
    exercises,
    points: exercises.reduce((s, e) => s + e.points, 0),
    maxPoints: exercises.reduce((s, e) => s + e.maxPoints, 0),
    passed: checks.filter((c) => c.status === 'passed').length,
    failed: checks.filter((c) => c.status === 'failed').length + exercises.reduce((s, e) => s + e.errors.length, 0),
  };
}

/** Whether everything passed: every check, no exercise-level errors, and at least one check. */
export function allPassed(report: GradeReport): boolean {
  return report.failed === 0 && report.passed > 0;
}
