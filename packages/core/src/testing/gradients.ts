/**
 * Gradient checks for tests and graders: the relative errors of analytic gradients against centred differences
 * (cs231n's eval_numerical_gradient[_array] and rel_error, in ../gradcheck/numerical.ts), and a norm-based error for
 * gradients with many tiny entries.
 */
import { evalNumericalGradient, evalNumericalGradientArray, relError } from '../gradcheck/numerical';
import type { Tensor } from '../tensor/tensor';

/** sum(a ⊙ b): the scalar loss whose gradient with respect to a is b. */
export const dot = (a: Tensor, b: Tensor): number => a.data.reduce((s, v, i) => s + v * b.data[i], 0);

/**
 * Relative error of whole gradient tensors, ‖a − n‖ / (‖a‖ + ‖n‖) (at least 1e-12 in the denominator). For gradients
 * with many tiny entries, where the centred difference's own round-off dominates cs231n's elementwise max; the
 * norm-based measure still catches any wrong term (a bug shows up as ~1e-2 or worse).
 */
export function normRelError(a: Tensor, b: Tensor): number {
  let diff = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < a.size; i++) {
    diff += (a.data[i] - b.data[i]) ** 2;
    na += a.data[i] ** 2;
    nb += b.data[i] ** 2;
  }
  return Math.sqrt(diff) / Math.max(1e-12, Math.sqrt(na) + Math.sqrt(nb));
}

/**
 * relError (cs231n's elementwise max) of each analytic gradient against the numerical gradient of a scalar `loss`
 * with respect to the input of the same name, in the order of `inputs`. The inputs are perturbed in place, so `loss`
 * must re-run the forward pass reading them.
 */
export function gradientErrors<K extends string>(
  analytic: Record<NoInfer<K>, Tensor>, inputs: Record<K, Tensor>, loss: () => number,
): { name: K; error: number }[] {
  return (Object.entries(inputs) as [K, Tensor][]).map(([name, t]) => ({
    name, error: relError(analytic[name], evalNumericalGradient(loss, t)),
  }));
}

/**
 * As `gradientErrors` for a tensor-valued `f` and its upstream gradient `dout`: the numerical gradient is that of
 * sum(f() ⊙ dout) (cs231n's eval_numerical_gradient_array).
 */
export function gradientErrorsArray<K extends string>(
  analytic: Record<NoInfer<K>, Tensor>, inputs: Record<K, Tensor>, f: () => Tensor, dout: Tensor,
): { name: K; error: number }[] {
  return (Object.entries(inputs) as [K, Tensor][]).map(([name, t]) => ({
    name, error: relError(analytic[name], evalNumericalGradientArray(f, t, dout)),
  }));
}
