/**
 * Hidden checks of exercise 03 (instructors only: not in the student copy). Other sizes (V = 7, H = 3), another seed,
 * target and learning rate, from fixtures/hidden.json (made by fixtures/make_fixtures.py).
 */
import { MinCharRnn, tensor } from '@rnnlab/core';
import { evalNumericalGradient } from '@rnnlab/core/testing';
import { check, tensorsOf, expectGradient, expectTensor, loadStudent } from '@rnnlab/teaching/check';
import type * as Exercise from './exercise';
import fixtures from './fixtures/hidden.json';

const student = await loadStudent<typeof Exercise>(import.meta.url);
const { step } = fixtures;
const params = tensorsOf(step.params);
const forward = { h: tensor(step.h), p: tensor(step.p) };
const names = ['Wxh', 'Whh', 'Why', 'bh', 'by'] as const;

check('stepBackward with other sizes and weights', { points: 2, hidden: true }, async () => {
  const got = await student.stepBackward(tensor(step.x), tensor(step.hprev), step.target, params, forward);
  for (const name of ['dby', 'dWhy', 'dbh', 'dWxh', 'dWhh', 'dhPrev'] as const) {
    expectTensor(got[name], tensor(step.grads[name]), { fn: 'stepBackward', output: name });
  }
});

check('stepBackward: the numerical gradient with other sizes', { points: 1, hidden: true }, async () => {
  const [H, V] = params.Wxh.shape;
  const model = new MinCharRnn({ data: [0, 0, 0], vocabSize: V, hiddenSize: H, seqLength: 1, seed: 0 });
  const from = tensor(step.hprev);
  for (const name of names) model.params[name].data.set(params[name].data);
  const loss = () => model.lossFun([step.ix], [step.target], from).loss;
  const got = await student.stepBackward(tensor(step.x), tensor(step.hprev), step.target, params, forward);
  for (const name of names) expectGradient(got[`d${name}`], evalNumericalGradient(loss, model.params[name]), { fn: 'stepBackward', output: `d${name}` });
  expectGradient(got.dhPrev, evalNumericalGradient(loss, from), { fn: 'stepBackward', output: 'dhPrev' });
});

check('sgdUpdate with another learning rate', { points: 1, hidden: true }, async () => {
  const grads = tensorsOf(step.grads);
  const got = await student.sgdUpdate(params, grads, step.learningRate);
  for (const name of names) expectTensor(got[name], tensor(step.updated[name]), { fn: 'sgdUpdate', output: name });
});
