/**
 * The known-mistakes catalogue, proven: every mutant (solution.ts with one mistake's patch applied, written as a
 * submission's exercise.ts) is graded by the grader with the committed signatures.json — which must be in sync with
 * the solution, the catalogue, the checks and the fixtures — fails at least one check, and that check's feedback
 * names the mistake. All of them go through `teach mistakes --verify` (in-process, one vitest run: about a second
 * per mutant less than a child process each); the first mistake of every exercise also goes through `teach
 * grade-all`, the sandboxed path students are graded by, and must fare the same there.
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exercisesDir, readJson, runCli, tempDir } from '../../test-support/cli';
import type { CliRun, JsonReport } from '../../test-support/cli';
import { listExercises } from '../grader/exercises';
import { applyMistake } from './catalogue';
import type { Mistake } from './catalogue';
import { inputsHash } from './inputs-hash';
import { loadCatalogue, mutantName } from './mutants';
import type { SignatureFile } from './signatures';

const catalogue = [...loadCatalogue(exercisesDir, listExercises(exercisesDir))]
  .flatMap(([exercise, mistakes]) => mistakes.map((mistake) => ({ exercise, mistake })));
const exercises = [...new Set(catalogue.map((c) => c.exercise))];
/** The mutants graded in the sandbox too: each exercise's first mistake. */
const sandboxed = exercises.map((e) => catalogue.find((c) => c.exercise === e) as { exercise: string; mistake: Mistake });
const work = tempDir('mutants');
type Reports = Map<string, JsonReport>;
const inProcess: Reports = new Map();
const inSandbox: Reports = new Map();
let verify: CliRun;

const readReports = (file: string, into: Reports) => {
  for (const s of readJson<{ students: ({ student: string } & JsonReport)[] }>(file).students) into.set(s.student, s);
};

beforeAll(() => {
  verify = runCli('teach', ['mistakes', '--verify', '--json', join(work, 'verify.json')]);
  if (existsSync(join(work, 'verify.json'))) readReports(join(work, 'verify.json'), inProcess);
  for (const { exercise, mistake } of sandboxed) {
    const dir = join(work, 'submissions', mutantName(exercise, mistake.id), exercise);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'exercise.ts'), applyMistake(exercise, readFileSync(join(exercisesDir, exercise, 'solution.ts'), 'utf8'), mistake));
  }
  const run = runCli('teach', ['grade-all', join(work, 'submissions'), '--csv', join(work, 'grades.csv'), '--json', join(work, 'grades.json')]);
  if (run.code !== 0) throw new Error(`teach grade-all failed: ${run.stderr}`);
  readReports(join(work, 'grades.json'), inSandbox);
}, 600_000); // ≈ 1.5 minutes on 2 busy cores for 150 mutants and 12 sandboxed ones

afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Fails unless the mutant's report has a failed check of its exercise whose feedback names the mistake. */
function expectNamed(report: JsonReport | undefined, exercise: string, mistake: Mistake): string[] {
  const failed = report?.checks.filter((c) => c.exercise === exercise && c.status === 'failed') ?? [];
  expect(failed.length, 'failed checks').toBeGreaterThan(0);
  const naming = failed.filter((c) => c.mistakes.includes(mistake.id));
  expect(naming.map((c) => c.name), 'checks naming the mistake').not.toEqual([]);
  for (const c of naming) expect(c.message).toContain(`Likely mistake: ${mistake.message}`);
  return failed.map((c) => c.name);
}

describe('the known mistakes', () => {
  it('number at least 4 per exercise that has a catalogue', () => {
    for (const exercise of exercises) expect(catalogue.filter((c) => c.exercise === exercise).length, exercise).toBeGreaterThanOrEqual(4);
  });

  it('teach mistakes --verify grades them all and says each is named', () => {
    expect(verify.stderr).toBe('');
    expect(verify).toMatchObject({ code: 0, stdout: `${catalogue.length} known mistakes in ${exercises.length} exercises: each fails a check whose feedback names it\n` });
  });

  it.each(catalogue.map(({ exercise, mistake }) => [`${exercise}/${mistake.id}`, exercise, mistake] as [string, string, Mistake]))(
    '%s fails a check whose feedback names it',
    (_, exercise, mistake) => {
      expectNamed(inProcess.get(mutantName(exercise, mistake.id)), exercise, mistake);
    },
  );

  it.each(sandboxed.map(({ exercise, mistake }) => [`${exercise}/${mistake.id}`, exercise, mistake] as [string, string, Mistake]))(
    '%s, graded in a child process by teach grade-all, fails the same checks, named the same way',
    (_, exercise, mistake) => {
      const name = mutantName(exercise, mistake.id);
      const failed = expectNamed(inSandbox.get(name), exercise, mistake);
      expect(failed).toEqual(inProcess.get(name)?.checks.filter((c) => c.status === 'failed').map((c) => c.name));
    },
  );

  it('hidden checks that fail show no expected value', () => {
    const hidden = [...inProcess.values(), ...inSandbox.values()].flatMap((r) => r.checks).filter((c) => c.hidden && c.status === 'failed');
    expect(hidden.length).toBeGreaterThan(0);
    for (const c of hidden) {
      expect(c.message).toContain('(on a hidden test input)');
      expect(c.message).not.toMatch(/expected .*, got /);
    }
  });

  it('signatures.json of every exercise is in sync with its solution, catalogue, checks and fixtures', () => {
    for (const exercise of exercises) {
      const file = join(exercisesDir, exercise, 'signatures.json');
      expect(existsSync(file), `${exercise}: run pnpm teach mistakes`).toBe(true);
      const signatures = readJson<SignatureFile>(file);
      expect(signatures.inputsHash, `${exercise}: signatures.json is stale; run pnpm teach mistakes`).toBe(inputsHash(join(exercisesDir, exercise)));
      expect(signatures.mistakes.map((m) => m.id)).toEqual(catalogue.filter((c) => c.exercise === exercise).map((c) => c.mistake.id));
    }
  });
});
