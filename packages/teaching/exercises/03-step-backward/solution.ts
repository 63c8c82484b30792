/**
 * Exercise 03 — step backward: the gradients of one time step of min-char-rnn, the backward lines inside Karpathy's
 * lossFun for a single character (so nothing flows back from a later step), then one plain gradient-descent step:
 *
 *     dy = np.copy(ps[t]); dy[targets[t]] -= 1            # backprop into y: p − onehot(target)
 *     dWhy += np.dot(dy, hs[t].T); dby += dy
 *     dh = np.dot(Why.T, dy)                              # backprop into h
 *     dhraw = (1 - hs[t] * hs[t]) * dh                    # backprop through tanh: tanh′ = 1 − h²
 *     dbh += dhraw; dWxh += np.dot(dhraw, xs[t].T); dWhh += np.dot(dhraw, hs[t-1].T)
 *     dhnext = np.dot(Whh.T, dhraw)                       # into the previous hidden state
 *     param -= learning_rate * dparam                     # SGD: the target's probability goes up
 *
 * Column vectors throughout, as in the original. Legend: V vocabulary size, H hidden size.
 *   x [V, 1] one-hot · hPrev, h [H, 1] · Wxh [H, V] · Whh [H, H] · bh [H, 1] · Why [V, H] · by [V, 1] · y, p [V, 1]
 * Each gradient has the shape of what it is the gradient of (dWxh [H, V], dh [H, 1], …).
 *
 * Use core's tensor functions: `matmul(a, b, { transA, transB })` (aᵀ or bᵀ without copying), `add`, `sub`, `mul`,
 * `scale`, `new Tensor(data, shape)`, `t.clone()`, `t.get(i, j)`, `t.data` (row by row).
 */
import { NotImplementedError, Tensor, matmul, mul, scale, sub } from '@rnnlab/core';

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

/** The gradients of the loss with respect to the five parameters, each shaped like its parameter. */
export interface RnnGrads {
  dWxh: Tensor;
  dWhh: Tensor;
  dWhy: Tensor;
  dbh: Tensor;
  dby: Tensor;
}

/**
 * The gradient of the loss L = −log p[target] with respect to the scores y: dy = p − onehot(target).
 * @param p the probabilities, [V, 1]
 * @param target the index of the next character, in [0, V)
 * @returns dy, [V, 1] (p itself is left unchanged)
 */
export function scoresGradient(p: Tensor, target: number): Tensor {
  // BEGIN SOLUTION
  const dy = p.clone();
  dy.data[target] -= 1;
  return dy;
  // END SOLUTION
}

/**
 * Backward through the output layer y = Why·h + by: dWhy = dy·hᵀ, dby = dy, dh = Whyᵀ·dy.
 * @param dy the scores' gradient, [V, 1]
 * @param h the hidden state, [H, 1]
 * @param Why the hidden-to-output weights, [V, H]
 * @returns dWhy [V, H], dby [V, 1], dh [H, 1]
 */
export function outputBackward(dy: Tensor, h: Tensor, Why: Tensor): { dWhy: Tensor; dby: Tensor; dh: Tensor } {
  // BEGIN SOLUTION
  const dWhy = matmul(dy, h, { transB: true }); // [V, 1]·[1, H]
  const dby = dy.clone();
  const dh = matmul(Why, dy, { transA: true }); // [H, V]·[V, 1]
  return { dWhy, dby, dh };
  // END SOLUTION
}

/**
 * Backward through h = tanh(hraw): dhraw = (1 − h ⊙ h) ⊙ dh, because tanh′(a) = 1 − tanh(a)² and h = tanh(hraw).
 * @param dh the gradient of the hidden state, [H, 1]
 * @param h the hidden state (the tanh's output), [H, 1]
 * @returns dhraw, the gradient of the pre-activation Wxh·x + Whh·hPrev + bh, [H, 1]
 */
export function tanhBackward(dh: Tensor, h: Tensor): Tensor {
  // BEGIN SOLUTION
  const slope = new Tensor(h.data.map((v) => 1 - v * v), h.shape); // tanh′ = 1 − h²
  return mul(slope, dh);
  // END SOLUTION
}

/**
 * Backward through the pre-activation hraw = Wxh·x + Whh·hPrev + bh: dWxh = dhraw·xᵀ, dWhh = dhraw·hPrevᵀ,
 * dbh = dhraw, dhPrev = Whhᵀ·dhraw.
 * @param dhraw the pre-activation's gradient, [H, 1]
 * @param x the input character, one-hot, [V, 1]
 * @param hPrev the previous hidden state, [H, 1]
 * @param Whh the hidden-to-hidden weights, [H, H]
 * @returns dWxh [H, V], dWhh [H, H], dbh [H, 1], dhPrev [H, 1]
 */
export function hiddenBackward(
  dhraw: Tensor, x: Tensor, hPrev: Tensor, Whh: Tensor,
): { dWxh: Tensor; dWhh: Tensor; dbh: Tensor; dhPrev: Tensor } {
  // BEGIN SOLUTION
  const dWxh = matmul(dhraw, x, { transB: true }); // [H, 1]·[1, V]
  const dWhh = matmul(dhraw, hPrev, { transB: true }); // [H, 1]·[1, H]
  const dbh = dhraw.clone();
  const dhPrev = matmul(Whh, dhraw, { transA: true }); // [H, H]·[H, 1]
  return { dWxh, dWhh, dbh, dhPrev };
  // END SOLUTION
}

/**
 * All the gradients of one step's loss −log p[target], from the forward pass's h and p (02's stepForward).
 * @param x the input character, one-hot, [V, 1]
 * @param hPrev the previous hidden state, [H, 1]
 * @param target the index of the next character, in [0, V)
 * @param params the weights
 * @param forward the step's hidden state h [H, 1] and probabilities p [V, 1]
 * @returns dWxh [H, V], dWhh [H, H], dWhy [V, H], dbh [H, 1], dby [V, 1] and dhPrev [H, 1]
 */
export function stepBackward(
  x: Tensor, hPrev: Tensor, target: number, params: RnnParams, forward: { h: Tensor; p: Tensor },
): RnnGrads & { dhPrev: Tensor } {
  // BEGIN SOLUTION
  const dy = scoresGradient(forward.p, target);
  const { dWhy, dby, dh } = outputBackward(dy, forward.h, params.Why);
  const dhraw = tanhBackward(dh, forward.h);
  const { dWxh, dWhh, dbh, dhPrev } = hiddenBackward(dhraw, x, hPrev, params.Whh);
  return { dWxh, dWhh, dWhy, dbh, dby, dhPrev };
  // END SOLUTION
}

/**
 * One step of plain gradient descent: every parameter moves against its gradient, θ − learningRate·dθ.
 * @param params the weights (Wxh [H, V], Whh [H, H], Why [V, H], bh [H, 1], by [V, 1])
 * @param grads their gradients, same shapes (dWxh, dWhh, dWhy, dbh, dby)
 * @param learningRate the step size, a positive number
 * @returns the updated weights, same shapes
 */
export function sgdUpdate(params: RnnParams, grads: RnnGrads, learningRate: number): RnnParams {
  // BEGIN SOLUTION
  const step = (param: Tensor, dparam: Tensor) => sub(param, scale(dparam, learningRate));
  return {
    Wxh: step(params.Wxh, grads.dWxh),
    Whh: step(params.Whh, grads.dWhh),
    Why: step(params.Why, grads.dWhy),
    bh: step(params.bh, grads.dbh),
    by: step(params.by, grads.dby),
  };
  // END SOLUTION
}
