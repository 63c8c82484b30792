/**
 * Public checks of exercise 02 (step forward). Golden values: fixtures/step_forward.json, made by
 * fixtures/make_fixtures.py with min-char-rnn.py's forward pass.
 */
import { tensor, zeros } from '@rnnlab/core';
import { check, expectNumber, expectTensor, loadStudent } from '@rnnlab/teaching/check';
import type * as Exercise from './exercise';
import fixtures from './fixtures/step_forward.json';

const student = await loadStudent<typeof Exercise>(import.meta.url);
const { step, softmaxLarge } = fixtures;
const params = {
  Wxh: tensor(step.params.Wxh), Whh: tensor(step.params.Whh), Why: tensor(step.params.Why),
  bh: tensor(step.params.bh), by: tensor(step.params.by),
};
const x = tensor(step.x);
const hPrev = tensor(step.hprev);
const [H, V] = params.Wxh.shape;

check('hiddenState: h = tanh(Wxh·x + Whh·hPrev + bh)', { points: 2 }, async () => {
  expectTensor(await student.hiddenState(x, hPrev, params), tensor(step.h), {
    fn: 'hiddenState', output: 'h', hint: 'h = tanh(Wxh·x + Whh·hPrev + bh), all column vectors [H, 1]',
  });
});

check('hiddenState: each term of the sum on its own (the other two zero)', { points: 1 }, async () => {
  const noBias = { ...params, bh: zeros([H, 1]) };
  expectTensor(await student.hiddenState(x, zeros([H, 1]), noBias), tensor(step.terms.input), {
    fn: 'hiddenState', output: 'h with hPrev = 0 and bh = 0 (only Wxh·x)', hint: 'Wxh·x picks column ix of Wxh',
  });
  expectTensor(await student.hiddenState(zeros([V, 1]), hPrev, noBias), tensor(step.terms.recurrent), {
    fn: 'hiddenState', output: 'h with x = 0 and bh = 0 (only Whh·hPrev)', hint: 'matmul(Whh, hPrev): Whh [H, H] times the column hPrev [H, 1]',
  });
  expectTensor(await student.hiddenState(zeros([V, 1]), zeros([H, 1]), params), tensor(step.terms.bias), {
    fn: 'hiddenState', output: 'h with x = 0 and hPrev = 0 (only bh)', hint: 'the bias bh is added inside the tanh',
  });
});

check('outputScores: y = Why·h + by', { points: 1 }, async () => {
  expectTensor(await student.outputScores(tensor(step.h), params), tensor(step.y), {
    fn: 'outputScores', output: 'y', hint: 'y = Why·h + by, [V, 1]; no nonlinearity here',
  });
});

check('softmax: probabilities exp(y) / Σ exp(y)', { points: 1 }, async () => {
  expectTensor(await student.softmax(tensor(step.y)), tensor(step.p), {
    fn: 'softmax', output: 'p', hint: 'p[i] = exp(y[i]) / Σ_j exp(y[j]); same shape as y',
  });
});

check('softmax: no overflow for scores around 1000', { points: 1 }, async () => {
  expectTensor(await student.softmax(tensor(softmaxLarge.y)), tensor(softmaxLarge.p), {
    fn: 'softmax', output: 'p', hint: 'exp(1000) is Infinity in float64; subtract m = max(y) first: exp(y − m) / Σ exp(y − m)',
  });
});

check('crossEntropy: −log of the target’s probability', { points: 1 }, async () => {
  expectNumber(await student.crossEntropy(tensor(step.p), step.target), step.loss, {
    fn: 'crossEntropy', output: 'the loss', hint: 'loss = −log p[target] (natural log): small when the target was likely',
  });
});

check('stepForward: h, y, p and the loss of one step', { points: 2 }, async () => {
  const got = await student.stepForward(x, hPrev, step.target, params);
  expectTensor(got.h, tensor(step.h), { fn: 'stepForward', output: 'h' });
  expectTensor(got.y, tensor(step.y), { fn: 'stepForward', output: 'y' });
  expectTensor(got.p, tensor(step.p), { fn: 'stepForward', output: 'p' });
  expectNumber(got.loss, step.loss, { fn: 'stepForward', output: 'loss', hint: 'the loss is that of the target (the next character), not of the input' });
});
