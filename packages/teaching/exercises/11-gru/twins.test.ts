/**
 * The twins (instructors only: not in the student copy, not a graded check): core's fused gruStepForward /
 * gruStepBackward agree with this exercise's readable reference to 1e-12, on random inputs of several sizes.
 */
import { RandomState, gruStepBackward, gruStepForward } from '@rnnlab/core';
import { compareTensors } from '@rnnlab/core/testing';
import { describe, expect, it } from 'vitest';
import * as reference from './solution';

const close = (actual: Parameters<typeof compareTensors>[0], expected: Parameters<typeof compareTensors>[1]) =>
  compareTensors(actual, expected, { rtol: 1e-12, atol: 1e-12 }).mismatchCount;

describe('core’s GRU step and the readable reference', () => {
  it.each([[1, 1, 1], [2, 3, 4], [5, 7, 6]])('agree to 1e-12 for N = %i, D = %i, H = %i', (N, D, H) => {
    const rng = new RandomState(N * 100 + D * 10 + H);
    const x = rng.randn(N, D);
    const prevH = rng.randn(N, H);
    const Wx = rng.randn(D, 3 * H);
    const Wh = rng.randn(H, 3 * H);
    const bx = rng.randn(3 * H);
    const bh = rng.randn(3 * H);
    const dnextH = rng.randn(N, H);
    const fast = gruStepForward(x, prevH, Wx, Wh, bx, bh);
    const readable = reference.gruStepForward(x, prevH, Wx, Wh, bx, bh);
    expect(close(fast.nextH, readable.nextH), 'nextH').toBe(0);
    for (const k of ['gates', 'hn', 'nextH'] as const) expect(close(fast.cache[k], readable.cache[k]), `cache.${k}`).toBe(0);
    const fastGrads = gruStepBackward(dnextH, fast.cache);
    const readableGrads = reference.gruStepBackward(dnextH, fast.cache);
    for (const k of ['dx', 'dprevH', 'dWx', 'dWh', 'dbx', 'dbh'] as const) expect(close(fastGrads[k], readableGrads[k]), k).toBe(0);
  });
});
