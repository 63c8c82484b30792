/**
 * Hidden checks of exercise 06 (instructors only: not in the student copy). Another text, seed, hidden size, chunk
 * length, learning rate and sampling schedule, and another Adagrad step, from fixtures/hidden.json (made by
 * fixtures/make_fixtures.py running min-char-rnn.py's loop).
 */
import { tensor } from '@rnnlab/core';
import { check, expectEqual, expectTensor, loadStudent, tensorsOf } from '@rnnlab/teaching/check';
import type * as Exercise from './exercise';
import fixtures from './fixtures/hidden.json';

const student = await loadStudent<typeof Exercise>(import.meta.url);
const NAMES = ['Wxh', 'Whh', 'Why', 'bh', 'by'] as const;

check('train on another text with other settings', { points: 2, hidden: true }, async () => {
  const { run } = fixtures;
  const got = await student.train(run.data, run.vocabSize, run.options);
  expectEqual(got.positions, run.positions, { fn: 'train', output: 'positions' });
  expectTensor(tensor(Array.isArray(got.losses) ? got.losses : []), tensor(run.losses), { fn: 'train', output: 'losses' });
  expectTensor(tensor(Array.isArray(got.smoothLosses) ? got.smoothLosses : []), tensor(run.smoothLosses), { fn: 'train', output: 'smoothLosses' });
  expectEqual(got.samples, run.samples, { fn: 'train', output: 'samples' });
  for (const name of NAMES) expectTensor(got.params?.[name], tensor(run.params[name]), { fn: 'train', output: `params.${name}` });
  expectTensor(got.hprev, tensor(run.hprev), { fn: 'train', output: 'hprev' });
});

check('adagradUpdate with another learning rate', { points: 1, hidden: true }, async () => {
  const c = fixtures.adagrad;
  const got = await student.adagradUpdate(tensorsOf(c.params), tensorsOf(c.grads), tensorsOf(c.memory), c.learningRate);
  for (const name of NAMES) {
    expectTensor(got.memory[name], tensor(c.updatedMemory[name]), { fn: 'adagradUpdate', output: `memory.${name}` });
    expectTensor(got.params[name], tensor(c.updated[name]), { fn: 'adagradUpdate', output: `params.${name}` });
  }
});
