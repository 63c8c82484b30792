/**
 * Pieces the recurrent layers (rnn, lstm, gru, esn) share, so that the four look alike and check their inputs by one
 * rule: shapes on entry (the parameters first, binding D and H, then x and the initial states), no finiteness checks
 * (a NaN propagates, as in numpy), options as an object. Also cs231n's scaled initialisation, the products every
 * layer computes as one over the whole sequence (x·Wx; dWx = xᵀ·da, db, dx = da·Wxᵀ) in the workspace, the matrix of
 * previous hidden states dWh is built from, and the workspace the fast recurrences run in.
 *
 * Legend: N batch, T time, D input size, H hidden size, G gate width (H, 3H or 4H).
 */
import { ValueError } from '../errors';
import { KernelSet, PRECISIONS, Precision } from '../kernels/wasm';
import { Workspace, workspace } from '../kernels/workspace';
import { RandomState } from '../random';
import { ShapeCheck, checkOptionsObject } from '../tensor/check';
import { isMostlyZero } from '../tensor/matmul';
import { Tensor, zeros } from '../tensor/tensor';

/** A layer's parameter shapes by name, in checking order: the first parameter to use a dimension binds it. */
export type ParamShapes = Readonly<Record<string, readonly (string | number)[]>>;

/**
 * Checks `params` against `shapes` (names prefixed with `prefix`, e.g. 'params.'), then x against `xDims` and each
 * state against [N, H]; returns the ShapeCheck with D, H, N (and T) bound.
 */
export function checkLayerArgs(
  fn: string, shapes: ParamShapes, params: Readonly<Record<string, Tensor>>, prefix = '',
  x?: Tensor, xDims?: string[], states: [string, Tensor][] = [],
): ShapeCheck {
  const s = new ShapeCheck(fn);
  for (const [name, dims] of Object.entries(shapes)) s.check(prefix + name, params[name], [...dims]);
  if (x !== undefined && xDims !== undefined) s.check('x', x, xDims);
  for (const [name, state] of states) s.check(name, state, ['N', 'H']);
  return s;
}

/** The precision of a forward's options (default 'float64'), checked. `options` is an object (checked by the caller). */
export function optionPrecision(fn: string, options: object): Precision {
  const { precision = 'float64' } = options as { precision?: unknown };
  if (!PRECISIONS.includes(precision as Precision)) {
    const got = typeof precision === 'string' ? `'${precision}'` : String(precision);
    throw new ValueError(`${fn}: options.precision is ${got}, expected 'float64' or 'float32'`);
  }
  return precision as Precision;
}

/** Checks that `options` is an object and returns its precision. */
export function checkLayerOptions(fn: string, options: unknown, example: string): Precision {
  checkOptionsObject(fn, options, example);
  return optionPrecision(fn, options as object);
}

/** Runs `body` with this thread's workspace, releasing whatever it allocated. */
export function withWorkspace<R>(body: (ws: Workspace) => R): R {
  const ws = workspace();
  const mark = ws.mark();
  try {
    return body(ws);
  } finally {
    ws.release(mark);
  }
}



/** rng.randn(rows, cols) / √fanIn, divided (not multiplied by 1/√fanIn) so the bits match numpy's. */
export function randnScaled(rng: RandomState, rows: number, cols: number, fanIn: number): Tensor {
  const w = rng.randn(rows, cols);
  const root = Math.sqrt(fanIn);
  for (let i = 0; i < w.size; i++) w.data[i] /= root;
  return w;
}

/**
 * h_{t−1} for every step as one [N·T, H] matrix (row n·T + t), h0 in the rows of t = 0: the left factor of dWh.
 * h: [N, T, H], h0: [N, H].
 */
export function previousStates(h: Tensor, h0: Tensor): Tensor {
  const [N, T, H] = h.shape;
  const out = zeros([N * T, H]);
  for (let n = 0; n < N; n++) {
    if (T === 0) break;
    out.data.set(h0.data.subarray(n * H, (n + 1) * H), n * T * H);
    out.data.set(h.data.subarray(n * T * H, (n * T + T - 1) * H), (n * T + 1) * H);
  }
  return out;
}

/**
 * options.inputGrad of a sequence backward, checked: whether it computes dx (default true). `options` is an object
 * (checked by the caller).
 */
export function optionInputGrad(fn: string, options: object): boolean {
  const { inputGrad } = options as { inputGrad?: unknown };
  if (inputGrad === undefined) return true;
  if (typeof inputGrad !== 'boolean') {
    const got = typeof inputGrad === 'string' ? `'${inputGrad}'` : String(inputGrad);
    throw new ValueError(`${fn}: options.inputGrad is ${got}, expected true or false`);
  }
  return inputGrad;
}


/** Byte offset of element `index` for `precision` (8 or 4 bytes per element). */
export function offset(index: number, precision: Precision): number {
  return index * (precision === 'float32' ? 4 : 8);
}

/**
 * Packs the recurrent weight W [rows, cols] (at pW in the workspace) once per sequence as the right factor of the
 * per-step products: W for h_{t−1}·W, or Wᵀ for da_t·Wᵀ when `transposed`. Returns the packed copy for gemmPacked.
 */
export function packRecurrentWeight(
  ws: Workspace, k: KernelSet, pW: number, rows: number, cols: number, transposed: boolean, precision: Precision,
): number {
  const [K, P, brs, bcs] = transposed ? [cols, rows, 1, cols] : [rows, cols, cols, 1];
  const packed = ws.alloc(k.packedBElements(K, P), precision);
  k.packB(K, P, pW, brs, bcs, packed);
  return packed;
}

/** A sequence input x [N, T, D] put in the workspace as [N·T, D] rows, and whether its zeros are worth skipping. */
export interface InputOperand {
  ptr: number;
  rows: number;
  cols: number;
  /** Mostly zeros (a one-hot input): products with it go through gemmSparseA. */
  sparse: boolean;
}

/** Puts x [N, T, D] in the workspace as the left operand of the input products. */
export function putInput(ws: Workspace, x: Tensor, precision: Precision): InputOperand {
  const [N, T, D] = x.shape;
  return { ptr: ws.put(x.data, precision), rows: N * T, cols: D, sparse: isMostlyZero(x.data) };
}

/** dst [N·T, G] (row stride ld) = x·Wx for every step at once; Wx [D, G] at pWx. */
export function projectInput(
  ws: Workspace, k: KernelSet, x: InputOperand, pWx: number, G: number, dst: number, ld: number,
): void {
  if (x.sparse) k.gemmSparseA(x.rows, G, x.cols, x.ptr, x.cols, 1, pWx, G, dst, ld, 0);
  else k.gemm(x.rows, G, x.cols, x.ptr, x.cols, 1, pWx, G, 1, dst, ld, 0, ws.gemmScratch);
}

/** The gradients that flow from da [N·T, G] (at pDA) to the input side: dWx = xᵀ·da [D, G] and db = Σ_rows da [G]. */
export function inputSideGrads(
  ws: Workspace, k: KernelSet, x: InputOperand, pDA: number, G: number, precision: Precision,
): { dWx: Tensor; db: Tensor } {
  const { rows, cols: D } = x;
  const pdWx = ws.alloc(D * G, precision);
  if (x.sparse) k.gemmSparseA(D, G, rows, x.ptr, 1, D, pDA, G, pdWx, G, 0);
  else k.gemm(D, G, rows, x.ptr, 1, D, pDA, G, 1, pdWx, G, 0, ws.gemmScratch);
  const pOnes = ws.alloc(rows, precision);
  ws.view(pOnes, rows, precision).fill(1);
  const pdb = ws.alloc(G, precision);
  k.gemm(1, G, rows, pOnes, rows, 1, pDA, G, 1, pdb, G, 0, ws.gemmScratch); // 1ᵀ·da
  const [dWx, db] = [zeros([D, G]), zeros([G])];
  ws.read(pdWx, D * G, precision, dWx.data);
  ws.read(pdb, G, precision, db.data);
  return { dWx, db };
}

/** dx = da·Wxᵀ [N, T, D] from da [N·T, G] at pDA and Wx [D, G] at pWx. */
export function inputGradientFrom(
  ws: Workspace, k: KernelSet, pDA: number, pWx: number, xShape: readonly number[], G: number, precision: Precision,
): Tensor {
  const [N, T, D] = xShape;
  const pdx = ws.alloc(N * T * D, precision);
  k.gemm(N * T, D, G, pDA, G, 1, pWx, 1, G, pdx, D, 0, ws.gemmScratch);
  const dx = zeros([N, T, D]);
  ws.read(pdx, N * T * D, precision, dx.data);
  return dx;
}

/** previousStates(h, h0) written straight into the workspace (no JavaScript copy); returns its pointer. */
export function putPreviousStates(ws: Workspace, h: Tensor, h0: Tensor, precision: Precision): number {
  const [N, T, H] = h.shape;
  const ptr = ws.alloc(N * T * H, precision);
  const view = ws.view(ptr, N * T * H, precision);
  for (let n = 0; n < N && T > 0; n++) {
    view.set(h0.data.subarray(n * H, (n + 1) * H), n * T * H);
    view.set(h.data.subarray(n * T * H, (n * T + T - 1) * H), (n * T + 1) * H);
  }
  return ptr;
}

/** `reuse` when it is a tensor of exactly `shape` (a previous result to overwrite), else a new zero tensor. */
export function reuseOrZeros(reuse: Tensor | undefined, shape: readonly number[]): Tensor {
  const same = reuse !== undefined && reuse.rank === shape.length && reuse.shape.every((d, i) => d === shape[i]);
  return same ? (reuse as Tensor) : zeros(shape);
}
