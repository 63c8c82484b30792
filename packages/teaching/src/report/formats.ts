/**
 * The machine-readable reports, all made from one GradeReport:
 * - `--json`: every check with exercise, name, points, max points, status, message, hidden, known mistakes;
 * - `--gradescope`: Gradescope's autograder results.json (score, tests[] with name, score, max_score, status, output,
 *   visibility; hidden checks are shown only once grades are published);
 * - `--exercism`: exercism's test-runner results.json, version 3 (one task per exercise).
 */
import type { GradeReport } from '../grader/results.js';

/** Control characters other than tab and newline, which JSON carries but XML and some viewers reject. */
export const cleanText = (text: string) => text.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '\uFFFD');

/** The `--json` report. */
export function jsonReport(report: GradeReport): object {
  return {
    points: report.points,
    maxPoints: report.maxPoints,
    passed: report.passed,
    failed: report.failed,
    exercises: report.exercises.map((e) => ({
      exercise: e.exercise, source: e.source, points: e.points, maxPoints: e.maxPoints, typeErrors: e.typeErrors, errors: e.errors,
    })),
    checks: report.exercises.flatMap((e) => e.checks.map((c) => ({
      exercise: c.exercise, name: c.name, points: c.points, maxPoints: c.maxPoints, status: c.status,
      message: c.message, hidden: c.hidden, mistakes: c.mistakes,
    }))),
  };
}

/** Gradescope's results.json. */
export function gradescopeReport(report: GradeReport): object {
  const notes = report.exercises.flatMap((e) => [
    ...e.errors.map((m) => `${e.exercise}: ${m}`),
    ...(e.typeErrors.length > 0 ? [`${e.exercise}: type errors (feedback only):\n${e.typeErrors.join('\n')}`] : []),
  ]);
  return {
    score: report.points,
    output: cleanText(notes.join('\n\n')),
    tests: report.exercises.flatMap((e) => [
      ...e.errors.map((m) => ({ name: `${e.exercise}: checks could not run`, score: 0, max_score: 0, status: 'failed', output: cleanText(m), visibility: 'visible' })),
      ...e.checks.map((c) => ({
        name: `${c.exercise}: ${c.name}`,
        score: c.points,
        max_score: c.maxPoints,
        status: c.status,
        output: cleanText(c.message),
        visibility: c.hidden ? 'after_published' : 'visible',
      })),
    ]),
  };
}

/** exercism's test-runner results.json, version 3; `testCode(exercise, name)` gives a check's source. */
export function exercismReport(report: GradeReport, testCode: (exercise: string, name: string) => string): object {
  const tests = report.exercises.flatMap((e, i) => [
    ...e.errors.map((m) => ({ name: `${e.exercise}: checks could not run`, status: 'error', message: cleanText(m), test_code: '', task_id: i + 1 })),
    ...e.checks.map((c) => ({
      name: `${c.exercise}: ${c.name}`,
      status: c.status === 'passed' ? 'pass' : 'fail',
      message: c.status === 'passed' ? null : cleanText(c.message),
      test_code: c.hidden ? '(hidden check)' : testCode(c.exercise, c.name),
      task_id: i + 1,
    })),
  ]);
  const ran = report.exercises.some((e) => e.checks.length > 0);
  if (!ran) {
    return { version: 3, status: 'error', message: cleanText(report.exercises.flatMap((e) => e.errors).join('\n') || 'no checks ran'), tests };
  }
  return { version: 3, status: report.failed === 0 ? 'pass' : 'fail', tests };
}
