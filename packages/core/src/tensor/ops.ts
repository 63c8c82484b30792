/**
 * The elementwise arithmetic the layers need: plain loops over Float64Arrays, no allocation inside loops, and an
 * optional `out` tensor so a training loop can reuse its buffers. Arguments are checked once, on entry. The matrix
 * product is ./matmul.ts.
 */
import { ShapeError, formatShape } from '../errors';
import { checkRank, checkSameShape, checkTensor } from './check';
import { Tensor, zeros } from './tensor';

/** `x + b` with the row vector b broadcast over the rows: x [M, P], b [P] → [M, P]. Also for x [N, T, P]. */
export function addBias(x: Tensor, b: Tensor, out?: Tensor): Tensor {
  checkTensor('addBias', 'x', x);
  checkRank('addBias', 'b', b, 1);
  const P = b.shape[0];
  if (x.rank < 1 || x.shape[x.rank - 1] !== P) {
    throw new ShapeError(`addBias: x has shape ${formatShape(x.shape)}, expected [..., ${P}] (last dimension from b)`);
  }
  const result = outputBuffer('addBias', out, x.shape);
  const X = x.data;
  const B = b.data;
  const R = result.data;
  for (let i = 0; i < X.length; i += P) {
    for (let j = 0; j < P; j++) R[i + j] = X[i + j] + B[j];
  }
  return result;
}

type Binary = (x: number, y: number) => number;

function elementwise2(fn: string, a: Tensor, b: Tensor, f: Binary, out?: Tensor): Tensor {
  checkTensor(fn, 'a', a);
  checkSameShape(fn, 'b', b, a, 'a');
  const result = outputBuffer(fn, out, a.shape);
  const A = a.data;
  const B = b.data;
  const R = result.data;
  for (let i = 0; i < A.length; i++) R[i] = f(A[i], B[i]);
  return result;
}

/** Elementwise a + b (same shapes). */
export function add(a: Tensor, b: Tensor, out?: Tensor): Tensor {
  return elementwise2('add', a, b, (x, y) => x + y, out);
}

/** Elementwise a − b (same shapes). */
export function sub(a: Tensor, b: Tensor, out?: Tensor): Tensor {
  return elementwise2('sub', a, b, (x, y) => x - y, out);
}

/** Elementwise a ⊙ b (same shapes). */
export function mul(a: Tensor, b: Tensor, out?: Tensor): Tensor {
  return elementwise2('mul', a, b, (x, y) => x * y, out);
}

/** `alpha · x`. */
export function scale(x: Tensor, alpha: number, out?: Tensor): Tensor {
  return elementwise1('scale', x, (v) => alpha * v, out);
}

/** In place `y += alpha · x` (BLAS axpy), e.g. to add one gradient into another. Returns y. */
export function addScaledInPlace(y: Tensor, alpha: number, x: Tensor): Tensor {
  checkTensor('addScaledInPlace', 'y', y);
  checkSameShape('addScaledInPlace', 'x', x, y, 'y');
  const Y = y.data;
  const X = x.data;
  for (let i = 0; i < Y.length; i++) Y[i] += alpha * X[i];
  return y;
}

function elementwise1(fn: string, x: Tensor, f: (v: number) => number, out?: Tensor): Tensor {
  checkTensor(fn, 'x', x);
  const result = outputBuffer(fn, out, x.shape);
  const X = x.data;
  const R = result.data;
  for (let i = 0; i < X.length; i++) R[i] = f(X[i]);
  return result;
}

/** Elementwise tanh. */
export function tanh(x: Tensor, out?: Tensor): Tensor {
  return elementwise1('tanh', x, Math.tanh, out);
}

/** Elementwise logistic sigmoid 1 / (1 + e^−x), computed without overflow for large |x|. */
export function sigmoid(x: Tensor, out?: Tensor): Tensor {
  return elementwise1('sigmoid', x, sigmoidScalar, out);
}

/** The logistic sigmoid of one number, stable for large |v| (as cs231n's `sigmoid`). */
export function sigmoidScalar(v: number): number {
  if (v >= 0) return 1 / (1 + Math.exp(-v));
  const e = Math.exp(v);
  return e / (1 + e);
}

/** Elementwise e^x. */
export function exp(x: Tensor, out?: Tensor): Tensor {
  return elementwise1('exp', x, Math.exp, out);
}

/** Elementwise natural logarithm (log of 0 is −Infinity, of a negative number NaN, as numpy). */
export function log(x: Tensor, out?: Tensor): Tensor {
  return elementwise1('log', x, Math.log, out);
}

/** Returns `out` after checking its shape, or a new zero tensor of `shape`. */
export function outputBuffer(fn: string, out: Tensor | undefined, shape: readonly number[]): Tensor {
  if (out === undefined) return zeros(shape);
  checkTensor(fn, 'out', out);
  if (out.rank !== shape.length || out.shape.some((d, i) => d !== shape[i])) {
    throw new ShapeError(`${fn}: out has shape ${formatShape(out.shape)}, expected ${formatShape(shape)} (shape of the result)`);
  }
  return out;
}
