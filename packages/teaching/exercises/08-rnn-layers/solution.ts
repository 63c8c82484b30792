/**
 * Exercise 08 — RNN layers, cs231n assignment 3's rnn_layers.py in TypeScript (batch-major: one row per sequence):
 *
 *   vanilla RNN     h_t = act(x_t·Wx + h_{t−1}·Wh + b),   act = tanh, or sigmoid (the batched Adagrad notebook's variant)
 *                   da_t = dh_t ⊙ act′,  act′ = 1 − h_t² (tanh) or h_t ⊙ (1 − h_t) (sigmoid), written with the output h_t
 *                   dx_t = da_t·Wxᵀ,  dh_{t−1} = da_t·Whᵀ,  dWx = Σ_t x_tᵀ·da_t,  dWh = Σ_t h_{t−1}ᵀ·da_t,  db = Σ_t Σ_n da_t
 *                   over a sequence, dh_t is the upstream gradient of h_t plus the gradient coming back from step t + 1
 *   embedding       out[n, t, :] = W[x[n, t], :];   dW[v, :] = Σ over every (n, t) with x[n, t] = v of dout[n, t, :]
 *   temporal affine out[n, t, :] = x[n, t, :]·w + b;   dx = dout·wᵀ,  dw = Σ_{n,t} x[n, t, :]ᵀ·dout[n, t, :],  db = Σ_{n,t} dout
 *   softmax loss    loss = −(1/N) Σ_{n,t} mask[n, t]·log softmax(x[n, t, :])[y[n, t]]   (summed over time, averaged over N)
 *                   dx[n, t, :] = mask[n, t]·(softmax(x[n, t, :]) − onehot(y[n, t])) / N
 *
 * Legend: N batch, T time, D input size, H hidden size, V vocabulary size, M output size. x_t is x[:, t, :].
 * The names, argument order and cache fields are those of core's layers (@rnnlab/core), so the two are interchangeable.
 *
 * Use core's tensor functions: `matmul(a, b, { transA?, transB? })`, `add`, `sub`, `mul`, `addBias(x, b)` (b [H]
 * added to every row), `tanh`, `sigmoid`, `sum(t, 0)` (column sums), `zeros`, `ones`, `getTimeStep(x, t)` /
 * `setTimeStep(x, t, v)` (x[:, t, :]), `t.get(...)`, `t.set(v, ...)`, `t.reshape(shape)`.
 */
import {
  NotImplementedError, Tensor, add, addBias, getTimeStep, matmul, mul, ones, setTimeStep, sigmoid, sub, sum, tanh, zeros,
} from '@rnnlab/core';

/** The nonlinearity of the vanilla RNN. */
export type RnnActivation = 'tanh' | 'sigmoid';

/** Options of the RNN forward passes: the activation, 'tanh' when not given. */
export interface RnnOptions {
  activation?: RnnActivation;
}

/** What `rnnStepBackward` needs (core's RnnStepCache). x: [N, D], prevH and nextH: [N, H], Wx: [D, H], Wh: [H, H]. */
export interface RnnStepCache {
  x: Tensor;
  prevH: Tensor;
  Wx: Tensor;
  Wh: Tensor;
  nextH: Tensor;
  activation: RnnActivation;
}

/** What `rnnBackward` needs (core's RnnCache). x: [N, T, D], h0: [N, H], h: [N, T, H], Wx: [D, H], Wh: [H, H]. */
export interface RnnCache {
  x: Tensor;
  h0: Tensor;
  Wx: Tensor;
  Wh: Tensor;
  h: Tensor;
  activation: RnnActivation;
}

/**
 * One time step of a vanilla RNN: nextH = act(x·Wx + prevH·Wh + b).
 * @param x the inputs of this step, [N, D]
 * @param prevH the previous hidden states, [N, H]
 * @param Wx input-to-hidden weights, [D, H]
 * @param Wh hidden-to-hidden weights, [H, H]
 * @param b the bias, [H]
 * @param options `{ activation: 'tanh' | 'sigmoid' }`, default tanh
 * @returns nextH [N, H], and the cache { x, prevH, Wx, Wh, nextH, activation } for the backward pass
 */
export function rnnStepForward(
  x: Tensor, prevH: Tensor, Wx: Tensor, Wh: Tensor, b: Tensor, options: RnnOptions = {},
): { nextH: Tensor; cache: RnnStepCache } {
  // BEGIN SOLUTION
  const activation = options.activation ?? 'tanh';
  const a = addBias(add(matmul(x, Wx), matmul(prevH, Wh)), b); // [N, H]
  const nextH = activation === 'tanh' ? tanh(a) : sigmoid(a);
  return { nextH, cache: { x, prevH, Wx, Wh, nextH, activation } };
  // END SOLUTION
}

/**
 * Backward pass of one time step.
 * @param dnextH the upstream gradient of nextH, [N, H]
 * @param cache what `rnnStepForward` returned (its activation says which derivative to use)
 * @returns dx [N, D], dprevH [N, H], dWx [D, H], dWh [H, H], db [H]
 */
export function rnnStepBackward(
  dnextH: Tensor, cache: RnnStepCache,
): { dx: Tensor; dprevH: Tensor; dWx: Tensor; dWh: Tensor; db: Tensor } {
  // BEGIN SOLUTION
  const { x, prevH, Wx, Wh, nextH, activation } = cache;
  // The activation's derivative from its output: tanh′ = 1 − h², sigmoid′ = h·(1 − h).
  const slope = activation === 'tanh' ? sub(ones(nextH.shape), mul(nextH, nextH)) : mul(nextH, sub(ones(nextH.shape), nextH));
  const da = mul(dnextH, slope); // gradient of the pre-activation a, [N, H]
  return {
    dx: matmul(da, Wx, { transB: true }), // [N, H]·[H, D]
    dprevH: matmul(da, Wh, { transB: true }), // [N, H]·[H, H]
    dWx: matmul(x, da, { transA: true }), // [D, N]·[N, H]
    dWh: matmul(prevH, da, { transA: true }), // [H, N]·[N, H]
    db: sum(da, 0), // summed over the batch, [H]
  };
  // END SOLUTION
}

/**
 * A vanilla RNN over whole sequences, from the initial hidden states h0: one `rnnStepForward` per time step, each
 * step's output the next step's prevH.
 * @param x the inputs, [N, T, D]
 * @param h0 the initial hidden states, [N, H]
 * @param Wx [D, H], Wh [H, H], b [H]: as in rnnStepForward
 * @param options `{ activation: 'tanh' | 'sigmoid' }`, default tanh
 * @returns every hidden state h [N, T, H], and the cache { x, h0, Wx, Wh, h, activation } for the backward pass
 */
export function rnnForward(
  x: Tensor, h0: Tensor, Wx: Tensor, Wh: Tensor, b: Tensor, options: RnnOptions = {},
): { h: Tensor; cache: RnnCache } {
  // BEGIN SOLUTION
  const [N, T] = x.shape;
  const H = h0.shape[1];
  const h = zeros([N, T, H]);
  let prevH = h0;
  for (let t = 0; t < T; t++) {
    const { nextH } = rnnStepForward(getTimeStep(x, t), prevH, Wx, Wh, b, options);
    setTimeStep(h, t, nextH);
    prevH = nextH; // the state carried to the next step
  }
  return { h, cache: { x, h0, Wx, Wh, h, activation: options.activation ?? 'tanh' } };
  // END SOLUTION
}

/**
 * Backward pass over whole sequences (backpropagation through time): from the last step to the first, each step's
 * gradient is its upstream gradient dh[:, t, :] plus the dprevH of step t + 1; the weight gradients add up over time.
 * @param dh the upstream gradients of every hidden state, [N, T, H]
 * @param cache what `rnnForward` returned
 * @returns dx [N, T, D], dh0 [N, H], dWx [D, H], dWh [H, H], db [H]
 */
export function rnnBackward(
  dh: Tensor, cache: RnnCache,
): { dx: Tensor; dh0: Tensor; dWx: Tensor; dWh: Tensor; db: Tensor } {
  // BEGIN SOLUTION
  const { x, h0, Wx, Wh, h, activation } = cache;
  const [N, T, D] = x.shape;
  const H = h0.shape[1];
  const dx = zeros([N, T, D]);
  let dWx = zeros([D, H]);
  let dWh = zeros([H, H]);
  let db = zeros([H]);
  let dnext = zeros([N, H]); // the gradient reaching h_t from step t + 1 (none after the last step)
  for (let t = T - 1; t >= 0; t--) {
    const prevH = t === 0 ? h0 : getTimeStep(h, t - 1);
    const stepCache = { x: getTimeStep(x, t), prevH, Wx, Wh, nextH: getTimeStep(h, t), activation };
    const step = rnnStepBackward(add(getTimeStep(dh, t), dnext), stepCache);
    setTimeStep(dx, t, step.dx);
    dWx = add(dWx, step.dWx);
    dWh = add(dWh, step.dWh);
    db = add(db, step.db);
    dnext = step.dprevH;
  }
  return { dx, dh0: dnext, dWx, dWh, db };
  // END SOLUTION
}

/** What `wordEmbeddingBackward` needs (core's WordEmbeddingCache): the ids [N, T] and the shape of W, [V, D]. */
export interface WordEmbeddingCache {
  x: Tensor;
  V: number;
  D: number;
}

/**
 * Word embedding: the row of W for every id, out[n, t, :] = W[x[n, t], :].
 * @param x integer ids in [0, V), [N, T] (a Tensor of whole numbers)
 * @param W the word vectors, [V, D]
 * @returns out [N, T, D], and the cache { x, V, D } for the backward pass
 */
export function wordEmbeddingForward(x: Tensor, W: Tensor): { out: Tensor; cache: WordEmbeddingCache } {
  // BEGIN SOLUTION
  const [N, T] = x.shape;
  const [V, D] = W.shape;
  const out = zeros([N, T, D]);
  for (let n = 0; n < N; n++) {
    for (let t = 0; t < T; t++) {
      const id = x.get(n, t);
      for (let d = 0; d < D; d++) out.set(W.get(id, d), n, t, d);
    }
  }
  return { out, cache: { x, V, D } };
  // END SOLUTION
}

/**
 * Gradient of the word embedding: every dout[n, t, :] is added into row x[n, t] of dW, so an id used several times
 * collects all its gradients (numpy's np.add.at, not dW[x] = dout).
 * @param dout the upstream gradient, [N, T, D]
 * @param cache what `wordEmbeddingForward` returned
 * @returns dW [V, D] (zero rows for ids that were not used)
 */
export function wordEmbeddingBackward(dout: Tensor, cache: WordEmbeddingCache): { dW: Tensor } {
  // BEGIN SOLUTION
  const { x, V, D } = cache;
  const [N, T] = x.shape;
  const dW = zeros([V, D]);
  for (let n = 0; n < N; n++) {
    for (let t = 0; t < T; t++) {
      const id = x.get(n, t);
      for (let d = 0; d < D; d++) dW.set(dW.get(id, d) + dout.get(n, t, d), id, d); // add: ids repeat
    }
  }
  return { dW };
  // END SOLUTION
}

/** What `temporalAffineBackward` needs (core's TemporalAffineCache): x [N, T, D] and w [D, M]. */
export interface TemporalAffineCache {
  x: Tensor;
  w: Tensor;
}

/**
 * The same affine map at every time step: out[n, t, :] = x[n, t, :]·w + b (as one [N·T, D]·[D, M] product).
 * @param x the inputs, [N, T, D]
 * @param w the weights, [D, M]
 * @param b the bias, [M]
 * @returns out [N, T, M], and the cache { x, w } for the backward pass
 */
export function temporalAffineForward(x: Tensor, w: Tensor, b: Tensor): { out: Tensor; cache: TemporalAffineCache } {
  // BEGIN SOLUTION
  const [N, T, D] = x.shape;
  const M = w.shape[1];
  const out = addBias(matmul(x.reshape([N * T, D]), w), b).reshape([N, T, M]);
  return { out, cache: { x, w } };
  // END SOLUTION
}

/**
 * Backward pass of the temporal affine layer.
 * @param dout the upstream gradient, [N, T, M]
 * @param cache what `temporalAffineForward` returned
 * @returns dx [N, T, D], dw [D, M], db [M]
 */
export function temporalAffineBackward(dout: Tensor, cache: TemporalAffineCache): { dx: Tensor; dw: Tensor; db: Tensor } {
  // BEGIN SOLUTION
  const { x, w } = cache;
  const [N, T, D] = x.shape;
  const M = w.shape[1];
  const g = dout.reshape([N * T, M]); // one row per (n, t)
  const dx = matmul(g, w, { transB: true }).reshape([N, T, D]); // [N·T, M]·[M, D]
  const dw = matmul(x.reshape([N * T, D]), g, { transA: true }); // [D, N·T]·[N·T, M]
  return { dx, dw, db: sum(g, 0) };
  // END SOLUTION
}

/**
 * Softmax cross-entropy of a sequence of scores (cs231n's temporal_softmax_loss): summed over the time steps whose
 * mask is 1, divided by the batch size N. The softmax is shifted by each row's maximum, so large scores are safe.
 * @param x the scores, [N, T, V]
 * @param y the target ids in [0, V), [N, T]
 * @param mask 1 where a step counts and 0 where it does not (padding), [N, T]; all ones when not given
 * @returns the loss (a number) and its gradient dx [N, T, V]
 */
export function temporalSoftmaxLoss(x: Tensor, y: Tensor, mask?: Tensor): { loss: number; dx: Tensor } {
  // BEGIN SOLUTION
  const [N, T, V] = x.shape;
  const dx = zeros([N, T, V]);
  let loss = 0;
  for (let n = 0; n < N; n++) {
    for (let t = 0; t < T; t++) {
      const m = mask === undefined ? 1 : mask.get(n, t);
      const scores = Array.from({ length: V }, (_, v) => x.get(n, t, v));
      const top = Math.max(...scores);
      const e = scores.map((s) => Math.exp(s - top));
      const total = e.reduce((s, v) => s + v, 0);
      const target = y.get(n, t);
      loss -= m * (scores[target] - top - Math.log(total)); // log softmax(x)[target]
      for (let v = 0; v < V; v++) dx.set((m * (e[v] / total - (v === target ? 1 : 0))) / N, n, t, v);
    }
  }
  return { loss: loss / N, dx };
  // END SOLUTION
}
