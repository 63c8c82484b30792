/**
 * min-char-rnn's training step and sampling step (src/lm/min-char-rnn.ts), two output rows per f64x2 vector.
 *
 * With `exact` set it is bit for bit the numpy original: every matrix–vector product sums each output's terms in
 * index order (vectorising across outputs, never within a sum), tanh and exp are numpy's (./numpy-exact.ts), Σ exp
 * is numpy's pairwise sum, and no operation is fused or reordered. Without it, tanh and exp are ./math.ts's (a few
 * ulp from correctly rounded) — the fast mode, which the original's chaotic early iterations then follow only
 * statistically.
 *
 * Orientation as the original: Wxh [H, V], Whh [H, H], Why [V, H], bh [H], by [V]; hs holds h_{−1} … h_{T−1} as
 * rows of H; ps the T probability rows of V. WhhT [H, H] and WhyT [H, V] are transposed copies (`transposeInto`)
 * so that the forward's products, Σ_k W[i, k]·h[k] for each i, read two rows i side by side.
 */
import { expV, tanhV } from './math';
import { npExpOutOfRange, npExpV, npTanhV } from './numpy-exact';

@inline function at(base: usize, i: i32): usize {
  return base + (<usize>i << 3);
}

/** dst [cols, rows] = srcᵀ, src [rows, cols]. */
export function transposeInto(rows: i32, cols: i32, src: usize, dst: usize): void {
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) store<f64>(at(dst, c * rows + r), load<f64>(at(src, r * cols + c)));
  }
}

/** out[i] = Σ_k WT[k, i]·v[k] in increasing k, for i < n (WT is [K, n]). */
@inline function matVecT(n: i32, K: i32, WT: usize, v: usize, out: usize): void {
  let i = 0;
  for (; i + 4 <= n; i += 4) {
    let s0 = f64x2.splat(0), s1 = f64x2.splat(0);
    for (let k = 0; k < K; k++) {
      const x = v128.load64_splat(at(v, k));
      const row = at(WT, k * n + i);
      s0 = f64x2.add(s0, f64x2.mul(v128.load(row), x));
      s1 = f64x2.add(s1, f64x2.mul(v128.load(row, 16), x));
    }
    v128.store(at(out, i), s0);
    v128.store(at(out, i + 2), s1);
  }
  for (; i < n; i++) {
    let s: f64 = 0;
    for (let k = 0; k < K; k++) s += load<f64>(at(WT, k * n + i)) * load<f64>(at(v, k));
    store<f64>(at(out, i), s);
  }
}

/** acc[i] += a·row[i] for i < n (one term of a sum whose order is across calls). */
@inline function axpy(n: i32, a: f64, row: usize, acc: usize): void {
  const av = f64x2.splat(a);
  let i = 0;
  for (; i + 2 <= n; i += 2) v128.store(at(acc, i), f64x2.add(v128.load(at(acc, i)), f64x2.mul(av, v128.load(at(row, i)))));
  for (; i < n; i++) store<f64>(at(acc, i), load<f64>(at(acc, i)) + a * load<f64>(at(row, i)));
}

/** numpy's pairwise summation of n doubles (np.sum of a contiguous float64 array). */
function pairwiseSum(a: usize, n: i32): f64 {
  if (n < 8) {
    let res: f64 = 0;
    for (let i = 0; i < n; i++) res += load<f64>(at(a, i));
    return res;
  }
  if (n <= 128) {
    let r0 = load<f64>(at(a, 0)), r1 = load<f64>(at(a, 1)), r2 = load<f64>(at(a, 2)), r3 = load<f64>(at(a, 3));
    let r4 = load<f64>(at(a, 4)), r5 = load<f64>(at(a, 5)), r6 = load<f64>(at(a, 6)), r7 = load<f64>(at(a, 7));
    let i = 8;
    for (; i < n - (n % 8); i += 8) {
      r0 += load<f64>(at(a, i)); r1 += load<f64>(at(a, i + 1)); r2 += load<f64>(at(a, i + 2)); r3 += load<f64>(at(a, i + 3));
      r4 += load<f64>(at(a, i + 4)); r5 += load<f64>(at(a, i + 5)); r6 += load<f64>(at(a, i + 6)); r7 += load<f64>(at(a, i + 7));
    }
    let res = ((r0 + r1) + (r2 + r3)) + ((r4 + r5) + (r6 + r7));
    for (; i < n; i++) res += load<f64>(at(a, i));
    return res;
  }
  const half = n / 2;
  const n2 = half - (half % 8);
  return pairwiseSum(a, n2) + pairwiseSum(at(a, n2), n - n2);
}

/**
 * h_out = tanh(Wxh[:, x] + Whh·h_in + bh) [H]. Returns nothing; scratch s [H]. Wxh [H, V] (column x read strided).
 */
@inline function hiddenStep(
  H: i32, V: i32, x: i32, Wxh: usize, WhhT: usize, bh: usize, hIn: usize, hOut: usize, s: usize, exact: bool, tanhTable: usize,
): void {
  matVecT(H, H, WhhT, hIn, s);
  let i = 0;
  for (; i + 2 <= H; i += 2) {
    const wx = f64x2.replace_lane(f64x2.splat(load<f64>(at(Wxh, i * V + x))), 1, load<f64>(at(Wxh, (i + 1) * V + x)));
    const a = f64x2.add(f64x2.add(wx, v128.load(at(s, i))), v128.load(at(bh, i)));
    v128.store(at(hOut, i), exact ? npTanhV(a, tanhTable) : tanhV<f64>(a));
  }
  for (; i < H; i++) {
    const a = f64x2.splat(load<f64>(at(Wxh, i * V + x)) + load<f64>(at(s, i)) + load<f64>(at(bh, i)));
    store<f64>(at(hOut, i), f64x2.extract_lane(exact ? npTanhV(a, tanhTable) : tanhV<f64>(a), 0));
  }
}

/**
 * p = exp(y) / Σ exp(y), y = Why·h + by [V]. Returns the number of elements whose exp numpy computes on its scalar
 * path (|y| ≥ 707.70…, or NaN) in exact mode: those come out NaN here and the caller redoes the whole computation.
 */
@inline function probabilities(
  H: i32, V: i32, WhyT: usize, by: usize, h: usize, p: usize, exact: bool, expTh: usize,
): i32 {
  matVecT(V, H, WhyT, h, p);
  let outOfRange = 0;
  let k = 0;
  for (; k + 2 <= V; k += 2) {
    const y = f64x2.add(v128.load(at(p, k)), v128.load(at(by, k)));
    if (exact) {
      outOfRange += i32(v128.any_true(npExpOutOfRange(y)));
      v128.store(at(p, k), npExpV(y, expTh));
    } else {
      v128.store(at(p, k), expV<f64>(y));
    }
  }
  for (; k < V; k++) {
    const y = f64x2.splat(load<f64>(at(p, k)) + load<f64>(at(by, k)));
    if (exact) outOfRange += i32(v128.any_true(npExpOutOfRange(y)));
    store<f64>(at(p, k), f64x2.extract_lane(exact ? npExpV(y, expTh) : expV<f64>(y), 0));
  }
  const total = f64x2.splat(pairwiseSum(p, V));
  k = 0;
  for (; k + 2 <= V; k += 2) v128.store(at(p, k), f64x2.div(v128.load(at(p, k)), total));
  for (; k < V; k++) store<f64>(at(p, k), load<f64>(at(p, k)) / f64x2.extract_lane(total, 0));
  return outOfRange;
}

/**
 * The original's lossFun minus the loss (the caller sums −log p[target] itself): the forward over xs [T] (i32) from
 * hs row 0 (= hprev), then backpropagation through time into the gradients dWxh … dby (overwritten). Work buffers:
 * s [max(H, V)], dy [V], dh, dhraw, dhnext [H]. Returns the count of exp arguments outside numpy's main path (exact
 * mode; 0 means every result is bit-exact).
 */
export function minCharLossFun(
  H: i32, V: i32, T: i32, xs: usize, ys: usize,
  Wxh: usize, Whh: usize, Why: usize, bh: usize, by: usize, WhhT: usize, WhyT: usize,
  hs: usize, ps: usize,
  dWxh: usize, dWhh: usize, dWhy: usize, dbh: usize, dby: usize,
  s: usize, dy: usize, dh: usize, dhraw: usize, dhnext: usize,
  exact: bool, expTh: usize, tanhTable: usize,
): i32 {
  transposeInto(H, H, Whh, WhhT);
  transposeInto(V, H, Why, WhyT);
  let outOfRange = 0;
  for (let t = 0; t < T; t++) {
    const x = load<i32>(xs + (<usize>t << 2));
    hiddenStep(H, V, x, Wxh, WhhT, bh, at(hs, t * H), at(hs, (t + 1) * H), s, exact, tanhTable);
    outOfRange += probabilities(H, V, WhyT, by, at(hs, (t + 1) * H), at(ps, t * V), exact, expTh);
  }
  memory.fill(dWxh, 0, <usize>(H * V) << 3);
  memory.fill(dWhh, 0, <usize>(H * H) << 3);
  memory.fill(dWhy, 0, <usize>(V * H) << 3);
  memory.fill(dbh, 0, <usize>H << 3);
  memory.fill(dby, 0, <usize>V << 3);
  memory.fill(dhnext, 0, <usize>H << 3);
  for (let t = T - 1; t >= 0; t--) {
    const h = at(hs, (t + 1) * H), prev = at(hs, t * H);
    memory.copy(dy, at(ps, t * V), <usize>V << 3); // dy = p_t − onehot(target_t)
    const target = load<i32>(ys + (<usize>t << 2));
    store<f64>(at(dy, target), load<f64>(at(dy, target)) - 1);
    for (let k = 0; k < V; k++) {
      const d = load<f64>(at(dy, k));
      axpy(H, d, h, at(dWhy, k * H)); // dWhy[k, :] += dy[k]·h
      store<f64>(at(dby, k), load<f64>(at(dby, k)) + d);
    }
    memory.fill(dh, 0, <usize>H << 3); // Why^T·dy, summed over k in order
    for (let k = 0; k < V; k++) axpy(H, load<f64>(at(dy, k)), at(Why, k * H), dh);
    const x = load<i32>(xs + (<usize>t << 2));
    let i = 0;
    for (; i + 2 <= H; i += 2) {
      const hv = v128.load(at(h, i));
      const raw = f64x2.mul(f64x2.sub(f64x2.splat(1), f64x2.mul(hv, hv)), f64x2.add(v128.load(at(dh, i)), v128.load(at(dhnext, i))));
      v128.store(at(dhraw, i), raw);
      v128.store(at(dbh, i), f64x2.add(v128.load(at(dbh, i)), raw));
    }
    for (; i < H; i++) {
      const hv = load<f64>(at(h, i));
      const raw = (1 - hv * hv) * (load<f64>(at(dh, i)) + load<f64>(at(dhnext, i)));
      store<f64>(at(dhraw, i), raw);
      store<f64>(at(dbh, i), load<f64>(at(dbh, i)) + raw);
    }
    for (i = 0; i < H; i++) {
      const raw = load<f64>(at(dhraw, i));
      store<f64>(at(dWxh, i * V + x), load<f64>(at(dWxh, i * V + x)) + raw);
      axpy(H, raw, prev, at(dWhh, i * H)); // dWhh[i, :] += dhraw[i]·h_{t−1}
    }
    memory.fill(dhnext, 0, <usize>H << 3); // Whh^T·dhraw
    for (let k = 0; k < H; k++) axpy(H, load<f64>(at(dhraw, k)), at(Whh, k * H), dhnext);
  }
  return outOfRange;
}

/** One sampling step: hOut = tanh(Wxh[:, x] + Whh·hIn + bh), p = softmax(Why·hOut + by). WhhT, WhyT must be current. */
export function minCharSampleStep(
  H: i32, V: i32, x: i32, Wxh: usize, WhhT: usize, bh: usize, WhyT: usize, by: usize,
  hIn: usize, hOut: usize, p: usize, s: usize, exact: bool, expTh: usize, tanhTable: usize,
): i32 {
  hiddenStep(H, V, x, Wxh, WhhT, bh, hIn, hOut, s, exact, tanhTable);
  return probabilities(H, V, WhyT, by, hOut, p, exact, expTh);
}

/**
 * min-char-rnn's Adagrad on n values: g = clip(d, −clip, clip); mem += g²; param += −lr·g / √(mem + 1e-8), in the
 * original's order of operations (clip = Infinity: no clipping).
 */
export function minCharAdagrad(n: i32, param: usize, grad: usize, mem: usize, lr: f64, clip: f64): void {
  const lo = f64x2.splat(-clip), hi = f64x2.splat(clip), negLr = f64x2.splat(-lr), eps = f64x2.splat(1e-8);
  let i = 0;
  for (; i + 2 <= n; i += 2) {
    const g = f64x2.min(f64x2.max(v128.load(at(grad, i)), lo), hi);
    const m = f64x2.add(v128.load(at(mem, i)), f64x2.mul(g, g));
    v128.store(at(mem, i), m);
    v128.store(at(param, i), f64x2.add(v128.load(at(param, i)), f64x2.div(f64x2.mul(negLr, g), f64x2.sqrt(f64x2.add(m, eps)))));
  }
  for (; i < n; i++) {
    const d = load<f64>(at(grad, i));
    const g = d < -clip ? -clip : d > clip ? clip : d;
    const m = load<f64>(at(mem, i)) + g * g;
    store<f64>(at(mem, i), m);
    store<f64>(at(param, i), load<f64>(at(param, i)) + (-lr * g) / Math.sqrt(m + 1e-8));
  }
}
