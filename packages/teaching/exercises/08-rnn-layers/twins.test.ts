/**
 * Twins (instructors only, not released, not graded): core's fused layers (layers/rnn.ts, embedding.ts,
 * temporal-affine.ts, loss/temporal-softmax.ts) agree with this exercise's readable reference on the fixtures' inputs,
 * to 1e-12 (|a − b| / (1 + |b|), elementwise): forward outputs, caches and every gradient.
 */
import * as core from '@rnnlab/core';
import type { Tensor } from '@rnnlab/core';
import { maxScaledDiff } from '@rnnlab/core/testing';
import { tensorsOf } from '@rnnlab/teaching/check';
import { describe, expect, it } from 'vitest';
import fixtures from './fixtures/rnn_layers.json';
import * as reference from './solution';

/** Every tensor of `ours` within 1e-12 of the same field of `theirs` (other fields equal). */
function expectTwins(ours: object, theirs: object): void {
  for (const [k, v] of Object.entries(ours)) {
    const other = (theirs as Record<string, unknown>)[k];
    if (v instanceof core.Tensor) expect(maxScaledDiff(v, other as Tensor), k).toBeLessThan(1e-12);
    else if (v !== null && typeof v === 'object') expectTwins(v, other as object);
    else expect(v, k).toEqual(other);
  }
}

describe('core’s layers and the readable reference agree', () => {
  for (const activation of ['tanh', 'sigmoid'] as const) {
    it(`rnnStepForward, rnnStepBackward (${activation})`, () => {
      const { x, prevH, Wx, Wh, b, dnextH } = tensorsOf(fixtures.rnnStepBackward.inputs);
      const ours = reference.rnnStepForward(x, prevH, Wx, Wh, b, { activation });
      const theirs = core.rnnStepForward(x, prevH, Wx, Wh, b, { activation });
      expectTwins(ours, theirs);
      expectTwins(reference.rnnStepBackward(dnextH, ours.cache), core.rnnStepBackward(dnextH, theirs.cache));
    });

    it(`rnnForward, rnnBackward (${activation})`, () => {
      const { x, h0, Wx, Wh, b, dh } = tensorsOf(fixtures.rnnBackward.inputs);
      const ours = reference.rnnForward(x, h0, Wx, Wh, b, { activation });
      const theirs = core.rnnForward(x, h0, Wx, Wh, b, { activation });
      expectTwins(ours, theirs);
      expectTwins(reference.rnnBackward(dh, ours.cache), core.rnnBackward(dh, theirs.cache));
    });
  }

  it('wordEmbeddingForward, wordEmbeddingBackward', () => {
    const { x, W, dout } = tensorsOf(fixtures.embeddingRepeats.inputs);
    const ours = reference.wordEmbeddingForward(x, W);
    const theirs = core.wordEmbeddingForward(x, W);
    expectTwins(ours, theirs);
    expectTwins(reference.wordEmbeddingBackward(dout, ours.cache), core.wordEmbeddingBackward(dout, theirs.cache));
  });

  it('temporalAffineForward, temporalAffineBackward', () => {
    const { x, w, b, dout } = tensorsOf(fixtures.affine.inputs);
    const ours = reference.temporalAffineForward(x, w, b);
    const theirs = core.temporalAffineForward(x, w, b);
    expectTwins(ours, theirs);
    expectTwins(reference.temporalAffineBackward(dout, ours.cache), core.temporalAffineBackward(dout, theirs.cache));
  });

  it('temporalSoftmaxLoss, with and without a mask, and for large scores', () => {
    for (const fixture of [fixtures.softmax, fixtures.softmaxLarge, fixtures.softmaxSpread]) {
      const { x, y, mask } = tensorsOf(fixture.inputs);
      const ours = reference.temporalSoftmaxLoss(x, y, mask);
      const theirs = core.temporalSoftmaxLoss(x, y, mask);
      expect(Math.abs(ours.loss - theirs.loss) / (1 + Math.abs(theirs.loss))).toBeLessThan(1e-12);
      expect(maxScaledDiff(ours.dx, theirs.dx)).toBeLessThan(1e-12);
      expect(maxScaledDiff(reference.temporalSoftmaxLoss(x, y).dx, core.temporalSoftmaxLoss(x, y).dx)).toBeLessThan(1e-12);
    }
  });
});
