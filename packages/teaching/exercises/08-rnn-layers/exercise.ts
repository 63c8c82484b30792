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
  throw new NotImplementedError('08-rnn-layers: rnnStepForward is not implemented yet');
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
  throw new NotImplementedError('08-rnn-layers: rnnStepBackward is not implemented yet');
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
  throw new NotImplementedError('08-rnn-layers: rnnForward is not implemented yet');
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
  throw new NotImplementedError('08-rnn-layers: rnnBackward is not implemented yet');
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
  throw new NotImplementedError('08-rnn-layers: wordEmbeddingForward is not implemented yet');
}

/**
 * Gradient of the word embedding: every dout[n, t, :] is added into row x[n, t] of dW, so an id used several times
 * collects all its gradients (numpy's np.add.at, not dW[x] = dout).
 * @param dout the upstream gradient, [N, T, D]
 * @param cache what `wordEmbeddingForward` returned
 * @returns dW [V, D] (zero rows for ids that were not used)
 */
export function wordEmbeddingBackward(dout: Tensor, cache: WordEmbeddingCache): { dW: Tensor } {
  throw new NotImplementedError('08-rnn-layers: wordEmbeddingBackward is not implemented yet');
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
  throw new NotImplementedError('08-rnn-layers: temporalAffineForward is not implemented yet');
}

/**
 * Backward pass of the temporal affine layer.
 * @param dout the upstream gradient, [N, T, M]
 * @param cache what `temporalAffineForward` returned
 * @returns dx [N, T, D], dw [D, M], db [M]
 */
export function temporalAffineBackward(dout: Tensor, cache: TemporalAffineCache): { dx: Tensor; dw: Tensor; db: Tensor } {
  throw new NotImplementedError('08-rnn-layers: temporalAffineBackward is not implemented yet');
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
  throw new NotImplementedError('08-rnn-layers: temporalSoftmaxLoss is not implemented yet');
}
