/**
 * The matrix product, `op(a)·op(b)` of 2-D tensors (op transposes when asked), three ways:
 *
 * - dense operands go to the WebAssembly GEMM (../../kernels/gemm.ts: cache-blocked, packed panels, a 4 × 2-vector
 *   register tile in f64x2 or f32x4 lanes), copied into the kernels' memory and back;
 * - when op(a) is mostly zeros (a one-hot input) its zeros are skipped instead (`sparseProduct`, plain JavaScript);
 * - `matmulReference` is the plain triple loop, the oracle the other two are tested against.
 *
 * Each element's terms are summed in increasing k (in blocks of 256 terms for the GEMM), so results differ from the
 * triple loop only in the last bits; with precision 'float32' the operands are rounded to float32 and so is every
 * operation of the product.
 *
 * Legend: M, K, P are matrix dimensions (op(a) is [M, K], op(b) is [K, P]).
 */
import { ShapeError, ValueError, formatShape } from '../errors';
import { PRECISIONS, Precision, kernelSet } from '../kernels/wasm';
import { workspace } from '../kernels/workspace';
import { checkRank } from './check';
import { outputBuffer } from './ops';
import { Tensor } from './tensor';

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
  /** The arithmetic of the product: 'float64' (default) or 'float32' (the result is stored as float64 either way). */
  precision?: Precision;
}

/** A matrix read through strides: element [r, c] is data[r·row + c·col]. */
type Strided = { data: Float64Array; row: number; col: number };

/** The checked operands of a product. */
interface Product {
  M: number;
  K: number;
  P: number;
  a: Strided;
  b: Strided;
  out: Tensor;
  precision: Precision;
}

/**
 * Matrix product `op(a)·op(b)`. a: [M, K] (or [K, M] with transA), b: [K, P] (or [P, K] with transB) → [M, P], into
 * options.out when given (added to it with options.accumulate).
 */
export function matmul(a: Tensor, b: Tensor, options: MatmulOptions = {}): Tensor {
  const p = checkProduct('matmul', a, b, options);
  if (p.precision === 'float64' && p.b.col === 1 && isMostlyZero(a.data)) {
    sparseProduct(p.M, p.K, p.P, p.a, p.b, p.out.data);
  } else {
    denseProduct(p);
  }
  return p.out;
}

/**
 * The same product as `matmul` by the textbook triple loop, `C[i, j] += Σ_k op(a)[i, k]·op(b)[k, j]` in increasing
 * k: slow, obviously right, and the oracle `matmul` is tested against. precision is ignored (always float64).
 */
export function matmulReference(a: Tensor, b: Tensor, options: MatmulOptions = {}): Tensor {
  const { M, K, P, a: A, b: B, out } = checkProduct('matmulReference', a, b, options);
  const C = out.data;
  for (let i = 0; i < M; i++) {
    for (let j = 0; j < P; j++) {
      let sum = 0;
      for (let k = 0; k < K; k++) sum += A.data[i * A.row + k * A.col] * B.data[k * B.row + j * B.col];
      C[i * P + j] += sum;
    }
  }
  return out;
}

function checkProduct(fn: string, a: Tensor, b: Tensor, options: MatmulOptions): Product {
  if (options === null || typeof options !== 'object') {
    throw new ValueError(`${fn}: options is ${String(options)}, expected an object like { transA: true }`);
  }
  const { transA = false, transB = false, accumulate = false, precision = 'float64' } = options;
  checkRank(fn, 'a', a, 2);
  checkRank(fn, 'b', b, 2);
  if (!PRECISIONS.includes(precision)) {
    throw new ValueError(`${fn}: options.precision is ${String(precision)}, expected 'float64' or 'float32'`);
  }
  const [M, K] = transA ? [a.shape[1], a.shape[0]] : [a.shape[0], a.shape[1]];
  const [Kb, P] = transB ? [b.shape[1], b.shape[0]] : [b.shape[0], b.shape[1]];
  if (Kb !== K) {
    const expected = transB ? `[*, ${K}]` : `[${K}, *]`;
    throw new ShapeError(
      `${fn}: b has shape ${formatShape(b.shape)}, expected ${expected} (inner dimension from ${transA ? 'aᵀ' : 'a'})`,
    );
  }
  const out = outputBuffer(fn, options.out, [M, P]);
  if (accumulate && options.out === undefined) throw new ShapeError(`${fn}: accumulate needs an out tensor to add into`);
  if (!accumulate && options.out !== undefined) out.data.fill(0); // a new one is zeros already
  // op(a)[i, k] = A[i·row + k·col], op(b)[k, j] = B[k·row + j·col]: the four transpose cases share one code path.
  const sa: Strided = transA ? { data: a.data, row: 1, col: M } : { data: a.data, row: K, col: 1 };
  const sb: Strided = transB ? { data: b.data, row: 1, col: K } : { data: b.data, row: P, col: 1 };
  return { M, K, P, a: sa, b: sb, out, precision };
}

/** C += op(a)·op(b) by the WebAssembly GEMM, through the workspace. */
function denseProduct({ M, K, P, a, b, out, precision }: Product): void {
  if (M === 0 || P === 0 || K === 0) return;
  const ws = workspace();
  const mark = ws.mark();
  try {
    const pa = ws.put(a.data, precision);
    const pb = ws.put(b.data, precision);
    const pc = ws.put(out.data, precision); // zeros unless accumulating
    kernelSet(precision).gemm(M, P, K, pa, a.row, a.col, pb, b.row, b.col, pc, P, 1, ws.gemmScratch);
    ws.read(pc, M * P, precision, out.data);
  } finally {
    ws.release(mark);
  }
}

/** Whether at most a quarter of the entries are nonzero, the density below which skipping zeros wins. */
export function isMostlyZero(values: Float64Array): boolean {
  let nonzerosLeft = values.length >> 2;
  for (let i = 0; i < values.length; i++) {
    if (values[i] !== 0 && --nonzerosLeft < 0) return false;
  }
  return true;
}

/**
 * C[M, P] += op(a)·op(b) skipping the zero entries of op(a): work ∝ (nonzeros of a) × P instead of M × K × P, which
 * keeps a one-hot first layer (x·Wx and dWx = xᵀ·da) cheap. Needs op(b)'s rows contiguous (b.col = 1). Each element
 * still gets its terms in increasing k; a is walked in memory order (i outer, or k outer when transposed).
 */
function sparseProduct(M: number, K: number, P: number, a: Strided, b: Strided, C: Float64Array): void {
  const { data: A, row: ar, col: ac } = a;
  const { data: B, row: br } = b;
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
