/**
 * `rnnlab-grade` end to end, as a user runs it (the built command, in the repository root): the reference solutions
 * score full marks with every report format valid, a submission folder is graded with its type errors reported, and
 * every bad argument is one line on stderr and exit 1. (The untouched stubs are graded in ../release/release.test.ts,
 * from the student copy.)
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { afterAll, describe, expect, it } from 'vitest';
import { exercisesDir, readJson, runCli, tempDir } from '../../test-support/cli';
import type { JsonReport } from '../../test-support/cli';
import { listExercises } from '../grader/exercises';

const work = tempDir('grade-cli');
afterAll(() => rmSync(work, { recursive: true, force: true }));
const exercises = listExercises(exercisesDir);
const out = (name: string) => join(work, name);

describe('rnnlab-grade --solutions --hidden, with every report', () => {
  const run = runCli('grade', ['--solutions', '--hidden', '--json', out('s.json'), '--junit', out('s.xml'),
    '--gradescope', out('gradescope.json'), '--exercism', out('exercism.json')]);
  const report = readJson<JsonReport>(out('s.json'));

  it('gives full marks and exits 0, the table ending with a plain "N passed, 0 failed"', () => {
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(report.points).toBe(report.maxPoints);
    expect(report.exercises.map((e) => e.exercise)).toEqual(exercises);
    expect(run.stdout.trimEnd().split('\n').at(-1)).toBe(`${report.checks.length} passed, 0 failed`);
    expect(report.checks.some((c) => c.hidden)).toBe(true);
    for (const e of report.exercises) expect(e.typeErrors, e.exercise).toEqual([]);
  });

  it('writes JSON with exercise, name, points, status and message for every check', () => {
    for (const c of report.checks) {
      expect(Object.keys(c).sort()).toEqual(['exercise', 'hidden', 'maxPoints', 'message', 'mistakes', 'name', 'points', 'status']);
      expect(c).toMatchObject({ status: 'passed', message: '', points: c.maxPoints });
    }
  });

  it('writes JUnit XML that parses, one testsuite per exercise and one testcase per check', () => {
    const xml = readFileSync(out('s.xml'), 'utf8');
    expect(XMLValidator.validate(xml)).toBe(true);
    const parsed = new XMLParser({ ignoreAttributes: false, isArray: (name) => ['testsuite', 'testcase'].includes(name) }).parse(xml);
    const suites = parsed.testsuites.testsuite as { '@_name': string; '@_failures': string; testcase: unknown[] }[];
    expect(suites.map((s) => s['@_name'])).toEqual(exercises);
    expect(suites.reduce((n, s) => n + s.testcase.length, 0)).toBe(report.checks.length);
    for (const s of suites) expect(s['@_failures']).toBe('0');
  });

  it('writes Gradescope’s results.json: score, and tests with name, score, max_score, status, output, visibility', () => {
    const g = readJson<{ score: number; tests: Record<string, unknown>[] }>(out('gradescope.json'));
    expect(g.score).toBe(report.points);
    expect(g.tests).toHaveLength(report.checks.length);
    for (const t of g.tests) {
      expect(Object.keys(t).sort()).toEqual(['max_score', 'name', 'output', 'score', 'status', 'visibility']);
      expect(t.status).toBe('passed');
      expect(['visible', 'after_published']).toContain(t.visibility);
    }
    expect(g.tests.filter((t) => t.visibility === 'after_published')).toHaveLength(report.checks.filter((c) => c.hidden).length);
  });

  it('writes exercism’s results.json v3: status pass, and tests with name, status, message, test_code, task_id', () => {
    const x = readJson<{ version: number; status: string; tests: Record<string, unknown>[] }>(out('exercism.json'));
    expect(x).toMatchObject({ version: 3, status: 'pass' });
    for (const t of x.tests) {
      expect(t).toMatchObject({ status: 'pass', message: null });
      expect(typeof t.name).toBe('string');
      expect(exercises.map((_, i) => i + 1)).toContain(t.task_id);
      expect(t.test_code).toMatch(/^check\('|^\(hidden check\)$/);
    }
  });
});

describe('rnnlab-grade --dir', () => {
  // A submission with exercise 01 solved but for a type error, and no exercise 02.
  const dir = join(work, 'submission');
  mkdirSync(join(dir, '01-one-hot'), { recursive: true });
  const solution = readFileSync(join(exercisesDir, '01-one-hot', 'solution.ts'), 'utf8');
  writeFileSync(join(dir, '01-one-hot', 'exercise.ts'), `${solution}\nexport const unused: number = 'not a number' as unknown as string;\n`);
  const run = runCli('grade', ['--dir', dir, '--json', out('dir.json')]);
  const report = readJson<JsonReport>(out('dir.json'));

  it('grades a submission folder anywhere on disk, hidden checks included, and lists its type errors as feedback', () => {
    const graded = report.exercises.find((e) => e.exercise === '01-one-hot');
    expect(graded?.points).toBe(graded?.maxPoints);
    expect(report.checks.some((c) => c.exercise === '01-one-hot' && c.hidden)).toBe(true);
    expect(graded?.typeErrors).toEqual([
      expect.stringMatching(/^exercise\.ts:\d+:14 - error TS2322: Type 'string' is not assignable to type 'number'\.$/),
    ]);
    expect(run.stdout).toContain(`type errors in ${join(dir, '01-one-hot', 'exercise.ts')} (feedback only`);
  });

  it('grades an exercise the folder lacks as not submitted, worth 0, and exits 1', () => {
    expect(run.code).toBe(1);
    const missing = report.checks.filter((c) => c.exercise === '02-step-forward');
    expect(missing.length).toBeGreaterThan(0);
    for (const c of missing) expect(c.message).toBe(`02-step-forward: no implementation to grade (${join(dir, '02-step-forward', 'exercise.ts')} does not exist)`);
  });
});

describe('bad arguments: one line on stderr, exit 1, nothing graded', () => {
  const laidOut = join(work, 'laid-out');
  mkdirSync(join(laidOut, '01-one-hot'), { recursive: true });
  writeFileSync(join(laidOut, '01-one-hot', 'exercise.ts'), '');
  const cases: [string[], string][] = [
    [['99-no-such'], `grade: unknown exercise '99-no-such'; the exercises are ${exercises.join(', ')}`],
    [['--dir', join(work, 'missing')], `grade: --dir ${join(work, 'missing')}: no such folder`],
    [['--dir', work], `grade: --dir ${work}: not laid out like exercises/ (expected folders such as 01-one-hot/exercise.ts)`],
    [['--dir', laidOut, '02-step-forward'], `grade: --dir ${laidOut}: has no 02-step-forward/exercise.ts`],
    [['--solutions', '--dir', laidOut], 'grade: --solutions and --dir grade different things; give one'],
    [['--json', join(work, 'no-folder', 'r.json')], `grade: --json ${join(work, 'no-folder', 'r.json')}: the folder ${join(work, 'no-folder')} does not exist`],
    [['--exercises', work], `grade: --exercises ${work}: no exercise folders in it (NN-name/checks.test.ts)`],
    [['--time-limit', '0'], "error: option '--time-limit <seconds>' argument '0' is invalid. expected a positive number of seconds, got '0'"],
    [['--memory-limit', '8'], "error: option '--memory-limit <MB>' argument '8' is invalid. expected a whole number of MB, at least 16, got '8'"],
    [['--bogus'], "error: unknown option '--bogus'"],
  ];
  it.each(cases)('rnnlab-grade %j', (args, message) => {
    const run = runCli('grade', args);
    expect({ code: run.code, stderr: run.stderr, stdout: run.stdout }).toEqual({ code: 1, stderr: `${message}\n`, stdout: '' });
  });
});
