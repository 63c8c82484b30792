/**
 * Reductions over an axis (sum, argmax) and the softmax over the last axis, with numpy's axis semantics:
 * reducing axis k of a [d0, ..., dk, ..., dn] tensor gives [d0, ..., dn] without dk.
 */
import { ValueError, formatShape } from '../errors';
import { checkTensor } from './check';
import { outputBuffer } from './ops';
import { Tensor } from './tensor';

function checkAxis(fn: string, x: Tensor, axis: number): number {
  if (!Number.isInteger(axis) || axis < -x.rank || axis >= x.rank) {
    throw new ValueError(
      `${fn}: axis ${axis} is out of range for shape ${formatShape(x.shape)}, expected an integer in [${-x.rank}, ${x.rank - 1}]`,
    );
  }
  return axis < 0 ? axis + x.rank : axis;
}

/** Splits a shape around `axis` into (outer, length, inner) sizes for strided loops. */
function around(shape: readonly number[], axis: number): { outer: number; length: number; inner: number } {
  let outer = 1;
  let inner = 1;
  for (let i = 0; i < axis; i++) outer *= shape[i];
  for (let i = axis + 1; i < shape.length; i++) inner *= shape[i];
  return { outer, length: shape[axis], inner };
}

/** Sum of all elements (no axis) as a number, or along `axis` as a tensor with that axis removed. */
export function sum(x: Tensor): number;
export function sum(x: Tensor, axis: number, out?: Tensor): Tensor;
export function sum(x: Tensor, axis?: number, out?: Tensor): number | Tensor {
  checkTensor('sum', 'x', x);
  if (axis === undefined) {
    let s = 0;
    for (let i = 0; i < x.data.length; i++) s += x.data[i];
    return s;
  }
  const ax = checkAxis('sum', x, axis);
  const { outer, length, inner } = around(x.shape, ax);
  const result = outputBuffer('sum', out, x.shape.filter((_, i) => i !== ax));
  const X = x.data;
  const R = result.data;
  R.fill(0);
  for (let o = 0; o < outer; o++) {
    for (let l = 0; l < length; l++) {
      const base = (o * length + l) * inner;
      for (let i = 0; i < inner; i++) R[o * inner + i] += X[base + i];
    }
  }
  return result;
}

/**
 * Index of the largest element: of the flattened tensor (no axis) as a number, or along `axis` as a tensor of
 * indices. Ties go to the first index, NaN counts as largest, as numpy.argmax.
 */
export function argmax(x: Tensor): number;
export function argmax(x: Tensor, axis: number): Tensor;
export function argmax(x: Tensor, axis?: number): number | Tensor {
  checkTensor('argmax', 'x', x);
  if (x.size === 0) throw new ValueError('argmax: x is empty, expected at least one element');
  if (axis === undefined) return argmaxStrided(x.data, 0, x.size, 1);
  const ax = checkAxis('argmax', x, axis);
  const { outer, length, inner } = around(x.shape, ax);
  if (length === 0) throw new ValueError(`argmax: axis ${axis} of shape ${formatShape(x.shape)} is empty`);
  const result = outputBuffer('argmax', undefined, x.shape.filter((_, i) => i !== ax));
  for (let o = 0; o < outer; o++) {
    for (let i = 0; i < inner; i++) {
      result.data[o * inner + i] = argmaxStrided(x.data, o * length * inner + i, length, inner);
    }
  }
  return result;
}

function argmaxStrided(data: Float64Array, start: number, length: number, stride: number): number {
  let best = 0;
  let bestValue = data[start];
  for (let l = 1; l < length && !Number.isNaN(bestValue); l++) {
    const v = data[start + l * stride];
    if (v > bestValue || Number.isNaN(v)) {
      best = l;
      bestValue = v;
    }
  }
  return best;
}

/** Softmax over the last axis, shifted by the row maximum so large scores do not overflow. x: [..., V] → [..., V]. */
export function softmax(x: Tensor, out?: Tensor): Tensor {
  checkTensor('softmax', 'x', x);
  if (x.rank === 0) throw new ValueError('softmax: x is a scalar, expected at least one axis');
  const V = x.shape[x.rank - 1];
  const result = outputBuffer('softmax', out, x.shape);
  const X = x.data;
  const R = result.data;
  for (let start = 0; start < X.length; start += V) {
    let max = -Infinity;
    for (let j = 0; j < V; j++) if (X[start + j] > max) max = X[start + j];
    let total = 0;
    for (let j = 0; j < V; j++) {
      const e = Math.exp(X[start + j] - max);
      R[start + j] = e;
      total += e;
    }
    for (let j = 0; j < V; j++) R[start + j] /= total;
  }
  return result;
}
