/**
 * RandomState: numpy.random.RandomState (the legacy API) in TypeScript. For the same integer seed and the same
 * sequence of calls it returns exactly numpy's numbers, so a notebook and its numpy twin share initial weights and
 * samples. Every random thing in rnnlab takes one of these; there is no global generator and no OS-entropy seeding.
 *
 * Sources: numpy/random/mtrand.pyx (rand, randn, randint, choice, uniform, shuffle, permutation, get_state,
 * set_state) and numpy/random/src/legacy/legacy-distributions.c (legacy_gauss: the polar Box–Muller method, whose
 * second value is cached across calls). The generator is ./mt19937.ts; randn's log is ./glibc-log.ts, because
 * Math.log differs from the C library's in the last bit. Golden values: ./fixtures/.
 */
import { ShapeError, ValueError } from '../errors';
import { Tensor, checkShape, shapeSize } from '../tensor/tensor';
import { glibcLog } from '../numpy-exact';
import { MT19937, checkSeed } from './mt19937';

/**
 * The whole state, as numpy's `get_state()` tuple ('MT19937', key, pos, has_gauss, cached_gaussian) but as a plain
 * JSON object: `JSON.stringify` it to save, pass it to `setState` / `RandomState.fromState` to resume.
 */
export interface RandomStateSnapshot {
  bitGenerator: 'MT19937';
  /** 624 integers in [0, 2**32 - 1]. */
  key: number[];
  /** Next word of `key` to use, in [0, 624]. */
  pos: number;
  /** Whether `randn` holds a second normal from its last pair (numpy's has_gauss, 0/1 there). */
  hasGauss: boolean;
  /** That cached normal (0 when there is none). */
  cachedGaussian: number;
}

/** A `size` argument: a length, or a list of dimensions (numpy's `size=5` or `size=(2, 3)`). */
export type SampleSize = number | readonly number[];

/** What `shuffle` can permute in place: a plain array or a typed array. */
export interface Shuffleable<T> {
  readonly length: number;
  [index: number]: T;
}

/** numpy's tolerance for probabilities summing to 1: sqrt(finfo(float64).eps) = 2**-26. */
const P_SUM_ATOL = Math.sqrt(Number.EPSILON);
const TWO_53 = 2n ** 53n;

/** numpy.random.RandomState(seed), bit for bit. Values returned as Tensors are float64 (integers stay exact). */
export class RandomState {
  private readonly mt: MT19937;
  private hasGauss = false;
  private gauss = 0;
  /** choice()'s cumulative sums, kept between calls: sampling text calls it once per character. */
  private cdf = new Float64Array(0);

  /** `seed`: an integer in [0, 2**32 - 1], required (numpy's `None` = OS entropy is deliberately not offered). */
  constructor(seed: number) {
    checkSeed('RandomState', seed);
    this.mt = new MT19937(seed);
  }

  /** A generator resumed from `getState()` output (see `setState`). */
  static fromState(state: RandomStateSnapshot): RandomState {
    const rs = new RandomState(0);
    rs.restore(state, 'RandomState.fromState');
    return rs;
  }

  /** A copy of the full state, numpy's `get_state()` as a JSON-serializable object. */
  getState(): RandomStateSnapshot {
    const { key, pos } = this.mt.getState();
    return { bitGenerator: 'MT19937', key, pos, hasGauss: this.hasGauss, cachedGaussian: this.gauss };
  }

  /** Restores `getState()` output. Throws ValueError (and changes nothing) for a malformed state. */
  setState(state: RandomStateSnapshot): void {
    this.restore(state, 'RandomState.setState');
  }

  /** One raw 32-bit MT19937 output, an integer in [0, 2**32 - 1] (numpy: `bit_generator.random_raw()`). */
  randomUint32(): number {
    return this.mt.nextUint32();
  }

  /** One double in [0, 1) (numpy `random_sample()`). */
  random(): number {
    return this.mt.nextDouble();
  }

  /** Uniform [0, 1) (numpy `rand`): a number with no dims, else a Tensor of shape `dims`. */
  rand(): number;
  rand(d0: number, ...dims: number[]): Tensor;
  rand(...dims: number[]): number | Tensor;
  rand(...dims: number[]): number | Tensor {
    if (dims.length === 0) return this.mt.nextDouble();
    return this.fill('RandomState.rand', 'dims', dims, () => this.mt.nextDouble());
  }

  /** Standard normal (numpy `randn`, legacy polar method): a number with no dims, else a Tensor of shape `dims`. */
  randn(): number;
  randn(d0: number, ...dims: number[]): Tensor;
  randn(...dims: number[]): number | Tensor;
  randn(...dims: number[]): number | Tensor {
    if (dims.length === 0) return this.nextGauss();
    return this.fill('RandomState.randn', 'dims', dims, () => this.nextGauss());
  }

  /**
   * Uniform integers in [low, high) (numpy `randint`, default int64 dtype); `randint(high)` means [0, high). A number
   * when `size` is undefined, else a Tensor of shape `size`. Ranges wider than 2**53 are rejected.
   */
  randint(low: number, high?: number): number;
  randint(low: number, high: number | undefined, size: SampleSize): Tensor;
  randint(low: number, high?: number, size?: SampleSize): number | Tensor;
  randint(low: number, high?: number, size?: SampleSize): number | Tensor {
    const fn = 'RandomState.randint';
    if (high === undefined) [low, high] = [0, low];
    if (!Number.isSafeInteger(low)) {
      throw new ValueError(`${fn}: low is ${low}, expected an integer in [-(2**53 - 1), 2**53 - 1]`);
    }
    if (!Number.isInteger(high) || !Number.isSafeInteger(high - 1)) {
      throw new ValueError(`${fn}: high is ${high}, expected an integer in [-(2**53 - 2), 2**53] (exclusive bound)`);
    }
    if (low >= high) throw new ValueError(`${fn}: low >= high (low = ${low}, high = ${high}), expected low < high`);
    if (BigInt(high) - BigInt(low) > TWO_53) {
      throw new ValueError(`${fn}: high - low is ${BigInt(high) - BigInt(low)}, expected at most 2**53 (exact doubles)`);
    }
    const max = high - low - 1; // exact: the true difference is at most 2**53
    const lo = low;
    if (size === undefined) return lo + this.mt.nextBounded(max);
    return this.fill(fn, 'size', toShape(size), () => lo + this.mt.nextBounded(max));
  }

  /**
   * One index in [0, n) (numpy `choice(n, p=p)` with size=None and replace=True). With `p` (n probabilities as a
   * number[], Float64Array or 1-D Tensor) it inverts numpy's renormalised cumulative sum at one `random()` draw;
   * without, it is `randint(0, n)`. p must be non-negative, finite, and sum to 1 within 2**-26 (as numpy).
   */
  choice(n: number, p?: readonly number[] | Float64Array | Tensor): number {
    const fn = 'RandomState.choice';
    if (!Number.isSafeInteger(n) || n <= 0) {
      throw new ValueError(`${fn}: n is ${n}, expected a positive integer (numpy: a must be greater than 0)`);
    }
    if (p === undefined) return this.mt.nextBounded(n - 1);
    const probs = toProbabilities(fn, p, n);
    if (this.cdf.length < n) this.cdf = new Float64Array(n);
    const cdf = this.cdf;
    let running = 0;
    for (let i = 0; i < n; i++) cdf[i] = running += probs[i];
    const total = cdf[n - 1];
    for (let i = 0; i < n; i++) cdf[i] /= total;
    const u = this.mt.nextDouble();
    let lo = 0; // searchsorted(cdf, u, side='right'): the number of entries <= u
    let hi = n;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (cdf[mid] <= u) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Uniform [low, high) as `low + (high - low) * random()` (numpy `uniform`; high < low is allowed). */
  uniform(low?: number, high?: number): number;
  uniform(low: number | undefined, high: number | undefined, size: SampleSize): Tensor;
  uniform(low?: number, high?: number, size?: SampleSize): number | Tensor;
  uniform(low = 0, high = 1, size?: SampleSize): number | Tensor {
    const fn = 'RandomState.uniform';
    const range = high - low;
    if (!Number.isFinite(low) || !Number.isFinite(high) || !Number.isFinite(range)) {
      throw new ValueError(`${fn}: low = ${low}, high = ${high}, expected finite bounds with a finite high - low`);
    }
    if (size === undefined) return low + range * this.mt.nextDouble();
    return this.fill(fn, 'size', toShape(size), () => low + range * this.mt.nextDouble());
  }

  /** 0 … n-1 in random order (numpy `permutation(n)`: arange then shuffle), as a number[]. */
  permutation(n: number): number[] {
    if (!Number.isSafeInteger(n) || n < 0) {
      throw new ValueError(`RandomState.permutation: n is ${n}, expected a non-negative integer`);
    }
    const out = Array.from({ length: n }, (_, i) => i);
    this.shuffle(out);
    return out;
  }

  /**
   * Permutes a 1-D array or typed array in place, as numpy's legacy `shuffle`: for i = n-1 down to 1, swap x[i]
   * with x[j], j uniform in [0, i]. For a 1-D Tensor pass `t.data`.
   */
  shuffle<T>(x: Shuffleable<T>): void {
    const n: unknown = x?.length;
    if (typeof n !== 'number' || !Number.isSafeInteger(n) || n < 0) {
      throw new ValueError(`RandomState.shuffle: x has length ${String(n)}, expected an array or typed array`);
    }
    for (let i = n - 1; i > 0; i--) {
      const j = this.mt.nextBounded(i);
      const t = x[i];
      x[i] = x[j];
      x[j] = t;
    }
  }

  /** numpy's legacy_gauss: polar Box–Muller; returns f*x2 and keeps f*x1 for the next call. */
  private nextGauss(): number {
    if (this.hasGauss) {
      const cached = this.gauss;
      this.hasGauss = false;
      this.gauss = 0;
      return cached;
    }
    let x1: number;
    let x2: number;
    let r2: number;
    do {
      x1 = 2 * this.mt.nextDouble() - 1;
      x2 = 2 * this.mt.nextDouble() - 1;
      r2 = x1 * x1 + x2 * x2;
    } while (r2 >= 1 || r2 === 0);
    const f = Math.sqrt((-2 * glibcLog(r2)) / r2); // C's log, not Math.log: see ./glibc-log.ts
    this.gauss = f * x1;
    this.hasGauss = true;
    return f * x2;
  }

  private fill(fn: string, arg: string, shape: readonly number[], draw: () => number): Tensor {
    checkShape(fn, arg, shape);
    const data = new Float64Array(shapeSize(shape));
    for (let i = 0; i < data.length; i++) data[i] = draw();
    return new Tensor(data, shape);
  }

  private restore(state: RandomStateSnapshot, fn: string): void {
    if (state === null || typeof state !== 'object') {
      throw new ValueError(`${fn}: state is ${String(state)}, expected an object from RandomState.getState()`);
    }
    if (state.bitGenerator !== 'MT19937') {
      throw new ValueError(`${fn}: state.bitGenerator is ${String(state.bitGenerator)}, expected 'MT19937'`);
    }
    if (typeof state.hasGauss !== 'boolean') {
      throw new ValueError(`${fn}: state.hasGauss is ${String(state.hasGauss)}, expected true or false`);
    }
    if (typeof state.cachedGaussian !== 'number' || !Number.isFinite(state.cachedGaussian)) {
      throw new ValueError(`${fn}: state.cachedGaussian is ${String(state.cachedGaussian)}, expected a finite number`);
    }
    this.mt.setState(state, fn); // validates key and pos before changing anything
    this.hasGauss = state.hasGauss;
    this.gauss = state.cachedGaussian;
  }
}

function toShape(size: SampleSize): readonly number[] {
  return typeof size === 'number' ? [size] : size;
}

/** Checks p as numpy's legacy choice does, in its order (size, NaN sum, negatives, sum), and returns it as doubles. */
function toProbabilities(fn: string, p: readonly number[] | Float64Array | Tensor, n: number): Float64Array {
  if (p instanceof Tensor && p.rank !== 1) {
    throw new ShapeError(`${fn}: p has shape [${p.shape.join(', ')}], expected [n] = [${n}] (1-D)`);
  }
  const values = p instanceof Tensor ? p.data : p;
  if (values.length !== n) {
    throw new ShapeError(`${fn}: p has ${values.length} entries, expected n = ${n}`);
  }
  // a Float64Array is read as it is (this runs once per sampled character); other arrays are checked and copied
  const probs = values instanceof Float64Array ? values : Float64Array.from(values, (v, i) => {
    if (typeof v !== 'number') throw new ValueError(`${fn}: p[${i}] is ${typeof v}, expected a number`);
    return v;
  });
  let sum = probs[0]; // numpy's kahan_sum
  let c = 0;
  for (let i = 1; i < n; i++) {
    const y = probs[i] - c;
    const t = sum + y;
    c = t - sum - y;
    sum = t;
  }
  if (Number.isNaN(sum)) throw new ValueError(`${fn}: p contains NaN (probabilities must be finite)`);
  let negative = -1;
  for (let i = 0; i < n && negative < 0; i++) if (probs[i] < 0) negative = i;
  if (negative >= 0) {
    throw new ValueError(`${fn}: p[${negative}] is ${probs[negative]}, expected non-negative probabilities`);
  }
  if (Math.abs(sum - 1) > P_SUM_ATOL) {
    throw new ValueError(`${fn}: probabilities do not sum to 1: sum(p) = ${sum}, expected 1 within ${P_SUM_ATOL}`);
  }
  return probs;
}

/** Throws ValueError unless `rng` is a RandomState (for functions that take a generator argument). */
export function checkRandomState(fn: string, rng: unknown): asserts rng is RandomState {
  if (!(rng instanceof RandomState)) {
    throw new ValueError(`${fn}: rng is ${rng === null ? 'null' : typeof rng}, expected a RandomState (new RandomState(seed))`);
  }
}
