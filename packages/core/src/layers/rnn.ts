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
 * only h_{t−1}·Wh (forward) and da_t·Whᵀ (backward) run step by step. A step function is the sequence function with
 * T = 1 (views, no copies). Caches hold the caller's tensors and the returned h, not copies: do not modify them
 * between forward and backward.
 */
import { ValueError } from '../errors';
import { RandomState, checkRandomState } from '../random';
import { ShapeCheck, checkInteger, checkSameShape } from '../tensor/check';
import { matmul, sigmoidScalar } from '../tensor/ops';
import { sum } from '../tensor/reduce';
import { Tensor, zeros } from '../tensor/tensor';
import { checkCacheTensors } from './check-cache';
import { inputGradient, optionInputGrad, previousStates, randnScaled } from './recurrence';

/** The nonlinearity of the vanilla RNN. */
export type RnnActivation = 'tanh' | 'sigmoid';

/** The allowed activations, in the order error messages list them. */
export const RNN_ACTIVATIONS: readonly RnnActivation[] = ['tanh', 'sigmoid'];

/** Options of the RNN functions: `activation` defaults to 'tanh' (backward passes take it from the cache). */
export interface RnnOptions {
  activation?: RnnActivation;
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

/** What `rnnStepBackward` needs. x: [N, D], prevH/nextH: [N, H]. */
export interface RnnStepCache {
  x: Tensor;
  prevH: Tensor;
  Wx: Tensor;
  Wh: Tensor;
  nextH: Tensor;
  activation: RnnActivation;
}

/** What `rnnBackward` needs. x: [N, T, D], h0: [N, H], h: [N, T, H] (the forward's output). */
export interface RnnCache {
  x: Tensor;
  h0: Tensor;
  Wx: Tensor;
  Wh: Tensor;
  h: Tensor;
  activation: RnnActivation;
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
  const [N, D, H] = checkParams(fn, Wx, Wh, b, x, ['N', 'D'], 'prevH', prevH);
  const nextH = forwardCore(x.reshape([N, 1, D]), prevH, Wx, Wh, b, activation).reshape([N, H]);
  return { nextH, cache: { x, prevH, Wx, Wh, nextH, activation } };
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
  const g = backwardCore(
    dnextH.reshape([N, 1, H]), cache.x.reshape([N, 1, D]), cache.prevH, cache.Wh, cache.nextH.reshape([N, 1, H]),
    activation,
  );
  const dx = matmul(g.da, cache.Wx, { transB: true }); // [N, H]·Wxᵀ
  return { dx, dprevH: g.dh0, dWx: g.dWx, dWh: g.dWh, db: g.db };
}

/**
 * A whole sequence from h0. x: [N, T, D], h0: [N, H], Wx: [D, H], Wh: [H, H], b: [H], options { activation = 'tanh' }.
 * Returns every hidden state h [N, T, H] and the cache for `rnnBackward`.
 */
export function rnnForward(
  x: Tensor, h0: Tensor, Wx: Tensor, Wh: Tensor, b: Tensor, options?: RnnOptions,
): { h: Tensor; cache: RnnCache } {
  const fn = 'rnnForward';
  const activation = optionActivation(fn, options) ?? 'tanh';
  checkParams(fn, Wx, Wh, b, x, ['N', 'T', 'D'], 'h0', h0);
  const h = forwardCore(x, h0, Wx, Wh, b, activation);
  return { h, cache: { x, h0, Wx, Wh, h, activation } };
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
  const { da, ...grads } = backwardCore(dh, cache.x, cache.h0, cache.Wh, cache.h, activation);
  return { dx: inputGrad ? inputGradient(da, cache.Wx, cache.x.shape) : null, ...grads };
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

/** Checks the parameters, x against `xDims` and the initial state; binds and returns [N, D, H]. */
function checkParams(
  fn: string, Wx: Tensor, Wh: Tensor, b: Tensor, x: Tensor, xDims: string[], stateName: string, state: Tensor,
): [number, number, number] {
  const s = new ShapeCheck(fn);
  s.check('Wh', Wh, ['H', 'H']);
  s.check('Wx', Wx, ['D', 'H']);
  s.check('b', b, ['H']);
  s.check('x', x, xDims);
  s.check(stateName, state, ['N', 'H']);
  return [s.dim('N'), s.dim('D'), s.dim('H')];
}

/** The forward recurrence on checked arguments; x: [N, T, D] → h [N, T, H]. */
function forwardCore(x: Tensor, h0: Tensor, Wx: Tensor, Wh: Tensor, b: Tensor, activation: RnnActivation): Tensor {
  const [N, T, D] = x.shape;
  const H = Wh.shape[0];
  const f = activation === 'tanh' ? Math.tanh : sigmoidScalar;
  const h = matmul(x.reshape([N * T, D]), Wx); // x_t·Wx for every step at once, [N·T, H]; activated in place below
  const hWh = zeros([N, H]); // h_{t−1}·Wh
  const prev = zeros([N, H]); // h_{t−1} as a contiguous matrix, for the product
  const A = h.data;
  const B = b.data;
  for (let t = 0; t < T; t++) {
    matmul(t === 0 ? h0 : prev, Wh, { out: hWh });
    for (let n = 0; n < N; n++) {
      const row = (n * T + t) * H;
      for (let j = 0; j < H; j++) {
        const v = f(A[row + j] + hWh.data[n * H + j] + B[j]);
        A[row + j] = v;
        prev.data[n * H + j] = v;
      }
    }
  }
  return h.reshape([N, T, H]);
}

/**
 * The backward recurrence on checked arguments (shapes as in RnnCache, dh like h), with da [N·T, H], the gradient of
 * the pre-activations, from which the caller computes dx if it wants it.
 */
function backwardCore(
  dh: Tensor, x: Tensor, h0: Tensor, Wh: Tensor, h: Tensor, activation: RnnActivation,
): { da: Tensor; dh0: Tensor } & RnnParamGrads {
  const [N, T, D] = x.shape;
  const H = Wh.shape[0];
  const tanh = activation === 'tanh';
  const da = zeros([N * T, H]); // gradient of the pre-activations of every step
  const daStep = zeros([N, H]); // da_t as a contiguous matrix, for the product with Whᵀ
  const dprev = zeros([N, H]); // gradient reaching h_t from step t + 1; after the loop, dh0
  const Y = h.data;
  const G = dh.data;
  for (let t = T - 1; t >= 0; t--) {
    for (let n = 0; n < N; n++) {
      const row = (n * T + t) * H;
      for (let j = 0; j < H; j++) {
        const y = Y[row + j];
        const v = (G[row + j] + dprev.data[n * H + j]) * (tanh ? 1 - y * y : y * (1 - y));
        da.data[row + j] = v;
        daStep.data[n * H + j] = v;
      }
    }
    matmul(daStep, Wh, { transB: true, out: dprev });
  }
  const dWx = matmul(x.reshape([N * T, D]), da, { transA: true });
  const dWh = matmul(previousStates(h, h0), da, { transA: true });
  return { da, dh0: dprev, dWx, dWh, db: sum(da, 0) };
}
