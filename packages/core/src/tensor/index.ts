export { Tensor, tensor, zeros, ones, full, zerosLike, linspace, arange, shapeSize } from './tensor';
export { formatTensor } from './format';
export type { FormatOptions } from './format';
export type { NestedArray } from './tensor';
export { matmul, matmulReference } from './matmul';
export type { MatmulOptions } from './matmul';
export {
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
export { sum, argmax, softmax } from './reduce';
export { getTimeStep, setTimeStep } from './time';
export { ShapeCheck, checkTensor, checkRank, checkSameShape, checkFinite, checkInteger } from './check';
export { PRECISIONS } from '../kernels/wasm';
export type { Precision } from '../kernels/wasm';
