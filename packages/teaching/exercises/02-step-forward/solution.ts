/**
 * Exercise 02 — step forward: one time step of min-char-rnn, the forward pass inside Karpathy's lossFun:
 *
 *     hs[t] = np.tanh(np.dot(Wxh, xs[t]) + np.dot(Whh, hs[t-1]) + bh)   # hidden state
 *     ys[t] = np.dot(Why, hs[t]) + by                                   # unnormalized log probabilities for next chars
 *     ps[t] = np.exp(ys[t]) / np.sum(np.exp(ys[t]))                     # probabilities for next chars
 *     loss += -np.log(ps[t][targets[t],0])                              # softmax (cross-entropy loss)
 *
 * Column vectors throughout, as in the original. Legend: V vocabulary size, H hidden size.
 *   x [V, 1] one-hot · hPrev, h [H, 1] · Wxh [H, V] · Whh [H, H] · bh [H, 1] · Why [V, H] · by [V, 1] · y, p [V, 1]
 * Unlike the original, softmax subtracts max(y) before exp: exp(y − m) / Σ exp(y − m) is the same distribution, and
 * exp can no longer overflow to Infinity (which would make p NaN).
 *
 * Use core's tensor functions (`matmul`, `add`, `tanh`, `new Tensor(data, shape)`, `t.get(i, j)`, `t.data`).
 */
import { NotImplementedError, Tensor, add, matmul, tanh } from '@rnnlab/core';

/** min-char-rnn's parameters, in its orientation (column vectors). */
export interface RnnParams {
  /** Input to hidden, [H, V]. */
  Wxh: Tensor;
  /** Hidden to hidden, [H, H]. */
  Whh: Tensor;
  /** Hidden to output, [V, H]. */
  Why: Tensor;
  /** Hidden bias, [H, 1]. */
  bh: Tensor;
  /** Output bias, [V, 1]. */
  by: Tensor;
}

/**
 * The new hidden state: h = tanh(Wxh·x + Whh·hPrev + bh).
 * @param x the input character, one-hot, [V, 1]
 * @param hPrev the previous hidden state, [H, 1]
 * @param params the weights (Wxh [H, V], Whh [H, H], bh [H, 1] are used)
 * @returns h, [H, 1]
 */
export function hiddenState(x: Tensor, hPrev: Tensor, params: RnnParams): Tensor {
  // BEGIN SOLUTION
  const fromInput = matmul(params.Wxh, x); // [H, 1]
  const fromPast = matmul(params.Whh, hPrev); // [H, 1]
  return tanh(add(add(fromInput, fromPast), params.bh));
  // END SOLUTION
}

/**
 * The scores of the next character (unnormalized log probabilities): y = Why·h + by.
 * @param h the hidden state, [H, 1]
 * @param params the weights (Why [V, H], by [V, 1] are used)
 * @returns y, [V, 1]
 */
export function outputScores(h: Tensor, params: RnnParams): Tensor {
  // BEGIN SOLUTION
  return add(matmul(params.Why, h), params.by);
  // END SOLUTION
}

/**
 * The probabilities of the next character: p = exp(y − m) / Σ exp(y − m) with m = max(y), which equals
 * exp(y) / Σ exp(y) but never overflows.
 * @param y the scores, [V, 1]
 * @returns p, [V, 1]: positive, summing to 1
 */
export function softmax(y: Tensor): Tensor {
  // BEGIN SOLUTION
  const m = Math.max(...y.data);
  const e = y.data.map((v) => Math.exp(v - m));
  const total = e.reduce((s, v) => s + v, 0);
  return new Tensor(e.map((v) => v / total), y.shape);
  // END SOLUTION
}

/**
 * The cross-entropy loss of the target character: −log p[target].
 * @param p the probabilities, [V, 1]
 * @param target the index of the character that really comes next, in [0, V)
 * @returns the loss, a positive number (in nats)
 */
export function crossEntropy(p: Tensor, target: number): number {
  // BEGIN SOLUTION
  return -Math.log(p.get(target, 0));
  // END SOLUTION
}

/**
 * One whole step: the hidden state, the scores, the probabilities and the loss of the target.
 * @param x the input character, one-hot, [V, 1]
 * @param hPrev the previous hidden state, [H, 1]
 * @param target the index of the next character, in [0, V)
 * @param params the weights
 * @returns h [H, 1], y [V, 1], p [V, 1] and the loss
 */
export function stepForward(
  x: Tensor, hPrev: Tensor, target: number, params: RnnParams,
): { h: Tensor; y: Tensor; p: Tensor; loss: number } {
  // BEGIN SOLUTION
  const h = hiddenState(x, hPrev, params);
  const y = outputScores(h, params);
  const p = softmax(y);
  return { h, y, p, loss: crossEntropy(p, target) };
  // END SOLUTION
}
