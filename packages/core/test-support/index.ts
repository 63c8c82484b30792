/**
 * Helpers the core's tests share: exact error assertions, golden-value comparisons, inputs rebuilt from the fixtures'
 * linspace specs, and gradient checks against centred differences (cs231n's eval_numerical_gradient[_array] and
 * rel_error). It sits outside src/, so the build (tsconfig.build.json) never compiles it and dist never imports vitest;
 * the root tsconfig.json typechecks it.
 *
 * Legend: N batch, T time, D features per step, K number of ids.
 */
import { expect } from 'vitest';
import { evalNumericalGradient, evalNumericalGradientArray, relError } from '../src/gradcheck/numerical';
import type { ParamMap } from '../src/modules/module';
import type { RandomState } from '../src/random';
import { NestedArray, Tensor, linspace, shapeSize, tensor, zeros } from '../src/tensor/tensor';

/** Asserts that `f` throws an instance of `cls` whose message is exactly `message`. */
export function expectError(f: () => unknown, cls: new (...args: never[]) => Error, message: string): void {
  let error: unknown;
  try {
    f();
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(cls);
  expect((error as Error).message).toBe(message);
}

/** max |actual − expected| / (1 + |expected|) over all elements, after asserting that the shapes agree. */
export function scaledDiff(actual: Tensor, expected: NestedArray): number {
  const e = tensor(expected);
  expect(actual.shape).toEqual(e.shape);
  let worst = 0;
  for (let i = 0; i < e.size; i++) worst = Math.max(worst, Math.abs(actual.data[i] - e.data[i]) / (1 + Math.abs(e.data[i])));
  return worst;
}

/** Asserts |a − e| ≤ tolerance·(1 + |e|) elementwise for nested arrays of the same size ([N, H] or [N, T, H]). */
export function expectClose(actual: number[][] | number[][][], expected: number[][] | number[][][], tolerance = 1e-14): void {
  const [a, e] = [actual.flat(2) as number[], expected.flat(2) as number[]];
  expect(a.length).toBe(e.length);
  a.forEach((v, i) => expect(Math.abs(v - e[i])).toBeLessThanOrEqual(tolerance * (1 + Math.abs(e[i]))));
}

/** linspace(lo, hi, size).reshape(shape): the fixtures' deterministic inputs, as the cs231n notebooks make them. */
export function linspaced(lo: number, hi: number, shape: number[]): Tensor {
  return linspace(lo, hi, shapeSize(shape)).reshape(shape);
}

/** A fixture input written as its linspace: `{ linspace: [lo, hi], shape }`. */
export interface LinspaceSpec {
  linspace: number[];
  shape: number[];
}

/** The tensor a `LinspaceSpec` describes. */
export const build = (s: LinspaceSpec): Tensor => linspaced(s.linspace[0], s.linspace[1], s.shape);

/** Every spec of a fixture's `inputs`, built, under the same names (undefined only types an input other cases have). */
export function buildAll(specs: Record<string, LinspaceSpec | undefined>): Record<string, Tensor> {
  return Object.fromEntries(Object.entries(specs).flatMap(([k, s]) => (s === undefined ? [] : [[k, build(s)]])));
}

/** sum(a ⊙ b): the scalar loss whose gradient with respect to a is b. */
export const dot = (a: Tensor, b: Tensor): number => a.data.reduce((s, v, i) => s + v * b.data[i], 0);

/** Steps [from, to) of a sequence x [N, T, D], as a new tensor [N, to − from, D] (x[:, from:to, :]). */
export function sliceTime(x: Tensor, from: number, to: number): Tensor {
  const [N, T, D] = x.shape;
  const out = zeros([N, to - from, D]);
  for (let n = 0; n < N; n++) out.data.set(x.data.subarray((n * T + from) * D, (n * T + to) * D), n * (to - from) * D);
  return out;
}

/** Ids [N, T] drawn as rng.randint(0, K, [N, T]), as a float tensor (what the models take). */
export function randomIds(rng: RandomState, N: number, T: number, K: number): Tensor {
  return new Tensor(Float64Array.from((rng.randint(0, K, [N, T]) as Tensor).data), [N, T]);
}

/** Every tensor of a map as a plain array of its elements, for toEqual against fixtures. */
export function flatParams(map: ParamMap): Record<string, number[]> {
  return Object.fromEntries(Object.entries(map).map(([k, t]) => [k, Array.from(t.data)]));
}

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

/**
 * How far a fast kernel's result is from its readable twin's: max |fast − readable| over max |readable| (the scale of
 * the tensor), so entries near zero are not held to a relative bound their rounding cannot meet.
 */
export function twinDifference(fast: Tensor, readable: Tensor): number {
  let diff = 0;
  let scale = 0;
  for (let i = 0; i < readable.size; i++) {
    diff = Math.max(diff, Math.abs(fast.data[i] - readable.data[i]));
    scale = Math.max(scale, Math.abs(readable.data[i]));
  }
  return Number.isNaN(diff) || fast.size !== readable.size ? Infinity : diff / Math.max(scale, 1e-300);
}

/** The tolerance of a fast kernel against its readable twin: 1e-12 in float64, float32 rounding in float32. */
export const TWIN_TOLERANCE = { float64: 1e-12, float32: 2e-5 } as const;
