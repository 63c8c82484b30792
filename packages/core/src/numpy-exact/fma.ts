/**
 * fma(a, b, c) = a * b + c rounded once, emulated exactly with ordinary doubles. JavaScript has no fused
 * multiply-add, but glibc's log — which numpy's randn goes through — runs an FMA build on x86-64 CPUs that have
 * the instruction, and its last bit depends on every fused step (see ./glibc-log.ts).
 *
 * Sources: Dekker (1971) with Veltkamp's splitting for the exact product a * b = p + e; Knuth's TwoSum; and
 * Boldo & Melquiond, "Emulation of FMA and correctly rounded sums: proved algorithms using rounding to odd",
 * IEEE Trans. Computers 57(4), 2008: RN(a*b + c) = RN(th + RO(tl + e)) with (th, tl) = TwoSum(c, p).
 * Exact as long as nothing overflows and a * b's error term does not underflow (|a * b| above ~2**-969),
 * which holds for every call in ./glibc-log.ts and is checked against exact rational arithmetic in the tests.
 */

const SPLITTER = 134217729; // 2**27 + 1
const scratch = new Float64Array(1);
const words = new Uint32Array(scratch.buffer);
scratch[0] = 1;
const HI = words[1] === 0x3ff00000 ? 1 : 0; // index of the sign/exponent word on this platform's endianness
const LO = 1 - HI;

/** a * b + c with a single rounding to nearest (ties to even), like C's fma() for finite, non-tiny products. */
export function fma(a: number, b: number, c: number): number {
  const p = a * b;
  if (!Number.isFinite(p) || !Number.isFinite(c) || p === 0) return p + c;
  let t = SPLITTER * a;
  const ah = t - (t - a);
  const al = a - ah;
  t = SPLITTER * b;
  const bh = t - (t - b);
  const bl = b - bh;
  const e = ah * bh - p + ah * bl + al * bh + al * bl; // a * b = p + e exactly
  const th = c + p;
  const cv = th - p;
  const tl = c - cv + (p - (th - cv)); // c + p = th + tl exactly
  return th + addRoundToOdd(tl, e);
}

/** x + y rounded to odd: exact if representable, else whichever neighbour has an odd last significand bit. */
function addRoundToOdd(x: number, y: number): number {
  const s = x + y;
  const yv = s - x;
  const err = x - (s - yv) + (y - yv);
  if (err === 0) return s;
  scratch[0] = s;
  if (words[LO] & 1) return s;
  // The exact sum lies between s and its neighbour towards err; step to that neighbour (it is the odd one).
  // The low word is even, so the increment cannot carry; the decrement borrows from the high word at 0.
  if ((err > 0) === (s > 0)) {
    words[LO] += 1;
  } else if (words[LO] === 0) {
    words[LO] = 0xffffffff;
    words[HI] -= 1;
  } else {
    words[LO] -= 1;
  }
  return scratch[0];
}
