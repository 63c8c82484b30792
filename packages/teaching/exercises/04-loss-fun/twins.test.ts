/**
 * The twins of exercise 04 (instructors only, not a check, never released): core's fused MinCharRnn.lossFun (which
 * returns unclipped gradients) followed by core's clipGradsElementwise agrees with the readable reference lossFun to
 * 1e-12, on a chunk where nothing is clipped and on one where many elements are.
 */
import { MinCharRnn, clipGradsElementwise, tensor } from '@rnnlab/core';
import { maxScaledDiff } from '@rnnlab/core/testing';
import { describe, expect, it } from 'vitest';
import fixtures from './fixtures/loss_fun.json';
import { lossFun } from './solution';

const NAMES = ['Wxh', 'Whh', 'Why', 'bh', 'by'] as const;

describe('04-loss-fun twins', () => {
  it.each([['a chunk with nothing clipped', fixtures.chunk], ['a chunk with clipped gradients', fixtures.clip]] as const)(
    'MinCharRnn.lossFun + clipGradsElementwise equal the reference lossFun on %s',
    (_, c) => {
      const params = {
        Wxh: tensor(c.params.Wxh), Whh: tensor(c.params.Whh), Why: tensor(c.params.Why), bh: tensor(c.params.bh), by: tensor(c.params.by),
      };
      const [H, V] = params.Wxh.shape;
      const model = new MinCharRnn({ data: Array(c.inputs.length + 2).fill(0), vocabSize: V, hiddenSize: H, seqLength: c.inputs.length, seed: 0 });
      for (const name of NAMES) model.params[name].data.set(params[name].data);
      const core = model.lossFun(c.inputs, c.targets, tensor(c.hprev));
      const clipped = clipGradsElementwise(core.grads, 5);
      const reference = lossFun(c.inputs, c.targets, tensor(c.hprev), params);
      expect(clipped).toBe(c.clippedCount);
      expect(Math.abs(core.loss - reference.loss) / reference.loss).toBeLessThanOrEqual(1e-12);
      expect(maxScaledDiff(core.hLast, reference.hLast)).toBeLessThanOrEqual(1e-12);
      for (const name of NAMES) expect(maxScaledDiff(core.grads[name], reference[`d${name}`]), name).toBeLessThanOrEqual(1e-12);
    },
  );
});
