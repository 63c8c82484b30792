export { Tensor, tensor, zeros, ones, full, zerosLike, linspace, arange, shapeSize } from './tensor';
export { formatTensor } from './format';
export type { FormatOptions } from './format';
export type { NestedArray } from './tensor';
export {
  matmul,
  addBias,
  add,
  sub,
  mul,
  scale,
  addScaledInPlace,
  tanh,
  sigmoid,
  sigmoidScalar,
  exp,
  log,
} from './ops';
export type { MatmulOptions } from './ops';
export { sum, argmax, softmax } from './reduce';
export { getTimeStep, setTimeStep } from './time';
export { ShapeCheck, checkTensor, checkRank, checkSameShape, checkFinite, checkInteger } from './check';
