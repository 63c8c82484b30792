/**
 * Adagrad exactly as min-char-rnn.py does it: a memory of squared gradients, one per parameter, starts at zero and
 *
 *     mem += g · g
 *     p += −lr · g / sqrt(mem + ε)          (ε = 1e-8 by default, INSIDE the sqrt)
 *
 * The operation order is min-char-rnn's, so the floats match numpy's bit for bit. torch.optim.Adagrad differs:
 * it adds ε outside the sqrt (g / (sqrt(mem) + ε), default 1e-10), has lr_decay and initial_accumulator_value; with
 * those at 0 the two agree only approximately (most where |g| ≫ sqrt(ε)).
 */
import type { HyperParamSpec, OptimizerName } from './optimizer';
import { BaseOptimizer } from './optimizer';

/** Options for `new Adagrad`: learningRate finite > 0; epsilon finite > 0, default 1e-8. */
export interface AdagradOptions {
  learningRate: number;
  epsilon?: number;
}

const SPECS: readonly HyperParamSpec[] = [{ name: 'epsilon', defaultValue: 1e-8, range: 'positive' }];

/** min-char-rnn's Adagrad with a `mem` slot per parameter; updates params in place. */
export class Adagrad extends BaseOptimizer {
  readonly name: OptimizerName = 'adagrad';
  protected readonly displayName = 'Adagrad';
  protected readonly slotNames: readonly string[] = ['mem'];
  protected readonly hyperSpecs = SPECS;

  constructor(options: AdagradOptions) {
    super();
    this.init(options);
  }

  /** ε, added to mem inside the square root. */
  get epsilon(): number {
    return this.hyper.epsilon;
  }

  protected update(p: Float64Array, g: Float64Array, [mem]: Float64Array[]): void {
    adagradUpdate(p, g, mem, this.learningRate, this.hyper.epsilon);
  }
}

/**
 * The Adagrad rule on flat arrays, written once: for each i, g = clip(grad[i], −clip, clip) (np.clip; no clipping
 * by default), mem[i] += g·g, param[i] += −lr·g / √(mem[i] + ε), in min-char-rnn.py's order of operations. The
 * Adagrad optimizer uses it as it is; MinCharRnn runs its WebAssembly twin (kernels/min-char.ts, minCharAdagrad),
 * which its tests hold to this bit for bit.
 */
export function adagradUpdate(
  param: Float64Array, grad: Float64Array, mem: Float64Array, learningRate: number, epsilon: number, clip = Infinity,
): void {
  const negLr = -learningRate;
  for (let i = 0; i < param.length; i++) {
    const d = grad[i];
    const g = d < -clip ? -clip : d > clip ? clip : d;
    mem[i] += g * g;
    param[i] += (negLr * g) / Math.sqrt(mem[i] + epsilon);
  }
}
