/**
 * A sparse gradient check for whole models, after min-char-rnn.py's gradCheck: instead of differentiating every
 * element (./numerical.ts), check `numChecks` random entries of each parameter against a centred difference of the
 * LOSS:
 *
 *     numerical = (L(θ + δ·e_i) − L(θ − δ·e_i)) / 2δ        relError = |a − n| / max(1e-8, |a| + |n|)
 *
 * Two fixes to the original. (1) Its relError divides by |n + a|, which is ~0 when both are ~0 or of opposite sign;
 * |a| + |n| (cs231n's rel_error) bounds it to [0, 1], with 1e-8 guarding 0/0. (2) Its lossFun clips the analytic
 * gradient to ±5 before returning it while the numerical one is unclipped, so any entry beyond 5 "fails" for no fault
 * of the backward pass; here `loss()` must return the UNCLIPPED gradient, and training clips afterwards.
 *
 * Entries are drawn as `Math.floor(rng.uniform(0, size))` per check, parameter by parameter in key order, so a check
 * seeded like numpy's RandomState picks the same entries as `int(np.random.uniform(0, param.size))`. With `timeAxes`
 * (e.g. `{ x: 1 }` for an input x [N, T, D] included in params) each row records its time step, and errors are also
 * summarised per time step, which shows a backward pass that is right at the last step but wrong through time.
 */
import { ShapeError, ValueError, formatShape } from '../errors';
import type { ParamMap } from '../modules/module';
import { checkParamMap } from '../optim/optimizer';
import { RandomState } from '../random';
import { checkInteger } from '../tensor/check';

/** What `loss()` returns: the loss at the current params and the UNCLIPPED analytic gradients (at least for params). */
export interface LossAndGrads {
  loss: number;
  grads: ParamMap;
}

/** Options for `sparseGradCheck`. */
export interface SparseGradCheckOptions {
  /** The tensors to check, by name; perturbed in place and restored (an input like x may be included). */
  params: ParamMap;
  /** Recomputes the loss (and gradients) reading the current values of `params`. */
  loss: () => LossAndGrads;
  /** Entries checked per parameter (drawn with replacement); a positive integer, default 10. */
  numChecks?: number;
  /** The finite-difference step δ > 0, default 1e-5. */
  delta?: number;
  /** Chooses the entries. */
  rng: RandomState;
  /** Parameter name → which of its axes is time, e.g. { x: 1 } for x [N, T, D]. */
  timeAxes?: Record<string, number>;
}

/** One checked entry: flat index and multi-index into the parameter, and its time step when it has a time axis. */
export interface GradCheckRow {
  param: string;
  index: number;
  position: number[];
  timeStep?: number;
  numerical: number;
  analytic: number;
  relError: number;
}

/** The worst relative error among the entries checked in one parameter (0 when none were). */
export interface GradCheckParamSummary {
  param: string;
  maxRelError: number;
  checks: number;
}

/** The worst relative error among the entries checked at one time step t of one parameter. */
export interface GradCheckTimeStepSummary {
  param: string;
  t: number;
  maxRelError: number;
  checks: number;
}

/** The result of `sparseGradCheck`; a NaN error counts as the worst. */
export interface SparseGradCheckReport {
  rows: GradCheckRow[];
  perParam: GradCheckParamSummary[];
  perTimeStep: GradCheckTimeStepSummary[];
  maxRelError: number;
}

const FN = 'sparseGradCheck';

/**
 * Checks `numChecks` random entries of every tensor in `params` against centred differences of `loss()`. Calls
 * `loss()` once for the analytic gradients (copied at once, so a loss that reuses its grads buffers is fine), then
 * twice per entry with that entry moved by ±δ, restoring it after. Shapes: each grads[k] as params[k], any rank.
 */
export function sparseGradCheck(options: SparseGradCheckOptions): SparseGradCheckReport {
  if (typeof options !== 'object' || options === null) throw new ValueError(`${FN}: options must be an object, got ${String(options)}`);
  const { params, loss, numChecks = 10, delta = 1e-5, rng, timeAxes = {} } = options;
  checkParamMap(FN, 'params', params);
  if (typeof loss !== 'function') throw new ValueError(`${FN}: loss must be a function returning { loss, grads }, got ${typeof loss}`);
  checkInteger(FN, 'numChecks', numChecks, 1);
  if (typeof delta !== 'number' || !(delta > 0) || !Number.isFinite(delta)) {
    throw new ValueError(`${FN}: delta is ${String(delta)}, expected a small finite number > 0`);
  }
  if (!(rng instanceof RandomState)) throw new ValueError(`${FN}: rng must be a RandomState, got ${rng === null ? 'null' : typeof rng}`);
  checkTimeAxes(params, timeAxes);

  const analytic = analyticGrads(params, loss);
  const rows: GradCheckRow[] = [];
  for (const [name, p] of Object.entries(params)) {
    for (let c = 0; c < numChecks && p.size > 0; c++) {
      const index = Math.floor(rng.uniform(0, p.size));
      const position = unravel(index, p.shape);
      const old = p.data[index];
      let plus: number;
      let minus: number;
      try {
        p.data[index] = old + delta;
        plus = finiteLoss(loss, `${name}${formatShape(position)} (flat index ${index}) at its value + delta`);
        p.data[index] = old - delta;
        minus = finiteLoss(loss, `${name}${formatShape(position)} (flat index ${index}) at its value - delta`);
      } finally {
        p.data[index] = old;
      }
      const numerical = (plus - minus) / (2 * delta);
      const a = analytic[name].data[index];
      const row: GradCheckRow = { param: name, index, position, numerical, analytic: a, relError: entryRelError(a, numerical) };
      if (name in timeAxes) row.timeStep = position[timeAxes[name]];
      rows.push(row);
    }
  }
  return summarize(Object.keys(params), rows);
}

function checkTimeAxes(params: ParamMap, timeAxes: unknown): asserts timeAxes is Record<string, number> {
  if (typeof timeAxes !== 'object' || timeAxes === null || Array.isArray(timeAxes)) {
    throw new ValueError(`${FN}: timeAxes must be an object like { x: 1 }, got ${timeAxes === null ? 'null' : typeof timeAxes}`);
  }
  for (const [name, axis] of Object.entries(timeAxes)) {
    if (!(name in params)) {
      throw new ValueError(`${FN}: timeAxes.${name} names no tensor in params (${Object.keys(params).join(', ')})`);
    }
    const p = params[name];
    checkInteger(FN, `timeAxes.${name}`, axis, 0, Math.max(0, p.rank - 1));
    if (p.rank === 0) throw new ValueError(`${FN}: timeAxes.${name} is ${axis}, but params.${name} is a scalar with no axes`);
  }
}

function analyticGrads(params: ParamMap, loss: () => LossAndGrads): ParamMap {
  const result = loss();
  if (typeof result !== 'object' || result === null) throw new ValueError(`${FN}: loss() returned ${String(result)}, expected { loss, grads }`);
  if (typeof result.loss !== 'number' || !Number.isFinite(result.loss)) {
    throw new ValueError(`${FN}: loss() returned loss ${String(result.loss)} at the unperturbed params, expected a finite number`);
  }
  checkParamMap(FN, 'grads from loss()', result.grads);
  const copies: ParamMap = {};
  for (const [name, p] of Object.entries(params)) {
    const g = result.grads[name];
    if (g === undefined) {
      throw new ShapeError(`${FN}: loss() returned no gradient for ${name}, expected grads with every name in params (${Object.keys(params).join(', ')})`);
    }
    if (g.rank !== p.rank || g.shape.some((d, i) => d !== p.shape[i])) {
      throw new ShapeError(`${FN}: the gradient for ${name} has shape ${formatShape(g.shape)}, expected ${formatShape(p.shape)} (shape of params.${name})`);
    }
    copies[name] = g.clone();
  }
  return copies;
}

function finiteLoss(loss: () => LossAndGrads, where: string): number {
  const value = loss()?.loss;
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new ValueError(`${FN}: loss() returned loss ${String(value)} with ${where}, expected a finite number`);
  }
  return value;
}

/** |a − n| / max(1e-8, |a| + |n|): in [0, 1], 0 for 0 vs 0, NaN if either is NaN. */
function entryRelError(a: number, n: number): number {
  return Math.abs(a - n) / Math.max(1e-8, Math.abs(a) + Math.abs(n));
}

function unravel(index: number, shape: readonly number[]): number[] {
  const position = new Array<number>(shape.length);
  for (let d = shape.length - 1; d >= 0; d--) {
    position[d] = index % shape[d];
    index = Math.floor(index / shape[d]);
  }
  return position;
}

/** max that lets NaN win, so a NaN error is never hidden behind a finite one. */
function worst(current: number, value: number): number {
  return Number.isNaN(current) || Number.isNaN(value) ? NaN : Math.max(current, value);
}

function summarize(names: string[], rows: GradCheckRow[]): SparseGradCheckReport {
  const perParam: GradCheckParamSummary[] = names.map((param) => ({ param, maxRelError: 0, checks: 0 }));
  const byTime = new Map<string, GradCheckTimeStepSummary>();
  let maxRelError = 0;
  for (const row of rows) {
    const summary = perParam[names.indexOf(row.param)];
    summary.maxRelError = worst(summary.maxRelError, row.relError);
    summary.checks++;
    maxRelError = worst(maxRelError, row.relError);
    if (row.timeStep === undefined) continue;
    const key = `${row.param}\u0000${row.timeStep}`;
    const entry = byTime.get(key) ?? { param: row.param, t: row.timeStep, maxRelError: 0, checks: 0 };
    entry.maxRelError = worst(entry.maxRelError, row.relError);
    entry.checks++;
    byTime.set(key, entry);
  }
  const perTimeStep = [...byTime.values()].sort((a, b) => names.indexOf(a.param) - names.indexOf(b.param) || a.t - b.t);
  return { rows, perParam, perTimeStep, maxRelError };
}

/**
 * The report as a plain-text table for notebooks and the CLI: one line per checked entry (param, flat index and
 * position, time step if any, numerical, analytic, rel error), then the worst error per parameter and per time step.
 * With `originalRelError`, each entry also shows min-char-rnn.py's own |a − n| / |a + n| (column `|a−n|/|a+n|`).
 */
export function formatGradCheckTable(report: SparseGradCheckReport, options: { originalRelError?: boolean } = {}): string {
  if (typeof report !== 'object' || report === null || !Array.isArray(report.rows) || !Array.isArray(report.perParam)) {
    throw new ValueError('formatGradCheckTable: report must be the result of sparseGradCheck');
  }
  const num = (v: number) => v.toExponential(6);
  const err = (v: number) => v.toExponential(2);
  const withTime = report.rows.some((r) => r.timeStep !== undefined);
  const entries = report.rows.map((r) => [
    r.param,
    `${r.index} ${formatShape(r.position)}`,
    ...(withTime ? [r.timeStep === undefined ? '' : String(r.timeStep)] : []),
    num(r.numerical),
    num(r.analytic),
    err(r.relError),
    ...(options.originalRelError === true ? [err(Math.abs(r.analytic - r.numerical) / Math.abs(r.analytic + r.numerical))] : []),
  ]);
  const original = options.originalRelError === true ? ['|a−n|/|a+n|'] : [];
  const sections = [
    table(['param', 'index', ...(withTime ? ['t'] : []), 'numerical', 'analytic', 'rel error', ...original], entries, 2),
    table(['param', 'checks', 'max rel error'], report.perParam.map((s) => [s.param, String(s.checks), err(s.maxRelError)])),
  ];
  if (report.perTimeStep.length > 0) {
    const steps = report.perTimeStep.map((s) => [s.param, String(s.t), String(s.checks), err(s.maxRelError)]);
    sections.push(table(['param', 't', 'checks', 'max rel error'], steps));
  }
  sections.push(`max rel error: ${err(report.maxRelError)}`);
  return sections.join('\n\n');
}

/** Columns padded to their widest cell; the first `textColumns` left-aligned, the (numeric) rest right-aligned. */
function table(header: string[], body: string[][], textColumns = 1): string {
  const widths = header.map((h, c) => Math.max(h.length, ...body.map((row) => row[c].length)));
  const pad = (cell: string, c: number) => (c < textColumns ? cell.padEnd(widths[c]) : cell.padStart(widths[c]));
  const line = (row: string[]) => row.map(pad).join('  ').trimEnd();
  return [line(header), ...body.map(line)].join('\n');
}
