/**
 * LSTM layer, as cs231n assignment 3's lstm_step_forward / lstm_forward and their backward passes (batch-major), with
 * an initial cell state c0 and an upstream gradient of the final cell state dcT so a language model can carry (h, c)
 * from chunk to chunk (truncated BPTT).
 *
 *   a_t = x_t·Wx + h_{t−1}·Wh + b                       [N, 4H], gate order i, f, o, g:
 *   i = σ(a[:, 0:H]),  f = σ(a[:, H:2H]),  o = σ(a[:, 2H:3H]),  g = tanh(a[:, 3H:4H])
 *   c_t = f ⊙ c_{t−1} + i ⊙ g,   h_t = o ⊙ tanh(c_t)
 * Backward, with dh and dc the total gradients reaching h_t and c_t:
 *   dc += dh ⊙ o ⊙ (1 − tanh²c_t);  dai = dc⊙g⊙i(1−i),  daf = dc⊙c_{t−1}⊙f(1−f),  dao = dh⊙tanh c_t⊙o(1−o),
 *   dag = dc⊙i⊙(1−g²);  dc_{t−1} = dc ⊙ f;  dh_{t−1} = da·Whᵀ;  dx_t = da·Wxᵀ;  dWx = Σ xᵀ·da, dWh = Σ h_{t−1}ᵀ·da
 *
 * Legend: N batch, T time, D input size, H hidden size. x_t is x[:, t, :].
 *
 * As in ./rnn.ts: x·Wx and the parameter gradients are single [N·T, ·] products, a step is the sequence code with
 * T = 1, and caches hold the caller's tensors and the returned h, c (not copies). The recurrence itself is
 * ./lstm-recurrence.ts: a fast version on the WebAssembly kernels and its readable twin. options.precision
 * 'float32' runs the kernels in float32 (results still stored as float64 tensors).
 */
import { ValueError } from '../errors';
import type { Precision } from '../kernels/wasm';
import { RandomState, checkRandomState } from '../random';
import { checkInteger, checkOptionsObject, checkSameShape } from '../tensor/check';
import { Tensor, zeros } from '../tensor/tensor';
import { checkCacheTensors } from './check-cache';
import { lstmRecurrence, lstmRecurrenceBackward } from './lstm-recurrence';
import { ParamShapes, checkLayerArgs, checkLayerOptions, optionInputGrad, randnScaled } from './recurrence';

/** Parameters of an LSTM. Wx: [D, 4H], Wh: [H, 4H], b: [4H]; columns in gate order i, f, o, g. */
export type LstmParams = { Wx: Tensor; Wh: Tensor; b: Tensor };

/** The shapes of LstmParams, in checking order (Wh binds H). */
export const LSTM_PARAM_SHAPES: ParamShapes = { Wh: ['H', '4H'], Wx: ['D', '4H'], b: ['4H'] };

/** Gradients of an LSTM's parameters. dWx: [D, 4H], dWh: [H, 4H], db: [4H]. */
export interface LstmParamGrads {
  dWx: Tensor;
  dWh: Tensor;
  db: Tensor;
}

/** What `lstmStepBackward` needs. x: [N, D]; prevH, prevC, nextH, nextC, tanhC: [N, H]; gates: [N, 4H]. */
export interface LstmStepCache {
  x: Tensor;
  prevH: Tensor;
  prevC: Tensor;
  Wx: Tensor;
  Wh: Tensor;
  /** The activated gates i, f, o, g side by side. */
  gates: Tensor;
  /** tanh(nextC). */
  tanhC: Tensor;
  nextH: Tensor;
  nextC: Tensor;
  /** The arithmetic of the forward, which the backward repeats. */
  precision: Precision;
}

/** What `lstmBackward` needs. x: [N, T, D]; h0, c0: [N, H]; h, c, tanhC: [N, T, H]; gates: [N, T, 4H]. */
export interface LstmCache {
  x: Tensor;
  h0: Tensor;
  c0: Tensor;
  Wx: Tensor;
  Wh: Tensor;
  h: Tensor;
  c: Tensor;
  gates: Tensor;
  tanhC: Tensor;
  precision: Precision;
}

/** Options of the LSTM forwards: the arithmetic, 'float64' (default) or 'float32'. */
export interface LstmStepOptions {
  precision?: Precision;
}

/**
 * Options of `lstmForward`: c0 [N, H], the initial cell state (default zeros), the precision, and `reuse`: a cache
 * from an earlier call whose result tensors (h, c, gates, tanhC) are overwritten when their shapes fit, instead of
 * new ones being allocated (for a training loop; that earlier result must no longer be needed).
 */
export interface LstmForwardOptions extends LstmStepOptions {
  c0?: Tensor;
  reuse?: LstmCache;
}

/**
 * Options of `lstmBackward`: dcT [N, H], upstream gradient of the final cell state c[:, T−1, :] (default zeros);
 * inputGrad (default true): false skips dx = da·Wxᵀ (nobody needs it for a one-hot input) and returns dx = null.
 */
export interface LstmBackwardOptions {
  dcT?: Tensor;
  inputGrad?: boolean;
}

/** What `lstmBackward` returns; DX is Tensor ([N, T, D]), or null when options.inputGrad is false. */
export type LstmGrads<DX extends Tensor | null = Tensor> = { dx: DX; dh0: Tensor; dc0: Tensor } & LstmParamGrads;

/** Options of `initLstmParams`: the initial value of the forget-gate biases b[H:2H] (default 0). */
export interface LstmInitOptions {
  forgetBias?: number;
}

/**
 * One time step. x: [N, D], prevH: [N, H], prevC: [N, H], Wx: [D, 4H], Wh: [H, 4H], b: [4H].
 * Returns nextH [N, H], nextC [N, H] and the cache for `lstmStepBackward`.
 */
export function lstmStepForward(
  x: Tensor, prevH: Tensor, prevC: Tensor, Wx: Tensor, Wh: Tensor, b: Tensor, options: LstmStepOptions = {},
): { nextH: Tensor; nextC: Tensor; cache: LstmStepCache } {
  const fn = 'lstmStepForward';
  const precision = checkLayerOptions(fn, options, "{ precision: 'float32' }");
  const s = checkLayerArgs(fn, LSTM_PARAM_SHAPES, { Wx, Wh, b }, '', x, ['N', 'D'], [['prevH', prevH], ['prevC', prevC]]);
  const [N, D, H] = [s.dim('N'), s.dim('D'), s.dim('H')];
  const r = lstmRecurrence(x.reshape([N, 1, D]), prevH, prevC, Wx, Wh, b, precision);
  const [nextH, nextC] = [r.h.reshape([N, H]), r.c.reshape([N, H])];
  const gates = r.gates.reshape([N, 4 * H]);
  return { nextH, nextC, cache: { x, prevH, prevC, Wx, Wh, gates, tanhC: r.tanhC.reshape([N, H]), nextH, nextC, precision } };
}

/**
 * Backward pass of one step. dnextH, dnextC: [N, H] upstream gradients of nextH and nextC.
 * Returns dx [N, D], dprevH [N, H], dprevC [N, H], dWx [D, 4H], dWh [H, 4H], db [4H].
 */
export function lstmStepBackward(
  dnextH: Tensor, dnextC: Tensor, cache: LstmStepCache,
): { dx: Tensor; dprevH: Tensor; dprevC: Tensor } & LstmParamGrads {
  const fn = 'lstmStepBackward';
  checkCacheTensors(fn, cache, ['x', 'prevH', 'prevC', 'Wx', 'Wh', 'gates', 'tanhC', 'nextH', 'nextC'], 'lstmStepForward');
  checkSameShape(fn, 'dnextH', dnextH, cache.nextH, 'nextH in the cache');
  checkSameShape(fn, 'dnextC', dnextC, cache.nextC, 'nextC in the cache');
  const [N, D] = cache.x.shape;
  const H = cache.nextH.shape[1];
  const step = (t: Tensor, cols: number) => t.reshape([N, 1, cols]);
  const precision = cache.precision ?? 'float64';
  const g = lstmRecurrenceBackward(step(dnextH, H), dnextC, {
    x: step(cache.x, D), h0: cache.prevH, c0: cache.prevC, Wx: cache.Wx, Wh: cache.Wh, h: step(cache.nextH, H),
    c: step(cache.nextC, H), gates: step(cache.gates, 4 * H), tanhC: step(cache.tanhC, H),
  }, precision, true);
  return { dx: (g.dx as Tensor).reshape([N, D]), dprevH: g.dh0, dprevC: g.dc0, dWx: g.dWx, dWh: g.dWh, db: g.db };
}

/**
 * A whole sequence from h0 and c0. x: [N, T, D], h0: [N, H], Wx: [D, 4H], Wh: [H, 4H], b: [4H], options.c0: [N, H]
 * (default zeros). Returns every hidden state h [N, T, H], every cell state c [N, T, H] and the cache.
 */
export function lstmForward(
  x: Tensor, h0: Tensor, Wx: Tensor, Wh: Tensor, b: Tensor, options: LstmForwardOptions = {},
): { h: Tensor; c: Tensor; cache: LstmCache } {
  const fn = 'lstmForward';
  const precision = checkLayerOptions(fn, options, '{ c0: ... }');
  const s = checkLayerArgs(fn, LSTM_PARAM_SHAPES, { Wx, Wh, b }, '', x, ['N', 'T', 'D'], [['h0', h0]]);
  const c0 = options.c0 === undefined ? zeros(h0.shape) : s.check('options.c0', options.c0, ['N', 'H']);
  const r = lstmRecurrence(x, h0, c0, Wx, Wh, b, precision, options.reuse);
  return { h: r.h, c: r.c, cache: { x, h0, c0, Wx, Wh, ...r, precision } };
}

/**
 * Backward pass over the sequence. dh: [N, T, H], the upstream gradient of every hidden state; options.dcT: [N, H]
 * (default zeros). Returns dx [N, T, D], dh0 [N, H], dc0 [N, H], dWx [D, 4H], dWh [H, 4H], db [4H]; with
 * options.inputGrad false, dx is null (not computed) and the other gradients are the same bits.
 */
export function lstmBackward(dh: Tensor, cache: LstmCache, options?: LstmBackwardOptions & { inputGrad?: true }): LstmGrads;
export function lstmBackward(dh: Tensor, cache: LstmCache, options: LstmBackwardOptions & { inputGrad: false }): LstmGrads<null>;
export function lstmBackward(dh: Tensor, cache: LstmCache, options?: LstmBackwardOptions): LstmGrads<Tensor | null>;
export function lstmBackward(dh: Tensor, cache: LstmCache, options: LstmBackwardOptions = {}): LstmGrads<Tensor | null> {
  const fn = 'lstmBackward';
  checkCacheTensors(fn, cache, ['x', 'h0', 'c0', 'Wx', 'Wh', 'h', 'c', 'gates', 'tanhC'], 'lstmForward');
  checkOptionsObject(fn, options, '{ dcT: ... }');
  const inputGrad = optionInputGrad(fn, options);
  checkSameShape(fn, 'dh', dh, cache.h, 'h in the cache');
  if (options.dcT !== undefined) checkSameShape(fn, 'options.dcT', options.dcT, cache.h0, 'h0 in the cache');
  const precision = cache.precision ?? 'float64';
  return lstmRecurrenceBackward(dh, options.dcT, cache, precision, inputGrad);
}

/**
 * Parameters drawn as cs231n does: Wx = rng.randn(D, 4H) / √D, then Wh = rng.randn(H, 4H) / √H (in that order),
 * b = 0 except the forget-gate slice b[H:2H] = forgetBias (default 0; 1 is a common choice for long memories).
 */
export function initLstmParams(D: number, H: number, rng: RandomState, options: LstmInitOptions = {}): LstmParams {
  const fn = 'initLstmParams';
  checkInteger(fn, 'D', D, 1);
  checkInteger(fn, 'H', H, 1);
  checkRandomState(fn, rng);
  checkOptionsObject(fn, options, '{ forgetBias: ... }');
  const { forgetBias = 0 } = options;
  if (typeof forgetBias !== 'number' || !Number.isFinite(forgetBias)) {
    throw new ValueError(`${fn}: options.forgetBias is ${String(forgetBias)}, expected a finite number`);
  }
  const b = zeros([4 * H]);
  b.data.fill(forgetBias, H, 2 * H);
  return { Wx: randnScaled(rng, D, 4 * H, D), Wh: randnScaled(rng, H, 4 * H, H), b };
}
