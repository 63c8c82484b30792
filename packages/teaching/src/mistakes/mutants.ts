/**
 * The catalogue's mutants as submissions: each known mistake applied to its exercise's solution.ts and written as a
 * one-exercise submission (EXERCISE--ID/EXERCISE/exercise.ts), graded by gradeAll as a student's would be. `teach
 * mistakes` grades them in child processes, as students are graded, to record their signatures; `teach mistakes
 * --verify` grades them in this process (they are the instructor's own code, like the solutions) to prove, quickly,
 * that every one fails a check whose feedback names it.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gradeAll } from '../grader/grade-all.js';
import type { GradeReport } from '../grader/results.js';
import type { Submission } from '../grader/submissions.js';
import { applyMistake, loadMistakes } from './catalogue.js';
import type { Mistake } from './catalogue.js';

/** The submission name of a mutant: `02-step-forward--softmax-without-max`. */
export const mutantName = (exercise: string, id: string) => `${exercise}--${id}`;

/** The known mistakes of each exercise of `exercises` that has a catalogue (mistakes.ts), in catalogue order. */
export function loadCatalogue(root: string, exercises: string[]): Map<string, Mistake[]> {
  return new Map(exercises.map((e) => [e, loadMistakes(join(root, e), e)] as const).filter(([, m]) => m.length > 0));
}

/** Writes every mutant of `catalogue` under `work`; one submission per mutant, in catalogue order. */
export function writeMutants(root: string, catalogue: Map<string, Mistake[]>, work: string): Submission[] {
  const submissions: Submission[] = [];
  for (const [exercise, mistakes] of catalogue) {
    const solution = readFileSync(join(root, exercise, 'solution.ts'), 'utf8');
    for (const mistake of mistakes) {
      const dir = join(work, mutantName(exercise, mistake.id), exercise);
      mkdirSync(dir, { recursive: true });
      writeFileSync(join(dir, 'exercise.ts'), applyMistake(exercise, solution, mistake));
      submissions.push({ name: mutantName(exercise, mistake.id), sources: { [exercise]: join(dir, 'exercise.ts') } });
    }
  }
  return submissions;
}

/** How a mutant fared: its report, and whether a failing check's feedback names its mistake. */
export interface MutantVerdict {
  exercise: string;
  mistake: Mistake;
  report: GradeReport;
  /** Checks it failed. */
  failed: number;
  /** Whether a failed check matched the mistake (the feedback then says `Likely mistake: <its message>`). */
  named: boolean;
}

/**
 * Grades every mutant of `exercises` (hidden checks included, with the committed signatures) in this process, in one
 * vitest run, and returns a verdict per mutant in catalogue order.
 */
export async function verifyCatalogue(root: string, exercises: string[]): Promise<MutantVerdict[]> {
  const catalogue = loadCatalogue(root, exercises);
  const work = mkdtempSync(join(tmpdir(), 'rnnlab-verify-'));
  try {
    const graded = await gradeAll(root, writeMutants(root, catalogue, work), { hidden: true, inProcess: true });
    const reports = new Map(graded.map((g) => [g.name, g.report]));
    return [...catalogue].flatMap(([exercise, mistakes]) => mistakes.map((mistake) => {
      const report = reports.get(mutantName(exercise, mistake.id)) as GradeReport;
      const failed = report.exercises.flatMap((e) => e.checks).filter((c) => c.status === 'failed');
      return { exercise, mistake, report, failed: failed.length, named: failed.some((c) => c.mistakes.includes(mistake.id)) };
    }));
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
