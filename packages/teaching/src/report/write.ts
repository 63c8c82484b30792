/**
 * Writing the report files: checked before grading (their folders must exist, so a typo fails fast and costs no
 * grading run), then written whole — to a temporary file renamed into place — so a reader never sees half a report.
 */
import { existsSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { GradeReport } from '../grader/results.js';
import { UsageError } from '../grader/exercises.js';
import { exercismReport, gradescopeReport, jsonReport } from './formats.js';
import { junitReport } from './junit.js';

/** The report files asked for, by format. */
export interface ReportFiles {
  json?: string;
  junit?: string;
  gradescope?: string;
  exercism?: string;
}

/** Throws a UsageError unless every output file (by its flag name) can be written: its folder exists, it is no folder. */
export function checkReportFiles(files: Record<string, string | undefined>, cwd: string): void {
  for (const [format, file] of Object.entries(files)) {
    if (file === undefined) continue;
    const path = resolve(cwd, file);
    if (!existsSync(dirname(path)) || !statSync(dirname(path)).isDirectory()) throw new UsageError(`--${format} ${file}: the folder ${dirname(path)} does not exist`);
    if (existsSync(path) && statSync(path).isDirectory()) throw new UsageError(`--${format} ${file}: is a folder, expected a file name`);
  }
}

/** Writes `text` to `path` atomically. */
export function writeWhole(path: string, text: string): void {
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, text);
  renameSync(temporary, path);
}

/** Writes every report file asked for; `root` is the exercises folder (for the checks' source in exercism's). */
export async function writeReports(report: GradeReport, files: ReportFiles, root: string, cwd: string): Promise<void> {
  const json = (value: object) => `${JSON.stringify(value, null, 2)}\n`;
  if (files.json) writeWhole(resolve(cwd, files.json), json(jsonReport(report)));
  if (files.junit) writeWhole(resolve(cwd, files.junit), junitReport(report));
  if (files.gradescope) writeWhole(resolve(cwd, files.gradescope), json(gradescopeReport(report)));
  if (files.exercism) {
    const { checkSources } = await import('./test-code.js');
    const sources = new Map<string, Map<string, string>>();
    const testCode = (exercise: string, name: string) => {
      if (!sources.has(exercise)) sources.set(exercise, checkSources(join(root, exercise, 'checks.test.ts')));
      return sources.get(exercise)?.get(name) ?? '';
    };
    writeWhole(resolve(cwd, files.exercism), json(exercismReport(report, testCode)));
  }
}
