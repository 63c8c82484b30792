/**
 * npExp and npTanh: numpy's float64 `np.exp` and `np.tanh` bit for bit, so that ../lm/min-char-rnn.ts can follow the
 * numpy original iteration by iteration (its early training is chaotic: one ulp grows tenfold every 5 iterations).
 *
 * What is reproduced: numpy 1.24.2 (Debian python3-numpy) on an x86-64 CPU with AVX512_SKX. There, np.exp on float64
 * calls Intel SVML's __svml_exp8 (github.com/numpy/SVML, linux/avx512/svml_z0_exp_d_la.s; not numpy's own
 * AVX512F_exp_DOUBLE loop, which this CPU never reaches) and np.tanh calls simd_tanh_f64
 * (numpy/core/src/umath/loops_hyperbolic.dispatch.c.src, AVX512_SKX build). The operation order below is that of
 * the instructions in Debian's _multiarray_umath.so (checked with objdump and gdb). Both kernels are elementwise:
 * no lane reads another and a short array's masked tail is computed like a full vector, so applying these
 * functions element by element equals numpy on a whole array, a slice, a strided view or a scalar. Elsewhere numpy
 * differs in the last bit: without AVX512_SKX it takes other SIMD loops or the C library's exp/tanh (glibc, MSVC,
 * Apple libm), an exp whose output partly overlaps its input falls back to libm, and other numpy versions changed
 * these loops.
 *
 * exp (SVML, for |x| < 707.70327...):
 *     N = ⌊16·x·log2(e)⌋/16 (exact product),  R = (x − N·ln2_hi) − N·ln2_lo  ∈ [0, ln2/16)
 *     exp(R) − 1 ≈ R + c2·R² + R³·((c3 + c4·R) + R²·(c5 + c6·R))
 *     exp(x) = 2^⌊N⌋ · (Th[j] + Th[j]·(exp(R) − 1)),  j = 16·(N − ⌊N⌋),  Th[j] = 2^(j/16) rounded
 * For |x| ≥ 707.70327... and ±∞ SVML's scalar path: a 64-entry table 2^(j/64) = top + tail, plain (unfused)
 * arithmetic, overflow to +∞ above 709.78..., 0 below −745.13..., subnormal results rounded once. NaN → NaN.
 *
 * tanh (from SVML's svml_z0_tanh_d_la), odd: tanh(x) = sign(x)·P_i(|x| − B_i), where the interval i of |x| is its
 * half binade ([0, 3/16), [3/16, 1/4), [1/4, 3/8), ..., [16, 24)) and P_i is a degree-16 polynomial evaluated by
 * Horner's rule with fused multiply-adds; |x| ≥ 24 (incl. ±∞) → ±1, NaN → NaN, ±0 → ±0.
 */
import { ValueError } from '../errors';
import { fma } from './fma';
import { EXP_HA, EXP_TH, TANH_TABLE } from './exp-tanh-data';

// SVML exp, main path (hex values from svml_z0_exp_d_la.s)
const EXP_MAIN_LIMIT = 707.7032713517042; // 0x1.61da04cbafe44p+9: |x| at or above it takes the scalar path
const LOG2E_16 = 23.083120654223414; // 16 · 0x1.71547652b82fep+0 (log2(e)), exactly
const LN2_HI = 0.6931471805599453; // 0x1.62e42fefa39efp-1
const LN2_LO = 2.3190468138462996e-17; // 0x1.abc9e3b39803fp-56
const C2 = 0.5000000000010838; // 0x1.0000000002622p-1
const C3 = 0.16666666637508337; // 0x1.5555554b508a2p-3
const C4 = 0.041666695348322125; // 0x1.555564bb4f5f0p-5
const C5 = 0.008332058899382488; // 0x1.1106603d97c00p-7
const C6 = 0.0014149452874381984; // 0x1.72eb5ef0d213dp-10
// SVML exp, scalar path (_imldExpHATab)
const HA_INV_LN2_64 = 92.33248261689366; // 0x1.71547652b82fep+6
const HA_SHIFT = 6755399441055744; // 1.5 · 2^52
const HA_LN2_64_HI = 0.010830424696223417; // 0x1.62e42fefa0000p-7
const HA_LN2_64_LO = 2.572804622327669e-14; // 0x1.cf79abc9e3b3ap-46
const HA_A = [0.5, 0.1666666666665788, 0.04166666666677052, 0.008333341995140497, 0.0013888870459233254];
const HA_OVERFLOW = 709.782712893384; // 0x1.62e42fefa39efp+9
const HA_SUBNORMAL = -708.3964185322641; // -0x1.6232bdd7abcd2p+9
const HA_UNDERFLOW = -745.1332191019411; // -0x1.74910d52d3051p+9

/** 2^m for m in [-1022, 1023] at POW2[m + 1022], built by exact doubling and halving. */
const POW2 = new Float64Array(2046);
POW2[1022] = 1;
for (let m = 1; m <= 1023; m++) POW2[1022 + m] = 2 * POW2[1021 + m];
for (let m = 1; m <= 1022; m++) POW2[1022 - m] = 0.5 * POW2[1023 - m];
const pow2 = (m: number): number => POW2[m + 1022];

/** The start of tanh's intervals 1..15; interval i holds |x| in [TANH_BREAKS[i − 1], TANH_BREAKS[i]). */
const TANH_BREAKS = [3 / 16, 1 / 4, 3 / 8, 1 / 2, 3 / 4, 1, 3 / 2, 2, 3, 4, 6, 8, 12, 16, 24];

function checkNumber(fn: string, x: unknown): asserts x is number {
  if (typeof x !== 'number') throw new ValueError(`${fn}: x must be a number, got ${typeof x}`);
}

/**
 * e^x for a scalar x, bit for bit as numpy 1.24's `np.exp` on float64 with AVX512_SKX (see the header).
 * Throws ValueError if x is not a number.
 */
export function npExp(x: number): number {
  checkNumber('npExp', x);
  if (x !== x) return NaN;
  if (!(Math.abs(x) < EXP_MAIN_LIMIT)) return expLargeArgument(x);
  // SVML rounds x·log2(e) + (1.5·2^48 + 1023) toward zero to a multiple of 1/16: n/16 with n = ⌊16·x·log2(e)⌋.
  const q = x * LOG2E_16;
  let n = Math.floor(q);
  if (n === q && fma(x, LOG2E_16, -q) < 0) n -= 1; // q rounded up onto an integer
  const N = n / 16;
  let R = fma(-N, LN2_HI, x);
  R = fma(-N, LN2_LO, R);
  const R2 = R * R;
  const p56 = fma(C6, R, C5);
  const p34 = fma(C4, R, C3);
  const R3 = R2 * R;
  const p12 = fma(R2, C2, R);
  const p36 = fma(R2, p56, p34);
  const expm1 = fma(R3, p36, p12);
  const th = EXP_TH[n & 15];
  return fma(th, expm1, th) * pow2(n >> 4); // |n| < 2^15: the bit operations are exact; the scaling too
}

/** SVML's scalar exp (__svml_dexp_cout_rare_internal) for |x| ≥ EXP_MAIN_LIMIT, ±∞ included. */
function expLargeArgument(x: number): number {
  if (x > HA_OVERFLOW) return Infinity;
  if (x < HA_UNDERFLOW) return 0;
  const kd = x * HA_INV_LN2_64 + HA_SHIFT - HA_SHIFT; // k = round(64x/ln2) = 64M + j
  const j = kd & 63, M = kd >> 6;
  const r = x - kd * HA_LN2_64_HI - kd * HA_LN2_64_LO;
  const [a1, a2, a3, a4, a5] = HA_A;
  const poly = (((((a5 * r + a4) * r + a3) * r + a2) * r + a1) * r) * r + r; // exp(r) − 1
  const top = EXP_HA[2 * j];
  const rest = (poly + EXP_HA[2 * j + 1]) * top; // 2^(j/64)·exp(r) − top
  if (x >= HA_SUBNORMAL) {
    const v = rest + top;
    return M === 1024 ? v * pow2(1023) * 2 : v * pow2(M);
  }
  // The result is subnormal: scale by 2^(M + 60) first, then by 2^-60 without rounding twice.
  const scale = pow2(M + 60);
  const restScaled = rest * scale, topScaled = scale * top;
  const v = topScaled + restScaled;
  if (M + 1083 <= 50) return v * pow2(-60);
  const lo = topScaled - v + restScaled;
  const split = v * 6442450944; // 1.5 · 2^32: vh keeps v's leading bits
  const vh = v + split - split;
  const vl = v - vh + lo;
  return vh * pow2(-60) + vl * pow2(-60);
}

/**
 * tanh(x) for a scalar x, bit for bit as numpy 1.24's `np.tanh` on float64 with AVX512_SKX (see the header).
 * Throws ValueError if x is not a number.
 */
export function npTanh(x: number): number {
  checkNumber('npTanh', x);
  if (x !== x) return NaN;
  if (x === 0) return x; // keeps the sign of zero, as the kernel does
  const a = Math.abs(x);
  if (a >= 24) return x < 0 ? -1 : 1; // the last interval's polynomial is the constant 1
  let i = 0;
  while (i < 15 && a >= TANH_BREAKS[i]) i++;
  const y = a - TANH_TABLE[i]; // row 0: B_i
  let r = fma(TANH_TABLE[17 * 16 + i], y, TANH_TABLE[16 * 16 + i]); // c16·y + c15
  for (let row = 15; row >= 1; row--) r = fma(r, y, TANH_TABLE[row * 16 + i]); // ... ·y + c0 (row 1)
  return x < 0 ? -Math.abs(r) : r; // the kernel ORs x's sign bit into r
}
