/**
 * numpy's float64 exp and tanh bit for bit, two lanes at a time, for min-char-rnn (./min-char.ts). The scalar
 * originals, with the derivation and sources, are src/numpy-exact/exp-tanh.ts; this is the same sequence of
 * operations on f64x2 lanes. WebAssembly has no fused multiply-add that is guaranteed fused, so `fmaV` emulates one
 * exactly (as src/numpy-exact/fma.ts: Dekker's product, Knuth's sum, Boldo–Melquiond's rounding to odd), with the
 * round-to-odd step done on the bit patterns (i64x2) instead of through memory.
 *
 * The tables (2^(j/16) for exp, tanh's 18 × 16 coefficients) live in the caller's memory and are passed in.
 */

const SPLITTER: f64 = 134217729.0; // 2^27 + 1

@inline function f(x: f64): v128 {
  return f64x2.splat(x);
}

/** The high half of Veltkamp's split of x (26 significant bits; x − high is exact). */
@inline function highHalf(x: v128): v128 {
  const t = f64x2.mul(f(SPLITTER), x);
  return f64x2.sub(t, f64x2.sub(t, x));
}

/**
 * a·b + c rounded once, per lane, with b given split (bh = highHalf(b), bl = b − bh) so that a Horner loop splits
 * its fixed argument once. For finite a·b and c, as every call here makes them (numpy's tanh answers |x| ≥ 24, ±∞
 * and NaN without its polynomial; exp's out-of-range lanes are redone on the scalar path): there the scalar
 * version's special case, p = a·b = 0, gives the same result as this general path (c).
 */
@inline function fmaSplit(a: v128, b: v128, bh: v128, bl: v128, c: v128): v128 {
  const p = f64x2.mul(a, b);
  const ah = highHalf(a);
  const al = f64x2.sub(a, ah);
  // a·b = p + e exactly
  const e = f64x2.add(f64x2.add(f64x2.add(f64x2.sub(f64x2.mul(ah, bh), p), f64x2.mul(ah, bl)), f64x2.mul(al, bh)), f64x2.mul(al, bl));
  // c + p = th + tl exactly
  const th = f64x2.add(c, p);
  const cv = f64x2.sub(th, p);
  const tl = f64x2.add(f64x2.sub(c, cv), f64x2.sub(p, f64x2.sub(th, cv)));
  return f64x2.add(th, addRoundToOdd(tl, e));
}

/** a·b + c rounded once, per lane (finite a·b and c; see fmaSplit). */
@inline export function fmaV(a: v128, b: v128, c: v128): v128 {
  const bh = highHalf(b);
  return fmaSplit(a, b, bh, f64x2.sub(b, bh), c);
}

/** x + y rounded to odd: exact if representable, else the neighbour with an odd last significand bit. */
@inline function addRoundToOdd(x: v128, y: v128): v128 {
  const s = f64x2.add(x, y);
  const yv = f64x2.sub(s, x);
  const err = f64x2.add(f64x2.sub(x, f64x2.sub(s, yv)), f64x2.sub(y, yv));
  const inexact = f64x2.ne(err, f(0));
  const even = i64x2.eq(v128.and(s, i64x2.splat(1)), i64x2.splat(0));
  // step one ulp towards err: +1 on the bits when err and s have the same sign, −1 otherwise
  const same = i64x2.eq(f64x2.gt(err, f(0)), f64x2.gt(s, f(0)));
  const step = v128.bitselect(i64x2.splat(1), i64x2.splat(-1), same);
  return i64x2.add(s, v128.and(step, v128.and(inexact, even)));
}

/** The integral doubles n (|n| < 2^51) as i64 lanes. */
@inline function toI64(n: v128): v128 {
  const magic = f(6755399441055744.0); // 1.5·2^52
  return i64x2.sub(f64x2.add(n, magic), magic);
}

/** 2^m for i64 lanes m in [−1022, 1023]. */
@inline function pow2(m: v128): v128 {
  return i64x2.shl(i64x2.add(m, i64x2.splat(1023)), 52);
}

/** Gathers table[index lane] for each lane (indices as i64 lanes). */
@inline function gather(table: usize, index: v128): v128 {
  let v = v128.load64_zero(table + (<usize>i64x2.extract_lane(index, 0) << 3));
  return v128.load64_lane(table + (<usize>i64x2.extract_lane(index, 1) << 3), v, 1);
}

const EXP_MAIN_LIMIT: f64 = 707.7032713517042;
const LOG2E_16: f64 = 23.083120654223414;
const LN2_HI: f64 = 0.6931471805599453;
const LN2_LO: f64 = 2.3190468138462996e-17;
const C2: f64 = 0.5000000000010838;
const C3: f64 = 0.16666666637508337;
const C4: f64 = 0.041666695348322125;
const C5: f64 = 0.008332058899382488;
const C6: f64 = 0.0014149452874381984;

/**
 * numpy's exp on two lanes, for |x| < 707.70327… (SVML's main path); a lane outside it (or NaN) comes back NaN and
 * sets bit 0 of the returned mask's lane, so the caller can redo it on the scalar path. expTh: 2^(j/16), 16 entries.
 */
@inline export function npExpV(x: v128, expTh: usize): v128 {
  const q = f64x2.mul(x, f(LOG2E_16));
  let n = f64x2.floor(q);
  // q rounded up onto an integer: the exact product is below it, so n is one less
  const roundedUp = v128.and(f64x2.eq(n, q), f64x2.lt(fmaV(x, f(LOG2E_16), f64x2.neg(q)), f(0)));
  n = f64x2.sub(n, v128.and(roundedUp, f(1)));
  const N = f64x2.div(n, f(16));
  let R = fmaV(f64x2.neg(N), f(LN2_HI), x);
  R = fmaV(f64x2.neg(N), f(LN2_LO), R);
  const R2 = f64x2.mul(R, R);
  const Rh = highHalf(R);
  const Rl = f64x2.sub(R, Rh);
  const p56 = fmaSplit(f(C6), R, Rh, Rl, f(C5));
  const p34 = fmaSplit(f(C4), R, Rh, Rl, f(C3));
  const R3 = f64x2.mul(R2, R);
  const p12 = fmaV(R2, f(C2), R);
  const p36 = fmaV(R2, p56, p34);
  const expm1 = fmaV(R3, p36, p12);
  const ni = toI64(n);
  const th = gather(expTh, v128.and(ni, i64x2.splat(15)));
  const y = f64x2.mul(fmaV(th, expm1, th), pow2(i64x2.shr_s(ni, 4)));
  return v128.bitselect(y, f(NaN), f64x2.lt(f64x2.abs(x), f(EXP_MAIN_LIMIT)));
}

/** Lanes where npExpV could not compute (|x| ≥ 707.70327… or NaN): all ones there. */
@inline export function npExpOutOfRange(x: v128): v128 {
  return v128.not(f64x2.lt(f64x2.abs(x), f(EXP_MAIN_LIMIT)));
}

/**
 * numpy's tanh on two lanes: sign(x)·P_i(|x| − B_i), P_i of degree 16 by Horner with fused multiply-adds, i the half
 * binade of |x|. table: 18 rows × 16 intervals (row 0 the B_i, rows 1..17 the coefficients c0..c16).
 */
@inline export function npTanhV(x: v128, table: usize): v128 {
  const a = f64x2.abs(x);
  // interval: how many of the breaks 3/16, 1/4, 3/8, …, 24 are ≤ |x| (15 at most)
  let count = i64x2.splat(0);
  count = i64x2.sub(count, f64x2.ge(a, f(0.1875)));
  count = i64x2.sub(count, f64x2.ge(a, f(0.25)));
  count = i64x2.sub(count, f64x2.ge(a, f(0.375)));
  count = i64x2.sub(count, f64x2.ge(a, f(0.5)));
  count = i64x2.sub(count, f64x2.ge(a, f(0.75)));
  count = i64x2.sub(count, f64x2.ge(a, f(1)));
  count = i64x2.sub(count, f64x2.ge(a, f(1.5)));
  count = i64x2.sub(count, f64x2.ge(a, f(2)));
  count = i64x2.sub(count, f64x2.ge(a, f(3)));
  count = i64x2.sub(count, f64x2.ge(a, f(4)));
  count = i64x2.sub(count, f64x2.ge(a, f(6)));
  count = i64x2.sub(count, f64x2.ge(a, f(8)));
  count = i64x2.sub(count, f64x2.ge(a, f(12)));
  count = i64x2.sub(count, f64x2.ge(a, f(16)));
  const i = count; // |x| ≥ 24 is answered below; the gathers then stay in the table's last row
  const y = f64x2.sub(a, gather(table, i));
  const yh = highHalf(y);
  const yl = f64x2.sub(y, yh);
  let r = fmaSplit(gather(table + 17 * 16 * 8, i), y, yh, yl, gather(table + 16 * 16 * 8, i));
  for (let row = 15; row >= 1; row--) r = fmaSplit(r, y, yh, yl, gather(table + <usize>(row * 16 * 8), i));
  const signBit = v128.and(x, f(-0.0));
  r = v128.or(r, signBit); // the kernel ORs x's sign bit into r
  r = v128.bitselect(v128.or(f(1), signBit), r, f64x2.ge(a, f(24)));
  r = v128.bitselect(x, r, f64x2.eq(x, f(0))); // ±0 → ±0
  return v128.bitselect(x, r, f64x2.ne(x, x)); // NaN → NaN
}
