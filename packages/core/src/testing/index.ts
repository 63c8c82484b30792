/**
 * @rnnlab/core/testing — what tests and graders need from the core, free of any test runner: numerical gradients and
 * relative errors, fixture inputs, tensor comparisons that say which elements differ. The core's own tests use it
 * through ../../test-support (a thin vitest layer); @rnnlab/teaching's grader uses it directly.
 */
export { evalNumericalGradient, evalNumericalGradientArray, relError } from '../gradcheck/numerical';
export { linspaced, build, buildAll } from './fixtures';
export type { LinspaceSpec } from './fixtures';
export { dot, normRelError, gradientErrors, gradientErrorsArray } from './gradients';
export {
  sliceTime, randomIds, flatParams, maxScaledDiff, compareTensors,
} from './tensors';
export type { CompareOptions, ElementDifference, TensorComparison } from './tensors';
