import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { summarize } from '../grader/results';
import type { CheckResult } from '../grader/results';
import { exercismReport, gradescopeReport } from './formats';
import { junitReport } from './junit';
import { formatTable } from './table';

const check = (name: string, status: 'passed' | 'failed', message = '', hidden = false): CheckResult => ({
  exercise: '01-demo', file: hidden ? 'hidden' : 'checks', name, points: status === 'passed' ? 2 : 0, maxPoints: 2,
  status, message, hidden, mistakes: [], durationMs: 5,
});
// A message as hostile as a student's error can make one: markup, entities, control characters.
const nasty = 'f threw Error: <b>&amp;</b> "quoted" \u0000\u0007\u001b[31m\nsecond line';
const report = summarize([
  { exercise: '01-demo', source: '/s/01-demo/exercise.ts', points: 2, maxPoints: 6, checks: [check('a passes', 'passed'), check('b <fails>', 'failed', nasty), check('c hidden', 'failed', 'wrong (on a hidden test input)', true)], typeErrors: ['exercise.ts:1:1 - error TS2322: x'], errors: [] },
  { exercise: '02-broken', source: '/s/02-broken/exercise.ts', points: 0, maxPoints: 0, checks: [], typeErrors: [], errors: ['checks.test.ts: SyntaxError: Unexpected token'] },
]);

describe('report formats', () => {
  it('the table ends with the plain count line, failures counting the checks that could not run', () => {
    const table = formatTable(report);
    expect(table.split('\n').at(-1)).toBe('1 passed, 3 failed');
    expect(table).toContain('Total: 2/6 points');
    expect(table).toContain('    error: checks.test.ts: SyntaxError: Unexpected token');
  });

  it('JUnit: valid XML whatever the messages hold, failures and errors counted', () => {
    const xml = junitReport(report);
    expect(XMLValidator.validate(xml)).toBe(true);
    const parsed = new XMLParser({ ignoreAttributes: false, isArray: (n) => ['testsuite', 'testcase'].includes(n) }).parse(xml);
    const [demo, broken] = parsed.testsuites.testsuite;
    expect([demo['@_tests'], demo['@_failures'], broken['@_errors']]).toEqual(['3', '2', '1']);
    expect(demo.testcase[1].failure['@_message']).toBe('f threw Error: <b>&amp;</b> "quoted" \uFFFD\uFFFD\uFFFD[31m');
  });

  it('Gradescope: hidden checks shown after publication, type errors and load errors in the top-level output', () => {
    const g = gradescopeReport(report) as { score: number; output: string; tests: { name: string; visibility: string; max_score: number }[] };
    expect(g.score).toBe(2);
    expect(g.tests.map((t) => [t.name, t.visibility, t.max_score])).toEqual([
      ['01-demo: a passes', 'visible', 2], ['01-demo: b <fails>', 'visible', 2], ['01-demo: c hidden', 'after_published', 2],
      ['02-broken: checks could not run', 'visible', 0],
    ]);
    expect(g.output).toContain('01-demo: type errors (feedback only):\nexercise.ts:1:1 - error TS2322: x');
  });

  it('exercism v3: fail with per-test status, message only when failed, hidden checks’ code withheld', () => {
    const x = exercismReport(report, (e, name) => `check('${name}')`) as { status: string; tests: Record<string, unknown>[] };
    expect(x.status).toBe('fail');
    expect(x.tests.map((t) => [t.status, t.message === null, t.test_code, t.task_id])).toEqual([
      ['pass', true, "check('a passes')", 1], ['fail', false, "check('b <fails>')", 1], ['fail', false, '(hidden check)', 1], ['error', false, '', 2],
    ]);
    const none = exercismReport(summarize([{ ...report.exercises[1] }]), () => '') as { status: string; message: string };
    expect(none).toMatchObject({ status: 'error', message: 'checks.test.ts: SyntaxError: Unexpected token' });
  });
});
