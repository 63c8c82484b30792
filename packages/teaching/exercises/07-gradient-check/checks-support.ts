/**
 * What the public and hidden checks of exercise 07 share: the functions the student's code differentiates, sent as
 * childFunction sources (each the same function fixtures/make_fixtures.py differentiates with numpy), and the
 * comparison of sparseGradCheck's rows with numpy's.
 */
import { tensor } from '@rnnlab/core';
import type { Tensor } from '@rnnlab/core';
import { CheckFailure, childFunction, expectEqual, expectTensor } from '@rnnlab/teaching/check';
import type { GradCheckRow, LossAndGrads, ParamMap } from './exercise';

type Core = typeof import('@rnnlab/core');

/** A childFunction, typed as the function argument the student's signature declares (it arrives as one). */
const asArgument = <F>(marked: ReturnType<typeof childFunction>) => marked as unknown as F;

/** Scalar functions of x for evalNumericalGradient (make_fixtures.py: f_tanh_cubic, f_coupled). */
export const scalarFunctions = {
  /** Σ tanh(x)·(x·x): each element on its own. */
  tanhCubic: asArgument<(x: Tensor) => number>(childFunction((core: Core, x: Tensor) => core.sum(core.mul(core.tanh(x), core.mul(x, x))))),
  /** tanh(Σx)·Σx²: every element's slope depends on the others, so x must be restored between elements. */
  coupled: asArgument<(x: Tensor) => number>(childFunction((core: Core, x: Tensor) => Math.tanh(core.sum(x)) * core.sum(core.mul(x, x)))),
};

/** Tensor-valued functions for evalNumericalGradientArray (make_fixtures.py: f_affine_tanh, f_identity). */
export const tensorFunctions = {
  /** tanh(x·W), W = linspace(−1, 1, 12) as [4, 3]: x [N, 4] → [N, 3]. */
  affineTanh: asArgument<(x: Tensor) => Tensor>(childFunction((core: Core, x: Tensor) => core.tanh(core.matmul(x, core.linspace(-1, 1, 12).reshape([4, 3]))))),
  /** x itself, not a copy. */
  identity: asArgument<(x: Tensor) => Tensor>(childFunction((_core: Core, x: Tensor) => x)),
};

/**
 * min-char-rnn's lossFun (core's MinCharRnn, a line-for-line port of Karpathy's) on fixed inputs and targets from a
 * zero hprev, as a function of the params { Wxh, Whh, Why, bh, by }; with `clip`, its gradients clipped to [−5, 5]
 * as grad-check.py's lossFun returns them. The ids are written into the function's source, which must stand alone.
 */
function minCharRnnLoss(inputs: number[], targets: number[], clip: boolean): (params: ParamMap) => LossAndGrads {
  const body = `
    const [H, V] = params.Wxh.shape;
    const model = new core.MinCharRnn({ data: [0, 0, 0], vocabSize: V, hiddenSize: H, seqLength: 1, seed: 0 });
    for (const name of Object.keys(params)) model.params[name].data.set(params[name].data);
    const result = model.lossFun(${JSON.stringify(inputs)}, ${JSON.stringify(targets)}, core.zeros([H, 1]));
    ${clip ? 'core.clipGradsElementwise(result.grads, 5);' : ''}
    return { loss: result.loss, grads: result.grads };`;
  return asArgument(childFunction(new Function('core', 'params', body) as (core: Core, params: ParamMap) => LossAndGrads));
}

/** The unclipped and the clipped loss of a fixture's sparse case. */
export function lossFunctions(sparse: { inputs: number[]; targets: number[] }) {
  return { unclipped: minCharRnnLoss(sparse.inputs, sparse.targets, false), clipped: minCharRnnLoss(sparse.inputs, sparse.targets, true) };
}

/** A fixture's params as fresh tensors. */
export const paramsOf = (sparse: { params: Record<string, number[][]> }): ParamMap =>
  Object.fromEntries(Object.entries(sparse.params).map(([k, v]) => [k, tensor(v)]));

/** A row as numpy wrote it (karpathyRelError is null where grad-check.py's formula gives NaN). */
export interface FixtureRow {
  param: string;
  index: number;
  numerical: number;
  analytic: number;
  relError: number;
}

const cs231nRelError = (a: number, n: number) => Math.abs(a - n) / Math.max(1e-8, Math.abs(a) + Math.abs(n));

/**
 * Compares sparseGradCheck's result with numpy's rows: first which entries were checked, then the chosen fields.
 * Numerical gradients agree to 1e-6 (a centred difference of a loss near 10 carries ~1e-10 of round-off); a relative
 * error below 1e-6 is round-off itself, so there it must be cs231n's formula applied to the row's own two gradients.
 */
export function expectRows(
  got: { rows: GradCheckRow[]; maxRelError: number },
  expected: FixtureRow[],
  fields: { numerical?: boolean; analytic?: boolean; relError?: boolean },
): void {
  const fn = 'sparseGradCheck';
  if (!Array.isArray(got?.rows)) throw new CheckFailure({ fn, output: 'rows', problem: 'should be an array of { param, index, numerical, analytic, relError }' });
  expectEqual(got.rows.map((r) => [r.param, r.index]), expected.map((r) => [r.param, r.index]), {
    fn, output: 'the [param, index] of each row', hint: 'index = Math.floor(rng.uniform(0, p.size)), numChecks per parameter, in key order',
  });
  const column = (rows: FixtureRow[], key: 'numerical' | 'analytic' | 'relError') => tensor(rows.map((r) => r[key]));
  if (fields.numerical) {
    expectTensor(column(got.rows, 'numerical'), column(expected, 'numerical'), {
      fn, output: 'rows[·].numerical', rtol: 1e-6, atol: 1e-9,
      hint: '(L(θ + δ) − L(θ − δ)) / 2δ with only that entry moved, and the entry put back after each check',
    });
  }
  if (fields.analytic) {
    expectTensor(column(got.rows, 'analytic'), column(expected, 'analytic'), {
      fn, output: 'rows[·].analytic', rtol: 1e-9, atol: 1e-12,
      hint: 'the analytic gradients come from one loss(params) call before anything is moved',
    });
  }
  if (fields.relError) {
    const wanted = expected.map((r, k) => (r.relError > 1e-6 ? r.relError : cs231nRelError(got.rows[k].analytic, got.rows[k].numerical)));
    expectTensor(column(got.rows, 'relError'), tensor(wanted), {
      fn, output: 'rows[·].relError', rtol: 1e-6, atol: 1e-15, hint: 'cs231n’s |a − n| / max(1e-8, |a| + |n|): 0 when both are 0',
    });
    expectTensor(tensor([got.maxRelError]), tensor([Math.max(0, ...wanted)]), { fn, output: 'maxRelError', rtol: 1e-6, atol: 1e-15 });
  }
}
