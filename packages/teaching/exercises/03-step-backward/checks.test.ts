/**
 * Public checks of exercise 03 (step backward). Golden values: fixtures/step_backward.json, made by
 * fixtures/make_fixtures.py with the backward lines of min-char-rnn.py's lossFun. Numerical gradients: centred
 * differences of trusted forward passes — core's tensor functions for each layer, core's MinCharRnn for the whole step.
 */
import { MinCharRnn, add, matmul, softmax, tanh, tensor } from '@rnnlab/core';
import { evalNumericalGradient, evalNumericalGradientArray } from '@rnnlab/core/testing';
import { check, tensorsOf, expectGradient, expectNumber, expectTensor, loadStudent } from '@rnnlab/teaching/check';
import type * as Exercise from './exercise';
import fixtures from './fixtures/step_backward.json';

const student = await loadStudent<typeof Exercise>(import.meta.url);
const { step } = fixtures;
const params = tensorsOf(step.params);
const x = tensor(step.x);
const hPrev = tensor(step.hprev);
const h = tensor(step.h);
const p = tensor(step.p);
const [H, V] = params.Wxh.shape;
const grads = step.grads;
const PARAMS = ['Wxh', 'Whh', 'Why', 'bh', 'by'] as const;

/**
 * Core's min-char-rnn holding a copy of `weights`: its `weights` (perturbed in place by the numerical gradients) and
 * `loss(from)`, −log p[target] of one step from the hidden state `from`.
 */
function trustedStep(weights: typeof params) {
  const model = new MinCharRnn({ data: [0, 0, 0], vocabSize: V, hiddenSize: H, seqLength: 1, seed: 0 });
  for (const name of PARAMS) model.params[name].data.set(weights[name].data);
  return { weights: model.params, loss: (from: typeof hPrev) => model.lossFun([step.ix], [step.target], from).loss };
}

check('scoresGradient: dy = p − onehot(target)', { points: 1 }, async () => {
  expectTensor(await student.scoresGradient(p, step.target), tensor(step.dy), {
    fn: 'scoresGradient', output: 'dy', hint: 'copy p, then subtract 1 from the target’s entry only',
  });
});

check('scoresGradient: the numerical gradient of −log softmax(y)[target]', { points: 1 }, async () => {
  const y = tensor(step.y);
  const loss = (scores: typeof y) => -Math.log(softmax(scores.reshape([1, V])).data[step.target]);
  const numerical = evalNumericalGradient(loss, y);
  expectGradient(await student.scoresGradient(p, step.target), numerical, { fn: 'scoresGradient', output: 'dy' });
});

check('outputBackward: dWhy = dy·hᵀ, dby = dy, dh = Whyᵀ·dy', { points: 2 }, async () => {
  const got = await student.outputBackward(tensor(step.dy), h, params.Why);
  expectTensor(got.dby, tensor(grads.dby), { fn: 'outputBackward', output: 'dby', hint: 'y = Why·h + by, so dby = dy' });
  expectTensor(got.dWhy, tensor(grads.dWhy), {
    fn: 'outputBackward', output: 'dWhy', hint: 'an outer product: dy [V, 1] times hᵀ [1, H] gives [V, H]',
  });
  expectTensor(got.dh, tensor(step.dh), {
    fn: 'outputBackward', output: 'dh', hint: 'dh = Whyᵀ·dy: [H, V] times [V, 1]; matmul(Why, dy, { transA: true })',
  });
});

check('outputBackward: the numerical gradients of y = Why·h + by', { points: 1 }, async () => {
  const dy = tensor(step.dy);
  const Why = tensor(step.params.Why), by = tensor(step.params.by), hh = tensor(step.h);
  const y = () => add(matmul(Why, hh), by);
  const got = await student.outputBackward(dy, h, params.Why);
  expectGradient(got.dWhy, evalNumericalGradientArray(y, Why, dy), { fn: 'outputBackward', output: 'dWhy' });
  expectGradient(got.dby, evalNumericalGradientArray(y, by, dy), { fn: 'outputBackward', output: 'dby' });
  expectGradient(got.dh, evalNumericalGradientArray(y, hh, dy), { fn: 'outputBackward', output: 'dh' });
});

check('tanhBackward: dhraw = (1 − h²) ⊙ dh', { points: 1 }, async () => {
  expectTensor(await student.tanhBackward(tensor(step.dh), h), tensor(step.dhraw), {
    fn: 'tanhBackward', output: 'dhraw', hint: 'h is already tanh(hraw), so tanh′(hraw) = 1 − h·h, elementwise; then multiply by dh',
  });
});

check('tanhBackward: the numerical gradient of h = tanh(hraw)', { points: 1 }, async () => {
  const hraw = tensor(step.hraw), dh = tensor(step.dh);
  const numerical = evalNumericalGradientArray((a) => tanh(a), hraw, dh);
  expectGradient(await student.tanhBackward(dh, tanh(hraw)), numerical, { fn: 'tanhBackward', output: 'dhraw' });
});

check('hiddenBackward: dWxh = dhraw·xᵀ, dWhh = dhraw·hPrevᵀ, dbh = dhraw, dhPrev = Whhᵀ·dhraw', { points: 2 }, async () => {
  const got = await student.hiddenBackward(tensor(step.dhraw), x, hPrev, params.Whh);
  expectTensor(got.dbh, tensor(grads.dbh), { fn: 'hiddenBackward', output: 'dbh', hint: 'the bias is added as is, so dbh = dhraw' });
  expectTensor(got.dWxh, tensor(grads.dWxh), {
    fn: 'hiddenBackward', output: 'dWxh', hint: 'dhraw [H, 1] times xᵀ [1, V]: only the input character’s column is non-zero',
  });
  expectTensor(got.dWhh, tensor(grads.dWhh), {
    fn: 'hiddenBackward', output: 'dWhh', hint: 'dhraw times the PREVIOUS hidden state transposed: the one Whh multiplied',
  });
  expectTensor(got.dhPrev, tensor(grads.dhPrev), {
    fn: 'hiddenBackward', output: 'dhPrev', hint: 'dhPrev = Whhᵀ·dhraw: matmul(Whh, dhraw, { transA: true })',
  });
});

check('hiddenBackward: the numerical gradients of hraw = Wxh·x + Whh·hPrev + bh', { points: 1 }, async () => {
  const dhraw = tensor(step.dhraw);
  const Wxh = tensor(step.params.Wxh), Whh = tensor(step.params.Whh), bh = tensor(step.params.bh), from = tensor(step.hprev);
  const hraw = () => add(add(matmul(Wxh, x), matmul(Whh, from)), bh);
  const got = await student.hiddenBackward(dhraw, x, hPrev, params.Whh);
  expectGradient(got.dWxh, evalNumericalGradientArray(hraw, Wxh, dhraw), { fn: 'hiddenBackward', output: 'dWxh' });
  expectGradient(got.dWhh, evalNumericalGradientArray(hraw, Whh, dhraw), { fn: 'hiddenBackward', output: 'dWhh' });
  expectGradient(got.dbh, evalNumericalGradientArray(hraw, bh, dhraw), { fn: 'hiddenBackward', output: 'dbh' });
  expectGradient(got.dhPrev, evalNumericalGradientArray(hraw, from, dhraw), { fn: 'hiddenBackward', output: 'dhPrev' });
});

check('stepBackward: every gradient of one step', { points: 2 }, async () => {
  const got = await student.stepBackward(x, hPrev, step.target, params, { h, p });
  const hint = 'compare with the functions above: the first wrong gradient (in this order, from the loss backwards) is where to look';
  for (const name of ['dby', 'dWhy', 'dbh', 'dWxh', 'dWhh', 'dhPrev'] as const) {
    expectTensor(got[name], tensor(grads[name]), { fn: 'stepBackward', output: name, hint });
  }
});

check('stepBackward: the numerical gradient of the step’s loss (core’s min-char-rnn forward)', { points: 2 }, async () => {
  const trusted = trustedStep(params), from = tensor(step.hprev);
  const loss = () => trusted.loss(from);
  const got = await student.stepBackward(x, hPrev, step.target, params, { h, p });
  for (const name of ['Why', 'by', 'bh', 'Wxh', 'Whh'] as const) {
    expectGradient(got[`d${name}`], evalNumericalGradient(loss, trusted.weights[name]), { fn: 'stepBackward', output: `d${name}` });
  }
  expectGradient(got.dhPrev, evalNumericalGradient(loss, from), { fn: 'stepBackward', output: 'dhPrev' });
});

check('sgdUpdate: θ − learningRate·dθ for every parameter', { points: 1 }, async () => {
  const got = await student.sgdUpdate(params, tensorsOf(grads), step.learningRate);
  for (const name of PARAMS) {
    expectTensor(got[name], tensor(step.updated[name]), {
      fn: 'sgdUpdate', output: name, hint: `${name} − learningRate·d${name}: a step AGAINST the gradient, scaled by the learning rate`,
    });
  }
});

check('stepBackward then sgdUpdate: the target’s probability went up', { points: 1 }, async () => {
  const got = await student.stepBackward(x, hPrev, step.target, params, { h, p });
  const updated = await student.sgdUpdate(params, got, step.learningRate);
  const after = Math.exp(-trustedStep(updated).loss(hPrev));
  const before = step.p[step.target][0];
  if (!(after > before)) {
    expectNumber(after, step.pAfter[step.target][0], {
      fn: 'stepBackward then sgdUpdate', output: `p[target] after the update (it was ${before.toFixed(6)} before)`,
      hint: 'one small step against the gradient of −log p[target] must make p[target] larger',
    });
  }
});
