/**
 * Exercise 04 — lossFun: Karpathy's min-char-rnn.py lossFun, the forward pass over a chunk of T characters from
 * hprev and backpropagation through time (BPTT), with the gradients clipped to [−5, 5]:
 *
 *     forward, t = 0 … T−1:   hs[t] = tanh(Wxh·xs[t] + Whh·hs[t−1] + bh)     hs[−1] = hprev
 *                             ps[t] = softmax(Why·hs[t] + by)
 *                             loss += −log ps[t][targets[t]]                  (summed over the chunk)
 *     backward, t = T−1 … 0:  dy = ps[t] − onehot(targets[t])
 *                             dWhy += dy·hs[t]ᵀ,  dby += dy
 *                             dh = Whyᵀ·dy + dhnext                          (dhnext: from step t+1, 0 at the end)
 *                             dhraw = (1 − hs[t]²) ⊙ dh
 *                             dbh += dhraw,  dWxh += dhraw·xs[t]ᵀ,  dWhh += dhraw·hs[t−1]ᵀ
 *                             dhnext = Whhᵀ·dhraw
 *     np.clip(dparam, −5, 5, out=dparam) for every gradient
 *
 * Column vectors throughout, as in the original. Legend: T chunk length (seq_length), V vocabulary size, H hidden size.
 *   xs[t] [V, 1] one-hot · hs[t] [H, 1] · Wxh [H, V] · Whh [H, H] · bh [H, 1] · Why [V, H] · by [V, 1] · ps[t] [V, 1]
 *
 * Use core's tensor functions: `zeros`, `matmul(a, b, { transA, transB })`, `add`, `mul`, `tanh`, `softmax` (over the
 * LAST axis: reshape a column [V, 1] to a row [1, V] first), `t.reshape`, `t.clone()`, `t.data`.
 */
import { NotImplementedError, Tensor, add, matmul, mul, softmax, tanh, zeros } from '@rnnlab/core';

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

/** What lossFun returns (the original's tuple `loss, dWxh, dWhh, dWhy, dbh, dby, hs[len(inputs)-1]`, named). */
export interface LossFunResult extends RnnGrads {
  /** The cross-entropy summed over the chunk, in nats. */
  loss: number;
  /** The last hidden state hs[T−1], [H, 1]: the next chunk's hprev. */
  hLast: Tensor;
}

/**
 * Clips every gradient element to [−limit, limit], as `np.clip(dparam, -limit, limit, out=dparam)`: in place, and
 * returns the same gradients. Elements inside the range are unchanged.
 * @param grads dWxh [H, V], dWhh [H, H], dWhy [V, H], dbh [H, 1], dby [V, 1]
 * @param limit a positive number (min-char-rnn: 5)
 * @returns grads, clipped
 */
export function clipGradients(grads: RnnGrads, limit: number): RnnGrads {
  // BEGIN SOLUTION
  for (const d of [grads.dWxh, grads.dWhh, grads.dWhy, grads.dbh, grads.dby]) {
    // Stryker disable next-line EqualityOperator: equivalent, i <= d.size writes past the end of a Float64Array (ignored)
    for (let i = 0; i < d.size; i++) d.data[i] = Math.min(Math.max(d.data[i], -limit), limit);
  }
  return grads;
  // END SOLUTION
}

/**
 * min-char-rnn's lossFun: the loss of a chunk and its gradients by backpropagation through time, clipped to [−5, 5].
 * @param inputs the chunk's character indices, T integers in [0, V)
 * @param targets the next characters (inputs shifted by one in the text), T integers in [0, V)
 * @param hprev the hidden state before the chunk, [H, 1]
 * @param params the weights (Wxh [H, V], Whh [H, H], Why [V, H], bh [H, 1], by [V, 1])
 * @returns the loss, the five gradients (clipped) and hLast = hs[T−1] [H, 1]
 */
export function lossFun(inputs: number[], targets: number[], hprev: Tensor, params: RnnParams): LossFunResult {
  // BEGIN SOLUTION
  const { Wxh, Whh, Why, bh, by } = params;
  const [H, V] = Wxh.shape;
  const xs: Record<number, Tensor> = {};
  const hs: Record<number, Tensor> = {};
  const ps: Record<number, Tensor> = {};
  hs[-1] = hprev.clone();
  let loss = 0;
  // forward pass
  for (let t = 0; t < inputs.length; t++) {
    xs[t] = zeros([V, 1]); // encode in 1-of-k representation
    xs[t].data[inputs[t]] = 1;
    hs[t] = tanh(add(add(matmul(Wxh, xs[t]), matmul(Whh, hs[t - 1])), bh)); // hidden state
    const ys = add(matmul(Why, hs[t]), by); // unnormalized log probabilities for next chars
    ps[t] = softmax(ys.reshape([1, V])).reshape([V, 1]); // probabilities for next chars
    loss += -Math.log(ps[t].data[targets[t]]); // softmax (cross-entropy loss)
  }
  // backward pass: compute gradients going backwards
  let dWxh = zeros(Wxh.shape), dWhh = zeros(Whh.shape), dWhy = zeros(Why.shape);
  let dbh = zeros(bh.shape), dby = zeros(by.shape);
  let dhnext = zeros([H, 1]);
  for (let t = inputs.length - 1; t >= 0; t--) {
    const dy = ps[t].clone();
    dy.data[targets[t]] -= 1; // backprop into y
    dWhy = add(dWhy, matmul(dy, hs[t], { transB: true }));
    dby = add(dby, dy);
    const dh = add(matmul(Why, dy, { transA: true }), dhnext); // backprop into h, and from step t+1
    const dhraw = mul(new Tensor(hs[t].data.map((v) => 1 - v * v), [H, 1]), dh); // backprop through tanh
    dbh = add(dbh, dhraw);
    dWxh = add(dWxh, matmul(dhraw, xs[t], { transB: true }));
    dWhh = add(dWhh, matmul(dhraw, hs[t - 1], { transB: true }));
    dhnext = matmul(Whh, dhraw, { transA: true });
  }
  const grads = clipGradients({ dWxh, dWhh, dWhy, dbh, dby }, 5); // clip to mitigate exploding gradients
  return { loss, ...grads, hLast: hs[inputs.length - 1] };
  // END SOLUTION
}
