/**
 * The leaky-integrator echo state network (Jaeger 2001; Lukoševičius, "A Practical Guide to Applying Echo State
 * Networks", 2012): a recurrent layer whose weights are random and fixed. Only a linear readout on its states is
 * trained (./ridge.ts, ../modules/echo-state.ts); the backward pass lets an ESN sit inside a stacked model and be
 * gradient-checked like every other cell.
 *
 *   h̃_t = tanh(x_t·Win + h_{t−1}·W + b),   h_t = (1 − a)·h_{t−1} + a·h̃_t       (a: leak rate in (0, 1]; 1 = plain ESN)
 *   da_t = a·g_t ⊙ (1 − h̃_t²),  g_t = dh_t + dh_{t+1→t}
 *   dh_{t→t−1} = (1 − a)·g_t + da_t·Wᵀ,  dx_t = da_t·Winᵀ,  dWin = Σ_t x_tᵀ·da_t,  dW = Σ_t h_{t−1}ᵀ·da_t,  db = Σ da_t
 *
 * W is sparse and scaled to a chosen spectral radius (below 1 usually gives the echo state property: the state
 * forgets where it started). Row vectors as in cs231n (h·W), so W here is the papers' Wᵀ; the spectrum is the same.
 *
 * Legend: N batch, T time, D input size, H hidden (reservoir) size. x_t is x[:, t, :]. Caches hold the caller's
 * tensors, not copies. The recurrence is ./esn-recurrence.ts (a fast version on the WebAssembly kernels and its
 * readable twin); options.precision 'float32' runs the kernels in float32. `spectralRadius` (power iteration) is here because only the reservoir's scaling needs it.
 */
import { ValueError } from '../errors';
import { RandomState, checkRandomState } from '../random';
import type { Precision } from '../kernels/wasm';
import { checkInteger, checkNumber, checkOptionsObject, checkSameShape } from '../tensor/check';
import { scale } from '../tensor/ops';
import { Tensor, zeros } from '../tensor/tensor';
import { checkCacheTensors } from './check-cache';
import { esnRecurrence, esnRecurrenceBackward } from './esn-recurrence';
import { ParamShapes, checkLayerArgs, optionInputGrad, optionPrecision } from './recurrence';
import { spectralRadius } from './spectral-radius';
export { spectralRadius } from './spectral-radius';
export type { SpectralRadiusOptions } from './spectral-radius';

/** The reservoir. Win: [D, H], W: [H, H], b: [H]. */
export type EsnParams = { Win: Tensor; W: Tensor; b: Tensor };

/** The shapes of EsnParams, in checking order (W binds H). */
export const ESN_PARAM_SHAPES: ParamShapes = { W: ['H', 'H'], Win: ['D', 'H'], b: ['H'] };

/** How `initEsnParams` draws a reservoir. */
export interface EsnInitOptions {
  /** ρ(W) after scaling, > 0. Default 0.9. */
  spectralRadius?: number;
  /** Probability that an entry of W is nonzero, in (0, 1]. Default 0.1. */
  density?: number;
  /** Win = uniform(−1, 1) · inputScaling, > 0. Default 1. */
  inputScaling?: number;
  /** b = uniform(−1, 1) · biasScaling, ≥ 0 (0: no bias). Default inputScaling (the guide's bias column of Win). */
  biasScaling?: number;
}

/**
 * Options of the forward functions: the leak rate a in (0, 1], default 1, and the precision, default 'float64'
 * (backward takes both from the cache).
 */
export interface EsnOptions {
  leakRate?: number;
  precision?: Precision;
}

/** Options of `esnForward`: EsnOptions and `reuse`, an earlier cache whose h and h̃ are overwritten when they fit. */
export interface EsnForwardOptions extends EsnOptions {
  reuse?: EsnCache;
}

/**
 * Options of `esnBackward`: inputGrad (default true): false skips dx = da·Winᵀ (nobody needs it for a one-hot input)
 * and returns dx = null.
 */
export interface EsnBackwardOptions {
  inputGrad?: boolean;
}

/** What `esnBackward` returns; DX is Tensor ([N, T, D]), or null when options.inputGrad is false. */
export type EsnGrads<DX extends Tensor | null = Tensor> = { dx: DX; dh0: Tensor } & EsnParamGrads;

/** What `esnStepBackward` needs. x: [N, D], prevH / htilde (h̃): [N, H]. */
export interface EsnStepCache {
  x: Tensor;
  prevH: Tensor;
  Win: Tensor;
  W: Tensor;
  htilde: Tensor;
  leakRate: number;
  precision: Precision;
}

/** What `esnBackward` needs. x: [N, T, D], h0: [N, H], h / htilde: [N, T, H]. */
export interface EsnCache {
  x: Tensor;
  h0: Tensor;
  Win: Tensor;
  W: Tensor;
  h: Tensor;
  htilde: Tensor;
  leakRate: number;
  precision: Precision;
}

/** Gradients of the reservoir. dWin: [D, H], dW: [H, H], db: [H]. */
export type EsnParamGrads = { dWin: Tensor; dW: Tensor; db: Tensor };

/**
 * One step. x: [N, D], prevH: [N, H], Win: [D, H], W: [H, H], b: [H], options { leakRate = 1 }.
 * Returns nextH [N, H] and the cache for `esnStepBackward`.
 */
export function esnStepForward(
  x: Tensor, prevH: Tensor, Win: Tensor, W: Tensor, b: Tensor, options: EsnOptions = {},
): { nextH: Tensor; cache: EsnStepCache } {
  const fn = 'esnStepForward';
  const leakRate = optionLeakRate(fn, options);
  const precision = optionPrecision(fn, options);
  const s = checkLayerArgs(fn, ESN_PARAM_SHAPES, { Win, W, b }, '', x, ['N', 'D'], [['prevH', prevH]]);
  const [N, D, H] = [s.dim('N'), s.dim('D'), s.dim('H')];
  const { h, htilde } = esnRecurrence(x.reshape([N, 1, D]), prevH, Win, W, b, leakRate, precision);
  return { nextH: h.reshape([N, H]), cache: { x, prevH, Win, W, htilde: htilde.reshape([N, H]), leakRate, precision } };
}

/** Backward of one step. dnextH: [N, H]. Returns dx [N, D], dprevH [N, H], dWin [D, H], dW [H, H], db [H]. */
export function esnStepBackward(dnextH: Tensor, cache: EsnStepCache): { dx: Tensor; dprevH: Tensor } & EsnParamGrads {
  const fn = 'esnStepBackward';
  checkCache(fn, cache, ['x', 'prevH', 'Win', 'W', 'htilde'], 'esnStepForward');
  checkSameShape(fn, 'dnextH', dnextH, cache.htilde, 'htilde in the cache');
  const [N, D] = cache.x.shape;
  const H = cache.W.shape[0];
  const precision = cache.precision ?? 'float64';
  const step = {
    x: cache.x.reshape([N, 1, D]), h0: cache.prevH, Win: cache.Win, W: cache.W, h: zeros([N, 1, H]),
    htilde: cache.htilde.reshape([N, 1, H]),
  };
  const g = esnRecurrenceBackward(dnextH.reshape([N, 1, H]), step, cache.leakRate, precision, true);
  return { dx: (g.dx as Tensor).reshape([N, D]), dprevH: g.dh0, dWin: g.dWin, dW: g.dW, db: g.db };
}

/**
 * A whole sequence from h0. x: [N, T, D], h0: [N, H], Win: [D, H], W: [H, H], b: [H], options { leakRate = 1 }.
 * Returns every state h [N, T, H] and the cache for `esnBackward`.
 */
export function esnForward(
  x: Tensor, h0: Tensor, Win: Tensor, W: Tensor, b: Tensor, options: EsnForwardOptions = {},
): { h: Tensor; cache: EsnCache } {
  const fn = 'esnForward';
  const leakRate = optionLeakRate(fn, options);
  const precision = optionPrecision(fn, options);
  checkLayerArgs(fn, ESN_PARAM_SHAPES, { Win, W, b }, '', x, ['N', 'T', 'D'], [['h0', h0]]);
  const { h, htilde } = esnRecurrence(x, h0, Win, W, b, leakRate, precision, options.reuse);
  return { h, cache: { x, h0, Win, W, h, htilde, leakRate, precision } };
}

/**
 * Backward over the sequence. dh: [N, T, H]. Returns dx [N, T, D], dh0 [N, H], dWin [D, H], dW [H, H], db [H]; with
 * options.inputGrad false, dx is null (not computed) and the other gradients are the same bits.
 */
export function esnBackward(dh: Tensor, cache: EsnCache, options?: EsnBackwardOptions & { inputGrad?: true }): EsnGrads;
export function esnBackward(dh: Tensor, cache: EsnCache, options: EsnBackwardOptions & { inputGrad: false }): EsnGrads<null>;
export function esnBackward(dh: Tensor, cache: EsnCache, options?: EsnBackwardOptions): EsnGrads<Tensor | null>;
export function esnBackward(dh: Tensor, cache: EsnCache, options: EsnBackwardOptions = {}): EsnGrads<Tensor | null> {
  const fn = 'esnBackward';
  checkCache(fn, cache, ['x', 'h0', 'Win', 'W', 'h', 'htilde'], 'esnForward');
  checkOptionsObject(fn, options, '{ inputGrad: false }');
  const inputGrad = optionInputGrad(fn, options);
  checkSameShape(fn, 'dh', dh, cache.h, 'h in the cache');
  const precision = cache.precision ?? 'float64';
  return esnRecurrenceBackward(dh, cache, cache.leakRate, precision, inputGrad);
}

/**
 * Draws a reservoir from `rng`, in this order (numpy-reproducible; fixtures/make_esn_fixtures.py does the same):
 * 1. Win = uniform(−1, 1, [D, H]) · inputScaling; 2. b = uniform(−1, 1, [H]) · biasScaling (drawn even when 0);
 * 3. mask = rand(H, H) < density; 4. values = uniform(−1, 1, [H, H]), kept where the mask is set;
 * 5. W = mask ⊙ values · spectralRadius / ρ̂, with ρ̂ = `spectralRadius(W, { rng })` (H more draws for its start).
 * D, H: positive integers. Throws ValueError if the drawn W has spectral radius 0 (a sparsity pattern without a
 * cycle, likely when H·density is small). Returns { Win [D, H], W [H, H], b [H] }.
 */
export function initEsnParams(D: number, H: number, rng: RandomState, options: EsnInitOptions = {}): EsnParams {
  const fn = 'initEsnParams';
  checkInteger(fn, 'D', D, 1);
  checkInteger(fn, 'H', H, 1);
  checkRandomState(fn, rng);
  checkOptionsObject(fn, options, '{ spectralRadius: 0.9, density: 0.1 }');
  const { spectralRadius: rho = 0.9, density = 0.1, inputScaling = 1 } = options;
  const biasScaling = options.biasScaling ?? inputScaling;
  checkNumber(fn, 'options.spectralRadius', rho, rho > 0, 'a finite number > 0');
  checkNumber(fn, 'options.density', density, density > 0 && density <= 1, 'a number in (0, 1]');
  checkNumber(fn, 'options.inputScaling', inputScaling, inputScaling > 0, 'a finite number > 0');
  checkNumber(fn, 'options.biasScaling', biasScaling, biasScaling >= 0, 'a finite number >= 0');
  const Win = rng.uniform(-1, 1, [D, H]);
  for (let i = 0; i < Win.size; i++) Win.data[i] *= inputScaling;
  const b = rng.uniform(-1, 1, [H]);
  for (let i = 0; i < H; i++) b.data[i] *= biasScaling;
  const mask = rng.rand(H, H);
  const W = rng.uniform(-1, 1, [H, H]);
  for (let i = 0; i < W.size; i++) if (!(mask.data[i] < density)) W.data[i] = 0;
  const estimate = spectralRadius(W, { rng });
  if (estimate === 0) {
    throw new ValueError(
      `${fn}: the drawn W (H = ${H}, density = ${density}) has spectral radius 0 (no cycle in its sparsity pattern), ` +
        'expected a positive one; raise density or H, or use another seed',
    );
  }
  scale(W, rho / estimate, W);
  return { Win, W, b };
}

function optionLeakRate(fn: string, options: EsnOptions): number {
  checkOptionsObject(fn, options, '{ leakRate: 0.3 }');
  const a = options.leakRate ?? 1;
  checkNumber(fn, 'options.leakRate', a, a > 0 && a <= 1, 'a number in (0, 1]');
  return a;
}

function checkCache(fn: string, cache: unknown, fields: string[], from: string): void {
  const a = checkCacheTensors(fn, cache, fields, from).leakRate as number;
  checkNumber(fn, 'cache.leakRate', a, a > 0 && a <= 1, 'a number in (0, 1]');
}
