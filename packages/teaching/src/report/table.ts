/**
 * The report on stdout: per exercise its points, each check (✓/✗, points) with the feedback of failed ones, the type
 * errors of the graded file, then the total and a last plain line `N passed, N failed`.
 */
import type { GradeReport } from '../grader/results.js';

const points = (p: number) => (Number.isInteger(p) ? String(p) : p.toFixed(2));
const indent = (text: string, by: string) => text.split('\n').map((l) => by + l).join('\n');

/** The report as text for a terminal (no colours, so it reads the same in CI logs). */
export function formatTable(report: GradeReport): string {
  const out: string[] = [];
  const width = Math.max(40, ...report.exercises.flatMap((e) => e.checks.map((c) => c.name.length + 4)));
  for (const e of report.exercises) {
    out.push(`${e.exercise.padEnd(width + 2)}${points(e.points)}/${points(e.maxPoints)}`);
    for (const error of e.errors) out.push(indent(`error: ${error}`, '    '));
    for (const c of e.checks) {
      out.push(`  ${c.status === 'passed' ? '✓' : '✗'} ${c.name.padEnd(width - 2)}${points(c.points)}/${points(c.maxPoints)}`);
      if (c.status === 'failed') out.push(indent(c.message, '      '));
    }
    if (e.typeErrors.length > 0) {
      out.push(`  type errors in ${e.source} (feedback only; they do not cost points by themselves):`);
      out.push(...e.typeErrors.map((t) => `      ${t}`));
    }
  }
  out.push('', `Total: ${points(report.points)}/${points(report.maxPoints)} points`, `${report.passed} passed, ${report.failed} failed`);
  return out.join('\n');
}
