/**
 * The known-mistakes catalogue, proven: every mutant (solution.ts with one mistake's patch applied, written as a
 * submission's exercise.ts) is graded by the real grader (`teach grade-all`, the same path as `grade --dir`), fails
 * at least one check, and that check's feedback names the mistake — using the committed signatures.json, which must
 * be in sync with the solution, the catalogue, the checks and the fixtures.
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exercisesDir, readJson, runCli, tempDir } from '../../test-support/cli';
import type { JsonReport } from '../../test-support/cli';
import { listExercises } from '../grader/exercises';
import { applyMistake, loadMistakes } from './catalogue';
import type { Mistake } from './catalogue';
import { inputsHash } from './inputs-hash';
import type { SignatureFile } from './signatures';

const catalogue = listExercises(exercisesDir).flatMap((exercise) => loadMistakes(join(exercisesDir, exercise), exercise).map((mistake) => ({ exercise, mistake })));
const work = tempDir('mutants');
const reports = new Map<string, JsonReport>();

beforeAll(() => {
  for (const { exercise, mistake } of catalogue) {
    const dir = join(work, 'submissions', `${exercise}--${mistake.id}`, exercise);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'exercise.ts'), applyMistake(exercise, readFileSync(join(exercisesDir, exercise, 'solution.ts'), 'utf8'), mistake));
  }
  const run = runCli('teach', ['grade-all', join(work, 'submissions'), '--csv', join(work, 'grades.csv'), '--json', join(work, 'grades.json')]);
  if (run.code !== 0) throw new Error(`teach grade-all failed: ${run.stderr}`);
  for (const s of readJson<{ students: ({ student: string } & JsonReport)[] }>(join(work, 'grades.json')).students) reports.set(s.student, s);
}, 1_200_000); // every mutant of every exercise (64 for 01, 02, 07–09): ≈ 6 minutes on 2 busy cores

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('the known mistakes', () => {
  it('number at least 3 per exercise that has a catalogue', () => {
    for (const exercise of new Set(catalogue.map((c) => c.exercise))) {
      expect(catalogue.filter((c) => c.exercise === exercise).length, exercise).toBeGreaterThanOrEqual(3);
    }
  });

  it.each(catalogue.map(({ exercise, mistake }) => [`${exercise}/${mistake.id}`, exercise, mistake] as [string, string, Mistake]))(
    '%s fails a check whose feedback names it',
    (name, exercise, mistake) => {
      const checks = reports.get(name.replace('/', '--'))?.checks.filter((c) => c.exercise === exercise) ?? [];
      const failed = checks.filter((c) => c.status === 'failed');
      expect(failed.length, 'failed checks').toBeGreaterThan(0);
      const naming = failed.filter((c) => c.mistakes.includes(mistake.id));
      expect(naming.map((c) => c.name), 'checks naming the mistake').not.toEqual([]);
      for (const c of naming) expect(c.message).toContain(`Likely mistake: ${mistake.message}`);
    },
  );

  it('hidden checks that fail show no expected value', () => {
    const hidden = [...reports.values()].flatMap((r) => r.checks).filter((c) => c.hidden && c.status === 'failed');
    expect(hidden.length).toBeGreaterThan(0);
    for (const c of hidden) {
      expect(c.message).toContain('(on a hidden test input)');
      expect(c.message).not.toMatch(/expected .*, got /);
    }
  });

  it('signatures.json of every exercise is in sync with its solution, catalogue, checks and fixtures', () => {
    for (const exercise of new Set(catalogue.map((c) => c.exercise))) {
      const file = join(exercisesDir, exercise, 'signatures.json');
      expect(existsSync(file), `${exercise}: run pnpm teach mistakes`).toBe(true);
      const signatures = readJson<SignatureFile>(file);
      expect(signatures.inputsHash, `${exercise}: signatures.json is stale; run pnpm teach mistakes`).toBe(inputsHash(join(exercisesDir, exercise)));
      expect(signatures.mistakes.map((m) => m.id)).toEqual(catalogue.filter((c) => c.exercise === exercise).map((c) => c.mistake.id));
    }
  });
});
