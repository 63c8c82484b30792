/**
 * The arithmetic the recurrent layers need, written for speed: plain loops over Float64Arrays, no allocation inside
 * loops, and an optional `out` tensor so a training loop can reuse its buffers. Arguments are checked once, on entry.
 *
 * Legend: M, K, P are matrix dimensions (a is [M, K], b is [K, P]).
 */
import { ShapeError, formatShape } from '../errors';
import { checkRank, checkSameShape, checkTensor } from './check';
import { Tensor, zeros } from './tensor';

/** Options of `matmul`. */
export interface MatmulOptions {
  /** Use aᵀ instead of a. */
  transA?: boolean;
  /** Use bᵀ instead of b. */
  transB?: boolean;
  /** Write the product here ([M, P]) instead of a new tensor. */
  out?: Tensor;
  /** Add the product to `out` instead of overwriting it (for gradients summed over time steps). */
  accumulate?: boolean;
}

/**
 * Matrix product `op(a)·op(b)` of 2-D tensors, where op transposes when `transA`/`transB` is set.
 * a: [M, K] (or [K, M] with transA), b: [K, P] (or [P, K] with transB) → [M, P].
 */
export function matmul(a: Tensor, b: Tensor, options: MatmulOptions = {}): Tensor {
  const { transA = false, transB = false, accumulate = false } = options;
  checkRank('matmul', 'a', a, 2);
  checkRank('matmul', 'b', b, 2);
  const [M, K] = transA ? [a.shape[1], a.shape[0]] : [a.shape[0], a.shape[1]];
  const [Kb, P] = transB ? [b.shape[1], b.shape[0]] : [b.shape[0], b.shape[1]];
  if (Kb !== K) {
    const expected = transB ? `[*, ${K}]` : `[${K}, *]`;
    throw new ShapeError(
      `matmul: b has shape ${formatShape(b.shape)}, expected ${expected} (inner dimension from ${transA ? 'aᵀ' : 'a'})`,
    );
  }
  const out = outputBuffer('matmul', options.out, [M, P]);
  if (accumulate && options.out === undefined) {
    throw new ShapeError('matmul: accumulate needs an out tensor to add into');
  }
  const A = a.data;
  const B = b.data;
  const C = out.data;
  if (!accumulate) C.fill(0);
  if (!transA && !transB) {
    for (let i = 0; i < M; i++) {
      const ci = i * P;
      for (let k = 0; k < K; k++) {
        const aik = A[i * K + k];
        if (aik === 0) continue;
        const bk = k * P;
        for (let j = 0; j < P; j++) C[ci + j] += aik * B[bk + j];
      }
    }
  } else if (!transA && transB) {
    for (let i = 0; i < M; i++) {
      const ai = i * K;
      for (let j = 0; j < P; j++) {
        const bj = j * K;
        let s = 0;
        for (let k = 0; k < K; k++) s += A[ai + k] * B[bj + k];
        C[i * P + j] += s;
      }
    }
  } else if (transA && !transB) {
    for (let k = 0; k < K; k++) {
      const ak = k * M;
      const bk = k * P;
      for (let i = 0; i < M; i++) {
        const aki = A[ak + i];
        if (aki === 0) continue;
        const ci = i * P;
        for (let j = 0; j < P; j++) C[ci + j] += aki * B[bk + j];
      }
    }
  } else {
    for (let i = 0; i < M; i++) {
      for (let j = 0; j < P; j++) {
        let s = 0;
        for (let k = 0; k < K; k++) s += A[k * M + i] * B[j * K + k];
        C[i * P + j] += s;
      }
    }
  }
  return out;
}

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
