/**
 * Grading many submissions (`teach grade-all`, and the mutants of `teach mistakes`): one folder per student, each laid
 * out like exercises/. Every submission's code runs in its own child processes, so a broken or hostile one cannot
 * touch another's grade; to keep vitest busy, a run grades at most one submission per exercise, and runs are filled
 * from different students (runs = the largest number of submissions of any one exercise).
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { GradingSession } from './session.js';
import type { SessionOptions } from './session.js';
import { summarize } from './results.js';
import type { ExerciseResult, GradeReport } from './results.js';

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

function notSubmitted(exercise: string, source: string, maxPoints: number): ExerciseResult {
  return { exercise, source, points: 0, maxPoints, checks: [], typeErrors: [], errors: [`not submitted (${source} does not exist)`] };
}

/** Grades every submission; reports come back in the order of `submissions`. */
export async function gradeAll(submissions: Submission[], options: SessionOptions): Promise<{ name: string; report: GradeReport }[]> {
  const results = submissions.map(() => new Map<string, ExerciseResult>());
  const queues = new Map<string, number[]>();
  submissions.forEach((s, i) => {
    for (const [exercise, file] of Object.entries(s.sources)) {
      if (existsSync(file)) queues.set(exercise, [...(queues.get(exercise) ?? []), i]);
    }
  });
  const session = await GradingSession.open(options);
  try {
    for (let run = 0; [...queues.values()].some((q) => q.length > run); run++) {
      const owner = new Map<string, number>();
      for (const [exercise, q] of queues) if (q.length > run) owner.set(exercise, q[run]);
      const graded = await session.grade(Object.fromEntries([...owner].map(([e, i]) => [e, submissions[i].sources[e]])));
      for (const result of graded) results[owner.get(result.exercise) as number].set(result.exercise, result);
    }
  } finally {
    await session.close();
  }
  const maxPoints = new Map<string, number>();
  for (const r of results) for (const [e, x] of r) maxPoints.set(e, Math.max(maxPoints.get(e) ?? 0, x.maxPoints));
  return submissions.map((s, i) => ({
    name: s.name,
    report: summarize(Object.keys(s.sources).sort().map((e) => results[i].get(e) ?? notSubmitted(e, s.sources[e], maxPoints.get(e) ?? 0))),
  }));
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
