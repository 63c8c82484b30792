/**
 * Known mistakes of exercise 02 (instructors only): each is a patch of solution.ts and what the student is told when
 * their outputs match it. `pnpm teach mistakes` records their outputs into signatures.json.
 */
import type { Mistake } from '@rnnlab/teaching';

export const mistakes: Mistake[] = [
  {
    id: 'whh-transposed',
    fn: 'hiddenState',
    message: 'you multiplied hPrev by Whh transposed (hPrev·Whh, the row-vector habit); with column vectors the recurrent term is Whh·hPrev',
    patch: { search: 'matmul(params.Whh, hPrev);', replace: 'matmul(params.Whh, hPrev, { transA: true });' },
  },
  {
    id: 'hidden-without-tanh',
    fn: 'hiddenState',
    message: 'h is missing its tanh: h = tanh(Wxh·x + Whh·hPrev + bh), which keeps every element in (−1, 1)',
    patch: { search: 'return tanh(add(add(fromInput, fromPast), params.bh));', replace: 'return add(add(fromInput, fromPast), params.bh);' },
  },
  {
    id: 'hidden-without-bias',
    fn: 'hiddenState',
    message: 'the hidden bias bh is missing: it is added inside the tanh, h = tanh(Wxh·x + Whh·hPrev + bh)',
    patch: { search: 'return tanh(add(add(fromInput, fromPast), params.bh));', replace: 'return tanh(add(fromInput, fromPast));' },
  },
  {
    id: 'scores-without-bias',
    fn: 'outputScores',
    message: 'the output bias by is missing: y = Why·h + by',
    patch: { search: 'return add(matmul(params.Why, h), params.by);', replace: 'return matmul(params.Why, h);' },
  },
  {
    id: 'softmax-without-max',
    fn: 'softmax',
    message: 'softmax computes exp(y) directly, which overflows to Infinity for scores near 1000 (and Infinity / Infinity is NaN); subtract m = max(y) first: exp(y − m) / Σ exp(y − m)',
    patch: { search: 'y.data.map((v) => Math.exp(v - m));', replace: 'y.data.map((v) => Math.exp(v));' },
  },
  {
    id: 'loss-without-minus',
    fn: 'crossEntropy',
    message: 'the loss is log p[target], a negative number; the cross-entropy is −log p[target]',
    patch: { search: 'return -Math.log(p.get(target, 0));', replace: 'return Math.log(p.get(target, 0));' },
  },
  {
    id: 'loss-of-the-input',
    fn: 'stepForward',
    message: 'the loss uses the probability of the input character; it is the probability of the target, the character that comes next',
    patch: [
      { search: "import { NotImplementedError, Tensor, add, matmul, tanh } from '@rnnlab/core';", replace: "import { NotImplementedError, Tensor, add, argmax, matmul, tanh } from '@rnnlab/core';" },
      { search: 'loss: crossEntropy(p, target) }', replace: 'loss: crossEntropy(p, argmax(x)) }' },
    ],
  },
];
