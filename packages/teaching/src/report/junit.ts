/**
 * The `--junit` report: one <testsuite> per exercise, one <testcase> per check (hidden checks too, their messages
 * already without expected values), for CI test reporters such as mikepenz/action-junit-report.
 */
import junitReportBuilder from 'junit-report-builder';
import type { Builder } from 'junit-report-builder';
import type { GradeReport } from '../grader/results.js';
import { cleanText } from './formats.js';

/** The JUnit XML text. */
export function junitReport(report: GradeReport): string {
  // The package is CommonJS (module.exports = builder) with ESM-style types; its default import is the builder.
  const builder = (junitReportBuilder as unknown as Builder).newBuilder();
  for (const e of report.exercises) {
    const suite = builder.testSuite().name(e.exercise).property('points', String(e.points)).property('maxPoints', String(e.maxPoints));
    for (const error of e.errors) suite.testCase().className(e.exercise).name('checks could not run').error(cleanText(error));
    for (const c of e.checks) {
      const test = suite.testCase().className(e.exercise).name(`${c.name} [${c.points}/${c.maxPoints} points]`).time(c.durationMs / 1000);
      if (c.status === 'failed') test.failure(cleanText(c.message.split('\n')[0])).standardOutput(cleanText(c.message));
    }
  }
  return builder.build();
}
