/**
 * Submission folders (one per student, each laid out like exercises/) and the CSV of their grades.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { GradeReport } from './results.js';

/** One submission: a name and the file to grade per exercise (missing files grade as not submitted). */
export interface Submission {
  name: string;
  sources: Record<string, string>;
}

/** The submissions in a folder: one per sub-folder, with NN-slug/exercise.ts for each exercise of `exercises`. */
export function submissionsIn(dir: string, exercises: string[]): Submission[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && !d.name.startsWith('.'))
    .map((d) => d.name)
    .sort()
    .map((name) => ({ name, sources: Object.fromEntries(exercises.map((e) => [e, join(dir, name, e, 'exercise.ts')])) }));
}

/** A CSV field, quoted when it holds a comma, quote or line break (RFC 4180). */
const csvField = (v: string | number) => (/[",\r\n]/.test(String(v)) ? `"${String(v).replaceAll('"', '""')}"` : String(v));

/** The grades as CSV: `student,<exercise>…,total`, one row per submission with the points of each exercise. */
export function gradesCsv(graded: { name: string; report: GradeReport }[], exercises: string[]): string {
  const rows = [['student', ...exercises, 'total']];
  for (const { name, report } of graded) {
    const points = new Map(report.exercises.map((e) => [e.exercise, e.points]));
    rows.push([name, ...exercises.map((e) => String(points.get(e) ?? 0)), String(report.points)]);
  }
  return `${rows.map((r) => r.map(csvField).join(',')).join('\n')}\n`;
}
