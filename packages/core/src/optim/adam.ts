/**
 * Adam with bias correction (cs231n optim.py `adam`): first and second moment averages m and v, one each per
 * parameter, start at zero; t counts steps from 1 and
 *
 *     m = β1 · m + (1 − β1) · g
 *     v = β2 · v + (1 − β2) · g²
 *     mHat = m / (1 − β1^t),   vHat = v / (1 − β2^t)
 *     p −= lr · mHat / (sqrt(vHat) + ε)
 *
 * β1 0.9, β2 0.999, ε 1e-8 by default. β^t is computed correctly rounded (`powInteger`), as C's pow and so numpy
 * compute it, because V8's `**` is not (0.9 ** 4 = 0.6561000000000001, numpy 0.6561). torch.optim.Adam folds the corrections differently
 * (p − (lr / (1 − β1^t)) · m / (sqrt(v) / sqrt(1 − β2^t) + ε)): equal in exact arithmetic, about 1e-15 apart in floats.
 */
import { checkInteger } from '../tensor/check';
import type { HyperParamSpec, OptimizerName } from './optimizer';
import { BaseOptimizer } from './optimizer';

/** Options for `new Adam`: learningRate finite > 0; beta1, beta2 in [0, 1) (0.9, 0.999); epsilon finite > 0 (1e-8). */
export interface AdamOptions {
  learningRate: number;
  beta1?: number;
  beta2?: number;
  epsilon?: number;
}

const SPECS: readonly HyperParamSpec[] = [
  { name: 'beta1', defaultValue: 0.9, range: 'unit' },
  { name: 'beta2', defaultValue: 0.999, range: 'unit' },
  { name: 'epsilon', defaultValue: 1e-8, range: 'positive' },
];

/** Adam with `m` and `v` slots per parameter and the step count t; updates params in place. */
export class Adam extends BaseOptimizer {
  readonly name: OptimizerName = 'adam';
  protected readonly displayName = 'Adam';
  protected readonly slotNames: readonly string[] = ['m', 'v'];
  protected readonly hyperSpecs = SPECS;

  constructor(options: AdamOptions) {
    super();
    this.init(options);
  }

  /** Decay of the first-moment average. */
  get beta1(): number {
    return this.hyper.beta1;
  }

  /** Decay of the second-moment average. */
  get beta2(): number {
    return this.hyper.beta2;
  }

  /** ε, added to sqrt(vHat). */
  get epsilon(): number {
    return this.hyper.epsilon;
  }

  protected update(p: Float64Array, g: Float64Array, [m, v]: Float64Array[], t: number): void {
    const lr = this.learningRate;
    const { beta1, beta2, epsilon } = this.hyper;
    const keep1 = 1 - beta1;
    const keep2 = 1 - beta2;
    const correction1 = 1 - powInteger(beta1, t);
    const correction2 = 1 - powInteger(beta2, t);
    for (let i = 0; i < p.length; i++) {
      const gi = g[i];
      m[i] = beta1 * m[i] + keep1 * gi;
      v[i] = beta2 * v[i] + keep2 * (gi * gi);
      const mHat = m[i] / correction1;
      const vHat = v[i] / correction2;
      p[i] = p[i] - (lr * mHat) / (Math.sqrt(vHat) + epsilon);
    }
  }
}

/**
 * base^n for a non-negative integer n, correctly rounded: square-and-multiply in double-double arithmetic (a pair
 * hi + lo carrying ~106 bits), rounded once at the end. Equals glibc's pow (hence numpy's `beta ** t`) except in rare
 * near-halfway cases where glibc's 0.52-ulp pow is not correctly rounded (0.7 ** 248 in our tests).
 */
export function powInteger(base: number, n: number): number {
  checkInteger('powInteger', 'n', n, 0);
  let hi = 1;
  let lo = 0;
  let baseHi = base;
  let baseLo = 0;
  for (let k = n; k > 0; k = Math.floor(k / 2)) {
    if (k % 2 === 1) [hi, lo] = mulDoubleDouble(hi, lo, baseHi, baseLo);
    if (k > 1) [baseHi, baseLo] = mulDoubleDouble(baseHi, baseLo, baseHi, baseLo);
  }
  return hi + lo;
}

/** (ah + al)·(bh + bl) as a normalized double-double, with the exact product of ah·bh (Dekker's two-product). */
function mulDoubleDouble(ah: number, al: number, bh: number, bl: number): [number, number] {
  const p = ah * bh;
  const [a1, a2] = split(ah);
  const [b1, b2] = split(bh);
  const error = a1 * b1 - p + a1 * b2 + a2 * b1 + a2 * b2;
  const e = error + (ah * bl + al * bh);
  const hi = p + e;
  return [hi, e - (hi - p)];
}

/** Veltkamp's split of a into two 26-bit halves, a = high + low exactly. */
function split(a: number): [number, number] {
  const c = 134217729 * a;
  const high = c - (c - a);
  return [high, a - high];
}
