/**
 * Exercise 07 — gradient check: how we know a hand-written backward pass is right. The analytic gradient is compared
 * with a numerical one, the slope of the loss measured by moving one input at a time (cs231n's gradient_check.py):
 *
 *     df/dx_i ≈ (f(x + h·e_i) − f(x − h·e_i)) / 2h                 centred difference, error O(h²)
 *     for a tensor-valued f with upstream gradient df:  the same for the scalar Σ f(x) ⊙ df
 *     relError(a, n) = max_i |a_i − n_i| / max(1e-8, |a_i| + |n_i|)   (cs231n's rel_error)
 *
 * For a whole model, Karpathy's grad-check.py checks only a few random entries of each parameter, with the loss
 * itself as f (sparseGradCheck below). e_i is the i-th unit vector (one element 1, the rest 0); elements are
 * numbered in row-major order, as `t.data` holds them.
 *
 * Functions arrive as arguments: `f(x)` must be called with the tensor you moved (it reads it), and x must be exactly
 * as it was when you return. Use core's tensors (`zerosLike(x)`, `t.data`, `t.size`, `t.clone()`) and plain loops.
 */
import { NotImplementedError, RandomState, Tensor, zerosLike } from '@rnnlab/core';

/**
 * The numerical gradient of a scalar function by centred differences (cs231n's eval_numerical_gradient): for every
 * element i of x, (f(x + h·e_i) − f(x − h·e_i)) / 2h. Moves x[i] in place, calls f(x), and restores x[i] before the
 * next element.
 * @param f a scalar function of x (any shape); it reads the tensor it is given
 * @param x the point, any shape; unchanged when the function returns
 * @param h the step, default 1e-5
 * @returns the gradient, shaped like x
 */
export function evalNumericalGradient(f: (x: Tensor) => number, x: Tensor, h = 1e-5): Tensor {
  // BEGIN SOLUTION
  const grad = zerosLike(x);
  // Stryker disable next-line EqualityOperator: equivalent, i = x.size only calls f twice more at x and writes past the end of a Float64Array
  for (let i = 0; i < x.size; i++) {
    const old = x.data[i];
    x.data[i] = old + h;
    const fPlus = f(x); // f(x + h·e_i)
    x.data[i] = old - h;
    const fMinus = f(x); // f(x − h·e_i)
    x.data[i] = old; // restore x before moving the next element
    grad.data[i] = (fPlus - fMinus) / (2 * h);
  }
  return grad;
  // END SOLUTION
}

/**
 * The numerical gradient of Σ f(x) ⊙ df for a tensor-valued f (cs231n's eval_numerical_gradient_array): the
 * numerical counterpart of a layer's backward pass given the upstream gradient `dout = df`. For every element i of x:
 * Σ_j (f(x + h·e_i)_j − f(x − h·e_i)_j)·df_j / 2h. f may return x itself or a tensor sharing its data, so copy
 * f(x + h·e_i) before moving x again.
 * @param f a function of x (any shape) returning a tensor shaped like df
 * @param x the point, any shape; unchanged when the function returns
 * @param df the upstream gradient, shaped like f(x)
 * @param h the step, default 1e-5
 * @returns the gradient, shaped like x
 */
export function evalNumericalGradientArray(f: (x: Tensor) => Tensor, x: Tensor, df: Tensor, h = 1e-5): Tensor {
  // BEGIN SOLUTION
  const grad = zerosLike(x);
  // Stryker disable next-line EqualityOperator: equivalent, i = x.size only calls f twice more at x and writes past the end of a Float64Array
  for (let i = 0; i < x.size; i++) {
    const oldValue = x.data[i];
    x.data[i] = oldValue + h;
    const pos = f(x).clone(); // a copy: f(x) may share its data with x, which the next line changes
    x.data[i] = oldValue - h;
    const neg = f(x).clone();
    x.data[i] = oldValue;
    let slope = 0;
    for (let j = 0; j < df.size; j++) slope += (pos.data[j] - neg.data[j]) * df.data[j];
    grad.data[i] = slope / (2 * h);
  }
  return grad;
  // END SOLUTION
}

/**
 * cs231n's relative error of two tensors of the same shape: the largest elementwise |a − b| / max(1e-8, |a| + |b|).
 * It lies in [0, 1]; 1e-8 keeps 0 / 0 (both exactly zero) at 0. A NaN element makes the result NaN.
 * @param a a tensor (the analytic gradient), any shape
 * @param b a tensor of the same shape (the numerical gradient)
 * @returns the largest relative error
 */
export function relError(a: Tensor, b: Tensor): number {
  // BEGIN SOLUTION
  let worst = 0;
  for (let i = 0; i < a.size; i++) {
    const diff = Math.abs(a.data[i] - b.data[i]);
    const error = diff / Math.max(1e-8, Math.abs(a.data[i]) + Math.abs(b.data[i]));
    worst = Math.max(worst, error); // Math.max with a NaN is NaN: a NaN is never hidden
  }
  return worst;
  // END SOLUTION
}

/**
 * The relative error grad-check.py prints for one entry: |analytic − numerical| / |numerical + analytic|.
 * (Infinite or NaN when the two cancel or are both 0: see the README.)
 * @param analytic one entry of the analytic gradient
 * @param numerical the same entry of the numerical gradient
 * @returns the relative error
 */
export function gradCheckRelError(analytic: number, numerical: number): number {
  // BEGIN SOLUTION
  return Math.abs(analytic - numerical) / Math.abs(numerical + analytic);
  // END SOLUTION
}

/** Parameters (or their gradients) by name: `{ Wxh, Whh, Why, bh, by }`, each a tensor of any shape. */
export type ParamMap = Record<string, Tensor>;

/** What the loss function of `sparseGradCheck` returns: the loss and its gradients, keyed like the params. */
export interface LossAndGrads {
  loss: number;
  grads: ParamMap;
}

/** Options of `sparseGradCheck` (the names of core's `sparseGradCheck`). */
export interface SparseGradCheckOptions {
  /** The parameters to check, by name; moved in place one entry at a time and restored. */
  params: ParamMap;
  /** The loss at `params` and its analytic gradients; it reads the params it is given. */
  loss: (params: ParamMap) => LossAndGrads;
  /** Chooses the entries: `Math.floor(rng.uniform(0, p.size))` per check, and no other call. */
  rng: RandomState;
  /** Entries checked per parameter, default 10. */
  numChecks?: number;
  /** The step δ, default 1e-5. */
  delta?: number;
}

/** One checked entry: the parameter, the entry's flat index, both gradients and cs231n's relative error. */
export interface GradCheckRow {
  param: string;
  index: number;
  numerical: number;
  analytic: number;
  relError: number;
}

/**
 * Karpathy's gradCheck (grad-check.py) with a seeded generator. Calls `loss(params)` once for the analytic
 * gradients; then, parameter by parameter in the order of `params`' keys, `numChecks` times: draws the entry
 * `index = Math.floor(rng.uniform(0, p.size))` (numpy's `int(rng.uniform(0, param.size))`, exactly this call and no
 * other), computes the loss with that entry moved by +δ and by −δ, restores it, and records a row with
 * numerical = (L(+δ) − L(−δ)) / 2δ, the analytic gradient's entry, and relError = |a − n| / max(1e-8, |a| + |n|).
 * @param options params, loss, rng, numChecks (default 10), delta (default 1e-5)
 * @returns the rows in the order they were checked, and the largest relError among them (0 for no rows)
 */
export function sparseGradCheck(options: SparseGradCheckOptions): { rows: GradCheckRow[]; maxRelError: number } {
  // BEGIN SOLUTION
  const { params, loss, rng, numChecks = 10, delta = 1e-5 } = options;
  const { grads } = loss(params); // the analytic gradients, at the unmoved params
  const rows: GradCheckRow[] = [];
  for (const [name, p] of Object.entries(params)) {
    for (let check = 0; check < numChecks; check++) {
      const index = Math.floor(rng.uniform(0, p.size));
      const saved = p.data[index];
      p.data[index] = saved + delta;
      const lossPlus = loss(params).loss;
      p.data[index] = saved - delta;
      const lossMinus = loss(params).loss;
      p.data[index] = saved; // reset the entry before the next check
      const numerical = (lossPlus - lossMinus) / (2 * delta);
      const analytic = grads[name].data[index];
      const error = Math.abs(analytic - numerical) / Math.max(1e-8, Math.abs(analytic) + Math.abs(numerical));
      rows.push({ param: name, index, numerical, analytic, relError: error });
    }
  }
  return { rows, maxRelError: Math.max(0, ...rows.map((r) => r.relError)) };
  // END SOLUTION
}
