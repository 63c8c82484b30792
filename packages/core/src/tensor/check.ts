/**
 * Argument checks shared by every public function: each function checks its arguments once, on entry, and a failure
 * names the function, the argument, the shape received and the shape expected with where it came from, as in
 * `lstmStepForward: prevH has shape [3, 5], expected [N, H] = [3, 4] (H from Wh)`.
 */
import { ShapeError, ValueError, formatShape } from '../errors';
import { Tensor } from './tensor';

/** Throws unless `value` is a Tensor. */
export function checkTensor(fn: string, arg: string, value: unknown): asserts value is Tensor {
  if (!(value instanceof Tensor)) {
    const got = value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value;
    throw new ShapeError(`${fn}: ${arg} must be a Tensor, got ${got}`);
  }
}

/** Throws unless `t` is a Tensor of the given rank. */
export function checkRank(fn: string, arg: string, t: unknown, rank: number): asserts t is Tensor {
  checkTensor(fn, arg, t);
  if (t.rank !== rank) {
    throw new ShapeError(`${fn}: ${arg} has shape ${formatShape(t.shape)} (rank ${t.rank}), expected rank ${rank}`);
  }
}

/** Throws unless two tensors have the same shape. */
export function checkSameShape(fn: string, arg: string, t: unknown, like: Tensor, likeName: string): asserts t is Tensor {
  checkTensor(fn, arg, t);
  if (t.rank !== like.rank || t.shape.some((d, i) => d !== like.shape[i])) {
    throw new ShapeError(
      `${fn}: ${arg} has shape ${formatShape(t.shape)}, expected ${formatShape(like.shape)} (shape of ${likeName})`,
    );
  }
}

/** Throws unless every element is finite (no NaN or ±Infinity). */
export function checkFinite(fn: string, arg: string, t: Tensor): void {
  const d = t.data;
  for (let i = 0; i < d.length; i++) {
    if (!Number.isFinite(d[i])) {
      throw new ValueError(`${fn}: ${arg} has a non-finite value ${d[i]} at flat index ${i}, expected finite numbers`);
    }
  }
}

/** Throws unless `value` is an integer within [min, max]. */
export function checkInteger(fn: string, arg: string, value: unknown, min = -Infinity, max = Infinity): asserts value is number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    const range = max === Infinity ? `an integer >= ${min}` : min === -Infinity ? `an integer <= ${max}` : `an integer in [${min}, ${max}]`;
    throw new ValueError(`${fn}: ${arg} is ${String(value)}, expected ${range}`);
  }
}

/** Throws unless `v` is a finite number and `ok` holds; `expected` says what is allowed ("a number in (0, 1]"). */
export function checkNumber(fn: string, arg: string, v: unknown, ok: boolean, expected: string): void {
  if (typeof v !== 'number' || !Number.isFinite(v) || !ok) {
    throw new ValueError(`${fn}: ${arg} is ${String(v)}, expected ${expected}`);
  }
}

/** Throws unless `options` is an object; `example` shows one (`{ leakRate: 0.3 }`). */
export function checkOptionsObject(fn: string, options: unknown, example: string): void {
  if (options === null || typeof options !== 'object') {
    throw new ValueError(`${fn}: options is ${String(options)}, expected an object like ${example}`);
  }
}

/**
 * Checks a family of tensors against symbolic shapes, binding each symbol the first time it is seen:
 *
 *     const s = new ShapeCheck('lstmStepForward');
 *     s.check('Wx', Wx, ['D', '4H']);   // binds D and H (from Wx)
 *     s.check('x', x, ['N', 'D']);      // binds N, checks D
 *
 * A dimension is a symbol (`'H'`), a multiple of one (`'4H'`) or a literal number.
 */
export class ShapeCheck {
  private readonly bound = new Map<string, { value: number; from: string }>();

  constructor(private readonly fn: string) {}

  /** Checks (and binds symbols from) `t`; returns it typed as a Tensor. */
  check(arg: string, t: unknown, dims: ReadonlyArray<string | number>): Tensor {
    checkTensor(this.fn, arg, t);
    const legend = `[${dims.join(', ')}]`;
    if (t.rank !== dims.length) {
      throw new ShapeError(`${this.fn}: ${arg} has shape ${formatShape(t.shape)}, expected ${legend} (rank ${dims.length})`);
    }
    dims.forEach((dim, i) => {
      const actual = t.shape[i];
      if (typeof dim === 'number') {
        if (actual !== dim) this.fail(arg, t, dims, `dimension ${i} must be ${dim}`);
        return;
      }
      const { factor, symbol } = parseDim(dim);
      const known = this.bound.get(symbol);
      if (known === undefined) {
        if (actual % factor !== 0) this.fail(arg, t, dims, `${actual} is not a multiple of ${factor}`);
        this.bound.set(symbol, { value: actual / factor, from: arg });
      } else if (actual !== known.value * factor) {
        this.fail(arg, t, dims, `${symbol} from ${known.from}`);
      }
    });
    return t;
  }

  /** The value bound to a symbol (after the check that binds it). */
  dim(symbol: string): number {
    const known = this.bound.get(symbol);
    if (known === undefined) throw new Error(`${this.fn}: internal error, dimension ${symbol} was never bound`);
    return known.value;
  }

  private fail(arg: string, t: Tensor, dims: ReadonlyArray<string | number>, why: string): never {
    const expected = dims.map((dim) => {
      if (typeof dim === 'number') return String(dim);
      const { factor, symbol } = parseDim(dim);
      const known = this.bound.get(symbol);
      return known === undefined ? '*' : String(known.value * factor);
    });
    throw new ShapeError(
      `${this.fn}: ${arg} has shape ${formatShape(t.shape)}, expected [${dims.join(', ')}] = [${expected.join(', ')}] (${why})`,
    );
  }
}

function parseDim(dim: string): { factor: number; symbol: string } {
  const match = /^(\d*)([A-Za-z_]\w*)$/.exec(dim);
  if (match === null) throw new Error(`ShapeCheck: bad dimension symbol '${dim}'`);
  return { factor: match[1] === '' ? 1 : Number(match[1]), symbol: match[2] };
}
