/**
 * Public checks of exercise 04 (lossFun). Golden values: fixtures/loss_fun.json, made by fixtures/make_fixtures.py
 * with min-char-rnn.py's lossFun. Numerical gradients: centred differences of core's MinCharRnn forward pass, on a
 * chunk whose gradients are all inside [−5, 5] (a clipped gradient is not the loss's gradient any more).
 */
import { MinCharRnn, tensor } from '@rnnlab/core';
import { evalNumericalGradient } from '@rnnlab/core/testing';
import { check, expectGradient, tensorsOf, expectNumber, expectTensor, loadStudent } from '@rnnlab/teaching/check';
import type * as Exercise from './exercise';
import fixtures from './fixtures/loss_fun.json';

const student = await loadStudent<typeof Exercise>(import.meta.url);
type Case = typeof fixtures.chunk;
const paramsOf = (c: Case) => tensorsOf(c.params);
const PARAMS = ['Wxh', 'Whh', 'Why', 'bh', 'by'] as const;
type Param = (typeof PARAMS)[number];
/** From the loss backwards: the first wrong one is where the mistake is. */
const GRADIENTS = ['dby', 'dWhy', 'dbh', 'dWxh', 'dWhh'] as const;
const run = (c: Case) => student.lossFun(c.inputs, c.targets, tensor(c.hprev), paramsOf(c));

check('clipGradients: every element into [−5, 5], the others unchanged', { points: 1 }, async () => {
  const { grads, clipped, limit } = fixtures.clipGradients;
  const got = await student.clipGradients(tensorsOf(grads), limit);
  for (const name of GRADIENTS) {
    expectTensor(got[name], tensor(clipped[name]), {
      fn: 'clipGradients', output: name, hint: 'np.clip(d, −limit, limit): above limit → limit, below −limit → −limit, in between unchanged',
    });
  }
});

check('lossFun on one character: the loss, hLast and the gradients of a single step', { points: 2 }, async () => {
  const c = fixtures.single;
  const got = await run(c);
  expectNumber(got.loss, c.loss, { fn: 'lossFun', output: 'loss', hint: 'loss = −log ps[0][targets[0]]' });
  expectTensor(got.hLast, tensor(c.hLast), { fn: 'lossFun', output: 'hLast', hint: 'the hidden state after the character, from hprev' });
  for (const name of GRADIENTS) {
    expectTensor(got[name], tensor(c.grads[name]), { fn: 'lossFun', output: name, hint: 'one step: exercise 03’s gradients' });
  }
});

check('lossFun over a chunk: the loss (summed) and the last hidden state', { points: 2 }, async () => {
  const c = fixtures.chunk;
  const got = await run(c);
  expectNumber(got.loss, c.loss, {
    fn: 'lossFun', output: 'loss', hint: 'sum −log ps[t][targets[t]] over the chunk (not the mean), starting from hs[−1] = hprev',
  });
  expectTensor(got.hLast, tensor(c.hLast), {
    fn: 'lossFun', output: 'hLast', hint: 'return the hidden state after the LAST character, hs[T−1]: the next chunk starts from it',
  });
});

check('lossFun over a chunk: the gradients by backpropagation through time', { points: 2 }, async () => {
  const c = fixtures.chunk;
  const got = await run(c);
  for (const name of GRADIENTS) {
    expectTensor(got[name], tensor(c.grads[name]), {
      fn: 'lossFun', output: name,
      hint: 'add every step’s gradient (+=), going backwards; the hidden state’s gradient also flows back from step t+1: '
        + 'dh = Whyᵀ·dy + dhnext, with dhnext = Whhᵀ·dhraw of the step after',
    });
  }
});

check('lossFun over a chunk: the numerical gradient of the loss (core’s min-char-rnn forward)', { points: 2 }, async () => {
  const c = fixtures.chunk;
  const weights = paramsOf(c);
  const [H, V] = weights.Wxh.shape;
  const model = new MinCharRnn({ data: Array(c.inputs.length + 2).fill(0), vocabSize: V, hiddenSize: H, seqLength: c.inputs.length, seed: 0 });
  for (const name of PARAMS) model.params[name].data.set(weights[name].data);
  const loss = () => model.lossFun(c.inputs, c.targets, tensor(c.hprev)).loss;
  const got = await run(c);
  for (const name of GRADIENTS) {
    expectGradient(got[name], evalNumericalGradient(loss, model.params[name.slice(1) as Param]), { fn: 'lossFun', output: name });
  }
});

check('lossFun: gradients clipped to [−5, 5] (np.clip) against exploding gradients', { points: 2 }, async () => {
  const c = fixtures.clip;
  const got = await run(c);
  expectNumber(got.loss, c.loss, { fn: 'lossFun', output: 'loss' });
  for (const name of GRADIENTS) {
    expectTensor(got[name], tensor(c.grads[name]), {
      fn: 'lossFun', output: name,
      hint: `${c.clippedCount} gradient elements of this chunk are beyond ±5: after BPTT, clip every gradient to [−5, 5] (clipGradients)`,
    });
  }
});
