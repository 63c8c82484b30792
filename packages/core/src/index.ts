/**
 * @rnnlab/core — the public API. Each folder's index lists its exports explicitly; everything a notebook, the
 * teaching package or the CLI uses comes from here.
 */
export { ShapeError, ValueError, NotImplementedError, formatShape } from './errors';
export * from './tensor';
export * from './random';
export * from './gradcheck';
export * from './layers';
export * from './loss';
export * from './modules';
export * from './optim';
export * from './data';
export * from './lm';
export * from './checkpoint';
export * from './interop';
export * from './html';
export * from './inspect';
