/**
 * Exercise 11 — GRU step: one time step of a gated recurrent unit, forward and backward, with torch.nn.GRU's
 * equations (https://pytorch.org/docs/stable/generated/torch.nn.GRU.html) in cs231n's row-vector layout:
 *
 *     ax = x·Wx + bx,   ah = prevH·Wh + bh                  [N, 3H] each, gate columns in the order r | z | n
 *     r  = σ(ax_r + ah_r)                                     reset gate
 *     z  = σ(ax_z + ah_z)                                     update gate
 *     hn = ah_n = prevH·Whn + bhn                             the recurrent part of the candidate
 *     n  = tanh(ax_n + r ⊙ hn)                                candidate: the reset gate scales h·Whn + bhn, bias too
 *     nextH = (1 − z) ⊙ n + z ⊙ prevH                         z = 1 keeps the old state, z = 0 takes the candidate
 *
 * Cho et al. (2014) apply the reset gate before the matrix product, n = tanh(ax_n + (r ⊙ prevH)·Whn + bhn); torch
 * (and cuDNN) apply it after, as above. The two are different functions of the same weights: this exercise checks
 * torch's, so weights can be exchanged with PyTorch (Wx = weight_ihᵀ, Wh = weight_hhᵀ, bx = bias_ih, bh = bias_hh).
 *
 * Legend: N batch, D input size, H hidden size. x [N, D] · prevH, nextH, r, z, n, hn [N, H] · gates [N, 3H] (r | z | n)
 * · Wx [D, 3H] · Wh [H, 3H] · bx, bh [3H]. ⊙ is the elementwise product, σ the logistic sigmoid.
 *
 * Use core's tensor functions: `matmul(A, B, { transA, transB })`, `addBias(A, b)` (adds b [M] to every row of
 * A [N, M]), `add`, `sub`, `mul` (elementwise, same shapes), `sigmoid`, `tanh`, `ones(shape)`, `sum(A, 0)` (column
 * sums), and the two helpers below that cut and join the gate blocks. Not core's gruStepForward: that is the answer.
 */
import { NotImplementedError, Tensor, add, addBias, matmul, mul, ones, sigmoid, sub, sum, tanh, zeros } from '@rnnlab/core';

/**
 * Gate block k (0 = r, 1 = z, 2 = n) of a [N, 3H] tensor: its columns kH … (k + 1)H − 1, as a new [N, H] tensor.
 * (Given: not part of the exercise.)
 */
function gateBlock(a: Tensor, k: number): Tensor {
  const [N, H3] = a.shape;
  const H = H3 / 3;
  const out = zeros([N, H]);
  for (let i = 0; i < N; i++) for (let j = 0; j < H; j++) out.set(a.get(i, k * H + j), i, j);
  return out;
}

/** The three [N, H] blocks side by side, r | z | n, as one [N, 3H] tensor. (Given: not part of the exercise.) */
function joinGates(r: Tensor, z: Tensor, n: Tensor): Tensor {
  const [N, H] = r.shape;
  const out = zeros([N, 3 * H]);
  [r, z, n].forEach((block, k) => {
    for (let i = 0; i < N; i++) for (let j = 0; j < H; j++) out.set(block.get(i, j), i, k * H + j);
  });
  return out;
}

/** What `gruStepBackward` needs (core's GruStepCache). x: [N, D]; prevH, nextH, hn: [N, H]; gates: [N, 3H]. */
export interface GruStepCache {
  x: Tensor;
  prevH: Tensor;
  Wx: Tensor;
  Wh: Tensor;
  nextH: Tensor;
  /** The activated gates r, z, n side by side, [N, 3H]. */
  gates: Tensor;
  /** prevH·Whn + bhn, the recurrent part of n before the reset gate scales it. */
  hn: Tensor;
}

/**
 * One GRU step forward (torch's equations, see the header).
 * @param x the input, [N, D]
 * @param prevH the previous hidden state, [N, H]
 * @param Wx input weights, [D, 3H], gate columns r | z | n
 * @param Wh recurrent weights, [H, 3H], gate columns r | z | n
 * @param bx input bias, [3H]
 * @param bh recurrent bias, [3H]
 * @returns nextH [N, H], and the cache for `gruStepBackward`: { x, prevH, Wx, Wh, nextH, gates, hn } with gates
 *   [N, 3H] (r | z | n side by side, joinGates) and hn [N, H] (prevH·Whn + bhn, before the reset gate scales it) —
 *   the fields of core's GruStepCache
 */
export function gruStepForward(
  x: Tensor, prevH: Tensor, Wx: Tensor, Wh: Tensor, bx: Tensor, bh: Tensor,
): { nextH: Tensor; cache: GruStepCache } {
  // BEGIN SOLUTION
  const ax = addBias(matmul(x, Wx), bx); // [N, 3H]: the input's part of every gate
  const ah = addBias(matmul(prevH, Wh), bh); // [N, 3H]: the previous state's part
  const r = sigmoid(add(gateBlock(ax, 0), gateBlock(ah, 0)));
  const z = sigmoid(add(gateBlock(ax, 1), gateBlock(ah, 1)));
  const hn = gateBlock(ah, 2); // prevH·Whn + bhn
  const n = tanh(add(gateBlock(ax, 2), mul(r, hn))); // r scales the recurrent part, its bias included
  const oneMinusZ = sub(ones(z.shape), z);
  const nextH = add(mul(oneMinusZ, n), mul(z, prevH));
  return { nextH, cache: { x, prevH, Wx, Wh, nextH, gates: joinGates(r, z, n), hn } };
  // END SOLUTION
}

/**
 * One GRU step backward.
 * @param dnextH the upstream gradient of nextH, [N, H]
 * @param cache what `gruStepForward` returned: { x [N, D], prevH [N, H], Wx [D, 3H], Wh [H, 3H], nextH [N, H],
 *   gates [N, 3H] (r | z | n), hn [N, H] }
 * @returns dx [N, D], dprevH [N, H], dWx [D, 3H], dWh [H, 3H], dbx [3H], dbh [3H]
 */
export function gruStepBackward(
  dnextH: Tensor, cache: GruStepCache,
): { dx: Tensor; dprevH: Tensor; dWx: Tensor; dWh: Tensor; dbx: Tensor; dbh: Tensor } {
  // BEGIN SOLUTION
  const { x, prevH, Wx, Wh, gates, hn } = cache;
  const [r, z, n] = [gateBlock(gates, 0), gateBlock(gates, 1), gateBlock(gates, 2)];
  const one = ones(z.shape);
  const dn = mul(dnextH, sub(one, z)); // ∂nextH/∂n = 1 − z
  const dz = mul(dnextH, sub(prevH, n)); // ∂nextH/∂z = prevH − n
  const dan = mul(dn, sub(one, mul(n, n))); // through tanh: 1 − n²
  const daz = mul(dz, mul(z, sub(one, z))); // through σ: z(1 − z)
  const dr = mul(dan, hn);
  const dar = mul(dr, mul(r, sub(one, r)));
  const dax = joinGates(dar, daz, dan); // gradient of ax = x·Wx + bx
  const dah = joinGates(dar, daz, mul(dan, r)); // gradient of ah = prevH·Wh + bh (the n block passed through r)
  const dprevH = add(mul(dnextH, z), matmul(dah, Wh, { transB: true })); // the direct path z ⊙ · and through ah
  return {
    dx: matmul(dax, Wx, { transB: true }),
    dprevH,
    dWx: matmul(x, dax, { transA: true }),
    dWh: matmul(prevH, dah, { transA: true }),
    dbx: sum(dax, 0),
    dbh: sum(dah, 0),
  };
  // END SOLUTION
}
