/**
 * Checks of a layer's forward/backward pair (cs231n style: a forward pass returning a cache, a backward pass returning
 * an object of named gradients): golden outputs compared field by field, numerical gradients of the core's trusted
 * forward pass for every input, and whether the core's backward pass works on the student's cache.
 */
import { Tensor, tensor } from '@rnnlab/core';
import type { NestedArray } from '@rnnlab/core';
import { evalNumericalGradientArray } from '@rnnlab/core/testing';
import { expectGradient, expectTensor } from './compare.js';
import { CheckFailure } from './failure.js';

/** Every nested list of a fixture object (numpy's `.tolist()`) as a core Tensor, under the same name. */
export function tensorsOf<K extends string>(lists: Record<K, NestedArray>): Record<K, Tensor> {
  return Object.fromEntries(Object.entries(lists).map(([k, v]) => [k, tensor(v as NestedArray)])) as Record<K, Tensor>;
}

/** Which function's result is checked; hints per output name; `qualifier` follows each output's name (` (sigmoid)`). */
export interface OutputsSubject {
  fn: string;
  hints?: Partial<Record<string, string>>;
  qualifier?: string;
}

/**
 * Fails unless `got` is an object holding, under each name of `expected`, a tensor equal to it (expectTensor's
 * default tolerances), checked in the order of `expected`'s keys so the first wrong output is named.
 */
export function expectOutputs(got: unknown, expected: Record<string, Tensor | NestedArray>, subject: OutputsSubject): void {
  const { fn, hints = {}, qualifier = '' } = subject;
  if (got === null || typeof got !== 'object') {
    throw new CheckFailure({ fn, output: 'the result', problem: `should be an object { ${Object.keys(expected).join(', ')} }` });
  }
  for (const [name, values] of Object.entries(expected)) {
    const want = values instanceof Tensor ? values : tensor(values);
    expectTensor((got as Record<string, unknown>)[name], want, { fn, output: `${name}${qualifier}`, hint: hints[name] });
  }
}

/**
 * Numerical gradients of Σ forward() ⊙ dout with respect to each of `inputs` (cs231n's eval_numerical_gradient_array),
 * keyed by the gradient's name, d + the input's (x → dx, prevH → dprevH). `forward` must read the inputs, which are
 * moved in place one element at a time and restored.
 */
export function numericalGradients(inputs: Record<string, Tensor>, forward: () => Tensor, dout: Tensor): Record<string, Tensor> {
  return Object.fromEntries(Object.entries(inputs).map(([k, t]) => [`d${k}`, evalNumericalGradientArray(() => forward(), t, dout)]));
}

/** Fails unless every gradient named in `numerical` is in `got` and matches it (expectGradient, default 1e-6). */
export function expectGradients(got: unknown, numerical: Record<string, Tensor>, subject: OutputsSubject & { tolerance?: number }): void {
  const { fn, hints = {}, qualifier = '', tolerance } = subject;
  for (const [name, n] of Object.entries(numerical)) {
    const value = got !== null && typeof got === 'object' ? (got as Record<string, unknown>)[name] : undefined;
    expectGradient(value, n, { fn, output: `${name}${qualifier}`, hint: hints[name], tolerance });
  }
}

/**
 * Runs the core's backward pass on the cache of the student's forward pass `fn`: fails, naming `fn`, when the core
 * cannot use it (a field missing, misnamed or of the wrong shape), or gets other gradients than `reference` (the
 * core's backward pass on the core's own cache).
 */
export function expectUsableCache(fn: string, backward: () => object, reference: object): void {
  let grads: Record<string, unknown>;
  try {
    grads = backward() as Record<string, unknown>;
  } catch (error) {
    throw new CheckFailure({
      fn, output: 'cache', problem: `does not work with the core's backward pass: ${(error as Error).message}`,
      hint: 'return the cache with the field names the doc comment lists (the core\'s), holding the forward pass\'s own values',
    });
  }
  for (const [name, t] of Object.entries(reference)) {
    if (t instanceof Tensor) expectTensor(grads[name], t, { fn, output: `cache (the core's backward pass on it gives a wrong ${name})` });
  }
}
