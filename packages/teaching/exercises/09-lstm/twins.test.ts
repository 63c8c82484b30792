/**
 * Twins (instructors only, not released, not graded): core's fused LSTM (layers/lstm.ts) agrees with this exercise's
 * readable reference on the fixtures' inputs to 1e-12 (|a − b| / (1 + |b|), elementwise): outputs, caches and every
 * gradient; and core's TestRNN.loss equals the reference's testRnnLoss for both cells.
 */
import * as core from '@rnnlab/core';
import type { Tensor } from '@rnnlab/core';
import { maxScaledDiff } from '@rnnlab/core/testing';
import { tensorsOf } from '@rnnlab/teaching/check';
import { describe, expect, it } from 'vitest';
import fixtures from './fixtures/lstm.json';
import * as reference from './solution';

/** Every tensor of `ours` within 1e-12 of the same field of `theirs`. */
function expectTwins(ours: object, theirs: object): void {
  for (const [k, v] of Object.entries(ours)) {
    expect(maxScaledDiff(v as Tensor, (theirs as Record<string, Tensor>)[k]), k).toBeLessThan(1e-12);
  }
}

describe('core’s LSTM and the readable reference agree', () => {
  it('lstmStepForward, lstmStepBackward', () => {
    const { x, prevH, prevC, Wx, Wh, b, dnextH, dnextC } = tensorsOf(fixtures.lstmStepBackward.inputs);
    const ours = reference.lstmStepForward(x, prevH, prevC, Wx, Wh, b);
    const theirs = core.lstmStepForward(x, prevH, prevC, Wx, Wh, b);
    expectTwins(ours.cache, theirs.cache);
    expectTwins(reference.lstmStepBackward(dnextH, dnextC, ours.cache), core.lstmStepBackward(dnextH, dnextC, theirs.cache));
  });

  it('lstmForward, lstmBackward with c0 and dcT', () => {
    const { x, h0, Wx, Wh, b, dh, c0, dcT } = tensorsOf(fixtures.lstmBackward.inputs);
    const ours = reference.lstmForward(x, h0, Wx, Wh, b, { c0 });
    const theirs = core.lstmForward(x, h0, Wx, Wh, b, { c0 });
    expectTwins(ours.cache, theirs.cache);
    expectTwins(reference.lstmBackward(dh, ours.cache, { dcT }), core.lstmBackward(dh, theirs.cache, { dcT }));
  });

  for (const cell of ['lstm', 'rnn'] as const) {
    it(`TestRNN.loss (${cell}) and testRnnLoss`, () => {
      const { x, y, mask, h0 } = tensorsOf(fixtures.model.inputs);
      const params = tensorsOf(fixtures.model[cell].params) as reference.TestRnnParams;
      const [V, E] = params['embed.W'].shape;
      const [H, M] = params['out.w'].shape;
      const net = new core.TestRNN({ input: { type: 'embedding', vocabSize: V, dim: E }, cell, hiddenSize: H, outputSize: M }, new core.RandomState(0));
      for (const [name, p] of Object.entries(params)) net.params[name].data.set(p.data);
      const theirs = net.loss(x, y, mask, h0);
      const ours = reference.testRnnLoss(params, x, y, { cellType: cell, mask, h0 });
      expect(Math.abs(ours.loss - theirs.loss)).toBeLessThan(1e-12 * (1 + theirs.loss));
      expectTwins(ours.grads, theirs.grads);
    });
  }
});
