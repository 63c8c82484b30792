/**
 * The twins of exercise 03 (instructors only, not a check, never released): core's fast kernels that compute the
 * same gradients agree with the readable reference solution to 1e-12 — MinCharRnn.lossFun on a one-character chunk
 * (the whole step), and the cs231n-layout rnnStepBackward (the tanh and hidden layer, transposed).
 */
import { MinCharRnn, Tensor, rnnStepBackward, rnnStepForward, tensor } from '@rnnlab/core';
import { maxScaledDiff } from '@rnnlab/core/testing';
import { describe, expect, it } from 'vitest';
import fixtures from './fixtures/step_backward.json';
import { hiddenBackward, outputBackward, scoresGradient, stepBackward, tanhBackward } from './solution';

const { step } = fixtures;
const params = {
  Wxh: tensor(step.params.Wxh), Whh: tensor(step.params.Whh), Why: tensor(step.params.Why),
  bh: tensor(step.params.bh), by: tensor(step.params.by),
};
const [H, V] = params.Wxh.shape;
const x = tensor(step.x);
const hPrev = tensor(step.hprev);

/** A matrix transposed (cs231n's layout is ours transposed). */
function transposed(t: Tensor): Tensor {
  const [rows, cols] = t.shape;
  const out = new Float64Array(t.size);
  for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) out[j * rows + i] = t.data[i * cols + j];
  return new Tensor(out, [cols, rows]);
}

describe('03-step-backward twins', () => {
  it('MinCharRnn.lossFun on one character gives stepBackward’s parameter gradients', () => {
    const model = new MinCharRnn({ data: [0, 0, 0], vocabSize: V, hiddenSize: H, seqLength: 1, seed: 0 });
    for (const name of ['Wxh', 'Whh', 'Why', 'bh', 'by'] as const) model.params[name].data.set(params[name].data);
    const core = model.lossFun([step.ix], [step.target], hPrev);
    const reference = stepBackward(x, hPrev, step.target, params, { h: tensor(step.h), p: tensor(step.p) });
    for (const name of ['Wxh', 'Whh', 'Why', 'bh', 'by'] as const) {
      expect(maxScaledDiff(core.grads[name], reference[`d${name}`]), name).toBeLessThanOrEqual(1e-12);
    }
    expect(maxScaledDiff(core.hLast, tensor(step.h))).toBeLessThanOrEqual(1e-12);
  });

  it('rnnStepBackward (x·Wx layout) gives tanhBackward and hiddenBackward, transposed', () => {
    const { nextH, cache } = rnnStepForward(
      transposed(x), transposed(hPrev), transposed(params.Wxh), transposed(params.Whh), params.bh.reshape([H]),
    );
    const h = transposed(nextH);
    const dh = outputBackward(scoresGradient(tensor(step.p), step.target), h, params.Why).dh;
    const core = rnnStepBackward(transposed(dh), cache);
    const reference = hiddenBackward(tanhBackward(dh, h), x, hPrev, params.Whh);
    expect(maxScaledDiff(transposed(core.dWx), reference.dWxh)).toBeLessThanOrEqual(1e-12);
    expect(maxScaledDiff(transposed(core.dWh), reference.dWhh)).toBeLessThanOrEqual(1e-12);
    expect(maxScaledDiff(core.db.reshape([H, 1]), reference.dbh)).toBeLessThanOrEqual(1e-12);
    expect(maxScaledDiff(transposed(core.dprevH), reference.dhPrev)).toBeLessThanOrEqual(1e-12);
  });
});
