/**
 * The gate arithmetic of one time step of each recurrent cell, fused: one pass over the step's rows computes every
 * nonlinearity and product, in lanes of T (f64x2 or f32x4). The matrix products around them are ./gemm.ts; the
 * recurrences that call both live in src/layers/ (each beside its readable twin, which these must agree with).
 * Equations and gate orders are those of src/layers/{lstm,rnn,gru,esn}.ts.
 *
 * Every matrix argument is (pointer, row stride in elements), so a time step t of an [N, T, G] tensor is passed as
 * pointer + t·G with stride T·G. Columns run in vectors of LANES with a scalar tail that goes through the same code
 * as lane 0 of a splat (so results do not depend on where a column falls).
 */
import { sigmoidV, tanhV } from './math';

@inline function lanesOf<T>(): i32 {
  return 16 / sizeof<T>();
}

/** Loads a vector, or (tail) one element splat into every lane. */
@inline function ld<T>(base: usize, i: i32, full: bool): v128 {
  const p = base + <usize>i * sizeof<T>();
  return full ? v128.load(p) : v128.load_splat<T>(p);
}

/** Stores a vector, or (tail) lane 0 only. */
@inline function st<T>(base: usize, i: i32, v: v128, full: bool): void {
  const p = base + <usize>i * sizeof<T>();
  if (full) v128.store(p, v);
  else store<T>(p, v128.extract_lane<T>(v, 0));
}

@inline function one<T>(): v128 {
  return v128.splat<T>(<T>1);
}

@inline function row(base: usize, n: i32, stride: i32, size: usize): usize {
  return base + <usize>(n * stride) * size;
}

// ---- LSTM: a = x·Wx + h·Wh (+ b here); gates i, f, o = σ, g = tanh; c = f⊙c₋ + i⊙g; h = o⊙tanh(c)

@inline function lstmForwardColumns<T>(
  j: i32, H: i32, a: usize, b: usize, pc: usize, c: usize, tc: usize, h: usize, full: bool,
): void {
  const i = sigmoidV<T>(v128.add<T>(ld<T>(a, j, full), ld<T>(b, j, full)));
  const f = sigmoidV<T>(v128.add<T>(ld<T>(a, H + j, full), ld<T>(b, H + j, full)));
  const o = sigmoidV<T>(v128.add<T>(ld<T>(a, 2 * H + j, full), ld<T>(b, 2 * H + j, full)));
  const g = tanhV<T>(v128.add<T>(ld<T>(a, 3 * H + j, full), ld<T>(b, 3 * H + j, full)));
  st<T>(a, j, i, full);
  st<T>(a, H + j, f, full);
  st<T>(a, 2 * H + j, o, full);
  st<T>(a, 3 * H + j, g, full);
  const cv = v128.add<T>(v128.mul<T>(f, ld<T>(pc, j, full)), v128.mul<T>(i, g));
  const t = tanhV<T>(cv);
  st<T>(c, j, cv, full);
  st<T>(tc, j, t, full);
  st<T>(h, j, v128.mul<T>(o, t), full);
}

/**
 * One LSTM step for N rows: a [N, 4H] (stride lda) holds x·Wx + h·Wh and becomes the activated gates; b [4H];
 * prevC, c, tanhC, h: [N, H] with their strides.
 */
export function lstmForwardStep<T>(
  N: i32, H: i32, a: usize, lda: i32, b: usize, prevC: usize, ldp: i32, c: usize, ldc: i32,
  tanhC: usize, ldt: i32, h: usize, ldh: i32,
): void {
  const L = lanesOf<T>();
  const s = sizeof<T>();
  for (let n = 0; n < N; n++) {
    const an = row(a, n, lda, s), pn = row(prevC, n, ldp, s), cn = row(c, n, ldc, s);
    const tn = row(tanhC, n, ldt, s), hn = row(h, n, ldh, s);
    let j = 0;
    for (; j + L <= H; j += L) lstmForwardColumns<T>(j, H, an, b, pn, cn, tn, hn, true);
    for (; j < H; j++) lstmForwardColumns<T>(j, H, an, b, pn, cn, tn, hn, false);
  }
}

@inline function lstmBackwardColumns<T>(
  j: i32, H: i32, gates: usize, pc: usize, tc: usize, dh: usize, dhNext: usize, dcNext: usize, da: usize, full: bool,
): void {
  const i = ld<T>(gates, j, full), f = ld<T>(gates, H + j, full);
  const o = ld<T>(gates, 2 * H + j, full), g = ld<T>(gates, 3 * H + j, full);
  const t = ld<T>(tc, j, full);
  const dhv = v128.add<T>(ld<T>(dh, j, full), ld<T>(dhNext, j, full));
  const dcv = v128.add<T>(ld<T>(dcNext, j, full), v128.mul<T>(v128.mul<T>(dhv, o), v128.sub<T>(one<T>(), v128.mul<T>(t, t))));
  const dai = v128.mul<T>(v128.mul<T>(v128.mul<T>(dcv, g), i), v128.sub<T>(one<T>(), i));
  const daf = v128.mul<T>(v128.mul<T>(v128.mul<T>(dcv, ld<T>(pc, j, full)), f), v128.sub<T>(one<T>(), f));
  const dao = v128.mul<T>(v128.mul<T>(v128.mul<T>(dhv, t), o), v128.sub<T>(one<T>(), o));
  const dag = v128.mul<T>(v128.mul<T>(dcv, i), v128.sub<T>(one<T>(), v128.mul<T>(g, g)));
  st<T>(da, j, dai, full);
  st<T>(da, H + j, daf, full);
  st<T>(da, 2 * H + j, dao, full);
  st<T>(da, 3 * H + j, dag, full);
  st<T>(dcNext, j, v128.mul<T>(dcv, f), full);
}

/**
 * Backward through one LSTM step's gates: gates [N, 4H], prevC, tanhC, dh (upstream) [N, H] with strides; dhNext
 * [N, H] contiguous (da_{t+1}·Whᵀ); dcNext [N, H] contiguous, in: from step t + 1, out: to step t − 1; writes
 * da [N, 4H] (stride ldd).
 */
export function lstmBackwardStep<T>(
  N: i32, H: i32, gates: usize, ldg: i32, prevC: usize, ldp: i32, tanhC: usize, ldt: i32, dh: usize, ldh: i32,
  dhNext: usize, dcNext: usize, da: usize, ldd: i32,
): void {
  const L = lanesOf<T>();
  const s = sizeof<T>();
  for (let n = 0; n < N; n++) {
    const gn = row(gates, n, ldg, s), pn = row(prevC, n, ldp, s), tn = row(tanhC, n, ldt, s);
    const dn = row(dh, n, ldh, s), hn = row(dhNext, n, H, s), cn = row(dcNext, n, H, s), an = row(da, n, ldd, s);
    let j = 0;
    for (; j + L <= H; j += L) lstmBackwardColumns<T>(j, H, gn, pn, tn, dn, hn, cn, an, true);
    for (; j < H; j++) lstmBackwardColumns<T>(j, H, gn, pn, tn, dn, hn, cn, an, false);
  }
}

// ---- vanilla RNN: h = act(a + b), act = tanh (0) or sigmoid (1)

@inline function rnnForwardColumns<T>(j: i32, a: usize, b: usize, h: usize, sigmoid: bool, full: bool): void {
  const v = v128.add<T>(ld<T>(a, j, full), ld<T>(b, j, full));
  st<T>(h, j, sigmoid ? sigmoidV<T>(v) : tanhV<T>(v), full);
}

/** h [N, H] = act(a + b), a [N, H] = x·Wx + h₋·Wh (may be h itself); activation 0: tanh, 1: sigmoid. */
export function rnnForwardStep<T>(
  N: i32, H: i32, a: usize, lda: i32, b: usize, h: usize, ldh: i32, activation: i32,
): void {
  const L = lanesOf<T>();
  const s = sizeof<T>();
  const sigmoid = activation == 1;
  for (let n = 0; n < N; n++) {
    const an = row(a, n, lda, s), hn = row(h, n, ldh, s);
    let j = 0;
    for (; j + L <= H; j += L) rnnForwardColumns<T>(j, an, b, hn, sigmoid, true);
    for (; j < H; j++) rnnForwardColumns<T>(j, an, b, hn, sigmoid, false);
  }
}

@inline function rnnBackwardColumns<T>(j: i32, h: usize, dh: usize, dNext: usize, da: usize, sigmoid: bool, full: bool): void {
  const y = ld<T>(h, j, full);
  const slope = sigmoid ? v128.mul<T>(y, v128.sub<T>(one<T>(), y)) : v128.sub<T>(one<T>(), v128.mul<T>(y, y));
  st<T>(da, j, v128.mul<T>(v128.add<T>(ld<T>(dh, j, full), ld<T>(dNext, j, full)), slope), full);
}

/** da [N, H] = (dh + dNext)⊙act′, act′ from h: 1 − h² (tanh, 0) or h(1 − h) (sigmoid, 1); dNext contiguous. */
export function rnnBackwardStep<T>(
  N: i32, H: i32, h: usize, ldh: i32, dh: usize, ldd: i32, dNext: usize, da: usize, lda: i32, activation: i32,
): void {
  const L = lanesOf<T>();
  const s = sizeof<T>();
  const sigmoid = activation == 1;
  for (let n = 0; n < N; n++) {
    const hn = row(h, n, ldh, s), dn = row(dh, n, ldd, s), nn = row(dNext, n, H, s), an = row(da, n, lda, s);
    let j = 0;
    for (; j + L <= H; j += L) rnnBackwardColumns<T>(j, hn, dn, nn, an, sigmoid, true);
    for (; j < H; j++) rnnBackwardColumns<T>(j, hn, dn, nn, an, sigmoid, false);
  }
}

// ---- echo state network: h̃ = tanh(a + b), h = (1 − leak)·h₋ + leak·h̃

@inline function esnForwardColumns<T>(j: i32, a: usize, b: usize, prev: usize, h: usize, leak: v128, full: bool): void {
  const ht = tanhV<T>(v128.add<T>(ld<T>(a, j, full), ld<T>(b, j, full)));
  st<T>(a, j, ht, full);
  const keep = v128.sub<T>(one<T>(), leak);
  st<T>(h, j, v128.add<T>(v128.mul<T>(keep, ld<T>(prev, j, full)), v128.mul<T>(leak, ht)), full);
}

/** a [N, H] = x·Win + h₋·W becomes h̃; h [N, H] = (1 − leak)·prev + leak·h̃. */
export function esnForwardStep<T>(
  N: i32, H: i32, a: usize, lda: i32, b: usize, prev: usize, ldp: i32, h: usize, ldh: i32, leak: f64,
): void {
  const L = lanesOf<T>();
  const s = sizeof<T>();
  const lv = v128.splat<T>(<T>leak);
  for (let n = 0; n < N; n++) {
    const an = row(a, n, lda, s), pn = row(prev, n, ldp, s), hn = row(h, n, ldh, s);
    let j = 0;
    for (; j + L <= H; j += L) esnForwardColumns<T>(j, an, b, pn, hn, lv, true);
    for (; j < H; j++) esnForwardColumns<T>(j, an, b, pn, hn, lv, false);
  }
}

@inline function esnBackwardColumns<T>(j: i32, ht: usize, dh: usize, dNext: usize, da: usize, leak: v128, full: bool): void {
  const g = v128.add<T>(ld<T>(dh, j, full), ld<T>(dNext, j, full));
  const t = ld<T>(ht, j, full);
  st<T>(da, j, v128.mul<T>(v128.mul<T>(leak, g), v128.sub<T>(one<T>(), v128.mul<T>(t, t))), full);
  st<T>(dNext, j, v128.mul<T>(v128.sub<T>(one<T>(), leak), g), full);
}

/** g = dh + dNext; da = leak·g⊙(1 − h̃²); dNext (contiguous) becomes the leak path (1 − leak)·g. */
export function esnBackwardStep<T>(
  N: i32, H: i32, htilde: usize, ldt: i32, dh: usize, ldd: i32, dNext: usize, da: usize, lda: i32, leak: f64,
): void {
  const L = lanesOf<T>();
  const s = sizeof<T>();
  const lv = v128.splat<T>(<T>leak);
  for (let n = 0; n < N; n++) {
    const tn = row(htilde, n, ldt, s), dn = row(dh, n, ldd, s), nn = row(dNext, n, H, s), an = row(da, n, lda, s);
    let j = 0;
    for (; j + L <= H; j += L) esnBackwardColumns<T>(j, tn, dn, nn, an, lv, true);
    for (; j < H; j++) esnBackwardColumns<T>(j, tn, dn, nn, an, lv, false);
  }
}

// ---- GRU (torch.nn.GRU): r, z = σ(ax + ah + bh), hn = ah_n + bh_n, n = tanh(ax_n + r⊙hn), h = n + z⊙(h₋ − n)

@inline function gruForwardColumns<T>(
  j: i32, H: i32, ax: usize, ah: usize, bh: usize, prev: usize, gates: usize, hn: usize, h: usize, full: bool,
): void {
  const r = sigmoidV<T>(v128.add<T>(ld<T>(ax, j, full), v128.add<T>(ld<T>(ah, j, full), ld<T>(bh, j, full))));
  const z = sigmoidV<T>(v128.add<T>(ld<T>(ax, H + j, full), v128.add<T>(ld<T>(ah, H + j, full), ld<T>(bh, H + j, full))));
  const hv = v128.add<T>(ld<T>(ah, 2 * H + j, full), ld<T>(bh, 2 * H + j, full));
  const nv = tanhV<T>(v128.add<T>(ld<T>(ax, 2 * H + j, full), v128.mul<T>(r, hv)));
  st<T>(gates, j, r, full);
  st<T>(gates, H + j, z, full);
  st<T>(gates, 2 * H + j, nv, full);
  st<T>(hn, j, hv, full);
  st<T>(h, j, v128.add<T>(nv, v128.mul<T>(z, v128.sub<T>(ld<T>(prev, j, full), nv))), full);
}

/**
 * One GRU step: ax [N, 3H] = x·Wx + bx, ah [N, 3H] contiguous = h₋·Wh, bh [3H], prev [N, H]; writes the gates r, z, n
 * [N, 3H], hn [N, H] and h [N, H], each with its stride.
 */
export function gruForwardStep<T>(
  N: i32, H: i32, ax: usize, ldx: i32, ah: usize, bh: usize, prev: usize, ldp: i32, gates: usize, ldg: i32,
  hn: usize, ldn: i32, h: usize, ldh: i32,
): void {
  const L = lanesOf<T>();
  const s = sizeof<T>();
  for (let n = 0; n < N; n++) {
    const xn = row(ax, n, ldx, s), an = row(ah, n, 3 * H, s), pn = row(prev, n, ldp, s);
    const gn = row(gates, n, ldg, s), nn = row(hn, n, ldn, s), hh = row(h, n, ldh, s);
    let j = 0;
    for (; j + L <= H; j += L) gruForwardColumns<T>(j, H, xn, an, bh, pn, gn, nn, hh, true);
    for (; j < H; j++) gruForwardColumns<T>(j, H, xn, an, bh, pn, gn, nn, hh, false);
  }
}

@inline function gruBackwardColumns<T>(
  j: i32, H: i32, gates: usize, hn: usize, prev: usize, dh: usize, dNext: usize, dax: usize, dah: usize, full: bool,
): void {
  const r = ld<T>(gates, j, full), z = ld<T>(gates, H + j, full), nv = ld<T>(gates, 2 * H + j, full);
  const g = v128.add<T>(ld<T>(dh, j, full), ld<T>(dNext, j, full));
  const dan = v128.mul<T>(v128.mul<T>(g, v128.sub<T>(one<T>(), z)), v128.sub<T>(one<T>(), v128.mul<T>(nv, nv)));
  const daz = v128.mul<T>(v128.mul<T>(v128.mul<T>(g, v128.sub<T>(ld<T>(prev, j, full), nv)), z), v128.sub<T>(one<T>(), z));
  const dar = v128.mul<T>(v128.mul<T>(v128.mul<T>(dan, ld<T>(hn, j, full)), r), v128.sub<T>(one<T>(), r));
  st<T>(dax, j, dar, full);
  st<T>(dax, H + j, daz, full);
  st<T>(dax, 2 * H + j, dan, full);
  st<T>(dah, j, dar, full);
  st<T>(dah, H + j, daz, full);
  st<T>(dah, 2 * H + j, v128.mul<T>(dan, r), full);
  st<T>(dNext, j, v128.mul<T>(g, z), full);
}

/**
 * Backward through one GRU step: gates [N, 3H], hn, prev, dh [N, H] with strides; dNext [N, H] contiguous, in: from
 * step t + 1, out: dh·z (the caller adds dah·Whᵀ); writes dax (gradient of x·Wx + bx) and dah (of h₋·Wh + bh),
 * both [N, 3H] with strides.
 */
export function gruBackwardStep<T>(
  N: i32, H: i32, gates: usize, ldg: i32, hn: usize, ldn: i32, prev: usize, ldp: i32, dh: usize, ldd: i32,
  dNext: usize, dax: usize, ldx: i32, dah: usize, lda: i32,
): void {
  const L = lanesOf<T>();
  const s = sizeof<T>();
  for (let n = 0; n < N; n++) {
    const gn = row(gates, n, ldg, s), nn = row(hn, n, ldn, s), pn = row(prev, n, ldp, s), dn = row(dh, n, ldd, s);
    const xn = row(dNext, n, H, s), an = row(dax, n, ldx, s), bn = row(dah, n, lda, s);
    let j = 0;
    for (; j + L <= H; j += L) gruBackwardColumns<T>(j, H, gn, nn, pn, dn, xn, an, bn, true);
    for (; j < H; j++) gruBackwardColumns<T>(j, H, gn, nn, pn, dn, xn, an, bn, false);
  }
}
