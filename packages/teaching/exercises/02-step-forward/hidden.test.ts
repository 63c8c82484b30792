/**
 * Hidden checks of exercise 02 (instructors only: not in the student copy). Other sizes (V = 7, H = 3), another
 * seed, and very negative scores, from fixtures/hidden.json (made by fixtures/make_fixtures.py).
 */
import { tensor } from '@rnnlab/core';
import { check, expectNumber, expectTensor, loadStudent } from '@rnnlab/teaching/check';
import type * as Exercise from './exercise';
import fixtures from './fixtures/hidden.json';

const student = await loadStudent<typeof Exercise>(import.meta.url);
const { step, softmaxLarge } = fixtures;
const params = {
  Wxh: tensor(step.params.Wxh), Whh: tensor(step.params.Whh), Why: tensor(step.params.Why),
  bh: tensor(step.params.bh), by: tensor(step.params.by),
};

check('stepForward with other sizes and weights', { points: 2, hidden: true }, async () => {
  const got = await student.stepForward(tensor(step.x), tensor(step.hprev), step.target, params);
  expectTensor(got.h, tensor(step.h), { fn: 'stepForward', output: 'h' });
  expectTensor(got.y, tensor(step.y), { fn: 'stepForward', output: 'y' });
  expectTensor(got.p, tensor(step.p), { fn: 'stepForward', output: 'p' });
  expectNumber(got.loss, step.loss, { fn: 'stepForward', output: 'loss' });
});

check('softmax of very negative scores', { points: 1, hidden: true }, async () => {
  expectTensor(await student.softmax(tensor(softmaxLarge.y)), tensor(softmaxLarge.p), { fn: 'softmax', output: 'p' });
});
