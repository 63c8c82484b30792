import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { MimeBundle } from '../display';
import { checkBundle, checkExercise, checkSubjects, ExerciseCheckError, gradeForCell } from './check';
import { gradeInProcess, gradeOnChange, type GradeOutcome, type Grader } from './grader';

const check = (name: string, status: 'passed' | 'failed', points: number, message = '') => ({
  exercise: '01-one-hot', name, points: status === 'passed' ? points : 0, maxPoints: points, status, message,
});
const outcome = (checks: ReturnType<typeof check>[], typeErrors: string[] = []): GradeOutcome => ({
  exercises: [{ exercise: '01-one-hot', source: 'exercise.ts', points: 0, maxPoints: 0, typeErrors, errors: [] }],
  checks,
});
const report = outcome([
  check('buildVocab: sorted', 'passed', 2),
  check('buildCharToIx and buildIxToChar: inverse maps', 'failed', 2, 'expected 0 → "a", got undefined <oops>'),
  check('oneHot: a column', 'passed', 2),
], ["exercise.ts(3,7): error TS2322: Type 'string' is not assignable to type 'number'."]);
const fixed: Grader = async () => report;

afterEach(() => {
  delete process.env.RNNLAB_NOTEBOOK_SOURCE;
});

describe('checkSubjects', () => {
  it('reads the functions a check is about from its name', () => {
    expect(checkSubjects('buildCharToIx and buildIxToChar: each ↔ its position')).toEqual(['buildCharToIx', 'buildIxToChar']);
    expect(checkSubjects('encode, chunkAt: x')).toEqual(['encode', 'chunkAt']);
    expect(checkSubjects('oneHot')).toEqual(['oneHot']);
    expect(checkSubjects('lossFun over a chunk: the gradients')).toEqual(['lossFun']);
    expect(checkSubjects('testRnnLoss (lstm): the loss')).toEqual(['testRnnLoss']);
    expect(checkSubjects('stepBackward then sgdUpdate: the target’s probability went up')).toEqual(['sgdUpdate']);
  });
});

describe('checkExercise', () => {
  it('shows the checks of the step and passes when they passed', async () => {
    const shown: MimeBundle[] = [];
    await checkExercise('01-one-hot', 'oneHot', { grader: fixed, show: (b) => void shown.push(b) });
    expect(shown[0]['text/plain']).toMatch(/^✓ 01-one-hot \(oneHot\): 1 of 1 checks passed, 2\/2 points\n {2}✓ oneHot: a column \(2\/2\)/);
  });

  it('shows ✗ with the grader\'s feedback and the type errors, then throws a one-line ExerciseCheckError', async () => {
    const shown: MimeBundle[] = [];
    const run = checkExercise('01-one-hot', ['buildCharToIx'], { grader: fixed, show: (b) => void shown.push(b) });
    await expect(run).rejects.toThrow(ExerciseCheckError);
    await expect(run).rejects.toMatchObject({ message: '01-one-hot (buildCharToIx): 1 of 1 check failed (see above)', stack: 'ExerciseCheckError: 01-one-hot (buildCharToIx): 1 of 1 check failed (see above)' });
    const text = shown[0]['text/plain'] as string;
    expect(text).toContain('✗ buildCharToIx and buildIxToChar: inverse maps (0/2)\n      expected 0 → "a", got undefined <oops>');
    expect(text).toContain("⚠ TypeScript found errors in your file");
    expect(shown[0]['text/html']).toContain('got undefined &lt;oops&gt;');
  });

  it('says so when the grader has no check about the named function', async () => {
    await expect(gradeForCell('01-one-hot', 'sample', fixed)).rejects.toThrow('01-one-hot: the grader has no check about sample');
  });

  it('grades the reference solutions when RNNLAB_NOTEBOOK_SOURCE=solution', async () => {
    const seen: boolean[] = [];
    const spy: Grader = async (_e, options) => (seen.push(options.solutions), report);
    await gradeForCell('01-one-hot', [], spy);
    process.env.RNNLAB_NOTEBOOK_SOURCE = 'solution';
    await gradeForCell('01-one-hot', [], spy);
    expect(seen).toEqual([false, true]);
  });

  it('renders a check that could not run as a failure', () => {
    const bundle = checkBundle({ exercise: 'x', functions: [], checks: [], typeErrors: [], errors: ['checks.test.ts failed to load'], source: '' });
    expect(bundle['text/plain']).toBe('✗ x: 0 of 0 checks passed, 0/0 points\n  ✗ the checks could not run: checks.test.ts failed to load');
  });
});

describe('gradeOnChange', () => {
  it('grades again only when a file of the exercise changed', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rnnlab-exercises-'));
    mkdirSync(join(dir, '01-one-hot'));
    writeFileSync(join(dir, '01-one-hot', 'exercise.ts'), 'export const a = 1;');
    let calls = 0;
    const grader = gradeOnChange(async () => (calls++, report), () => dir);
    await grader('01-one-hot', { solutions: false });
    await grader('01-one-hot', { solutions: false });
    expect(calls).toBe(1);
    await grader('01-one-hot', { solutions: true });
    expect(calls).toBe(2);
    writeFileSync(join(dir, '01-one-hot', 'exercise.ts'), 'export const a = 2;');
    await grader('01-one-hot', { solutions: false });
    expect(calls).toBe(3);
  });
});

describe('gradeInProcess', () => {
  it('grades with the teaching package\'s own session: the reference passes every check, the stub none, in one session', async () => {
    // The session stays open for the kernel's life; what it compiled for a grading must not outlive the grading.
    const tmp = mkdtempSync(join(tmpdir(), 'rnnlab-kernel-tmp-'));
    const savedTmp = process.env.TMPDIR;
    process.env.TMPDIR = tmp;
    const restoreTmp = () => (savedTmp === undefined ? delete process.env.TMPDIR : (process.env.TMPDIR = savedTmp));
    const solution = await gradeInProcess('01-one-hot', { solutions: true }).finally(restoreTmp);
    const stub = await gradeInProcess('01-one-hot', { solutions: false });
    expect(readdirSync(tmp).filter((name) => name.startsWith('rnnlab-compiled-'))).toEqual([]);
    rmSync(tmp, { recursive: true, force: true });
    expect(solution.exercises).toMatchObject([{ exercise: '01-one-hot', errors: [] }]);
    expect(solution.exercises[0].source).toMatch(/01-one-hot[/\\]solution\.ts$/);
    expect(solution.checks.length).toBeGreaterThan(3);
    expect(solution.checks.every((c) => c.status === 'passed' && c.points === c.maxPoints && c.points > 0)).toBe(true);
    expect(stub.checks.map((c) => c.name)).toEqual(solution.checks.map((c) => c.name));
    expect(stub.checks.every((c) => c.status === 'failed' && /not implemented/i.test(c.message))).toBe(true);
  }, 120_000);

  it('names the exercises there are when asked for one that does not exist', async () => {
    await expect(gradeInProcess('99-nothing', { solutions: true })).rejects.toThrow(/^checkExercise: there is no exercise '99-nothing' in .*exercises \(there are 01-one-hot, /);
  });
});
