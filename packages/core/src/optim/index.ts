/**
 * Optimizers (SGD, momentum, Adagrad, RMSprop, Adam) over named parameters, their factory and saved state, and
 * gradient clipping.
 */
export { BaseOptimizer, OPTIMIZER_NAMES, checkGradsMatchParams, checkParamMap } from './optimizer';
export type { Optimizer, OptimizerName, OptimizerState, HyperParamSpec, SlotState } from './optimizer';
export { SGD } from './sgd';
export type { SGDOptions } from './sgd';
export { SGDMomentum } from './momentum';
export type { MomentumOptions } from './momentum';
export { Adagrad, adagradUpdate } from './adagrad';
export type { AdagradOptions } from './adagrad';
export { RMSprop } from './rmsprop';
export type { RMSpropOptions } from './rmsprop';
export { Adam } from './adam';
export type { AdamOptions } from './adam';
export { createOptimizer, optimizerFromState } from './create';
export type { OptimizerOptionsByName } from './create';
export { clipGradsElementwise, clipGradsByGlobalNorm, globalGradNorm } from './clip';
export type { GlobalNormClip } from './clip';
