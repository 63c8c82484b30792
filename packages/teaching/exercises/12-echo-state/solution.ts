/**
 * Exercise 12 — echo state network (bonus): a recurrent layer whose weights are random and never trained, and a
 * linear readout fitted in closed form (Jaeger 2001; Lukoševičius, "A Practical Guide to Applying Echo State
 * Networks", 2012). Row vectors, as in cs231n (h·W):
 *
 *     reservoir   Win = uniform(−1, 1)·s [D, H],  b = uniform(−1, 1)·s [H],  W sparse [H, H] scaled to ρ(W) = ρ
 *     states      h̃_t = tanh(x_t·Win + h_{t−1}·W + b),   h_t = (1 − a)·h_{t−1} + a·h̃_t      (a: the leak rate)
 *     washout     drop the first steps of every sequence (the state still remembers h0 there)
 *     readout     (X̃ᵀX̃ + λ·diag(1, …, 1, 0))·[w; b] = X̃ᵀY,  X̃ = [X, 1]   (ridge regression; the bias is not penalised)
 *
 * ρ(W) = max |λᵢ(W)| is the spectral radius: the largest modulus of an eigenvalue, not the largest entry or a norm.
 *
 * Legend: N sequences, T time steps, D input size, H reservoir size, V outputs, M collected states = N·(T − washout).
 * x_t is x[:, t, :]; `getTimeStep(x, t)` and `setTimeStep(h, t, value)` read and write it.
 *
 * Use core's tensor functions (`matmul(A, B, { transA, transB })`, `add`, `addBias`, `scale`, `tanh`, `mul`, `sum`,
 * `zeros`, `getTimeStep`, `setTimeStep`), `spectralRadius(W, { rng })` in initReservoir, and `cholesky(A)` with
 * `choleskySolve(L, B)` to solve the normal equations. Not core's initEsnParams, esnForward, dropWashout or
 * ridgeReadout: those are the answers.
 */
import {
  NotImplementedError, RandomState, Tensor, add, addBias, cholesky, choleskySolve, getTimeStep, matmul, mul, scale,
  setTimeStep, spectralRadius, sum, tanh, zeros,
} from '@rnnlab/core';
import type { EsnParams, Readout } from '@rnnlab/core';

/** How `initReservoir` draws a reservoir. */
export interface ReservoirOptions {
  /** ρ, the spectral radius W is scaled to (> 0). */
  spectralRadius: number;
  /** The probability that an entry of W is nonzero, in (0, 1]. */
  density: number;
  /** s: Win and b are uniform(−1, 1)·s. */
  inputScaling: number;
}

/** How `fitReadout` trains a readout. */
export interface FitOptions {
  /** a in (0, 1]: how much of the new state h̃ enters h at each step (1: no leak). */
  leakRate: number;
  /** Steps dropped at the start of every sequence, an integer in [0, T). */
  washout: number;
  /** λ ≥ 0, the ridge penalty on w. */
  lambda: number;
}

/**
 * The spectral radius of W by power iteration: start from v = v0/‖v0‖, then `iterations` times w = v·W,
 * ρ̂ = ‖w‖, v = w/ρ̂. Returns the last ρ̂. (It converges when W has one real eigenvalue of largest modulus; a
 * random reservoir usually has a complex pair instead — then use core's `spectralRadius`, see the README.)
 * @param W a square matrix, [H, H]
 * @param v0 the start vector, [H] (not all zeros)
 * @param iterations the number of products v·W, at least 1
 * @returns ρ̂ ≥ 0, the estimate of max |λᵢ(W)|
 */
export function powerIteration(W: Tensor, v0: Tensor, iterations: number): number {
  // BEGIN SOLUTION
  const H = W.shape[0];
  const norm = (v: Tensor) => Math.sqrt(sum(mul(v, v)));
  let v = scale(v0, 1 / norm(v0)).reshape([1, H]); // a row vector, [1, H]
  let estimate = 0;
  for (let k = 0; k < iterations; k++) {
    const w = matmul(v, W); // [1, H]
    estimate = norm(w); // how much W stretches v
    v = scale(w, 1 / estimate); // normalised, so the powers of W never overflow
  }
  return estimate;
  // END SOLUTION
}

/**
 * A reservoir drawn from `rng` in exactly this order (s = options.inputScaling):
 *   1. Win = rng.uniform(−1, 1, [D, H]) · s
 *   2. b = rng.uniform(−1, 1, [H]) · s
 *   3. mask = rng.rand(H, H): W[i, j] is kept where mask[i, j] < options.density
 *   4. values = rng.uniform(−1, 1, [H, H]); W = values where kept, 0 elsewhere
 *   5. W = W · ρ / ρ(W), with ρ = options.spectralRadius and ρ(W) = core's `spectralRadius(W, { rng })`
 * @param D the input size; H the reservoir size (positive integers)
 * @param rng the generator (the checks pass a seeded one and compare every draw)
 * @param options spectralRadius ρ > 0, density in (0, 1], inputScaling s
 * @returns { Win [D, H], W [H, H], b [H] }
 */
export function initReservoir(D: number, H: number, rng: RandomState, options: ReservoirOptions): EsnParams {
  // BEGIN SOLUTION
  const s = options.inputScaling;
  const Win = scale(rng.uniform(-1, 1, [D, H]), s);
  const b = scale(rng.uniform(-1, 1, [H]), s);
  const mask = rng.rand(H, H);
  const values = rng.uniform(-1, 1, [H, H]);
  const W = zeros([H, H]);
  // Stryker disable next-line EqualityOperator: equivalent, i <= W.size reads and writes past the ends of Float64Arrays, and a draw exactly equal to density has probability about 2⁻⁵³
  for (let i = 0; i < W.size; i++) if (mask.data[i] < options.density) W.data[i] = values.data[i];
  const current = spectralRadius(W, { rng }); // max |λ| of the sparse W
  return { Win, W: scale(W, options.spectralRadius / current), b };
  // END SOLUTION
}

/**
 * The reservoir's states over a batch of sequences: h̃_t = tanh(x_t·Win + h_{t−1}·W + b), h_t = (1 − a)·h_{t−1} + a·h̃_t.
 * @param x the inputs, [N, T, D]
 * @param h0 the state before the first step, [N, H]
 * @param params the reservoir: Win [D, H], W [H, H], b [H]
 * @param leakRate a in (0, 1]
 * @returns h, [N, T, H]: h[:, t, :] is the state after reading x_t
 */
export function reservoirStates(x: Tensor, h0: Tensor, params: EsnParams, leakRate: number): Tensor {
  // BEGIN SOLUTION
  const [N, T] = x.shape;
  const H = params.W.shape[0];
  const h = zeros([N, T, H]);
  let prev = h0;
  for (let t = 0; t < T; t++) {
    const input = matmul(getTimeStep(x, t), params.Win); // [N, H]
    const recurrent = matmul(prev, params.W); // [N, H]
    const htilde = tanh(addBias(add(input, recurrent), params.b));
    const next = add(scale(prev, 1 - leakRate), scale(htilde, leakRate)); // the leak mixes old and new
    setTimeStep(h, t, next);
    prev = next;
  }
  return h;
  // END SOLUTION
}

/**
 * A sequence tensor without its first `washout` steps, flattened to rows: row n·(T − washout) + (t − washout) is
 * seq[n, t, :] for t ≥ washout (sequence 0's kept steps, then sequence 1's, …).
 * @param seq states or targets, [N, T, K]
 * @param washout the number of steps to drop, an integer in [0, T)
 * @returns [N·(T − washout), K]
 */
export function dropWashout(seq: Tensor, washout: number): Tensor {
  // BEGIN SOLUTION
  const [N, T, K] = seq.shape;
  const kept = T - washout;
  const out = zeros([N * kept, K]);
  for (let n = 0; n < N; n++) {
    for (let t = washout; t < T; t++) {
      for (let k = 0; k < K; k++) out.set(seq.get(n, t, k), n * kept + (t - washout), k);
    }
  }
  return out;
  // END SOLUTION
}

/**
 * The ridge-regression readout from states to targets: w, b minimising ‖X·w + 1·b − Y‖² + λ‖w‖², from the normal
 * equations (X̃ᵀX̃ + λ·diag(1, …, 1, 0))·[w; b] = X̃ᵀY with X̃ = [X, 1] (a column of ones for the bias, which λ
 * does not penalise).
 * @param states X, [M, H]
 * @param targets Y, [M, V]
 * @param lambda λ ≥ 0
 * @returns { w [H, V], b [V] }
 */
export function ridgeReadout(states: Tensor, targets: Tensor, lambda: number): Readout {
  // BEGIN SOLUTION
  const [M, H] = states.shape;
  const V = targets.shape[1];
  const Xa = zeros([M, H + 1]); // [X, 1]
  for (let m = 0; m < M; m++) {
    for (let j = 0; j < H; j++) Xa.set(states.get(m, j), m, j);
    Xa.set(1, m, H);
  }
  const A = matmul(Xa, Xa, { transA: true }); // X̃ᵀX̃, [H + 1, H + 1]
  for (let i = 0; i < H; i++) A.set(A.get(i, i) + lambda, i, i); // + λ on the weights' diagonal only
  const rhs = matmul(Xa, targets, { transA: true }); // X̃ᵀY, [H + 1, V]
  const solution = choleskySolve(cholesky(A), rhs); // [w; b], [H + 1, V]
  const w = zeros([H, V]);
  const b = zeros([V]);
  for (let v = 0; v < V; v++) {
    for (let j = 0; j < H; j++) w.set(solution.get(j, v), j, v);
    b.set(solution.get(H, v), v);
  }
  return { w, b };
  // END SOLUTION
}

/**
 * Trains an echo state network's readout: the states of `reservoirStates` from h0 = 0, the first options.washout
 * steps of every sequence dropped (from the states and the targets alike), then the ridge readout.
 * @param x the inputs, [N, T, D]
 * @param y the targets, [N, T, V] (y[:, t, :] is what the readout should output after reading x_t)
 * @param params the reservoir: Win [D, H], W [H, H], b [H]
 * @param options leakRate a, washout, lambda λ
 * @returns { w [H, V], b [V] }
 */
export function fitReadout(x: Tensor, y: Tensor, params: EsnParams, options: FitOptions): Readout {
  // BEGIN SOLUTION
  const N = x.shape[0];
  const H = params.W.shape[0];
  const h = reservoirStates(x, zeros([N, H]), params, options.leakRate);
  return ridgeReadout(dropWashout(h, options.washout), dropWashout(y, options.washout), options.lambda);
  // END SOLUTION
}
