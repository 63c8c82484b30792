/**
 * exp, sigmoid and tanh on whole vectors (f64x2 or f32x4), for the fused gate kernels (./cells.ts). Accurate to a
 * few ulp everywhere they are used (the tests compare every layer with its readable twin built on Math.exp and
 * Math.tanh), and free of the cancellations the textbook formulas have:
 *
 *   exp(x)    = 2^n · e^r,   n = round(x / ln 2),  r = x − n·ln2_hi − n·ln2_lo  (|r| ≤ ln2 / 2),  e^r by Taylor/Horner
 *   expm1(y)  = 2^n · (e^r − 1) + (2^n − 1)                 (y ≤ 0; e^r − 1 from the series without its 1)
 *   sigmoid   = 1 / (1 + exp(−x))                            (no cancellation for either sign)
 *   tanh(x)   = sign(x) · −m / (m + 2),  m = expm1(−2|x|)    (accurate near 0, where 1 − 2/(e^2x + 1) is not)
 *
 * Generic over the lane type T (f64 or f32): the polynomial degree and the exponent-field trick are picked at compile
 * time. Scalars go through the same code as lane 0 of a splat, so a tail element rounds exactly like its neighbours.
 */

// ln 2 split so that n·LN2_HI is exact for the n that occur (Cody & Waite).
const LN2_HI_F64: f64 = 0.6931471803691238;
const LN2_LO_F64: f64 = 1.9082149292705877e-10;
const LN2_HI_F32: f32 = 0.693359375;
const LN2_LO_F32: f32 = -2.12194440e-4;

@inline function splat<T>(x: f64): v128 {
  return v128.splat<T>(<T>x);
}

/** e^r − 1 for |r| ≤ ln2/2: the Taylor series r + r²/2! + … by Horner's rule (to r^13 for f64, r^7 for f32). */
@inline function expm1Reduced<T>(r: v128): v128 {
  let p: v128;
  if (sizeof<T>() == 8) {
    // the first term left out, r^14/14!, is below 2^-53·|r| for |r| ≤ 0.347
    p = splat<T>(1.0 / 6227020800.0); // 1/13!
    p = hornerStep<T>(p, r, 1.0 / 479001600.0);
    p = hornerStep<T>(p, r, 1.0 / 39916800.0);
    p = hornerStep<T>(p, r, 1.0 / 3628800.0);
    p = hornerStep<T>(p, r, 1.0 / 362880.0);
    p = hornerStep<T>(p, r, 1.0 / 40320.0);
    p = hornerStep<T>(p, r, 1.0 / 5040.0);
  } else {
    p = splat<T>(1.0 / 5040.0); // 1/7!
  }
  p = hornerStep<T>(p, r, 1.0 / 720.0);
  p = hornerStep<T>(p, r, 1.0 / 120.0);
  p = hornerStep<T>(p, r, 1.0 / 24.0);
  p = hornerStep<T>(p, r, 1.0 / 6.0);
  p = hornerStep<T>(p, r, 0.5);
  p = hornerStep<T>(p, r, 1.0);
  return v128.mul<T>(p, r);
}

/** p·r + c. */
@inline function hornerStep<T>(p: v128, r: v128, c: f64): v128 {
  return v128.add<T>(v128.mul<T>(p, r), splat<T>(c));
}

/** 2^n for integral n (as floats) in the normal range. */
@inline function pow2<T>(n: v128): v128 {
  if (sizeof<T>() == 8) {
    // n + 1.5·2^52 holds n in its low mantissa bits; subtracting the magic's bits leaves n as an i64.
    const magic = splat<T>(6755399441055744.0);
    const bits = i64x2.sub(v128.add<T>(n, magic), magic);
    return i64x2.shl(i64x2.add(bits, i64x2.splat(1023)), 52);
  }
  return i32x4.shl(i32x4.add(i32x4.trunc_sat_f32x4_s(n), i32x4.splat(127)), 23);
}

/** n = round(x / ln 2). */
@inline function exponentOf<T>(x: v128): v128 {
  return v128.nearest<T>(v128.mul<T>(x, splat<T>(1.4426950408889634)));
}

/** r = x − n·ln 2 in two steps (n·LN2_HI is exact), |r| ≤ ln2/2. */
@inline function remainderOf<T>(x: v128, n: v128): v128 {
  const hi = sizeof<T>() == 8 ? LN2_HI_F64 : <f64>LN2_HI_F32;
  const lo = sizeof<T>() == 8 ? LN2_LO_F64 : <f64>LN2_LO_F32;
  return v128.sub<T>(v128.sub<T>(x, v128.mul<T>(n, splat<T>(hi))), v128.mul<T>(n, splat<T>(lo)));
}

/** e^x; overflows to +∞ above ~709.78 (88.7 for f32) and flushes to 0 below ~−745 (−87.3). */
@inline export function expV<T>(x: v128): v128 {
  const lo = sizeof<T>() == 8 ? -745.2 : -87.4;
  const hi = sizeof<T>() == 8 ? 709.8 : 88.8;
  const xc = v128.min<T>(v128.max<T>(x, splat<T>(lo)), splat<T>(hi));
  const n = exponentOf<T>(xc);
  const r = remainderOf<T>(xc, n);
  const er = v128.add<T>(splat<T>(1.0), expm1Reduced<T>(r));
  // 2^n in two halves so that both stay normal while the product reaches the subnormal and overflow ranges.
  const n1 = v128.floor<T>(v128.mul<T>(n, splat<T>(0.5)));
  const n2 = v128.sub<T>(n, n1);
  let y = v128.mul<T>(v128.mul<T>(er, pow2<T>(n1)), pow2<T>(n2));
  y = v128.bitselect(splat<T>(0), y, v128.lt<T>(x, splat<T>(lo)));
  y = v128.bitselect(splat<T>(Infinity), y, v128.gt<T>(x, splat<T>(hi)));
  return v128.bitselect(x, y, v128.ne<T>(x, x)); // NaN stays NaN
}

/** e^y − 1 for y ≤ 0 (the only range tanh needs): accurate near 0, → −1 far below. */
@inline function expm1NonPositive<T>(y: v128): v128 {
  const lo = sizeof<T>() == 8 ? -40.0 : -18.0; // e^lo is below half an ulp of 1
  const yc = v128.max<T>(y, splat<T>(lo));
  const n = exponentOf<T>(yc);
  const r = remainderOf<T>(yc, n);
  const s = pow2<T>(n);
  return v128.add<T>(v128.mul<T>(s, expm1Reduced<T>(r)), v128.sub<T>(s, splat<T>(1.0)));
}

/** The logistic sigmoid 1 / (1 + e^−x). */
@inline export function sigmoidV<T>(x: v128): v128 {
  return v128.div<T>(splat<T>(1.0), v128.add<T>(splat<T>(1.0), expV<T>(v128.neg<T>(x))));
}

/** tanh(x) = sign(x)·(−m / (m + 2)) with m = e^(−2|x|) − 1; ±0 → ±0, NaN → NaN. */
@inline export function tanhV<T>(x: v128): v128 {
  const ax = v128.abs<T>(x);
  const m = expm1NonPositive<T>(v128.mul<T>(ax, splat<T>(-2.0)));
  const t = v128.div<T>(v128.neg<T>(m), v128.add<T>(m, splat<T>(2.0)));
  const signMask = splat<T>(-0.0);
  const y = v128.or(v128.abs<T>(t), v128.and(x, signMask)); // |t|: at x = 0, −m/(m + 2) is −0
  return v128.bitselect(x, y, v128.ne<T>(x, x));
}
