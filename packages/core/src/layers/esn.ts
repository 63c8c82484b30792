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
 * tensors, not copies. `spectralRadius` (power iteration) is here because only the reservoir's scaling needs it.
 */
import { ValueError } from '../errors';
import { RandomState, checkRandomState } from '../random';
import { ShapeCheck, checkInteger, checkNumber, checkOptionsObject, checkSameShape } from '../tensor/check';
import { matmul } from '../tensor/matmul';
import { scale } from '../tensor/ops';
import { sum } from '../tensor/reduce';
import { getTimeStep, setTimeStep } from '../tensor/time';
import { Tensor, zeros } from '../tensor/tensor';
import { checkCacheTensors } from './check-cache';
import { inputGradient, optionInputGrad } from './recurrence';
import { spectralRadius } from './spectral-radius';
export { spectralRadius } from './spectral-radius';
export type { SpectralRadiusOptions } from './spectral-radius';

/** The reservoir. Win: [D, H], W: [H, H], b: [H]. */
export type EsnParams = { Win: Tensor; W: Tensor; b: Tensor };

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

/** Options of the forward functions: the leak rate a in (0, 1], default 1 (backward takes it from the cache). */
export interface EsnOptions {
  leakRate?: number;
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
  const [N, D, H] = checkParams(fn, Win, W, b, x, ['N', 'D'], 'prevH', prevH);
  const { h, htilde } = forwardCore(x.reshape([N, 1, D]), prevH, Win, W, b, leakRate);
  return { nextH: h.reshape([N, H]), cache: { x, prevH, Win, W, htilde: htilde.reshape([N, H]), leakRate } };
}

/** Backward of one step. dnextH: [N, H]. Returns dx [N, D], dprevH [N, H], dWin [D, H], dW [H, H], db [H]. */
export function esnStepBackward(dnextH: Tensor, cache: EsnStepCache): { dx: Tensor; dprevH: Tensor } & EsnParamGrads {
  const fn = 'esnStepBackward';
  checkCache(fn, cache, ['x', 'prevH', 'Win', 'W', 'htilde'], 'esnStepForward');
  checkSameShape(fn, 'dnextH', dnextH, cache.htilde, 'htilde in the cache');
  const [N, D] = cache.x.shape;
  const H = cache.W.shape[0];
  const g = backwardCore(
    dnextH.reshape([N, 1, H]), cache.x.reshape([N, 1, D]), cache.prevH, cache.W, undefined,
    cache.htilde.reshape([N, 1, H]), cache.leakRate,
  );
  const dx = matmul(g.da, cache.Win, { transB: true }); // [N, H]·Winᵀ
  return { dx, dprevH: g.dh0, dWin: g.dWin, dW: g.dW, db: g.db };
}

/**
 * A whole sequence from h0. x: [N, T, D], h0: [N, H], Win: [D, H], W: [H, H], b: [H], options { leakRate = 1 }.
 * Returns every state h [N, T, H] and the cache for `esnBackward`.
 */
export function esnForward(
  x: Tensor, h0: Tensor, Win: Tensor, W: Tensor, b: Tensor, options: EsnOptions = {},
): { h: Tensor; cache: EsnCache } {
  const fn = 'esnForward';
  const leakRate = optionLeakRate(fn, options);
  checkParams(fn, Win, W, b, x, ['N', 'T', 'D'], 'h0', h0);
  const { h, htilde } = forwardCore(x, h0, Win, W, b, leakRate);
  return { h, cache: { x, h0, Win, W, h, htilde, leakRate } };
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
  const { da, ...grads } = backwardCore(dh, cache.x, cache.h0, cache.W, cache.h, cache.htilde, cache.leakRate);
  return { dx: inputGrad ? inputGradient(da, cache.Win, cache.x.shape) : null, ...grads };
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

/** Checks the parameters, x against `xDims` and the initial state; returns [N, D, H]. */
function checkParams(
  fn: string, Win: Tensor, W: Tensor, b: Tensor, x: Tensor, xDims: string[], stateName: string, state: Tensor,
): [number, number, number] {
  const s = new ShapeCheck(fn);
  s.check('W', W, ['H', 'H']);
  s.check('Win', Win, ['D', 'H']);
  s.check('b', b, ['H']);
  s.check('x', x, xDims);
  s.check(stateName, state, ['N', 'H']);
  return [s.dim('N'), s.dim('D'), s.dim('H')];
}

/** The recurrence on checked arguments: x [N, T, D] → h, htilde [N, T, H]. */
function forwardCore(x: Tensor, h0: Tensor, Win: Tensor, W: Tensor, b: Tensor, a: number): { h: Tensor; htilde: Tensor } {
  const [N, T, D] = x.shape;
  const H = W.shape[0];
  const htilde = matmul(x.reshape([N * T, D]), Win).reshape([N, T, H]); // x_t·Win for every step; tanh'd below
  const h = zeros([N, T, H]);
  const prev = h0.clone(); // h_{t−1}
  const recurrent = zeros([N, H]); // h_{t−1}·W
  for (let t = 0; t < T; t++) {
    matmul(prev, W, { out: recurrent });
    for (let n = 0; n < N; n++) {
      const row = (n * T + t) * H;
      for (let j = 0; j < H; j++) {
        const ht = Math.tanh(htilde.data[row + j] + recurrent.data[n * H + j] + b.data[j]);
        htilde.data[row + j] = ht;
        const next = (1 - a) * prev.data[n * H + j] + a * ht;
        h.data[row + j] = next;
        prev.data[n * H + j] = next;
      }
    }
  }
  return { h, htilde };
}

/**
 * Backward on checked arguments; h [N, T, H] may be undefined when T = 1 (only h0 is then read). Returns also
 * da [N·T, H], the gradient of the pre-activations, from which the caller computes dx if it wants it.
 */
function backwardCore(
  dh: Tensor, x: Tensor, h0: Tensor, W: Tensor, h: Tensor | undefined, htilde: Tensor, a: number,
): { da: Tensor; dh0: Tensor } & EsnParamGrads {
  const [N, T, D] = x.shape;
  const H = W.shape[0];
  const da = zeros([N, T, H]); // d(x_t·Win + h_{t−1}·W + b)
  const dW = zeros([H, H]);
  const g = zeros([N, H]); // dh_t + the gradient flowing back from step t + 1
  const daT = zeros([N, H]);
  const prev = zeros([N, H]);
  const dnext = zeros([N, H]);
  for (let t = T - 1; t >= 0; t--) {
    getTimeStep(dh, t, g);
    for (let n = 0; n < N; n++) {
      const row = (n * T + t) * H;
      for (let j = 0; j < H; j++) {
        const gi = g.data[n * H + j] + dnext.data[n * H + j];
        const ht = htilde.data[row + j];
        daT.data[n * H + j] = a * gi * (1 - ht * ht);
        dnext.data[n * H + j] = (1 - a) * gi; // the leak path
      }
    }
    setTimeStep(da, t, daT);
    matmul(daT, W, { transB: true, out: dnext, accumulate: true });
    const prevH = t === 0 ? h0 : getTimeStep(h as Tensor, t - 1, prev);
    matmul(prevH, daT, { transA: true, out: dW, accumulate: true });
  }
  const daFlat = da.reshape([N * T, H]);
  const dWin = matmul(x.reshape([N * T, D]), daFlat, { transA: true });
  return { da: daFlat, dh0: dnext, dWin, dW, db: sum(daFlat, 0) };
}
