/**
 * The twins (instructors only: not in the student copy, not a graded check): core's initEsnParams, esnForward,
 * dropWashout and ridgeReadout agree with this exercise's readable reference to 1e-12.
 */
import { RandomState, dropWashout, esnForward, initEsnParams, ridgeReadout, tanh } from '@rnnlab/core';
import type { Tensor } from '@rnnlab/core';
import { compareTensors } from '@rnnlab/core/testing';
import { describe, expect, it } from 'vitest';
import * as reference from './solution';

const mismatches = (actual: Tensor, expected: Tensor) => compareTensors(actual, expected, { rtol: 1e-12, atol: 1e-12 }).mismatchCount;

describe('core’s echo state network and the readable reference', () => {
  it.each([[1, 6, 0.5, 0.9, 1], [3, 20, 0.2, 1.2, 0.3]])(
    'draw the same reservoir and states for D = %i, H = %i, density %f, ρ %f, leak %f',
    (D, H, density, rho, leakRate) => {
      const options = { spectralRadius: rho, density, inputScaling: 0.7 };
      const fast = initEsnParams(D, H, new RandomState(D + H), options);
      const readable = reference.initReservoir(D, H, new RandomState(D + H), options);
      for (const k of ['Win', 'W', 'b'] as const) expect(mismatches(fast[k], readable[k]), k).toBe(0);
      const rng = new RandomState(7);
      const x = rng.randn(2, 9, D);
      const h0 = rng.randn(2, H);
      const { h } = esnForward(x, h0, fast.Win, fast.W, fast.b, { leakRate });
      expect(mismatches(h, reference.reservoirStates(x, h0, fast, leakRate))).toBe(0);
      expect(mismatches(dropWashout(h, 4), reference.dropWashout(h, 4))).toBe(0);
    },
  );

  it.each([[0], [0.3]])('fit the same ridge readout with λ = %f', (lambda) => {
    const rng = new RandomState(11);
    const states = tanh(rng.randn(40, 7));
    const targets = rng.randn(40, 3);
    const fast = ridgeReadout(states, targets, lambda);
    const readable = reference.ridgeReadout(states, targets, lambda);
    expect(mismatches(fast.w, readable.w), 'w').toBe(0);
    expect(mismatches(fast.b, readable.b), 'b').toBe(0);
  });
});
