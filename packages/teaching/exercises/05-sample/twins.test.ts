/**
 * The twin of exercise 05 (instructors only, not a check, never released): core's fused MinCharRnn.sample draws the
 * same characters as the readable reference sample from the same generator state.
 */
import { MinCharRnn, RandomState, tensor } from '@rnnlab/core';
import { tensorsOf } from '@rnnlab/teaching/check';
import { describe, expect, it } from 'vitest';
import fixtures from './fixtures/sample.json';
import { sample } from './solution';

/** Core's min-char-rnn holding a fixture's weights, and the weights. */
function modelOf(c: { params: typeof fixtures.golden.params }) {
  const params = tensorsOf(c.params);
  const [H, V] = params.Wxh.shape;
  const model = new MinCharRnn({ data: [0, 0, 0], vocabSize: V, hiddenSize: H, seqLength: 1, seed: 0 });
  for (const name of ['Wxh', 'Whh', 'Why', 'bh', 'by'] as const) model.params[name].data.set(params[name].data);
  return { model, params };
}

describe('05-sample twins', () => {
  it('MinCharRnn.sample and the reference both draw numpy’s characters', () => {
    const c = fixtures.golden;
    const { model, params } = modelOf(c);
    expect(model.sample(c.seedIx, c.n, { h: tensor(c.h), rng: new RandomState(c.sampleSeed) })).toEqual(c.ixes);
    expect(sample(tensor(c.h), c.seedIx, c.n, params, new RandomState(c.sampleSeed))).toEqual(c.ixes);
  });

  it('MinCharRnn.sample and the reference agree over 2,000 draws of another network', () => {
    const c = fixtures.markov;
    const { model, params } = modelOf(c);
    const core = model.sample(c.seedIx, 2000, { h: tensor(c.h), rng: new RandomState(3) });
    expect(sample(tensor(c.h), c.seedIx, 2000, params, new RandomState(3))).toEqual(core);
  });
});
