export { evalNumericalGradient, evalNumericalGradientArray, relError } from './numerical';
