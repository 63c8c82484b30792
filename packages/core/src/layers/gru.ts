/**
 * Gated recurrent unit (Cho et al. 2014) with torch.nn.GRU's equations and gate order, so weights can be exchanged
 * with PyTorch: Wx = weight_ih_l0ᵀ, Wh = weight_hh_l0ᵀ, bx = bias_ih_l0, bh = bias_hh_l0. Gate columns r, z, n.
 *
 *   r = σ(x·Wxr + bxr + h·Whr + bhr)            reset gate
 *   z = σ(x·Wxz + bxz + h·Whz + bhz)            update gate
 *   n = tanh(x·Wxn + bxn + r ⊙ (h·Whn + bhn))   candidate (the reset gate scales the recurrent part only)
 *   nextH = (1 − z) ⊙ n + z ⊙ h
 * Backward, with g the total gradient reaching nextH:
 *   dan = g⊙(1 − z)⊙(1 − n²),  daz = g⊙(h − n)⊙z(1 − z),  dar = dan⊙hn⊙r(1 − r)      (hn = h·Whn + bhn)
 *   dax = [dar, daz, dan],  dah = [dar, daz, dan⊙r],  dh = g⊙z + dah·Whᵀ,  dx = dax·Wxᵀ
 *   dWx = Σ xᵀ·dax,  dWh = Σ hᵀ·dah,  dbx = Σ dax,  dbh = Σ dah
 *
 * Two biases on the recurrent side are not redundant here: bhn sits inside r ⊙ (·). Laid out as ./rnn.ts and
 * ./lstm.ts: x·Wx + bx and the parameter gradients are single [N·T, ·] products, only h·Wh (and dah·Whᵀ) run step by
 * step in ./gru-recurrence.ts (a fast version on the WebAssembly kernels and its readable twin), a step is the
 * sequence code with T = 1, and caches hold the caller's tensors and the results (not copies).
 *
 * Legend: N batch, T time, D input size, H hidden size.
 */
import type { Precision } from '../kernels/wasm';
import { RandomState, checkRandomState } from '../random';
import { checkInteger, checkOptionsObject, checkSameShape } from '../tensor/check';
import { Tensor } from '../tensor/tensor';
import { checkCacheTensors } from './check-cache';
import { gruRecurrence, gruRecurrenceBackward } from './gru-recurrence';
import { ParamShapes, checkLayerArgs, checkLayerOptions, optionInputGrad } from './recurrence';

/** GRU parameters: Wx [D, 3H], Wh [H, 3H], bx [3H], bh [3H], gate columns r, z, n. */
export type GruParams = { Wx: Tensor; Wh: Tensor; bx: Tensor; bh: Tensor };

/** The shapes of GruParams, in checking order (Wh binds H). */
export const GRU_PARAM_SHAPES: ParamShapes = { Wh: ['H', '3H'], Wx: ['D', '3H'], bx: ['3H'], bh: ['3H'] };

/** Options of the GRU forwards: the arithmetic, 'float64' (default) or 'float32' (backward takes it from the cache). */
export interface GruOptions {
  precision?: Precision;
}

/** Options of `gruForward`: GruOptions and `reuse`, an earlier cache whose results are overwritten when they fit. */
export interface GruForwardOptions extends GruOptions {
  reuse?: GruCache;
}

/** Cache of `gruStepForward`: x [N, D], prevH, nextH, hn [N, H], gates r, z, n [N, 3H], Wx, Wh (the caller's). */
export interface GruStepCache {
  x: Tensor;
  prevH: Tensor;
  Wx: Tensor;
  Wh: Tensor;
  nextH: Tensor;
  /** The activated gates r, z, n side by side. */
  gates: Tensor;
  /** h·Whn + bhn, the recurrent part of n before the reset gate scales it. */
  hn: Tensor;
  precision: Precision;
}

/** Cache of `gruForward`: x [N, T, D], h0 [N, H], Wx, Wh, and h, hn [N, T, H], gates [N, T, 3H]. */
export interface GruCache {
  x: Tensor;
  h0: Tensor;
  Wx: Tensor;
  Wh: Tensor;
  h: Tensor;
  gates: Tensor;
  hn: Tensor;
  precision: Precision;
}

/**
 * Options of `gruBackward`: inputGrad (default true): false skips dx = dax·Wxᵀ (nobody needs it for a one-hot input)
 * and returns dx = null.
 */
export interface GruBackwardOptions {
  inputGrad?: boolean;
}

/** Gradients of a GRU's parameters: dWx [D, 3H], dWh [H, 3H], dbx, dbh [3H]. */
export interface GruParamGrads {
  dWx: Tensor;
  dWh: Tensor;
  dbx: Tensor;
  dbh: Tensor;
}

/** What `gruBackward` returns; DX is Tensor ([N, T, D]), or null when options.inputGrad is false. */
export type GruGrads<DX extends Tensor | null = Tensor> = { dx: DX; dh0: Tensor } & GruParamGrads;

/**
 * One GRU step. x: [N, D], prevH: [N, H], Wx: [D, 3H], Wh: [H, 3H], bx: [3H], bh: [3H].
 * Returns nextH [N, H] and the cache for `gruStepBackward`.
 */
export function gruStepForward(
  x: Tensor, prevH: Tensor, Wx: Tensor, Wh: Tensor, bx: Tensor, bh: Tensor, options: GruOptions = {},
): { nextH: Tensor; cache: GruStepCache } {
  const fn = 'gruStepForward';
  const precision = checkLayerOptions(fn, options, "{ precision: 'float32' }");
  const s = checkLayerArgs(fn, GRU_PARAM_SHAPES, { Wx, Wh, bx, bh }, '', x, ['N', 'D'], [['prevH', prevH]]);
  const [N, D, H] = [s.dim('N'), s.dim('D'), s.dim('H')];
  const r = gruRecurrence(x.reshape([N, 1, D]), prevH, Wx, Wh, bx, bh, precision);
  const [nextH, gates, hn] = [r.h.reshape([N, H]), r.gates.reshape([N, 3 * H]), r.hn.reshape([N, H])];
  return { nextH, cache: { x, prevH, Wx, Wh, nextH, gates, hn, precision } };
}

/** Backward of one step. dnextH: [N, H]. Returns dx [N, D], dprevH [N, H], dWx, dWh, dbx, dbh (shapes of the params). */
export function gruStepBackward(dnextH: Tensor, cache: GruStepCache): { dx: Tensor; dprevH: Tensor } & GruParamGrads {
  const fn = 'gruStepBackward';
  checkCacheTensors(fn, cache, ['x', 'prevH', 'Wx', 'Wh', 'nextH', 'gates', 'hn'], 'gruStepForward');
  checkSameShape(fn, 'dnextH', dnextH, cache.nextH, 'nextH in the cache');
  const [N, D] = cache.x.shape;
  const H = cache.nextH.shape[1];
  const step = (t: Tensor, cols: number) => t.reshape([N, 1, cols]);
  const precision = cache.precision ?? 'float64';
  const { dx, dh0, ...grads } = gruRecurrenceBackward(step(dnextH, H), {
    x: step(cache.x, D), h0: cache.prevH, Wx: cache.Wx, Wh: cache.Wh, h: step(cache.nextH, H),
    gates: step(cache.gates, 3 * H), hn: step(cache.hn, H),
  }, precision, true);
  return { dx: (dx as Tensor).reshape([N, D]), dprevH: dh0, ...grads };
}

/**
 * A GRU over a whole sequence. x: [N, T, D], h0: [N, H], Wx: [D, 3H], Wh: [H, 3H], bx: [3H], bh: [3H].
 * Returns h [N, T, H] (the hidden state after every step) and the cache for `gruBackward`.
 */
export function gruForward(
  x: Tensor, h0: Tensor, Wx: Tensor, Wh: Tensor, bx: Tensor, bh: Tensor, options: GruForwardOptions = {},
): { h: Tensor; cache: GruCache } {
  const fn = 'gruForward';
  const precision = checkLayerOptions(fn, options, "{ precision: 'float32' }");
  checkLayerArgs(fn, GRU_PARAM_SHAPES, { Wx, Wh, bx, bh }, '', x, ['N', 'T', 'D'], [['h0', h0]]);
  const r = gruRecurrence(x, h0, Wx, Wh, bx, bh, precision, options.reuse);
  return { h: r.h, cache: { x, h0, Wx, Wh, ...r, precision } };
}

/**
 * Backward through the sequence. dh: [N, T, H], the upstream gradient of every hidden state.
 * Returns dx [N, T, D], dh0 [N, H], dWx, dWh, dbx, dbh (shapes of the params; summed over time steps); with
 * options.inputGrad false, dx is null (not computed) and the other gradients are the same bits.
 */
export function gruBackward(dh: Tensor, cache: GruCache, options?: GruBackwardOptions & { inputGrad?: true }): GruGrads;
export function gruBackward(dh: Tensor, cache: GruCache, options: GruBackwardOptions & { inputGrad: false }): GruGrads<null>;
export function gruBackward(dh: Tensor, cache: GruCache, options?: GruBackwardOptions): GruGrads<Tensor | null>;
export function gruBackward(dh: Tensor, cache: GruCache, options: GruBackwardOptions = {}): GruGrads<Tensor | null> {
  const fn = 'gruBackward';
  checkCacheTensors(fn, cache, ['x', 'h0', 'Wx', 'Wh', 'h', 'gates', 'hn'], 'gruForward');
  checkOptionsObject(fn, options, '{ inputGrad: false }');
  const inputGrad = optionInputGrad(fn, options);
  checkSameShape(fn, 'dh', dh, cache.h, 'h in the cache');
  const precision = cache.precision ?? 'float64';
  return gruRecurrenceBackward(dh, cache, precision, inputGrad);
}

/**
 * Initial parameters as torch.nn.GRU draws them: every element of Wx, Wh, bx and bh from U(−1/√H, 1/√H), drawn in
 * that order (Wx row-major as [D, 3H], then Wh, bx, bh). D, H: positive integers.
 */
export function initGruParams(D: number, H: number, rng: RandomState): GruParams {
  const fn = 'initGruParams';
  checkInteger(fn, 'D', D, 1);
  checkInteger(fn, 'H', H, 1);
  checkRandomState(fn, rng);
  const k = 1 / Math.sqrt(H);
  return {
    Wx: rng.uniform(-k, k, [D, 3 * H]),
    Wh: rng.uniform(-k, k, [H, 3 * H]),
    bx: rng.uniform(-k, k, [3 * H]),
    bh: rng.uniform(-k, k, [3 * H]),
  };
}
