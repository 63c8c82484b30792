/**
 * The error classes every @rnnlab/core function throws. Messages name the function, the argument, what was
 * received and what was expected, e.g.
 * `matmul: b has shape [5, 3], expected [4, *] (inner dimension from a)`.
 */

/** An argument has the wrong rank or the wrong dimensions. */
export class ShapeError extends Error {
  override name = 'ShapeError';
}

/** An argument has the right shape but a value that is not allowed (NaN, a negative size, a bad seed, ...). */
export class ValueError extends Error {
  override name = 'ValueError';
}

/** A student exercise (or another deliberately unfinished piece) was called before it was written. */
export class NotImplementedError extends Error {
  override name = 'NotImplementedError';
}

/** Formats a shape the way numpy prints it in messages: `[3, 4]`. */
export function formatShape(shape: readonly number[]): string {
  return `[${shape.join(', ')}]`;
}
