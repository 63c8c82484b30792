/**
 * What the public and hidden checks of exercise 08 share: fixture lists as tensors, a backward pass's outputs
 * compared one by one with numpy's, and numerical gradients of core's trusted forward passes.
 */
import { tensor } from '@rnnlab/core';
import type { NestedArray, Tensor } from '@rnnlab/core';
import { evalNumericalGradientArray } from '@rnnlab/core/testing';
import { CheckFailure, expectGradient, expectTensor } from '@rnnlab/teaching/check';

/** Every list of a fixture object as a tensor, under the same name. */
export function tensors<K extends string>(lists: Record<K, NestedArray>): Record<K, Tensor> {
  return Object.fromEntries(Object.entries(lists).map(([k, v]) => [k, tensor(v as NestedArray)])) as Record<K, Tensor>;
}

/** Hints per gradient name, for a failing output. */
export type Hints = Partial<Record<string, string>>;

/**
 * Fails unless `got` (a backward pass's result object) holds every output of `expected` (fixture lists) with
 * numpy's values, checked in the order of `expected`'s keys; `what` qualifies the output names (`with the sigmoid`).
 */
export function expectOutputs(
  got: unknown, expected: Record<string, NestedArray>, fn: string, hints: Hints = {}, what = '',
): void {
  if (got === null || typeof got !== 'object') {
    throw new CheckFailure({ fn, output: 'the result', problem: `should be an object { ${Object.keys(expected).join(', ')} }` });
  }
  for (const [name, values] of Object.entries(expected)) {
    expectTensor((got as Record<string, unknown>)[name], tensor(values), { fn, output: `${name}${what}`, hint: hints[name] });
  }
}

/**
 * Numerical gradients of Σ forward() ⊙ dout with respect to each of `inputs` (cs231n's eval_numerical_gradient_array),
 * by name with a d in front (x → dx, prevH → dprevH); `forward` reads the inputs, which are moved in place.
 */
export function numericalGradients(inputs: Record<string, Tensor>, forward: () => Tensor, dout: Tensor): Record<string, Tensor> {
  return Object.fromEntries(Object.entries(inputs).map(([k, t]) => [`d${k}`, evalNumericalGradientArray(() => forward(), t, dout)]));
}

/** Fails unless every gradient of `got` matches its numerical gradient (cs231n's relative error ≤ `tolerance`). */
export function expectNumerical(got: unknown, numerical: Record<string, Tensor>, fn: string, hints: Hints = {}, tolerance = 1e-6): void {
  for (const [name, n] of Object.entries(numerical)) {
    expectGradient((got as Record<string, unknown> | null)?.[name], n, { fn, output: name, hint: hints[name], tolerance });
  }
}

/**
 * Runs a core backward pass on the student's cache: fails, naming the student's forward pass, when core cannot use
 * it (a field missing or misnamed) or gets other gradients than from its own cache.
 */
export function expectUsableCache(fn: string, backward: () => Record<string, Tensor | null>, reference: Record<string, Tensor | null>): void {
  let grads: Record<string, Tensor | null>;
  try {
    grads = backward();
  } catch (error) {
    throw new CheckFailure({
      fn, output: 'cache', problem: `does not work with core's backward pass: ${(error as Error).message}`,
      hint: 'return the cache with the field names the doc comment lists (core\'s), holding the forward pass\'s own tensors',
    });
  }
  for (const [name, t] of Object.entries(reference)) {
    if (t !== null) expectTensor(grads[name], t, { fn, output: `the cache (core's backward pass on it gives a wrong ${name})` });
  }
}
