/**
 * The arithmetic the recurrent layers need, written for speed: plain loops over Float64Arrays, no allocation inside
 * loops, and an optional `out` tensor so a training loop can reuse its buffers. Arguments are checked once, on entry.
 * Training time is almost all `matmul`, so it has a register-blocked kernel (4 × 4 tiles of the result kept in local
 * variables) and a zero-skipping one for one-hot inputs; see `denseProduct` and `sparseProduct`.
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
 *
 * Dense operands go through a register-blocked kernel (`denseProduct`); when op(a) is mostly zeros (a one-hot input)
 * its zero entries are skipped instead (`sparseProduct`). Either way the result is deterministic and each element's
 * terms are summed in increasing k, so it differs from a naive triple loop only in the last bits.
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
  if (!accumulate) out.data.fill(0);
  // Both operands are read through strides, op(a)[i, k] = A[i·aRow + k·aCol] and op(b)[k, j] = B[k·bRow + j·bCol],
  // so the four transpose combinations share one kernel and nothing is copied.
  const A: Strided = transA ? { data: a.data, row: 1, col: M } : { data: a.data, row: K, col: 1 };
  const B: Strided = transB ? { data: b.data, row: 1, col: K } : { data: b.data, row: P, col: 1 };
  if (B.col === 1 && isMostlyZero(a.data)) sparseProduct(M, K, P, A, B, out.data);
  else denseProduct(M, K, P, A, B, out.data);
  return out;
}

/** A matrix read through strides: element [r, c] is data[r·row + c·col]. */
type Strided = { data: Float64Array; row: number; col: number };

/** Whether at most a quarter of the entries are nonzero, the density below which skipping zeros wins. */
function isMostlyZero(values: Float64Array): boolean {
  let nonzerosLeft = values.length >> 2;
  for (let i = 0; i < values.length; i++) {
    if (values[i] !== 0 && --nonzerosLeft < 0) return false;
  }
  return true;
}

/** How many terms of a dot product `denseProduct` sums before adding them to C: keeps its operands' rows in cache. */
const K_CHUNK = 256;

/**
 * C[M, P] += op(a)·op(b) by register blocking: a 4 × 4 tile of C is computed at a time with its 16 sums in local
 * variables (which V8 keeps in registers) while k runs. Per k the tile loads 4 values of op(a) and 4 of op(b) for 16
 * multiply-adds, where the plain i-k-j loop loads 2 values and stores 1 per multiply-add: ≈ 3.5× faster, close to
 * what scalar float64 arithmetic allows. k runs in chunks of K_CHUNK, each chunk's sums added to C in turn, so the
 * rows of op(a) and op(b) a chunk reads stay in cache when K is large (dW = xᵀ·da sums over N·T rows). Rows left over
 * when M is not a multiple of 4 use 2 × 4 and 1 × 4 tiles; columns left over when P is not, single dot products.
 * Every element of C is thus the same sum in the same order wherever it falls in the tiling.
 */
function denseProduct(M: number, K: number, P: number, a: Strided, b: Strided, C: Float64Array): void {
  const { data: A, row: ar, col: ac } = a;
  const { data: B, row: br, col: bc } = b;
  const ar2 = 2 * ar, ar3 = 3 * ar, bc2 = 2 * bc, bc3 = 3 * bc;
  const M4 = M - (M % 4);
  const M2 = M - (M % 2);
  const P4 = P - (P % 4);
  for (let k0 = 0; k0 < K; k0 += K_CHUNK) {
    const k1 = Math.min(K, k0 + K_CHUNK);
    for (let i = 0; i < M4; i += 4) {
      for (let j = 0; j < P4; j += 4) {
        let c00 = 0, c01 = 0, c02 = 0, c03 = 0, c10 = 0, c11 = 0, c12 = 0, c13 = 0;
        let c20 = 0, c21 = 0, c22 = 0, c23 = 0, c30 = 0, c31 = 0, c32 = 0, c33 = 0;
        for (let k = k0, pa = i * ar + k0 * ac, pb = j * bc + k0 * br; k < k1; k++, pa += ac, pb += br) {
          const b0 = B[pb], b1 = B[pb + bc], b2 = B[pb + bc2], b3 = B[pb + bc3];
          let x = A[pa];
          c00 += x * b0; c01 += x * b1; c02 += x * b2; c03 += x * b3;
          x = A[pa + ar];
          c10 += x * b0; c11 += x * b1; c12 += x * b2; c13 += x * b3;
          x = A[pa + ar2];
          c20 += x * b0; c21 += x * b1; c22 += x * b2; c23 += x * b3;
          x = A[pa + ar3];
          c30 += x * b0; c31 += x * b1; c32 += x * b2; c33 += x * b3;
        }
        let c = i * P + j;
        C[c] += c00; C[c + 1] += c01; C[c + 2] += c02; C[c + 3] += c03;
        c += P;
        C[c] += c10; C[c + 1] += c11; C[c + 2] += c12; C[c + 3] += c13;
        c += P;
        C[c] += c20; C[c + 1] += c21; C[c + 2] += c22; C[c + 3] += c23;
        c += P;
        C[c] += c30; C[c + 1] += c31; C[c + 2] += c32; C[c + 3] += c33;
      }
    }
    for (let i = M4; i < M2; i += 2) {
      for (let j = 0; j < P4; j += 4) {
        let c00 = 0, c01 = 0, c02 = 0, c03 = 0, c10 = 0, c11 = 0, c12 = 0, c13 = 0;
        for (let k = k0, pa = i * ar + k0 * ac, pb = j * bc + k0 * br; k < k1; k++, pa += ac, pb += br) {
          const b0 = B[pb], b1 = B[pb + bc], b2 = B[pb + bc2], b3 = B[pb + bc3];
          let x = A[pa];
          c00 += x * b0; c01 += x * b1; c02 += x * b2; c03 += x * b3;
          x = A[pa + ar];
          c10 += x * b0; c11 += x * b1; c12 += x * b2; c13 += x * b3;
        }
        const c = i * P + j;
        C[c] += c00; C[c + 1] += c01; C[c + 2] += c02; C[c + 3] += c03;
        C[c + P] += c10; C[c + P + 1] += c11; C[c + P + 2] += c12; C[c + P + 3] += c13;
      }
    }
    for (let i = M2; i < M; i++) {
      for (let j = 0; j < P4; j += 4) {
        let c0 = 0, c1 = 0, c2 = 0, c3 = 0;
        for (let k = k0, pa = i * ar + k0 * ac, pb = j * bc + k0 * br; k < k1; k++, pa += ac, pb += br) {
          const x = A[pa];
          c0 += x * B[pb]; c1 += x * B[pb + bc]; c2 += x * B[pb + bc2]; c3 += x * B[pb + bc3];
        }
        const c = i * P + j;
        C[c] += c0; C[c + 1] += c1; C[c + 2] += c2; C[c + 3] += c3;
      }
    }
    for (let i = 0; i < M; i++) {
      for (let j = P4; j < P; j++) {
        let s = 0;
        for (let k = k0, pa = i * ar + k0 * ac, pb = j * bc + k0 * br; k < k1; k++, pa += ac, pb += br) s += A[pa] * B[pb];
        C[i * P + j] += s;
      }
    }
  }
}

/**
 * C[M, P] += op(a)·op(b) skipping the zero entries of op(a): work ∝ (nonzeros of a) × P instead of M × K × P, which
 * keeps a one-hot first layer (x·Wx and dWx = xᵀ·da) cheap. Needs op(b)'s rows contiguous (b.col = 1). Each element
 * still gets its terms in increasing k; a is walked in memory order (i outer, or k outer when transposed).
 */
function sparseProduct(M: number, K: number, P: number, a: Strided, b: Strided, C: Float64Array): void {
  const { data: A, row: ar, col: ac } = a;
  const { data: B, row: br } = b;
  // Walk a in memory order: i outer (a as stored) or k outer (a transposed); either way, C[i, :] += a_ik · op(b)[k, :].
  const outer = ac === 1 ? M : K;
  const inner = ac === 1 ? K : M;
  for (let u = 0; u < outer; u++) {
    for (let v = 0, pa = u * (ac === 1 ? ar : ac); v < inner; v++, pa++) {
      const x = A[pa];
      if (x === 0) continue;
      const ci = (ac === 1 ? u : v) * P;
      const bk = (ac === 1 ? v : u) * br;
      for (let j = 0; j < P; j++) C[ci + j] += x * B[bk + j];
    }
  }
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
