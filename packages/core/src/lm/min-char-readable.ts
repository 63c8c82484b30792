/**
 * min-char-rnn's lossFun and sampling step as plain loops: the readable twin of the WebAssembly kernels
 * (kernels/min-char.ts) that MinCharRnn runs, the oracle its tests compare them with, and the path it falls back to
 * when an exp argument leaves numpy's main path (|y| ≥ 707.7, a diverged model) or a chunk is longer than its buffers.
 *
 *     h_t = tanh(Wxh[:, x_t] + Whh·h_{t−1} + bh)            every product sums its terms in index order
 *     p_t = exp(y_t) / Σ exp(y_t),  y_t = Why·h_t + by       Σ as numpy's pairwise sum (exact mode)
 *     backward as the original, dh = Why^T·dy + dhnext, dhraw = (1 − h²)⊙dh, …
 *
 * With EXACT_MATH these are numpy's exp, tanh and sum bit for bit; with FAST_MATH, Math.exp, Math.tanh and a plain
 * sum (the fast mode's arithmetic, up to the last bits of exp and tanh).
 *
 * Legend: T time steps, H hidden, V vocabulary; Wxh [H, V], Whh [H, H], Why [V, H], bh [H], by [V] (flat).
 */
import { npExp, npTanh, pairwiseSum } from '../numpy-exact';

/** The elementwise functions and the sum the model uses. */
export interface MinCharMath {
  exp(x: number): number;
  tanh(x: number): number;
  /** Σ a[start .. start + n). */
  sum(a: Float64Array, start: number, n: number): number;
}

/** numpy's exp, tanh and pairwise sum: min-char-rnn bit for bit as the numpy original. */
export const EXACT_MATH: MinCharMath = { exp: npExp, tanh: npTanh, sum: pairwiseSum };

/** Math.exp, Math.tanh and a sum in index order. */
export const FAST_MATH: MinCharMath = {
  exp: Math.exp,
  tanh: Math.tanh,
  sum: (a, start, n) => {
    let s = 0;
    for (let i = 0; i < n; i++) s += a[start + i];
    return s;
  },
};

/** The five parameters (or gradients) as flat arrays in the original's orientation. */
export type MinCharArrays = { Wxh: Float64Array; Whh: Float64Array; Why: Float64Array; bh: Float64Array; by: Float64Array };

/** h_t = tanh(Wxh[:, x] + Whh·h_{t−1} + bh): reads h_{t−1} at hIn[inAt..], writes h_t [H] at hOut[outAt..]. */
export function hiddenStep(
  p: MinCharArrays, H: number, V: number, x: number, hIn: Float64Array, inAt: number, hOut: Float64Array, outAt: number,
  math: MinCharMath,
): void {
  for (let i = 0; i < H; i++) {
    let s = 0;
    for (let k = 0; k < H; k++) s += p.Whh[i * H + k] * hIn[inAt + k];
    hOut[outAt + i] = math.tanh(p.Wxh[i * V + x] + s + p.bh[i]);
  }
}

/** p = exp(y) / Σ exp(y), y = Why·h + by: reads h [H] at h[hAt..], writes p [V] at out[pAt..]. */
export function probabilities(
  p: MinCharArrays, H: number, V: number, h: Float64Array, hAt: number, out: Float64Array, pAt: number, math: MinCharMath,
): void {
  for (let k = 0; k < V; k++) {
    let s = 0;
    for (let j = 0; j < H; j++) s += p.Why[k * H + j] * h[hAt + j];
    out[pAt + k] = math.exp(s + p.by[k]);
  }
  const total = math.sum(out, pAt, V);
  for (let k = 0; k < V; k++) out[pAt + k] /= total;
}

/**
 * The original's lossFun on flat arrays: forward over xs from hprev [H], the summed cross-entropy against ys, and
 * backpropagation through time. Returns the loss, the (unclipped) gradients and hs [(T + 1)·H] (hs[0..H) = hprev).
 */
export function lossFunReadable(
  p: MinCharArrays, H: number, V: number, xs: Int32Array, ys: Int32Array, hprev: Float64Array, math: MinCharMath,
): { loss: number; grads: MinCharArrays; hs: Float64Array } {
  const T = xs.length;
  const hs = new Float64Array((T + 1) * H); // hs[t] at (t + 1)·H; hs[−1] = hprev at 0
  hs.set(hprev);
  const ps = new Float64Array(T * V); // ps[t] at t·V
  let loss = 0;
  for (let t = 0; t < T; t++) {
    hiddenStep(p, H, V, xs[t], hs, t * H, hs, (t + 1) * H, math);
    probabilities(p, H, V, hs, (t + 1) * H, ps, t * V, math);
    loss += -Math.log(ps[t * V + ys[t]]);
  }
  const g: MinCharArrays = {
    Wxh: new Float64Array(H * V), Whh: new Float64Array(H * H), Why: new Float64Array(V * H),
    bh: new Float64Array(H), by: new Float64Array(V),
  };
  const dy = new Float64Array(V), dh = new Float64Array(H), dhraw = new Float64Array(H), dhnext = new Float64Array(H);
  for (let t = T - 1; t >= 0; t--) {
    const hAt = (t + 1) * H, prevAt = t * H;
    dy.set(ps.subarray(t * V, (t + 1) * V)); // dy = p_t − onehot(target_t)
    dy[ys[t]] -= 1;
    for (let k = 0; k < V; k++) {
      for (let j = 0; j < H; j++) g.Why[k * H + j] += dy[k] * hs[hAt + j];
      g.by[k] += dy[k];
    }
    dh.fill(0); // Why^T·dy, summed over k in order as numpy's dot
    for (let k = 0; k < V; k++) for (let i = 0; i < H; i++) dh[i] += dy[k] * p.Why[k * H + i];
    for (let i = 0; i < H; i++) {
      dhraw[i] = (1 - hs[hAt + i] * hs[hAt + i]) * (dh[i] + dhnext[i]); // through tanh
      g.bh[i] += dhraw[i];
      g.Wxh[i * V + xs[t]] += dhraw[i];
      for (let j = 0; j < H; j++) g.Whh[i * H + j] += dhraw[i] * hs[prevAt + j];
    }
    dhnext.fill(0); // Whh^T·dhraw
    for (let k = 0; k < H; k++) for (let i = 0; i < H; i++) dhnext[i] += dhraw[k] * p.Whh[k * H + i];
  }
  return { loss, grads: g, hs };
}
