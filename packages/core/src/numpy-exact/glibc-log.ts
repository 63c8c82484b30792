/**
 * The natural logarithm exactly as glibc computes it, because numpy's legacy randn calls C's log() and
 * Math.log (V8's fdlibm port) differs from glibc's in the last bit for about 7% of inputs — enough to break
 * bit-for-bit agreement with numpy.random.RandomState.randn.
 *
 * Source: glibc 2.28+ sysdeps/ieee754/dbl-64/e_log.c (from ARM's optimized-routines, Szabolcs Nagy), in the
 * variant glibc picks on x86-64 CPUs with FMA (__ieee754_log_fma, built with -mfma -mavx2). GCC contracts that
 * file's a * b + c expressions into fused multiply-adds, so the fma() calls below follow the instruction sequence
 * of glibc 2.36's compiled __ieee754_log_fma, not just the C source. On CPUs without FMA, glibc's generic variant
 * may differ in the last bit in rare cases; numpy on other platforms (macOS, Windows) uses other libms entirely.
 */
import { fma } from './fma';
import { LOG_TABLE } from './glibc-log-data';

const LN2HI = 0.6931471805598903;
const LN2LO = 5.497923018708371e-14;
// poly: log1p(r) - r ~= A0 r^2 + ... + A4 r^6 for |r| < 1/256 (main path)
const A0 = -0.5000000000000001;
const A1 = 0.33333333331825593;
const A2 = -0.2499999999622955;
const A3 = 0.20000304511814496;
const A4 = -0.16667054827627667;
// poly1: log1p(r) ~= r + B0 r^2 + ... + B10 r^12 for 1 - 2**-4 <= x < 1 + 0x1.09p-4 (near-1 path); B0 = -0.5
const B = [
  -0.5, 0.3333333333333352, -0.24999999999998432, 0.19999999999320328, -0.16666666669929706, 0.14285715076560868,
  -0.12499997863982555, 0.11110712032936046, -0.10000486757818193, 0.09181994006195467, -0.08328363062289341,
] as const;

const scratch = new Float64Array(1);
const words = new Uint32Array(scratch.buffer);
scratch[0] = 1;
const HI = words[1] === 0x3ff00000 ? 1 : 0;
const LO = 1 - HI;

/** log(x) bit for bit as glibc's FMA build: -Infinity at ±0, NaN below 0 or for NaN, Infinity at Infinity. */
export function glibcLog(x: number): number {
  scratch[0] = x;
  let hi = words[HI]; // top 32 bits of x
  let lo = words[LO];
  if (hi >= 0x3fee0000 && hi < 0x3ff10900) return logNearOne(x); // 1 - 2**-4 <= x < 1 + 0x1.09p-4
  const top = hi >>> 16;
  if (top < 0x0010 || top >= 0x7ff0) {
    if (x === 0) return -Infinity;
    if (x === Infinity) return x;
    if (top & 0x8000 || (top & 0x7ff0) === 0x7ff0) return NaN;
    scratch[0] = x * 4503599627370496; // subnormal: scale by 2**52 and take 52 off the exponent
    hi = words[HI] - (52 << 20);
    lo = words[LO];
  }
  // x = 2**k z with z in [0x1.6p-1, 0x1.6p0); the top bits of z pick the table entry (c near z).
  const tmpHi = (hi - 0x3fe60000) | 0; // OFF = 0x3fe6000000000000 has a zero low word
  const i = (tmpHi >>> 13) & 127;
  const k = tmpHi >> 20;
  words[HI] = (hi - (tmpHi & 0xfff00000)) >>> 0;
  words[LO] = lo;
  const z = scratch[0];
  const invc = LOG_TABLE[2 * i];
  const logc = LOG_TABLE[2 * i + 1];
  // log(x) = log1p(z/c - 1) + log(c) + k*ln2, with r = z/c - 1 and |r| < 1/256.
  const r = fma(z, invc, -1);
  const w = fma(k, LN2HI, logc);
  const hiSum = w + r;
  const loSum = fma(k, LN2LO, w - hiSum + r);
  const r2 = r * r;
  const poly = fma(fma(r, A4, A3), r2, fma(r, A2, A1));
  return fma(r * r2, poly, fma(r2, A0, loSum)) + hiSum;
}

/** glibc's special case for x near 1, where log(x) is small and needs log1p's polynomial plus a split r^2 term. */
function logNearOne(x: number): number {
  if (x === 1) return 0;
  const r = x - 1;
  const r2 = r * r;
  const r3 = r * r2;
  const c3 = fma(r3, B[10], fma(r2, B[9], fma(r, B[8], B[7])));
  const c2 = fma(c3, r3, fma(r2, B[6], fma(r, B[5], B[4])));
  const c1 = fma(c2, r3, fma(r2, B[3], fma(r, B[2], B[1])));
  // r + B0 r^2 with r^2 split exactly into rhi^2 + rlo * (rhi + r); the products by 2**27 and by B0 = -0.5 are
  // exact, so plain operations give the same bits as glibc's fused ones there.
  const w = r * 134217728;
  const rhi = r + w - w;
  const rlo = r - rhi;
  const rhi2 = rhi * rhi;
  const hi = r + rhi2 * B[0];
  const lo = fma(B[0] * rlo, rhi + r, r - hi + rhi2 * B[0]);
  return hi + fma(c1, r3, lo);
}
