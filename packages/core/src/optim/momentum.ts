/**
 * SGD with momentum (cs231n optim.py `sgd_momentum`): a velocity v, one per parameter, starts at zero and
 *
 *     v = μ · v − lr · g
 *     p = p + v
 *
 * μ (`momentum`, default 0.9) in [0, 1). The learning rate is folded into v, so decaying it only affects new
 * gradients; torch.optim.SGD(momentum=μ) keeps b = μ·b + g and does p −= lr·b instead, which is the same sequence of
 * params while lr is constant (v = −lr·b) and differs after lr changes.
 */
import type { HyperParamSpec, OptimizerName } from './optimizer';
import { BaseOptimizer } from './optimizer';

/** Options for `new SGDMomentum`: learningRate finite > 0; momentum in [0, 1), default 0.9. */
export interface MomentumOptions {
  learningRate: number;
  momentum?: number;
}

const SPECS: readonly HyperParamSpec[] = [{ name: 'momentum', defaultValue: 0.9, range: 'unit' }];

/** SGD with a velocity slot `v` per parameter; updates params in place. */
export class SGDMomentum extends BaseOptimizer {
  readonly name: OptimizerName = 'momentum';
  protected readonly displayName = 'SGDMomentum';
  protected readonly slotNames: readonly string[] = ['v'];
  protected readonly hyperSpecs = SPECS;

  constructor(options: MomentumOptions) {
    super();
    this.init(options);
  }

  /** The momentum coefficient μ. */
  get momentum(): number {
    return this.hyper.momentum;
  }

  protected update(p: Float64Array, g: Float64Array, [v]: Float64Array[]): void {
    const lr = this.learningRate;
    const mu = this.hyper.momentum;
    for (let i = 0; i < p.length; i++) {
      v[i] = mu * v[i] - lr * g[i];
      p[i] = p[i] + v[i];
    }
  }
}
