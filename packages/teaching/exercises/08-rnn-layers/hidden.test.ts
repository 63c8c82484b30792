/**
 * Hidden checks of exercise 08 (instructors only: not in the student copy). Other sizes and seeds, from
 * fixtures/hidden.json (made by fixtures/make_fixtures.py).
 */
import { rnnForward, rnnStepForward, temporalAffineForward, tensor, wordEmbeddingForward } from '@rnnlab/core';
import {
  check, expectGradients, expectNumber, expectOutputs, expectTensor, loadStudent, numericalGradients, tensorsOf,
} from '@rnnlab/teaching/check';
import type * as Exercise from './exercise';
import fixtures from './fixtures/hidden.json';

const student = await loadStudent<typeof Exercise>(import.meta.url);
const activations = ['tanh', 'sigmoid'] as const;

check('rnnStepForward and rnnStepBackward with other sizes, both activations', { points: 2, hidden: true }, async () => {
  const { dnextH, x, prevH, Wx, Wh, b } = tensorsOf(fixtures.rnnStepBackward.inputs);
  for (const activation of activations) {
    const { nextH, ...grads } = fixtures.rnnStepBackward[activation];
    expectTensor((await student.rnnStepForward(x, prevH, Wx, Wh, b, { activation }))?.nextH, tensor(nextH), { fn: 'rnnStepForward', output: `nextH (${activation})` });
    const { cache } = rnnStepForward(x, prevH, Wx, Wh, b, { activation });
    expectOutputs(await student.rnnStepBackward(dnextH, cache), grads, { fn: 'rnnStepBackward', qualifier: ` (${activation})` });
  }
});

check('rnnForward and rnnBackward with other sizes, both activations', { points: 3, hidden: true }, async () => {
  const { dh, dhLast, dhFirst: _, ...inputs } = tensorsOf(fixtures.rnnBackward.inputs);
  const { x, h0, Wx, Wh, b } = inputs;
  for (const activation of activations) {
    const expected = fixtures.rnnBackward[activation];
    expectTensor((await student.rnnForward(x, h0, Wx, Wh, b, { activation }))?.h, tensor(expected.h), { fn: 'rnnForward', output: `h (${activation})` });
    const { cache } = rnnForward(x, h0, Wx, Wh, b, { activation });
    expectOutputs(await student.rnnBackward(dh, cache), expected.all, { fn: 'rnnBackward', qualifier: ` (${activation})` });
    expectOutputs(await student.rnnBackward(dhLast, cache), expected.last, { fn: 'rnnBackward', qualifier: ` (${activation}, last step only)` });
  }
  // 1e-5: an element of dh0 near 1.6e-5 has a centred-difference round-off of about 4e-11 (relative 1.2e-6).
  const numerical = numericalGradients(inputs, () => rnnForward(x, h0, Wx, Wh, b).h, dh);
  expectGradients(await student.rnnBackward(dh, rnnForward(x, h0, Wx, Wh, b).cache), numerical, { fn: 'rnnBackward', tolerance: 1e-5 });
});

check('wordEmbeddingForward and wordEmbeddingBackward with other ids', { points: 1, hidden: true }, async () => {
  const { x, W, dout } = tensorsOf(fixtures.embeddingRepeats.inputs);
  expectTensor((await student.wordEmbeddingForward(x, W))?.out, tensor(fixtures.embeddingRepeats.out), { fn: 'wordEmbeddingForward', output: 'out' });
  expectTensor((await student.wordEmbeddingBackward(dout, wordEmbeddingForward(x, W).cache))?.dW, tensor(fixtures.embeddingRepeats.dW), { fn: 'wordEmbeddingBackward', output: 'dW' });
});

check('temporalAffineForward and temporalAffineBackward with other sizes', { points: 1, hidden: true }, async () => {
  const { x, w, b, dout } = tensorsOf(fixtures.affine.inputs);
  const { out, dx, dw, db } = fixtures.affine;
  expectTensor((await student.temporalAffineForward(x, w, b))?.out, tensor(out), { fn: 'temporalAffineForward', output: 'out' });
  expectOutputs(await student.temporalAffineBackward(dout, temporalAffineForward(x, w, b).cache), { dx, dw, db }, { fn: 'temporalAffineBackward' });
});

check('temporalSoftmaxLoss with other sizes, masks and very negative scores', { points: 2, hidden: true }, async () => {
  for (const [name, fixture] of [['', fixtures.softmax], [' (scores near −900)', fixtures.softmaxLarge]] as const) {
    const { x, y, mask } = tensorsOf(fixture.inputs);
    const masked = await student.temporalSoftmaxLoss(x, y, mask);
    expectNumber(masked?.loss, fixture.loss, { fn: 'temporalSoftmaxLoss', output: `the loss with a mask${name}` });
    expectTensor(masked.dx, tensor(fixture.dx), { fn: 'temporalSoftmaxLoss', output: `dx with a mask${name}` });
    const all = await student.temporalSoftmaxLoss(x, y);
    expectNumber(all?.loss, fixture.lossNoMask, { fn: 'temporalSoftmaxLoss', output: `the loss without a mask${name}` });
    expectTensor(all.dx, tensor(fixture.dxNoMask), { fn: 'temporalSoftmaxLoss', output: `dx without a mask${name}` });
  }
});
