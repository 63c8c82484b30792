/**
 * Gradient checks of whole language models, as min-char-rnn.py's gradCheck(inputs, targets, hprev) does for its
 * lossFun: `numChecks` random entries of every parameter, a centred difference of the loss against the analytic
 * gradient (./sparse.ts). Both models' loss functions return UNCLIPPED gradients (training clips afterwards), which is
 * what is checked — the original compares its clipped analytic gradient with an unclipped numerical one.
 *
 * One stated rule decides, entry by entry (numpy's allclose and torch.autograd.gradcheck decide the same way):
 *
 *     pass  ⇔  |a − n| / max(1e-8, |a| + |n|) ≤ REL_TOLERANCE (1e-5)   or   |a − n| ≤ 50·ε·max(1, |L|) / δ
 *
 * The second term is the noise floor of the centred difference: rounding the loss L (ε = 2⁻⁵²) alone moves
 * (L₊ − L₋) / 2δ by about ε·|L| / δ, so a gradient entry smaller than a few of those (min-char-rnn's summed loss of
 * ~100 nats gives 1.6e-7 at δ = 1e-5) cannot be measured relatively; 50 leaves a wide margin over the ≤ 5e-9
 * differences measured for every model here. A wrong backward pass gives relative errors of 1e-2 and more.
 *
 * grad-check.py's own relative error, |a − n| / |a + n|, is reported beside cs231n's: it is NaN for an entry whose
 * gradient is 0 both ways (a column of Wxh for a character not in the chunk) and unbounded when a and n differ in sign.
 */
import { ShapeError, ValueError } from '../errors';
import type { MinCharRnn } from '../lm/min-char-rnn';
import type { RecurrentLM } from '../lm/recurrent-lm';
import type { RecurrentState } from '../modules/module';
import { RandomState } from '../random';
import { checkInteger } from '../tensor/check';
import { Tensor } from '../tensor/tensor';
import { formatGradCheckTable, sparseGradCheck } from '../gradcheck/sparse';
import type { GradCheckRow, SparseGradCheckReport } from '../gradcheck/sparse';

/** The relative error at or below which an entry passes. */
export const REL_TOLERANCE = 1e-5;
/** How many roundings of the loss the absolute noise floor allows (see the file header). */
export const NOISE_FLOOR_FACTOR = 50;

/** Settings shared by the model checks. */
export interface ModelGradCheckOptions {
  /** Entries checked per parameter, default 10 (the original's num_checks). */
  numChecks?: number;
  /** The finite-difference step δ, default 1e-5 (the original's delta). */
  delta?: number;
  /** Chooses the entries (`int(uniform(0, size))` per check, as the original). */
  rng: RandomState;
}

/** A judged check: the report, the loss it was taken at, the rule's two tolerances and the entries that failed. */
export interface ModelGradCheck {
  report: SparseGradCheckReport;
  /** The loss at the unperturbed parameters. */
  loss: number;
  delta: number;
  numChecks: number;
  relTolerance: number;
  /** The noise floor 50·ε·max(1, |loss|)/δ. */
  absTolerance: number;
  /** Entries that broke the rule, in check order. */
  failures: GradCheckRow[];
  passed: boolean;
  /** Parameters that training never updates (an echo state reservoir): checked all the same. */
  fixed: string[];
}

/** A finite-difference step as people write it: 1e-5, not 0.00001. */
export function formatStep(delta: number): string {
  return delta < 1e-3 ? delta.toExponential() : String(delta);
}

/** grad-check.py's relative error |a − n| / |a + n| (NaN for 0/0, Infinity for x/0). */
export function originalRelError(analytic: number, numerical: number): number {
  return Math.abs(analytic - numerical) / Math.abs(analytic + numerical);
}

/** The noise floor of a centred difference of a loss `loss` with step `delta`: 50·ε·max(1, |loss|)/δ. */
export function gradCheckNoiseFloor(loss: number, delta: number): number {
  return (NOISE_FLOOR_FACTOR * Number.EPSILON * Math.max(1, Math.abs(loss))) / delta;
}

/** Whether one checked entry passes the rule of the file header. */
export function entryPasses(row: GradCheckRow, absTolerance: number): boolean {
  return row.relError <= REL_TOLERANCE || Math.abs(row.analytic - row.numerical) <= absTolerance;
}

/** Applies the rule to a sparseGradCheck report taken at loss `loss` with step `delta`. */
export function judgeGradCheck(report: SparseGradCheckReport, loss: number, delta: number, fixed: string[] = []): ModelGradCheck {
  const absTolerance = gradCheckNoiseFloor(loss, delta);
  const failures = report.rows.filter((row) => !entryPasses(row, absTolerance));
  const numChecks = Math.max(0, ...report.perParam.map((p) => p.checks));
  return { report, loss, delta, numChecks, relTolerance: REL_TOLERANCE, absTolerance, failures, passed: failures.length === 0, fixed };
}

function checkOptions(fn: string, options: ModelGradCheckOptions): { numChecks: number; delta: number; rng: RandomState } {
  if (typeof options !== 'object' || options === null) throw new ValueError(`${fn}: options must be an object, got ${String(options)}`);
  const { numChecks = 10, delta = 1e-5, rng } = options;
  checkInteger(fn, 'options.numChecks', numChecks, 1);
  return { numChecks, delta, rng };
}

/**
 * min-char-rnn.py's gradCheck on `model`: inputs, targets (T ids each) and hprev [H, 1] default to the chunk and
 * hidden state the next training step would use (`model.nextChunk()`, `model.hprev`). Parameters are restored.
 */
export function minCharRnnGradCheck(
  model: MinCharRnn,
  options: ModelGradCheckOptions & { inputs?: number[]; targets?: number[]; hprev?: Tensor },
): ModelGradCheck {
  const { numChecks, delta, rng } = checkOptions('minCharRnnGradCheck', options);
  const chunk = model.nextChunk();
  const inputs = options.inputs ?? chunk.inputs;
  const targets = options.targets ?? chunk.targets;
  const hprev = options.hprev ?? model.hprev;
  const loss = () => model.lossFun(inputs, targets, hprev);
  const report = sparseGradCheck({ params: model.params, loss, numChecks, delta, rng });
  return judgeGradCheck(report, loss().loss, delta);
}

/**
 * The same check on a batched RecurrentLM: its mean per-token loss on ids x [N, T] against targets y [N, T], from
 * `state` (one entry per layer; zeros when omitted). With dropout, every evaluation draws the same masks (a
 * RandomState(dropoutSeed) made afresh each time), so the loss is one smooth function of the parameters. Every
 * parameter is checked, the fixed reservoir of an echo state network too (listed in `fixed`).
 */
export function recurrentLMGradCheck(
  model: RecurrentLM,
  options: ModelGradCheckOptions & { x: Tensor; y: Tensor; state?: RecurrentState[]; dropoutSeed?: number },
): ModelGradCheck {
  const fn = 'recurrentLMGradCheck';
  const { numChecks, delta, rng } = checkOptions(fn, options);
  const { x, y, state, dropoutSeed = 0 } = options;
  if (!(x instanceof Tensor) || !(y instanceof Tensor) || x.shape.join() !== y.shape.join()) {
    throw new ShapeError(`${fn}: x and y must be id tensors of one shape [N, T]`);
  }
  const train = model.config.dropout > 0;
  const loss = () => {
    const result = model.lossAndGrads(x, y, state, train ? { train, rng: new RandomState(dropoutSeed) } : { train });
    return { loss: result.loss, grads: model.grads };
  };
  const report = sparseGradCheck({ params: model.params, loss, numChecks, delta, rng });
  const { params } = model.trainableParams();
  const fixed = Object.keys(model.params).filter((name) => !(name in params));
  return judgeGradCheck(report, loss().loss, delta, fixed);
}

/**
 * The check as text for a terminal: formatGradCheckTable's entries (with grad-check.py's relative error beside
 * cs231n's), the worst error per parameter, then the rule and the verdict.
 */
export function formatModelGradCheck(check: ModelGradCheck): string {
  const verdict = check.passed
    ? `PASSED: all ${check.report.rows.length} checked entries agree.`
    : `FAILED: ${check.failures.length} of ${check.report.rows.length} checked entries disagree (${[...new Set(check.failures.map((r) => r.param))].join(', ')}).`;
  return [
    formatGradCheckTable(check.report, { originalRelError: true }),
    `rule: an entry passes when its rel error is at most ${check.relTolerance.toExponential(0)}, or |a − n| is at most ` +
      `${check.absTolerance.toExponential(2)} (the noise floor 50·ε·max(1, |loss|)/δ at loss ${check.loss.toFixed(4)}, δ = ${formatStep(check.delta)})`,
    verdict,
  ].join('\n');
}
