/**
 * Plain stochastic gradient descent (cs231n optim.py `sgd`):
 *
 *     p −= lr · g
 *
 * No slots. Shapes: every params[k] and grads[k] share one shape, any rank.
 */
import type { HyperParamSpec, OptimizerName } from './optimizer';
import { BaseOptimizer } from './optimizer';

/** Options for `new SGD`: learningRate finite > 0. */
export interface SGDOptions {
  learningRate: number;
}

/** Vanilla SGD; updates params in place. */
export class SGD extends BaseOptimizer {
  readonly name: OptimizerName = 'sgd';
  protected readonly displayName = 'SGD';
  protected readonly slotNames: readonly string[] = [];
  protected readonly hyperSpecs: readonly HyperParamSpec[] = [];

  constructor(options: SGDOptions) {
    super();
    this.init(options);
  }

  protected update(p: Float64Array, g: Float64Array): void {
    const lr = this.learningRate;
    for (let i = 0; i < p.length; i++) p[i] -= lr * g[i];
  }
}
