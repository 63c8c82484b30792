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
