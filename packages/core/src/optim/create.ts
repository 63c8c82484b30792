/**
 * Optimizers by name, for configs, the CLI and checkpoints: `createOptimizer('adam', { learningRate: 2e-3 })`, and
 * `optimizerFromState(state)` to rebuild the optimizer a checkpoint saved and continue exactly where it stopped.
 */
import { ValueError } from '../errors';
import { Adagrad, AdagradOptions } from './adagrad';
import { Adam, AdamOptions } from './adam';
import { MomentumOptions, SGDMomentum } from './momentum';
import { OPTIMIZER_NAMES, Optimizer, OptimizerName, OptimizerState } from './optimizer';
import { RMSprop, RMSpropOptions } from './rmsprop';
import { SGD, SGDOptions } from './sgd';

/** The options each optimizer name takes. */
export interface OptimizerOptionsByName {
  sgd: SGDOptions;
  momentum: MomentumOptions;
  adagrad: AdagradOptions;
  rmsprop: RMSpropOptions;
  adam: AdamOptions;
}

/** A new optimizer by name ('sgd' | 'momentum' | 'adagrad' | 'rmsprop' | 'adam') with validated options. */
export function createOptimizer<K extends OptimizerName>(name: K, options: OptimizerOptionsByName[K]): Optimizer {
  switch (name as OptimizerName) {
    case 'sgd':
      return new SGD(options as SGDOptions);
    case 'momentum':
      return new SGDMomentum(options as MomentumOptions);
    case 'adagrad':
      return new Adagrad(options as AdagradOptions);
    case 'rmsprop':
      return new RMSprop(options as RMSpropOptions);
    case 'adam':
      return new Adam(options as AdamOptions);
    default:
      throw new ValueError(
        `createOptimizer: name is '${String(name)}', expected one of ${OPTIMIZER_NAMES.map((n) => `'${n}'`).join(', ')}`,
      );
  }
}

/** The optimizer that wrote `state` (from `getState()`, possibly through JSON), with that state restored. */
export function optimizerFromState(state: OptimizerState): Optimizer {
  if (typeof state !== 'object' || state === null) {
    throw new ValueError(`optimizerFromState: state is ${String(state)}, expected an object from getState()`);
  }
  if (!OPTIMIZER_NAMES.includes(state.name)) {
    throw new ValueError(
      `optimizerFromState: state.name is '${String(state.name)}', expected one of ${OPTIMIZER_NAMES.map((n) => `'${n}'`).join(', ')}`,
    );
  }
  // Any valid learning rate will do here: setState validates the saved one and replaces it.
  const optimizer = createOptimizer(state.name, { learningRate: 1 });
  optimizer.setState(state);
  return optimizer;
}
