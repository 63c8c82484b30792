/**
 * Vanilla RNN layer, as cs231n assignment 3's rnn_step_forward / rnn_forward and their backward passes (batch-major):
 *
 *   h_t = act(x_t·Wx + h_{t−1}·Wh + b),   act = tanh (default) or sigmoid
 *   da_t = (dh_t + dh_{t+1→t}) ⊙ act′,    act′ = 1 − h_t² (tanh) or h_t ⊙ (1 − h_t) (sigmoid)
 *   dx_t = da_t·Wxᵀ,  dh_{t→t−1} = da_t·Whᵀ,  dWx = Σ_t x_tᵀ·da_t,  dWh = Σ_t h_{t−1}ᵀ·da_t,  db = Σ_t Σ_n da_t
 *
 * Legend: N batch, T time, D input size, H hidden size. x_t is x[:, t, :].
 *
 * The input projection x·Wx and every parameter gradient are one [N·T, ·] matrix product over the whole sequence;
 * only h_{t−1}·Wh (forward) and da_t·Whᵀ (backward) run step by step, in ./rnn-recurrence.ts (a fast version on the
 * WebAssembly kernels and its readable twin). A step function is the sequence function with T = 1 (views, no
 * copies). Caches hold the caller's tensors and the returned h, not copies: do not modify them between forward and
 * backward. options.precision 'float32' runs the kernels in float32 (results still stored as float64 tensors).
 */
import { ValueError } from '../errors';
import type { Precision } from '../kernels/wasm';
import { RandomState, checkRandomState } from '../random';
import { checkInteger, checkSameShape } from '../tensor/check';
import { Tensor, zeros } from '../tensor/tensor';
import { checkCacheTensors } from './check-cache';
import { ParamShapes, checkLayerArgs, optionInputGrad, optionPrecision, randnScaled } from './recurrence';
import { rnnRecurrence, rnnRecurrenceBackward } from './rnn-recurrence';
import type { RnnActivation } from './rnn-recurrence';

export type { RnnActivation } from './rnn-recurrence';

/** The allowed activations, in the order error messages list them. */
export const RNN_ACTIVATIONS: readonly RnnActivation[] = ['tanh', 'sigmoid'];

/**
 * Options of the RNN functions: `activation` defaults to 'tanh', `precision` to 'float64' (backward passes take both
 * from the cache).
 */
export interface RnnOptions {
  activation?: RnnActivation;
  precision?: Precision;
}

/** Options of `rnnForward`: RnnOptions and `reuse`, an earlier cache whose h is overwritten when its shape fits. */
export interface RnnForwardOptions extends RnnOptions {
  reuse?: RnnCache;
}

/**
 * Options of `rnnBackward`: the activation as in RnnOptions, and inputGrad (default true): false skips
 * dx = da·Wxᵀ (nobody needs it for a one-hot input) and returns dx = null.
 */
export interface RnnBackwardOptions extends RnnOptions {
  inputGrad?: boolean;
}

/** What `rnnBackward` returns; DX is Tensor ([N, T, D]), or null when options.inputGrad is false. */
export type RnnGrads<DX extends Tensor | null = Tensor> = { dx: DX; dh0: Tensor } & RnnParamGrads;

/** Parameters of a vanilla RNN. Wx: [D, H], Wh: [H, H], b: [H]. */
export type RnnParams = { Wx: Tensor; Wh: Tensor; b: Tensor };

/** The shapes of RnnParams, in checking order (Wh binds H). */
export const RNN_PARAM_SHAPES: ParamShapes = { Wh: ['H', 'H'], Wx: ['D', 'H'], b: ['H'] };

/** What `rnnStepBackward` needs. x: [N, D], prevH/nextH: [N, H]. */
export interface RnnStepCache {
  x: Tensor;
  prevH: Tensor;
  Wx: Tensor;
  Wh: Tensor;
  nextH: Tensor;
  activation: RnnActivation;
  precision: Precision;
}

/** What `rnnBackward` needs. x: [N, T, D], h0: [N, H], h: [N, T, H] (the forward's output). */
export interface RnnCache {
  x: Tensor;
  h0: Tensor;
  Wx: Tensor;
  Wh: Tensor;
  h: Tensor;
  activation: RnnActivation;
  precision: Precision;
}

/** Gradients of a vanilla RNN's parameters. dWx: [D, H], dWh: [H, H], db: [H]. */
export interface RnnParamGrads {
  dWx: Tensor;
  dWh: Tensor;
  db: Tensor;
}

/** Throws ValueError unless `value` is one of RNN_ACTIVATIONS; returns it. `arg` names it in the message. */
export function checkRnnActivation(fn: string, arg: string, value: unknown): RnnActivation {
  if (!RNN_ACTIVATIONS.includes(value as RnnActivation)) {
    const got = typeof value === 'string' ? `'${value}'` : String(value);
    throw new ValueError(`${fn}: ${arg} is ${got}, expected one of ${RNN_ACTIVATIONS.map((a) => `'${a}'`).join(', ')}`);
  }
  return value as RnnActivation;
}

/** The activation in `options` (undefined when not given), checked. */
function optionActivation(fn: string, options: unknown): RnnActivation | undefined {
  if (options === undefined) return undefined;
  if (options === null || typeof options !== 'object') {
    throw new ValueError(`${fn}: options is ${String(options)}, expected an object like { activation: 'tanh' }`);
  }
  const { activation } = options as RnnOptions;
  return activation === undefined ? undefined : checkRnnActivation(fn, 'options.activation', activation);
}

/** The cache's activation, after checking the cache's fields and any activation given in `options` against it. */
function cacheActivation(fn: string, cache: unknown, fields: string[], from: string, options: unknown): RnnActivation {
  const c = checkCacheTensors(fn, cache, fields, from);
  const activation = checkRnnActivation(fn, 'cache.activation', c.activation);
  const asked = optionActivation(fn, options);
  if (asked !== undefined && asked !== activation) {
    throw new ValueError(`${fn}: options.activation is '${asked}', but the forward pass used '${activation}' (from cache)`);
  }
  return activation;
}

/**
 * One time step. x: [N, D], prevH: [N, H], Wx: [D, H], Wh: [H, H], b: [H], options { activation = 'tanh' }.
 * Returns nextH [N, H] and the cache for `rnnStepBackward`.
 */
export function rnnStepForward(
  x: Tensor, prevH: Tensor, Wx: Tensor, Wh: Tensor, b: Tensor, options?: RnnOptions,
): { nextH: Tensor; cache: RnnStepCache } {
  const fn = 'rnnStepForward';
  const activation = optionActivation(fn, options) ?? 'tanh';
  const precision = optionPrecision(fn, options ?? {});
  const s = checkLayerArgs(fn, RNN_PARAM_SHAPES, { Wx, Wh, b }, '', x, ['N', 'D'], [['prevH', prevH]]);
  const [N, D, H] = [s.dim('N'), s.dim('D'), s.dim('H')];
  const nextH = rnnRecurrence(x.reshape([N, 1, D]), prevH, Wx, Wh, b, activation, precision).reshape([N, H]);
  return { nextH, cache: { x, prevH, Wx, Wh, nextH, activation, precision } };
}

/**
 * Backward pass of one step. dnextH: [N, H] upstream gradient of nextH; `options.activation`, if given, must match the
 * cache's. Returns dx [N, D], dprevH [N, H], dWx [D, H], dWh [H, H], db [H].
 */
export function rnnStepBackward(
  dnextH: Tensor, cache: RnnStepCache, options?: RnnOptions,
): { dx: Tensor; dprevH: Tensor } & RnnParamGrads {
  const fn = 'rnnStepBackward';
  const activation = cacheActivation(fn, cache, ['x', 'prevH', 'Wx', 'Wh', 'nextH'], 'rnnStepForward', options);
  checkSameShape(fn, 'dnextH', dnextH, cache.nextH, 'nextH in the cache');
  const [N, D] = cache.x.shape;
  const H = cache.nextH.shape[1];
  const precision = cache.precision ?? 'float64';
  const step = { x: cache.x.reshape([N, 1, D]), h0: cache.prevH, Wx: cache.Wx, Wh: cache.Wh, h: cache.nextH.reshape([N, 1, H]) };
  const g = rnnRecurrenceBackward(dnextH.reshape([N, 1, H]), step, activation, precision, true);
  return { dx: (g.dx as Tensor).reshape([N, D]), dprevH: g.dh0, dWx: g.dWx, dWh: g.dWh, db: g.db };
}

/**
 * A whole sequence from h0. x: [N, T, D], h0: [N, H], Wx: [D, H], Wh: [H, H], b: [H], options { activation = 'tanh' }.
 * Returns every hidden state h [N, T, H] and the cache for `rnnBackward`.
 */
export function rnnForward(
  x: Tensor, h0: Tensor, Wx: Tensor, Wh: Tensor, b: Tensor, options?: RnnForwardOptions,
): { h: Tensor; cache: RnnCache } {
  const fn = 'rnnForward';
  const activation = optionActivation(fn, options) ?? 'tanh';
  const precision = optionPrecision(fn, options ?? {});
  checkLayerArgs(fn, RNN_PARAM_SHAPES, { Wx, Wh, b }, '', x, ['N', 'T', 'D'], [['h0', h0]]);
  const h = rnnRecurrence(x, h0, Wx, Wh, b, activation, precision, options?.reuse?.h);
  return { h, cache: { x, h0, Wx, Wh, h, activation, precision } };
}

/**
 * Backward pass over the sequence. dh: [N, T, H], the upstream gradient of every hidden state; `options.activation`,
 * if given, must match the cache's. Returns dx [N, T, D], dh0 [N, H], dWx [D, H], dWh [H, H], db [H]; with
 * options.inputGrad false, dx is null (not computed) and the other gradients are the same bits.
 */
export function rnnBackward(dh: Tensor, cache: RnnCache, options?: RnnBackwardOptions & { inputGrad?: true }): RnnGrads;
export function rnnBackward(dh: Tensor, cache: RnnCache, options: RnnBackwardOptions & { inputGrad: false }): RnnGrads<null>;
export function rnnBackward(dh: Tensor, cache: RnnCache, options?: RnnBackwardOptions): RnnGrads<Tensor | null>;
export function rnnBackward(dh: Tensor, cache: RnnCache, options?: RnnBackwardOptions): RnnGrads<Tensor | null> {
  const fn = 'rnnBackward';
  const activation = cacheActivation(fn, cache, ['x', 'h0', 'Wx', 'Wh', 'h'], 'rnnForward', options);
  const inputGrad = optionInputGrad(fn, options ?? {});
  checkSameShape(fn, 'dh', dh, cache.h, 'h in the cache');
  const precision = cache.precision ?? 'float64';
  return rnnRecurrenceBackward(dh, cache, activation, precision, inputGrad);
}

/**
 * Parameters drawn as cs231n does: Wx = rng.randn(D, H) / √D, then Wh = rng.randn(H, H) / √H (in that order), b = 0.
 * D, H: positive integers. Returns { Wx [D, H], Wh [H, H], b [H] }.
 */
export function initRnnParams(D: number, H: number, rng: RandomState): RnnParams {
  const fn = 'initRnnParams';
  checkInteger(fn, 'D', D, 1);
  checkInteger(fn, 'H', H, 1);
  checkRandomState(fn, rng);
  return { Wx: randnScaled(rng, D, H, D), Wh: randnScaled(rng, H, H, H), b: zeros([H]) };
}
