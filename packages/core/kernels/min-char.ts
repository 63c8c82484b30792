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

/**
 * out_r[i] = Σ_k W[k, i]·v_r[k] in increasing k, for i < n and the R right-hand sides v_r (R = 1 or 2, rows of
 * `vs` with stride vStride; results in rows of `outs` with stride oStride). W is [K, n] row-major, so one output's
 * terms are a column: eight sums run side by side (16 outputs of one v, or 8 outputs of two), each in its own k
 * order, enough independent additions to hide their latency.
 */
@inline function columnSums(n: i32, K: i32, W: usize, vs: usize, vStride: i32, outs: usize, oStride: i32, R: i32): void {
  let i = 0;
  const width = R == 2 ? 8 : 16;
  for (; i + width <= n; i += width) {
    let a0 = f64x2.splat(0), a1 = f64x2.splat(0), a2 = f64x2.splat(0), a3 = f64x2.splat(0);
    let b0 = f64x2.splat(0), b1 = f64x2.splat(0), b2 = f64x2.splat(0), b3 = f64x2.splat(0);
    for (let k = 0; k < K; k++) {
      const row = at(W, k * n + i);
      const x = v128.load64_splat(at(vs, k));
      a0 = f64x2.add(a0, f64x2.mul(v128.load(row), x));
      a1 = f64x2.add(a1, f64x2.mul(v128.load(row, 16), x));
      a2 = f64x2.add(a2, f64x2.mul(v128.load(row, 32), x));
      a3 = f64x2.add(a3, f64x2.mul(v128.load(row, 48), x));
      if (R == 2) {
        const y = v128.load64_splat(at(vs, vStride + k));
        b0 = f64x2.add(b0, f64x2.mul(v128.load(row), y));
        b1 = f64x2.add(b1, f64x2.mul(v128.load(row, 16), y));
        b2 = f64x2.add(b2, f64x2.mul(v128.load(row, 32), y));
        b3 = f64x2.add(b3, f64x2.mul(v128.load(row, 48), y));
      } else {
        b0 = f64x2.add(b0, f64x2.mul(v128.load(row, 64), x));
        b1 = f64x2.add(b1, f64x2.mul(v128.load(row, 80), x));
        b2 = f64x2.add(b2, f64x2.mul(v128.load(row, 96), x));
        b3 = f64x2.add(b3, f64x2.mul(v128.load(row, 112), x));
      }
    }
    const o = at(outs, i);
    v128.store(o, a0); v128.store(o, a1, 16); v128.store(o, a2, 32); v128.store(o, a3, 48);
    const o2 = R == 2 ? at(outs, oStride + i) : o + 64;
    v128.store(o2, b0); v128.store(o2, b1, 16); v128.store(o2, b2, 32); v128.store(o2, b3, 48);
  }
  for (; i + 2 <= n; i += 2) {
    for (let r = 0; r < R; r++) {
      let acc = f64x2.splat(0);
      for (let k = 0; k < K; k++) acc = f64x2.add(acc, f64x2.mul(v128.load(at(W, k * n + i)), v128.load64_splat(at(vs, r * vStride + k))));
      v128.store(at(outs, r * oStride + i), acc);
    }
  }
  for (; i < n; i++) {
    for (let r = 0; r < R; r++) {
      let acc: f64 = 0;
      for (let k = 0; k < K; k++) acc += load<f64>(at(W, k * n + i)) * load<f64>(at(vs, r * vStride + k));
      store<f64>(at(outs, r * oStride + i), acc);
    }
  }
}

/** columnSums for T right-hand sides (rows of vs, results in rows of outs), two at a time. */
@inline function columnSumsMany(n: i32, K: i32, W: usize, T: i32, vs: usize, vStride: i32, outs: usize, oStride: i32): void {
  let t = 0;
  for (; t + 2 <= T; t += 2) columnSums(n, K, W, at(vs, t * vStride), vStride, at(outs, t * oStride), oStride, 2);
  if (t < T) columnSums(n, K, W, at(vs, t * vStride), vStride, at(outs, t * oStride), oStride, 1);
}

/**
 * G[k, j] = Σ_t a_t[k]·b_t[j] over t = T−1 down to 0 (the order backpropagation through time adds them in), from
 * zero: a_t rows of `as` [T, m] and b_t rows of `bs` (stride bStride, offset so that row t is b_t), G [m, n].
 */
@inline function outerSums(m: i32, n: i32, T: i32, as: usize, bs: usize, bStride: i32, G: usize): void {
  let k = 0;
  for (; k + 2 <= m; k += 2) {
    // two rows of G, eight columns: eight independent sums over t
    let j = 0;
    for (; j + 8 <= n; j += 8) {
      let g0 = f64x2.splat(0), g1 = f64x2.splat(0), g2 = f64x2.splat(0), g3 = f64x2.splat(0);
      let h0 = f64x2.splat(0), h1 = f64x2.splat(0), h2 = f64x2.splat(0), h3 = f64x2.splat(0);
      for (let t = T - 1; t >= 0; t--) {
        const a = v128.load64_splat(at(as, t * m + k));
        const c = v128.load64_splat(at(as, t * m + k + 1));
        const b = at(bs, t * bStride + j);
        const b0 = v128.load(b), b1 = v128.load(b, 16), b2 = v128.load(b, 32), b3 = v128.load(b, 48);
        g0 = f64x2.add(g0, f64x2.mul(a, b0)); g1 = f64x2.add(g1, f64x2.mul(a, b1));
        g2 = f64x2.add(g2, f64x2.mul(a, b2)); g3 = f64x2.add(g3, f64x2.mul(a, b3));
        h0 = f64x2.add(h0, f64x2.mul(c, b0)); h1 = f64x2.add(h1, f64x2.mul(c, b1));
        h2 = f64x2.add(h2, f64x2.mul(c, b2)); h3 = f64x2.add(h3, f64x2.mul(c, b3));
      }
      const g = at(G, k * n + j), h = at(G, (k + 1) * n + j);
      v128.store(g, g0); v128.store(g, g1, 16); v128.store(g, g2, 32); v128.store(g, g3, 48);
      v128.store(h, h0); v128.store(h, h1, 16); v128.store(h, h2, 32); v128.store(h, h3, 48);
    }
    outerSumsColumns(m, n, T, as, bs, bStride, G, k, j);
    outerSumsColumns(m, n, T, as, bs, bStride, G, k + 1, j);
  }
  if (k < m) outerSumsColumns(m, n, T, as, bs, bStride, G, k, 0);
}

/** Row k of outerSums from column j0 on, two columns at a time. */
@inline function outerSumsColumns(m: i32, n: i32, T: i32, as: usize, bs: usize, bStride: i32, G: usize, k: i32, j0: i32): void {
  let j = j0;
  for (; j + 2 <= n; j += 2) {
    let g = f64x2.splat(0);
    for (let t = T - 1; t >= 0; t--) g = f64x2.add(g, f64x2.mul(v128.load64_splat(at(as, t * m + k)), v128.load(at(bs, t * bStride + j))));
    v128.store(at(G, k * n + j), g);
  }
  for (; j < n; j++) {
    let g: f64 = 0;
    for (let t = T - 1; t >= 0; t--) g += load<f64>(at(as, t * m + k)) * load<f64>(at(bs, t * bStride + j));
    store<f64>(at(G, k * n + j), g);
  }
}

/** The number of non-finite values (NaN, ±∞) among n doubles at p. */
export function countNonFinite(p: usize, n: i32): i32 {
  let bad = 0;
  let i = 0;
  for (; i + 2 <= n; i += 2) {
    const v = v128.load(at(p, i));
    bad += i32(v128.any_true(f64x2.ne(f64x2.sub(v, v), f64x2.splat(0))));
  }
  for (; i < n; i++) {
    const v = load<f64>(at(p, i));
    if (v - v != 0) bad++;
  }
  return bad;
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
  columnSums(H, H, WhhT, hIn, 0, s, 0, 1);
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
 * p = exp(y + by) / Σ exp(y + by) in place over p [V] (holding y = Why·h). Returns the number of elements whose exp
 * numpy computes on its scalar path (|y| ≥ 707.70…, or NaN) in exact mode: those come out NaN here, and the caller
 * redoes the computation on the readable path.
 */
@inline function softmaxInPlace(V: i32, by: usize, p: usize, exact: bool, expTh: usize): i32 {
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
  const total = f64x2.splat(exact ? pairwiseSum(p, V) : plainSum(p, V));
  k = 0;
  for (; k + 2 <= V; k += 2) v128.store(at(p, k), f64x2.div(v128.load(at(p, k)), total));
  for (; k < V; k++) store<f64>(at(p, k), load<f64>(at(p, k)) / f64x2.extract_lane(total, 0));
  return outOfRange;
}

/** Σ a[0 .. n) in index order (the fast mode's sum). */
function plainSum(a: usize, n: i32): f64 {
  let s: f64 = 0;
  for (let i = 0; i < n; i++) s += load<f64>(at(a, i));
  return s;
}

/**
 * The original's lossFun minus the loss (the caller sums −log p[target] itself): the forward over xs [T] (i32) from
 * hs row 0 (= hprev), then backpropagation through time into the gradients dWxh … dby (overwritten). The products
 * that do not feed the recurrence (Why·h_t, Why^T·dy_t and every parameter gradient) run over all T steps at once,
 * each element's terms still added in the original's order, so the bits are the same. Work buffers: s [max(H, V)],
 * dys [T·V], dhs, dhraws [T·H], dhnext [H]. Returns the count of exp arguments outside numpy's main path (exact
 * mode; 0 means every result is bit-exact).
 */
export function minCharLossFun(
  H: i32, V: i32, T: i32, xs: usize, ys: usize,
  Wxh: usize, Whh: usize, Why: usize, bh: usize, by: usize, WhhT: usize, WhyT: usize,
  hs: usize, ps: usize,
  dWxh: usize, dWhh: usize, dWhy: usize, dbh: usize, dby: usize,
  s: usize, dys: usize, dhs: usize, dhraws: usize, dhnext: usize,
  exact: bool, expTh: usize, tanhTable: usize,
): i32 {
  transposeInto(H, H, Whh, WhhT);
  transposeInto(V, H, Why, WhyT);
  // forward: the recurrence, then every output at once (y_t = Why·h_t does not feed back)
  for (let t = 0; t < T; t++) {
    const x = load<i32>(xs + (<usize>t << 2));
    hiddenStep(H, V, x, Wxh, WhhT, bh, at(hs, t * H), at(hs, (t + 1) * H), s, exact, tanhTable);
  }
  columnSumsMany(V, H, WhyT, T, at(hs, H), H, ps, V);
  let outOfRange = 0;
  for (let t = 0; t < T; t++) outOfRange += softmaxInPlace(V, by, at(ps, t * V), exact, expTh);
  // backward: dy_t = p_t − onehot(target_t) and dh_t = Why^T·dy_t for every t at once, then the recurrence
  memory.copy(dys, ps, <usize>(T * V) << 3);
  for (let t = 0; t < T; t++) {
    const target = at(dys, t * V + load<i32>(ys + (<usize>t << 2)));
    store<f64>(target, load<f64>(target) - 1);
  }
  outerSums(V, H, T, dys, at(hs, H), H, dWhy); // dWhy = Σ_t dy_t·h_tᵀ
  for (let k = 0; k < V; k++) {
    let d: f64 = 0;
    for (let t = T - 1; t >= 0; t--) d += load<f64>(at(dys, t * V + k));
    store<f64>(at(dby, k), d);
  }
  columnSumsMany(H, V, Why, T, dys, V, dhs, H); // dh_t = Why^T·dy_t
  memory.fill(dhnext, 0, <usize>H << 3);
  for (let t = T - 1; t >= 0; t--) {
    const h = at(hs, (t + 1) * H), dh = at(dhs, t * H), dhraw = at(dhraws, t * H);
    let i = 0;
    for (; i + 2 <= H; i += 2) {
      const hv = v128.load(at(h, i));
      const dv = f64x2.add(v128.load(at(dh, i)), v128.load(at(dhnext, i)));
      v128.store(at(dhraw, i), f64x2.mul(f64x2.sub(f64x2.splat(1), f64x2.mul(hv, hv)), dv)); // through tanh
    }
    for (; i < H; i++) {
      const hv = load<f64>(at(h, i));
      store<f64>(at(dhraw, i), (1 - hv * hv) * (load<f64>(at(dh, i)) + load<f64>(at(dhnext, i))));
    }
    columnSums(H, H, Whh, dhraw, 0, dhnext, 0, 1); // dhnext = Whh^T·dhraw
  }
  // the parameter gradients that the recurrence fed: summed over t = T−1 … 0, as the original adds them
  outerSums(H, H, T, dhraws, hs, H, dWhh); // dWhh = Σ_t dhraw_t·h_{t−1}ᵀ
  memory.fill(dWxh, 0, <usize>(H * V) << 3);
  for (let i = 0; i < H; i++) {
    let d: f64 = 0;
    for (let t = T - 1; t >= 0; t--) {
      const raw = load<f64>(at(dhraws, t * H + i));
      d += raw;
      const w = at(dWxh, i * V + load<i32>(xs + (<usize>t << 2)));
      store<f64>(w, load<f64>(w) + raw);
    }
    store<f64>(at(dbh, i), d);
  }
  return outOfRange;
}

/** One sampling step: hOut = tanh(Wxh[:, x] + Whh·hIn + bh), p = softmax(Why·hOut + by). WhhT, WhyT must be current. */
export function minCharSampleStep(
  H: i32, V: i32, x: i32, Wxh: usize, WhhT: usize, bh: usize, WhyT: usize, by: usize,
  hIn: usize, hOut: usize, p: usize, s: usize, exact: bool, expTh: usize, tanhTable: usize,
): i32 {
  hiddenStep(H, V, x, Wxh, WhhT, bh, hIn, hOut, s, exact, tanhTable);
  columnSums(V, H, WhyT, hOut, 0, p, 0, 1);
  return softmaxInPlace(V, by, p, exact, expTh);
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
