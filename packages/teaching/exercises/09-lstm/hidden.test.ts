/**
 * Hidden checks of exercise 09 (instructors only: not in the student copy). Other sizes and seeds, from
 * fixtures/hidden.json (made by fixtures/make_fixtures.py).
 */
import { lstmForward, lstmStepForward, scale, tensor } from '@rnnlab/core';
import { check, expectNumber, expectOutputs, expectTensor, loadStudent, tensorsOf } from '@rnnlab/teaching/check';
import type * as Exercise from './exercise';
import fixtures from './fixtures/hidden.json';

const student = await loadStudent<typeof Exercise>(import.meta.url);

check('lstmStepForward and lstmStepBackward with other sizes', { points: 2, hidden: true }, async () => {
  const { x, prevH, prevC, Wx, Wh, b, dnextH, dnextC } = tensorsOf(fixtures.lstmStepBackward.inputs);
  const got = await student.lstmStepForward(x, prevH, prevC, Wx, Wh, b);
  expectTensor(got?.nextC, tensor(fixtures.lstmStepBackward.nextC), { fn: 'lstmStepForward', output: 'nextC' });
  expectTensor(got.nextH, tensor(fixtures.lstmStepBackward.nextH), { fn: 'lstmStepForward', output: 'nextH' });
  const { cache } = lstmStepForward(x, prevH, prevC, Wx, Wh, b);
  expectOutputs(await student.lstmStepBackward(dnextH, dnextC, cache), fixtures.lstmStepBackward.both, { fn: 'lstmStepBackward' });
  expectOutputs(await student.lstmStepBackward(dnextH, scale(dnextC, 0), cache), fixtures.lstmStepBackward.hOnly, { fn: 'lstmStepBackward', qualifier: ' (dnextC = 0)' });
  expectOutputs(await student.lstmStepBackward(scale(dnextH, 0), dnextC, cache), fixtures.lstmStepBackward.cOnly, { fn: 'lstmStepBackward', qualifier: ' (dnextH = 0)' });
});

check('lstmForward and lstmBackward with other sizes, c0 and dcT', { points: 3, hidden: true }, async () => {
  const { x, h0, Wx, Wh, b, dh, dhLast, c0, dcT } = tensorsOf(fixtures.lstmBackward.inputs);
  const expected = fixtures.lstmBackward;
  expectTensor((await student.lstmForward(x, h0, Wx, Wh, b))?.h, tensor(expected.h), { fn: 'lstmForward', output: 'h' });
  const { h, c, ...grads } = expected.withC0;
  const withC0 = await student.lstmForward(x, h0, Wx, Wh, b, { c0 });
  expectTensor(withC0?.h, tensor(h), { fn: 'lstmForward', output: 'h with c0' });
  expectTensor(withC0.c, tensor(c), { fn: 'lstmForward', output: 'c with c0' });
  const cache = lstmForward(x, h0, Wx, Wh, b).cache;
  expectOutputs(await student.lstmBackward(dh, cache), expected.all, { fn: 'lstmBackward' });
  expectOutputs(await student.lstmBackward(dhLast, cache), expected.last, { fn: 'lstmBackward', qualifier: ' (last step only)' });
  expectOutputs(await student.lstmBackward(dh, lstmForward(x, h0, Wx, Wh, b, { c0 }).cache, { dcT }), grads, { fn: 'lstmBackward', qualifier: ' (with c0 and dcT)' });
});

check('testRnnLoss with other sizes, both cells', { points: 2, hidden: true }, async () => {
  const { model } = fixtures;
  const { x, y, mask, h0 } = tensorsOf(model.inputs);
  for (const cellType of ['lstm', 'rnn'] as const) {
    const params = tensorsOf(model[cellType].params) as Exercise.TestRnnParams;
    const given = await student.testRnnLoss(params, x, y, { cellType, mask, h0 });
    expectNumber(given?.loss, model[cellType].given.loss, { fn: 'testRnnLoss', output: `the loss (${cellType})` });
    expectOutputs(given.grads, model[cellType].given.grads, { fn: 'testRnnLoss', qualifier: ` (${cellType})` });
    const defaults = await student.testRnnLoss(params, x, y, { cellType });
    expectNumber(defaults?.loss, model[cellType].defaults.loss, { fn: 'testRnnLoss', output: `the loss without mask and h0 (${cellType})` });
  }
});
