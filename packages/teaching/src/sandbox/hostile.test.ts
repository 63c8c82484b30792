/**
 * Hostile submissions (test-fixtures/hostile/), graded together by `teach grade-all` with the default 10 s time limit and a 64 MB heap: each
 * breaks or attacks the grader in one way, and only its own exercise suffers, with a message saying what happened.
 * The well-behaved submission graded in the same runs keeps its full marks, and the reports are the grader's own.
 */
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exercisesDir, readJson, repoRoot, runCli, teachingDir, tempDir } from '../../test-support/cli';
import type { CliRun, JsonReport } from '../../test-support/cli';
import { listExercises } from '../grader/exercises';

const hostileDir = join(teachingDir, 'test-fixtures', 'hostile');
const work = tempDir('hostile');
const submissions = join(work, 'submissions');
const reports: Record<string, JsonReport> = {};
let run: CliRun;

/** Writes `file` as the submission of `student` for `exercise`. */
function submit(student: string, exercise: string, file: string): void {
  mkdirSync(join(submissions, student, exercise), { recursive: true });
  copyFileSync(file, join(submissions, student, exercise, 'exercise.ts'));
}

beforeAll(() => {
  for (const name of readdirSync(hostileDir).filter((f) => f.endsWith('.ts'))) {
    const [exercise, attack] = name.replace(/\.ts$/, '').split('--');
    submit(attack, exercise, join(hostileDir, name));
    // Every hostile student also hands in a correct exercise 02, or 01: it must keep its points.
    const other = exercise === '01-one-hot' ? '02-step-forward' : '01-one-hot';
    submit(attack, other, join(exercisesDir, other, 'solution.ts'));
  }
  for (const exercise of ['01-one-hot', '02-step-forward']) submit('well-behaved', exercise, join(exercisesDir, exercise, 'solution.ts'));
  mkdirSync(join(submissions, 'handed-in-nothing', 'notes'), { recursive: true });
  run = runCli('teach', ['grade-all', submissions, '--csv', join(work, 'grades.csv'), '--json', join(work, 'grades.json'), '--memory-limit', '64']);
  const graded = readJson<{ students: ({ student: string } & JsonReport)[] }>(join(work, 'grades.json'));
  for (const s of graded.students) reports[s.student] = s;
}, 300_000);

afterAll(() => rmSync(work, { recursive: true, force: true }));

const messagesOf = (student: string, exercise: string) => reports[student].checks.filter((c) => c.exercise === exercise).map((c) => c.message);
const pointsOf = (student: string, exercise: string) => {
  const e = reports[student].exercises.find((x) => x.exercise === exercise);
  return `${e?.points}/${e?.maxPoints}`;
};

describe('teach grade-all on hostile submissions', () => {
  it('grades every student, writing the CSV and JSON itself', () => {
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const csv = readFileSync(join(work, 'grades.csv'), 'utf8').trim().split('\n');
    // Every exercise has a column; these students hand in 01 and 02 only, so the others are 0 (not submitted).
    const others = listExercises(exercisesDir).filter((e) => !['01-one-hot', '02-step-forward'].includes(e));
    expect(csv[0]).toBe(['student', '01-one-hot', '02-step-forward', ...others, 'total'].join(','));
    expect(csv).toContain(['well-behaved', 12, 12, ...others.map(() => 0), 24].join(','));
    expect(csv).toContain(['handed-in-nothing', 0, 0, ...others.map(() => 0), 0].join(','));
    expect(Object.keys(reports).sort()).toEqual(['crash', 'exit-zero', 'fake-report', 'handed-in-nothing', 'infinite-loop', 'out-of-memory', 'reads-hidden-fixture', 'stack-overflow', 'tamper', 'throw-at-import', 'well-behaved']);
  });

  it('a throw at import fails every check of that exercise with the error and where it was thrown', () => {
    const messages = messagesOf('throw-at-import', '01-one-hot');
    expect(messages.length).toBeGreaterThan(5);
    for (const m of messages) expect(m).toMatch(/^exercise\.ts of 01-one-hot threw while loading: Error: boom while loading\n {4}at .*exercise\.ts:2:7/);
  });

  it('an infinite loop uses up the time limit: the exercise fails as timed out, its process killed', () => {
    const messages = messagesOf('infinite-loop', '01-one-hot');
    expect(messages[0]).toBe('01-one-hot timed out after 10 s while running buildVocab (an infinite loop, or far too much work?); its remaining checks were not run');
    expect(new Set(messages).size).toBe(1);
  });

  it('process.exit(0) is a crash of that call, not a pass', () => {
    const messages = messagesOf('exit-zero', '01-one-hot');
    expect(messages).toContain("01-one-hot: the student's code ended the process with exit code 0 (process.exit?) while running buildVocab");
    expect(pointsOf('exit-zero', '01-one-hot')).toBe('0/12');
  });

  it('a native crash (abort) fails the call that crashed; the next call gets a fresh process', () => {
    const messages = messagesOf('crash', '02-step-forward');
    const crashes = messages.filter((m) => /^02-step-forward: the student's code was killed by SIGABRT while running \w+\n {4}1: hiddenState \(exercise\.ts:6:13\)$/.test(m));
    expect(crashes.length).toBeGreaterThan(1);
    // Each fresh process takes its load time out of the exercise's budget, which may run out before the last checks.
    expect(messages.filter((m) => !crashes.includes(m) && !m.startsWith('02-step-forward timed out after 10 s'))).toEqual([]);
  });

  it('a stack overflow is a RangeError thrown by the function, with the recursion shown', () => {
    for (const m of messagesOf('stack-overflow', '02-step-forward')) {
      expect(m).toMatch(/threw RangeError: Maximum call stack size exceeded \(infinite recursion\?\)\n {4}at hiddenState \(exercise\.ts:5:\d+\)/);
    }
  });

  it('running out of memory ends the call with the heap limit named', () => {
    expect(messagesOf('out-of-memory', '02-step-forward')[0]).toMatch(/^02-step-forward: the student's code ran out of memory \(heap limit 64 MB\) while running \w+$/);
  });

  it('writing files is refused: no fake report, no changed checks file, and the grade is 0', () => {
    expect(existsSync(join(repoRoot, 'grade-results.json'))).toBe(false);
    expect(existsSync(join(submissions, 'fake-report', '01-one-hot', 'results.json'))).toBe(false);
    expect(readFileSync(join(exercisesDir, '01-one-hot', 'checks.test.ts'), 'utf8')).toContain("check('buildVocab: the distinct characters of a text, sorted'");
    const first = messagesOf('fake-report', '01-one-hot')[0];
    expect(first).not.toContain('wrote ');
    expect(first.match(/refused [^|]*: Access to this API has been restricted/g)).toHaveLength(4);
    expect(pointsOf('fake-report', '01-one-hot')).toBe('0/12');
  });

  it('reading the checks’ fixtures is refused', () => {
    for (const m of messagesOf('reads-hidden-fixture', '01-one-hot')) {
      expect(m).toMatch(/^exercise\.ts of 01-one-hot threw while loading: Error: Access to this API has been restricted \(graded code may not write files/);
    }
  });

  it('tampering with built-ins, the core and the IPC channel in its process changes nothing in the checks', () => {
    expect(pointsOf('tamper', '01-one-hot')).toBe('0/12');
    expect(messagesOf('tamper', '01-one-hot')[0]).toContain('buildVocab: vocab is wrong');
  });

  it('every hostile student keeps full marks on the exercise it did correctly', () => {
    for (const [student, report] of Object.entries(reports).filter(([s]) => s !== 'handed-in-nothing')) {
      const other = report.exercises.find((e) => e.points === e.maxPoints);
      expect(other, student).toBeDefined();
    }
  });
});
