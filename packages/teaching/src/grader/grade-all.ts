/**
 * Grading many submissions (`teach grade-all`, and the mutants of `teach mistakes`): one folder per student, each laid
 * out like exercises/. Every submission's code runs in its own child processes, so a broken or hostile one cannot
 * touch another's grade. All are graded in one vitest run: each (student, exercise) gets its own copy of the
 * exercise's checks folder in a temporary tree (vitest runs a file once per run), so workers stay busy and load
 * their modules once.
 */
import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { IMPLEMENTATION_FILES } from './exercises.js';
import { GradingSession } from './session.js';
import type { GradingJob, SessionOptions } from './session.js';
import { summarize } from './results.js';
import type { ExerciseResult, GradeReport } from './results.js';
import type { Submission } from './submissions.js';

function notSubmitted(exercise: string, source: string, maxPoints: number): ExerciseResult {
  return { exercise, source, points: 0, maxPoints, checks: [], typeErrors: [], errors: [`not submitted (${source} does not exist)`] };
}

/**
 * Grades every submission against the checks of the exercises in `root`; reports come back in the order of
 * `submissions`. An exercise a submission lacks grades as not submitted.
 */
export async function gradeAll(root: string, submissions: Submission[], options: Omit<SessionOptions, 'root'>): Promise<{ name: string; report: GradeReport }[]> {
  const tree = mkdtempSync(join(tmpdir(), 'rnnlab-grade-all-'));
  try {
    const jobs: (GradingJob & { student: number })[] = [];
    submissions.forEach((s, student) => {
      for (const [exercise, file] of Object.entries(s.sources)) {
        if (!existsSync(file)) continue;
        const exerciseDir = join(tree, String(student), exercise);
        // The checks, fixtures and signatures; never the reference or the stub, which the checks do not read.
        cpSync(join(root, exercise), exerciseDir, { recursive: true, filter: (f) => !IMPLEMENTATION_FILES.some((n) => f === join(root, exercise, n)) });
        jobs.push({ exercise, exerciseDir, file, student });
      }
    });
    const session = await GradingSession.open({ ...options, root: tree });
    let graded: ExerciseResult[];
    try {
      graded = await session.grade(jobs);
    } finally {
      await session.close();
    }
    const maxPoints = new Map<string, number>();
    for (const r of graded) maxPoints.set(r.exercise, Math.max(maxPoints.get(r.exercise) ?? 0, r.maxPoints));
    return submissions.map((s, i) => {
      const mine = new Map(jobs.map((j, k) => [j, graded[k]] as const).filter(([j]) => j.student === i).map(([j, r]) => [j.exercise, r]));
      return {
        name: s.name,
        report: summarize(Object.keys(s.sources).sort().map((e) => mine.get(e) ?? notSubmitted(e, s.sources[e], maxPoints.get(e) ?? 0))),
      };
    });
  } finally {
    rmSync(tree, { recursive: true, force: true });
  }
}
