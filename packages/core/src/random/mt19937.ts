/**
 * MT19937, the Mersenne Twister behind numpy.random.RandomState, reproduced bit for bit: numpy's legacy integer
 * seeding, its 53-bit doubles and its masked rejection sampling for bounded integers, with state save/restore.
 *
 * Sources: Matsumoto & Nishimura, "Mersenne Twister" (1998) and their mt19937ar.c (init_genrand, genrand_int32);
 * numpy/random/src/mt19937/mt19937.{c,h} (mt19937_seed, mt19937_gen, mt19937_next64: high word drawn first) and
 * numpy/random/src/distributions/distributions.c (random_interval, random_bounded_uint64_fill), whose order of draws
 * is copied here. Every operation is done on uint32 values with Math.imul and `>>> 0`, so no BigInt is needed.
 */
import { ValueError } from '../errors';

/** Number of 32-bit words in the MT19937 state (numpy's RK_STATE_LEN). */
export const MT_STATE_SIZE = 624;

const M = 397;
const MATRIX_A = 0x9908b0df;
const UPPER_MASK = 0x80000000;
const LOWER_MASK = 0x7fffffff;
const TWO_32 = 4294967296;

/** The raw generator state, as numpy's `MT19937.state['state']`: 624 uint32 words and the read position. */
export interface MT19937State {
  /** 624 integers in [0, 2**32 - 1]. */
  key: number[];
  /** Index of the next word to temper, in [0, 624]; 624 means "regenerate before the next draw". */
  pos: number;
}

/** Throws unless `seed` is an integer in [0, 2**32 - 1], the seeds numpy's legacy init_genrand accepts. */
export function checkSeed(fn: string, seed: unknown): asserts seed is number {
  if (typeof seed !== 'number' || !Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) {
    const got = typeof seed === 'number' ? String(seed) : `${typeof seed} ${String(seed)}`;
    throw new ValueError(`${fn}: seed must be an integer in [0, 2**32 - 1] (numpy's legacy seeding), got ${got}`);
  }
}

/** Smallest 2**k - 1 that is >= x, for a uint32 x (numpy's gen_mask). */
function mask32(x: number): number {
  let m = x;
  m |= m >>> 1;
  m |= m >>> 2;
  m |= m >>> 4;
  m |= m >>> 8;
  m |= m >>> 16;
  return m >>> 0;
}

/** The Mersenne Twister with numpy's legacy seeding; RandomState draws everything through it. */
export class MT19937 {
  private readonly key = new Uint32Array(MT_STATE_SIZE);
  private pos = MT_STATE_SIZE;

  /** Seeds as numpy's `mt19937_seed` (init_genrand): key[i] = 1812433253 * (key[i-1] ^ (key[i-1] >>> 30)) + i. */
  constructor(seed: number) {
    checkSeed('MT19937', seed);
    let s = seed >>> 0;
    for (let i = 0; i < MT_STATE_SIZE; i++) {
      this.key[i] = s;
      s = (Math.imul(1812433253, (s ^ (s >>> 30)) >>> 0) + i + 1) >>> 0;
    }
    this.pos = MT_STATE_SIZE;
  }

  /** The next raw 32-bit output, an integer in [0, 2**32 - 1] (numpy's mt19937_next32 / random_raw). */
  nextUint32(): number {
    if (this.pos === MT_STATE_SIZE) this.regenerate();
    let y = this.key[this.pos++];
    y ^= y >>> 11;
    y ^= (y << 7) & 0x9d2c5680;
    y ^= (y << 15) & 0xefc60000;
    y ^= y >>> 18;
    return y >>> 0;
  }

  /** A double in [0, 1) with 53 random bits from two draws: ((a >>> 5) * 2**26 + (b >>> 6)) / 2**53. */
  nextDouble(): number {
    const a = this.nextUint32() >>> 5;
    const b = this.nextUint32() >>> 6;
    return (a * 67108864 + b) / 9007199254740992;
  }

  /**
   * A uniform integer in [0, max] by masked rejection, as numpy's random_interval and its legacy randint path:
   * draw, AND with the smallest 2**k - 1 >= max, retry while above max. One 32-bit draw per try when
   * max <= 2**32 - 1, else two (high word first). `max` must be an integer in [0, 2**53 - 1]; 0 draws nothing.
   */
  nextBounded(max: number): number {
    if (!Number.isSafeInteger(max) || max < 0) {
      throw new ValueError(`MT19937.nextBounded: max is ${max}, expected an integer in [0, 2**53 - 1]`);
    }
    if (max === 0) return 0;
    if (max <= 0xffffffff) {
      // numpy skips the mask for a full 32-bit range; masking with 0xffffffff would give the same value anyway.
      const mask = mask32(max);
      let value: number;
      do value = (this.nextUint32() & mask) >>> 0;
      while (value > max);
      return value;
    }
    const maskHi = mask32(Math.floor(max / TWO_32)); // the low word of a 64-bit mask >= 2**32 is all ones
    let value: number;
    do {
      const hi = (this.nextUint32() & maskHi) >>> 0;
      const lo = this.nextUint32();
      value = hi * TWO_32 + lo; // exact: below 2**53 because maskHi < 2**21
    } while (value > max);
    return value;
  }

  /** A copy of the state (JSON-serializable). */
  getState(): MT19937State {
    return { key: Array.from(this.key), pos: this.pos };
  }

  /**
   * Restores a state from `getState()` (or numpy's `get_state()[1:3]`). `fn` names the caller in errors.
   * Throws ValueError for a key that is not 624 integers in [0, 2**32 - 1], is all zeros, or a pos outside [0, 624].
   */
  setState(state: MT19937State, fn = 'MT19937.setState'): void {
    const key: unknown = state?.key;
    if (!Array.isArray(key) || key.length !== MT_STATE_SIZE) {
      const got = Array.isArray(key) ? `${key.length} entries` : typeof key;
      throw new ValueError(`${fn}: state.key has ${got}, expected an array of ${MT_STATE_SIZE} integers`);
    }
    const bad = key.findIndex((k) => typeof k !== 'number' || !Number.isInteger(k) || k < 0 || k > 0xffffffff);
    if (bad >= 0) {
      throw new ValueError(`${fn}: state.key[${bad}] is ${String(key[bad])}, expected an integer in [0, 2**32 - 1]`);
    }
    if (key.every((k) => k === 0)) {
      throw new ValueError(`${fn}: state.key is all zeros, expected at least one non-zero word (MT19937 would emit only zeros)`);
    }
    const pos: unknown = state.pos;
    if (typeof pos !== 'number' || !Number.isInteger(pos) || pos < 0 || pos > MT_STATE_SIZE) {
      throw new ValueError(`${fn}: state.pos is ${String(pos)}, expected an integer in [0, ${MT_STATE_SIZE}]`);
    }
    this.key.set(key as number[]);
    this.pos = pos;
  }

  /** Refills all 624 words (genrand_int32's block step) and rewinds to the first. */
  private regenerate(): void {
    const mt = this.key;
    const twist = (i: number, j: number, k: number): void => {
      const y = (mt[i] & UPPER_MASK) | (mt[j] & LOWER_MASK);
      mt[i] = mt[k] ^ (y >>> 1) ^ (y & 1 ? MATRIX_A : 0);
    };
    let i = 0;
    for (; i < MT_STATE_SIZE - M; i++) twist(i, i + 1, i + M);
    for (; i < MT_STATE_SIZE - 1; i++) twist(i, i + 1, i + M - MT_STATE_SIZE);
    twist(MT_STATE_SIZE - 1, 0, M - 1);
    this.pos = 0;
  }
}
