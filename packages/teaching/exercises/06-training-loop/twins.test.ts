/**
 * The twins of exercise 06 (instructors only, not a check, never released): core's MinCharRnn.step() — the fused
 * training iteration — follows the readable reference loop (the same positions, samples' generator, losses and
 * weights, to 1e-12), and core's Adagrad optimizer takes the reference adagradUpdate's step.
 */
import { Adagrad, MinCharRnn, tensor, zerosLike } from '@rnnlab/core';
import { maxScaledDiff } from '@rnnlab/core/testing';
import { describe, expect, it } from 'vitest';
import fixtures from './fixtures/training_loop.json';
import { adagradUpdate, train } from './solution';

const NAMES = ['Wxh', 'Whh', 'Why', 'bh', 'by'] as const;

describe('06-training-loop twins', () => {
  it.each([['plain', fixtures.plain], ['clipping', fixtures.clipping]] as const)(
    'MinCharRnn.step() follows the reference train loop (%s text)',
    (_, run) => {
      const reference = train(run.data, run.vocabSize, { ...run.options, sampleAt: [] });
      const { hiddenSize, seqLength, learningRate, seed } = run.options;
      const model = new MinCharRnn({ data: run.data, vocabSize: run.vocabSize, hiddenSize, seqLength, learningRate, seed });
      const steps = Array.from({ length: run.options.iterations }, () => model.step());
      expect(steps.map((s) => s.position)).toEqual(reference.positions);
      steps.forEach((s, n) => {
        expect(Math.abs(s.loss - reference.losses[n]) / reference.losses[n], `loss ${n}`).toBeLessThanOrEqual(1e-12);
        expect(Math.abs(s.smoothLoss - reference.smoothLosses[n]) / reference.smoothLosses[n], `smooth loss ${n}`).toBeLessThanOrEqual(1e-12);
      });
      for (const name of NAMES) expect(maxScaledDiff(model.params[name], reference.params[name]), name).toBeLessThanOrEqual(1e-12);
    },
  );

  it('the Adagrad optimizer (fresh memory) takes adagradUpdate’s step, zero and tiny gradients included', () => {
    const c = fixtures.adagradEdge;
    const of = (m: typeof c.params) => ({ Wxh: tensor(m.Wxh), Whh: tensor(m.Whh), Why: tensor(m.Why), bh: tensor(m.bh), by: tensor(m.by) });
    const reference = of(c.params), core = of(c.params), grads = of(c.grads);
    const memory = { Wxh: zerosLike(grads.Wxh), Whh: zerosLike(grads.Whh), Why: zerosLike(grads.Why), bh: zerosLike(grads.bh), by: zerosLike(grads.by) };
    adagradUpdate(reference, grads, memory, c.learningRate);
    new Adagrad({ learningRate: c.learningRate }).step(core, grads);
    for (const name of NAMES) expect(maxScaledDiff(core[name], reference[name]), name).toBeLessThanOrEqual(1e-12);
  });
});
