/**
 * Hidden checks of exercise 04 (instructors only: not in the student copy). Other sizes (V = 8, H = 3, T = 9; V = 3,
 * H = 7, T = 15), other seeds, and clipping to another limit, from fixtures/hidden.json (made by
 * fixtures/make_fixtures.py).
 */
import { MinCharRnn, tensor } from '@rnnlab/core';
import { evalNumericalGradient } from '@rnnlab/core/testing';
import { check, expectGradient, tensorsOf, expectNumber, expectTensor, loadStudent } from '@rnnlab/teaching/check';
import type * as Exercise from './exercise';
import fixtures from './fixtures/hidden.json';

const student = await loadStudent<typeof Exercise>(import.meta.url);
type Case = typeof fixtures.chunk;
const paramsOf = (c: Case) => tensorsOf(c.params);
const PARAMS = ['Wxh', 'Whh', 'Why', 'bh', 'by'] as const;
type Param = (typeof PARAMS)[number];
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
  for (const name of PARAMS) model.params[name].data.set(weights[name].data);
  const loss = () => model.lossFun(c.inputs, c.targets, tensor(c.hprev)).loss;
  const got = await student.lossFun(c.inputs, c.targets, tensor(c.hprev), paramsOf(c));
  for (const name of GRADIENTS) {
    expectGradient(got[name], evalNumericalGradient(loss, model.params[name.slice(1) as Param]), { fn: 'lossFun', output: name });
  }
});

check('clipGradients to another limit', { points: 1, hidden: true }, async () => {
  const { grads, clipped, limit } = fixtures.clipGradients;
  const got = await student.clipGradients(tensorsOf(grads), limit);
  for (const name of GRADIENTS) expectTensor(got[name], tensor(clipped[name]), { fn: 'clipGradients', output: name });
});
