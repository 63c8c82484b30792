/**
 * @rnnlab/core — the public API, as an explicit list. Everything a notebook, the teaching package or the CLI uses
 * comes from here.
 */
export { ShapeError, ValueError, NotImplementedError, formatShape } from './errors';
export * from './tensor';
export * from './random';
export * from './gradcheck';
