/**
 * Value parsers for the CLI's flags. Each turns the flag's text into a checked value or throws commander's
 * InvalidArgumentError, whose message commander prints after the flag's name, so a bad value is an error that says
 * what was expected, never silently ignored.
 */
import { InvalidArgumentError } from 'commander';

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

function parseNumber(text: string, expected: string): number {
  if (!NUMBER.test(text.trim())) throw new InvalidArgumentError(`'${text}' is not a number; expected ${expected}.`);
  return Number(text);
}

/** An integer ≥ min (and ≤ max). */
export function integer(min: number, max = Number.MAX_SAFE_INTEGER) {
  const expected = max === Number.MAX_SAFE_INTEGER ? `an integer >= ${min}` : `an integer from ${min} to ${max}`;
  return (text: string): number => {
    const v = parseNumber(text, expected);
    if (!Number.isInteger(v) || v < min || v > max) throw new InvalidArgumentError(`'${text}' is out of range; expected ${expected}.`);
    return v;
  };
}

/** A finite number in a range; `open` excludes the bound(s). */
export function real(range: { min?: number; max?: number; minOpen?: boolean; maxOpen?: boolean; expected: string }) {
  return (text: string): number => {
    const v = parseNumber(text, range.expected);
    const { min = -Infinity, max = Infinity } = range;
    const below = range.minOpen ? v <= min : v < min;
    const above = range.maxOpen ? v >= max : v > max;
    if (!Number.isFinite(v) || below || above) throw new InvalidArgumentError(`'${text}' is out of range; expected ${range.expected}.`);
    return v;
  };
}

/** A point of `--sample-at`: after a number of iterations, or after a number of epochs (converted once the run knows its epoch). */
export type SamplePoint = { iterations: number } | { epochs: number };

/**
 * `--sample-at`: a comma-separated list of iterations (`5,50,500`) and epochs (`5e,0.5e`: a number followed by e), in
 * any order and mixed. The epochs become iterations in ../train/plan.ts (`sampleIterations`), when the corpus says how
 * long an epoch is.
 */
export function sampleAtList(text: string): SamplePoint[] {
  const parts = text.split(',').map((p) => p.trim());
  if (parts.some((p) => !/^(\d+|(\d+\.?\d*|\.\d+)e)$/.test(p))) {
    throw new InvalidArgumentError(
      `'${text}' is not a list of iterations or epochs; expected non-negative integers separated by commas, e.g. 5,50,500, ` +
        'or epochs written with an e, e.g. 1e,2.5e (mixed as you like).',
    );
  }
  return parts.map((p) => (p.endsWith('e') ? { epochs: Number(p.slice(0, -1)) } : { iterations: Number(p) }));
}

/** A numpy seed: an integer from 0 to 2^32 − 1. */
export const seed = integer(0, 2 ** 32 - 1);
/** A positive learning rate. */
export const positive = real({ min: 0, minOpen: true, expected: 'a positive number' });
/** A probability in [0, 1). */
export const dropProbability = real({ min: 0, max: 1, maxOpen: true, expected: 'a number in [0, 1)' });
