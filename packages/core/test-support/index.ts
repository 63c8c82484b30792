/**
 * Helpers the core's tests share: the vitest layer (exact error assertions, golden-value comparisons that fail with
 * expect) over the runner-free helpers of ../src/testing (fixture inputs, numerical gradient checks, tensor
 * comparisons), which it re-exports. It sits outside src/, so the build (tsconfig.build.json) never compiles it and
 * dist never imports vitest; the root tsconfig.json typechecks it.
 */
import { expect } from 'vitest';
import { NestedArray, Tensor, tensor } from '../src/tensor/tensor';
import { maxScaledDiff } from '../src/testing';

export * from '../src/testing';

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
  return maxScaledDiff(actual, e);
}

/** Asserts |a − e| ≤ tolerance·(1 + |e|) elementwise for nested arrays of the same size ([N, H] or [N, T, H]). */
export function expectClose(actual: number[][] | number[][][], expected: number[][] | number[][][], tolerance = 1e-14): void {
  const [a, e] = [actual.flat(2) as number[], expected.flat(2) as number[]];
  expect(a.length).toBe(e.length);
  a.forEach((v, i) => expect(Math.abs(v - e[i])).toBeLessThanOrEqual(tolerance * (1 + Math.abs(e[i]))));
}
