/**
 * Tensor helpers for tests and graders: slicing a time range, seeded ids, parameters as plain arrays, and the
 * elementwise comparison a grader turns into feedback (which elements differ, where, and by how much).
 *
 * Legend: N batch, T time, D features per step, K number of ids.
 */
import { formatIndex } from '../layers/one-hot';
import type { ParamMap } from '../modules/module';
import type { RandomState } from '../random';
import { checkSameShape, checkTensor } from '../tensor/check';
import { Tensor, zeros } from '../tensor/tensor';

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

/** max |actual − expected| / (1 + |expected|) over all elements of two tensors of the same shape. */
export function maxScaledDiff(actual: Tensor, expected: Tensor): number {
  checkTensor('maxScaledDiff', 'actual', actual);
  checkSameShape('maxScaledDiff', 'expected', expected, actual, 'actual');
  let worst = 0;
  for (let i = 0; i < expected.size; i++) {
    const d = Math.abs(actual.data[i] - expected.data[i]) / (1 + Math.abs(expected.data[i]));
    if (d > worst || Number.isNaN(d)) worst = d;
  }
  return worst;
}

/** Tolerances of `compareTensors`: an element agrees when |actual − expected| ≤ atol + rtol·|expected| (numpy's isclose). */
export interface CompareOptions {
  /** Relative tolerance, default 1e-7. */
  rtol?: number;
  /** Absolute tolerance, default 1e-10. */
  atol?: number;
  /** How many disagreeing elements to list, default 3. */
  limit?: number;
}

/** One element where two tensors disagree: its flat position, its full index (`[1, 2]`), and both values. */
export interface ElementDifference {
  flat: number;
  index: string;
  actual: number;
  expected: number;
}

/** What `compareTensors` found: how many elements disagree, the first few, and the largest relative error. */
export interface TensorComparison {
  mismatchCount: number;
  /** The first `limit` disagreeing elements, in row-major order. */
  first: ElementDifference[];
  /** max |a − e| / max(1e-8, |a| + |e|) over all elements (cs231n's rel_error; NaN when an element is NaN). */
  maxRelError: number;
}

/**
 * Compares `actual` with `expected` (same shape) elementwise with numpy's isclose rule. A NaN or infinite element of
 * `actual` agrees only with the identical value. Throws a ShapeError when the shapes differ.
 */
export function compareTensors(actual: Tensor, expected: Tensor, options: CompareOptions = {}): TensorComparison {
  const { rtol = 1e-7, atol = 1e-10, limit = 3 } = options;
  checkTensor('compareTensors', 'actual', actual);
  checkSameShape('compareTensors', 'expected', expected, actual, 'actual');
  const first: ElementDifference[] = [];
  let mismatchCount = 0;
  let maxRelError = 0;
  for (let i = 0; i < expected.size; i++) {
    const a = actual.data[i];
    const e = expected.data[i];
    const same = a === e || Math.abs(a - e) <= atol + rtol * Math.abs(e);
    const rel = a === e ? 0 : Math.abs(a - e) / Math.max(1e-8, Math.abs(a) + Math.abs(e));
    if (rel > maxRelError || Number.isNaN(rel)) maxRelError = rel;
    if (same) continue;
    mismatchCount++;
    if (first.length < limit) first.push({ flat: i, index: formatIndex(expected.shape, i), actual: a, expected: e });
  }
  return { mismatchCount, first, maxRelError };
}
