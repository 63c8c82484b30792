/**
 * RMSprop (cs231n optim.py `rmsprop`): a leaky average of squared gradients, one per parameter, starts at zero and
 *
 *     cache = decay · cache + (1 − decay) · g²
 *     p −= lr · g / (sqrt(cache) + ε)
 *
 * decay (`decayRate`) 0.99 and ε 1e-8 by default. torch.optim.RMSprop(alpha=decay, eps=ε) computes the same values
 * in a different order, p + (−lr)·(g / (sqrt(cache) + ε)), so the two agree to about 1e-15 relative, not bit for bit.
 */
import type { HyperParamSpec, OptimizerName } from './optimizer';
import { BaseOptimizer } from './optimizer';

/** Options for `new RMSprop`: learningRate finite > 0; decayRate in [0, 1) (0.99); epsilon finite > 0 (1e-8). */
export interface RMSpropOptions {
  learningRate: number;
  decayRate?: number;
  epsilon?: number;
}

const SPECS: readonly HyperParamSpec[] = [
  { name: 'decayRate', defaultValue: 0.99, range: 'unit' },
  { name: 'epsilon', defaultValue: 1e-8, range: 'positive' },
];

/** RMSprop with a `cache` slot per parameter; updates params in place. */
export class RMSprop extends BaseOptimizer {
  readonly name: OptimizerName = 'rmsprop';
  protected readonly displayName = 'RMSprop';
  protected readonly slotNames: readonly string[] = ['cache'];
  protected readonly hyperSpecs = SPECS;

  constructor(options: RMSpropOptions) {
    super();
    this.init(options);
  }

  /** The decay of the squared-gradient average. */
  get decayRate(): number {
    return this.hyper.decayRate;
  }

  /** ε, added to sqrt(cache). */
  get epsilon(): number {
    return this.hyper.epsilon;
  }

  protected update(p: Float64Array, g: Float64Array, [cache]: Float64Array[]): void {
    const lr = this.learningRate;
    const { decayRate, epsilon } = this.hyper;
    const keep = 1 - decayRate;
    for (let i = 0; i < p.length; i++) {
      const gi = g[i];
      cache[i] = decayRate * cache[i] + keep * (gi * gi);
      p[i] = p[i] - (lr * gi) / (Math.sqrt(cache[i]) + epsilon);
    }
  }
}
