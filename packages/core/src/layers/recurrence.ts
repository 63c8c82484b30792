/**
 * Pieces the recurrent layers (rnn, lstm, gru, esn) share, so that the four look alike and check their inputs by one
 * rule: shapes on entry (the parameters first, binding D and H, then x and the initial states), no finiteness checks
 * (a NaN propagates, as in numpy), options as an object. Also cs231n's scaled initialisation, the input projection
 * x·Wx and weight gradient xᵀ·da that every layer computes as one product over the whole sequence, the matrix of
 * previous hidden states dWh is built from, and the workspace the fast recurrences run in.
 *
 * Legend: N batch, T time, D input size, H hidden size, G gate width (H, 3H or 4H).
 */
import { ValueError } from '../errors';
import { KernelSet, PRECISIONS, Precision } from '../kernels/wasm';
import { Workspace, workspace } from '../kernels/workspace';
import { RandomState } from '../random';
import { ShapeCheck, checkOptionsObject } from '../tensor/check';
import { matmul } from '../tensor/matmul';
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

/** x·Wx for every step at once: x [N, T, D], Wx [D, G] → [N·T, G] (zeros skipped for a one-hot x). */
export function inputProjection(x: Tensor, Wx: Tensor, precision: Precision): Tensor {
  const [N, T, D] = x.shape;
  return matmul(x.reshape([N * T, D]), Wx, { precision });
}

/** Σ_t x_tᵀ·da_t as one product: x [N, T, D], da [N·T, G] → [D, G]. */
export function weightGradient(x: Tensor, da: Tensor, precision: Precision): Tensor {
  const [N, T, D] = x.shape;
  return matmul(x.reshape([N * T, D]), da, { transA: true, precision });
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

/** dx = da·Wxᵀ reshaped to [N, T, D]: da [N·T, G], Wx [D, G], xShape [N, T, D]. */
export function inputGradient(da: Tensor, Wx: Tensor, xShape: readonly number[], precision: Precision): Tensor {
  return matmul(da, Wx, { transB: true, precision }).reshape([...xShape]);
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
