/**
 * Numerical gradients by centred differences, and the relative error used to compare them with analytic ones.
 * The functions and their names follow cs231n's gradient_check.py (eval_numerical_gradient,
 * eval_numerical_gradient_array, rel_error).
 */
import { ValueError } from '../errors';
import { checkSameShape, checkTensor } from '../tensor/check';
import { Tensor, zerosLike } from '../tensor/tensor';

function checkStep(fn: string, h: number): void {
  if (!(h > 0) || !Number.isFinite(h)) throw new ValueError(`${fn}: h is ${h}, expected a small positive number`);
}

/**
 * Gradient of a scalar function at x: `(f(x + h·eᵢ) − f(x − h·eᵢ)) / 2h` for every element i. x is perturbed in place
 * and restored, so f must read x (closures over the tensor are the usual way). Returns a tensor shaped like x.
 */
export function evalNumericalGradient(f: (x: Tensor) => number, x: Tensor, h = 1e-5): Tensor {
  checkTensor('evalNumericalGradient', 'x', x);
  checkStep('evalNumericalGradient', h);
  const grad = zerosLike(x);
  for (let i = 0; i < x.size; i++) {
    const old = x.data[i];
    x.data[i] = old + h;
    const plus = f(x);
    x.data[i] = old - h;
    const minus = f(x);
    x.data[i] = old;
    grad.data[i] = (plus - minus) / (2 * h);
  }
  return grad;
}

/**
 * Gradient of `sum(f(x) ⊙ df)` at x, for a tensor-valued f and an upstream gradient df shaped like f(x): the numerical
 * counterpart of a layer's backward pass given `dout = df`. x is perturbed in place and restored.
 */
export function evalNumericalGradientArray(f: (x: Tensor) => Tensor, x: Tensor, df: Tensor, h = 1e-5): Tensor {
  checkTensor('evalNumericalGradientArray', 'x', x);
  checkTensor('evalNumericalGradientArray', 'df', df);
  checkStep('evalNumericalGradientArray', h);
  const grad = zerosLike(x);
  for (let i = 0; i < x.size; i++) {
    const old = x.data[i];
    x.data[i] = old + h;
    const plus = f(x).data.slice();
    x.data[i] = old - h;
    const minus = f(x);
    x.data[i] = old;
    checkSameShape('evalNumericalGradientArray', 'df', df, minus, 'f(x)');
    let s = 0;
    for (let j = 0; j < plus.length; j++) s += (plus[j] - minus.data[j]) * df.data[j];
    grad.data[i] = s / (2 * h);
  }
  return grad;
}

/** The largest elementwise relative error `|a − b| / max(1e-8, |a| + |b|)` (cs231n's rel_error). */
export function relError(a: Tensor, b: Tensor): number {
  checkTensor('relError', 'a', a);
  checkSameShape('relError', 'b', b, a, 'a');
  let worst = 0;
  for (let i = 0; i < a.size; i++) {
    const x = a.data[i];
    const y = b.data[i];
    const r = Math.abs(x - y) / Math.max(1e-8, Math.abs(x) + Math.abs(y));
    if (r > worst || Number.isNaN(r)) worst = r;
  }
  return worst;
}
