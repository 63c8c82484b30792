/**
 * Hidden checks of exercise 04 (instructors only: not in the student copy). Other sizes (V = 8, H = 3, T = 9; V = 3,
 * H = 7, T = 15), other seeds, and clipping to another limit, from fixtures/hidden.json (made by
 * fixtures/make_fixtures.py).
 */
import { MinCharRnn, tensor } from '@rnnlab/core';
import { evalNumericalGradient } from '@rnnlab/core/testing';
import { check, expectGradient, expectNumber, expectTensor, loadStudent } from '@rnnlab/teaching/check';
import type * as Exercise from './exercise';
import fixtures from './fixtures/hidden.json';

const student = await loadStudent<typeof Exercise>(import.meta.url);
type Case = typeof fixtures.chunk;
const paramsOf = (c: Case) => ({
  Wxh: tensor(c.params.Wxh), Whh: tensor(c.params.Whh), Why: tensor(c.params.Why), bh: tensor(c.params.bh), by: tensor(c.params.by),
});
const GRADIENTS = ['dby', 'dWhy', 'dbh', 'dWxh', 'dWhh'] as const;

for (const [label, c] of [['a chunk of 9 characters', fixtures.chunk], ['a clipped chunk of 15 characters', fixtures.clip]] as const) {
  check(`lossFun on ${label} with other sizes`, { points: 2, hidden: true }, async () => {
    const got = await student.lossFun(c.inputs, c.targets, tensor(c.hprev), paramsOf(c));
    expectNumber(got.loss, c.loss, { fn: 'lossFun', output: 'loss' });
    expectTensor(got.hLast, tensor(c.hLast), { fn: 'lossFun', output: 'hLast' });
    for (const name of GRADIENTS) expectTensor(got[name], tensor(c.grads[name]), { fn: 'lossFun', output: name });
  });
}

check('lossFun: the numerical gradient with other sizes', { points: 1, hidden: true }, async () => {
  const c = fixtures.chunk;
  const weights = paramsOf(c);
  const [H, V] = weights.Wxh.shape;
  const model = new MinCharRnn({ data: Array(c.inputs.length + 2).fill(0), vocabSize: V, hiddenSize: H, seqLength: c.inputs.length, seed: 0 });
  Object.assign(model.params, weights);
  const loss = () => model.lossFun(c.inputs, c.targets, tensor(c.hprev)).loss;
  const got = await student.lossFun(c.inputs, c.targets, tensor(c.hprev), paramsOf(c));
  for (const name of GRADIENTS) {
    expectGradient(got[name], evalNumericalGradient(loss, weights[name.slice(1) as keyof typeof weights]), { fn: 'lossFun', output: name });
  }
});

check('clipGradients to another limit', { points: 1, hidden: true }, async () => {
  const { grads, clipped, limit } = fixtures.clipGradients;
  const given = { dWxh: tensor(grads.dWxh), dWhh: tensor(grads.dWhh), dWhy: tensor(grads.dWhy), dbh: tensor(grads.dbh), dby: tensor(grads.dby) };
  const got = await student.clipGradients(given, limit);
  for (const name of GRADIENTS) expectTensor(got[name], tensor(clipped[name]), { fn: 'clipGradients', output: name });
});
