/**
 * gradcheck.json: the gradient check a run keeps (`rnnlab train --gradcheck`), for its report. Written atomically;
 * read back field by field, so a damaged file is refused naming the file and the field, and the verdict is worked
 * out again from the stored entries with the stated rule rather than trusted.
 *
 *     { format: 'rnnlab-gradcheck', version: 1, model, where, seed, check: { report: { rows, perParam, perTimeStep,
 *       maxRelError }, loss, delta, numChecks, fixed, ... } }
 */
import { readFileSync } from 'node:fs';
import { FieldReader, judgeGradCheck, writeFileAtomic } from '@rnnlab/core';
import type { GradCheckRow, ModelGradCheck } from '@rnnlab/core';
import { RunError } from '../errors';
import type { SessionGradCheck } from './check-session';

/** What a run keeps of a gradient check. */
export interface StoredGradCheck {
  format: 'rnnlab-gradcheck';
  version: 1;
  /** The model checked (config.json's plan.model). */
  model: string;
  /** What the check was taken on (check-session.ts). */
  where: string;
  /** The seed that chose the entries. */
  seed: number;
  check: ModelGradCheck;
}

/** Writes `gradcheck.json` at `path` (atomically). */
export function writeGradCheckFile(path: string, model: string, seed: number, result: SessionGradCheck): void {
  const stored: StoredGradCheck = { format: 'rnnlab-gradcheck', version: 1, model, where: result.where, seed, check: result.check };
  writeFileAtomic(path, `${JSON.stringify(stored, null, 1)}\n`);
}

/** Reads and checks a gradcheck.json; throws CheckpointError (a one-line user error) naming the file and the field. */
export function readGradCheckFile(path: string): StoredGradCheck {
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== undefined) throw error;
    throw new RunError(`${path} is not valid JSON (${(error as Error).message}); expected the gradcheck.json rnnlab train --gradcheck wrote.`);
  }
  const r = new FieldReader(path);
  const top = r.object(value, '', ['format', 'version', 'model', 'where', 'seed', 'check']);
  if (top.format !== 'rnnlab-gradcheck') r.fail('format', `is ${JSON.stringify(top.format)}, expected "rnnlab-gradcheck"`);
  r.integer(top.version, 'version', 1, 1);
  const check = r.object(top.check, 'check', ['report', 'loss', 'delta', 'numChecks', 'relTolerance', 'absTolerance', 'failures', 'passed', 'fixed']);
  const report = r.object(check.report, 'check.report', ['rows', 'perParam', 'perTimeStep', 'maxRelError']);
  const finite = (v: unknown, field: string) => r.number(v, field, { expected: 'a finite number' });
  const rows: GradCheckRow[] = r.array(report.rows, 'check.report.rows').map((row, i) => {
    const at = `check.report.rows[${i}]`;
    const o = r.object(row, at, ['param', 'index', 'position', 'numerical', 'analytic', 'relError'], ['timeStep']);
    const parsed: GradCheckRow = {
      param: r.string(o.param, `${at}.param`),
      index: r.integer(o.index, `${at}.index`, 0),
      position: r.array(o.position, `${at}.position`).map((p, k) => r.integer(p, `${at}.position[${k}]`, 0)),
      numerical: finite(o.numerical, `${at}.numerical`),
      analytic: finite(o.analytic, `${at}.analytic`),
      relError: r.number(o.relError, `${at}.relError`, { min: 0, max: 1, expected: 'a number in [0, 1]' }),
    };
    if (o.timeStep !== undefined) parsed.timeStep = r.integer(o.timeStep, `${at}.timeStep`, 0);
    return parsed;
  });
  const summaries = (field: 'perParam' | 'perTimeStep') =>
    r.array(report[field], `check.report.${field}`).map((s, i) => {
      const at = `check.report.${field}[${i}]`;
      const o = r.object(s, at, field === 'perParam' ? ['param', 'maxRelError', 'checks'] : ['param', 't', 'maxRelError', 'checks']);
      const base = { param: r.string(o.param, `${at}.param`), maxRelError: finite(o.maxRelError, `${at}.maxRelError`), checks: r.integer(o.checks, `${at}.checks`, 0) };
      return field === 'perParam' ? base : { ...base, t: r.integer(o.t, `${at}.t`, 0) };
    });
  const perParam = summaries('perParam');
  const perTimeStep = summaries('perTimeStep') as { param: string; t: number; maxRelError: number; checks: number }[];
  const loss = finite(check.loss, 'check.loss');
  const delta = r.number(check.delta, 'check.delta', { min: 0, minOpen: true, expected: 'a finite number > 0' });
  const fixed = r.array(check.fixed, 'check.fixed').map((f, i) => r.string(f, `check.fixed[${i}]`));
  const judged = judgeGradCheck({ rows, perParam, perTimeStep, maxRelError: finite(report.maxRelError, 'check.report.maxRelError') }, loss, delta, fixed);
  return { format: 'rnnlab-gradcheck', version: 1, model: r.string(top.model, 'model'), where: r.string(top.where, 'where'), seed: r.integer(top.seed, 'seed', 0), check: judged };
}
