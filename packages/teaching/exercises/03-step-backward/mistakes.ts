/**
 * Known mistakes of exercise 03 (instructors only): each is a patch of solution.ts and what the student is told when
 * their outputs match it. `pnpm teach mistakes` records their outputs into signatures.json.
 */
import type { Mistake } from '@rnnlab/teaching';

export const mistakes: Mistake[] = [
  {
    id: 'dy-without-minus-one',
    fn: 'scoresGradient',
    message: 'dy is p unchanged: the gradient of −log p[target] with respect to the scores is p − onehot(target), so subtract 1 at the target’s entry',
    patch: { search: 'dy.data[target] -= 1;', replace: '' },
  },
  {
    id: 'tanh-derivative-one-minus-h',
    fn: 'tanhBackward',
    message: 'you wrote tanh′ as 1 − h; it is 1 − h² (elementwise 1 − h·h), since tanh′(a) = 1 − tanh(a)² and h = tanh(a)',
    patch: { search: 'h.data.map((v) => 1 - v * v)', replace: 'h.data.map((v) => 1 - v)' },
  },
  {
    id: 'tanh-derivative-of-h',
    fn: 'tanhBackward',
    message: 'you took tanh of h again (1 − tanh(h)²); h is already the tanh’s output, so tanh′ = 1 − h²',
    patch: { search: 'h.data.map((v) => 1 - v * v)', replace: 'h.data.map((v) => 1 - Math.tanh(v) ** 2)' },
  },
  {
    id: 'dhprev-whh-not-transposed',
    fn: 'hiddenBackward',
    message: 'dhPrev is Whh·dhraw; backpropagating through Whh·hPrev multiplies by the TRANSPOSE: dhPrev = Whhᵀ·dhraw',
    patch: { search: 'matmul(Whh, dhraw, { transA: true })', replace: 'matmul(Whh, dhraw)' },
  },
  {
    id: 'dwhh-transposed',
    fn: 'hiddenBackward',
    message: 'dWhh is transposed (hPrev·dhrawᵀ); it is dhraw·hPrevᵀ, so that dWhh[i, j] = dhraw[i]·hPrev[j] like Whh[i, j]',
    patch: { search: 'matmul(dhraw, hPrev, { transB: true })', replace: 'matmul(hPrev, dhraw, { transB: true })' },
  },
  {
    id: 'dh-why-not-transposed',
    fn: 'outputBackward',
    message: 'dh is Whyᵀ·dy, not Why·dy: Why is [V, H] and dy [V, 1], so use matmul(Why, dy, { transA: true })',
    patch: { search: 'matmul(Why, dy, { transA: true })', replace: 'matmul(Why, dy)' },
  },
  {
    id: 'dwhh-uses-h',
    fn: 'stepBackward',
    message: 'dWhh used the new hidden state h; Whh multiplied the PREVIOUS one, so dWhh = dhraw·hPrevᵀ',
    patch: { search: 'hiddenBackward(dhraw, x, hPrev, params.Whh)', replace: 'hiddenBackward(dhraw, x, forward.h, params.Whh)' },
  },
  {
    id: 'sgd-ascent',
    fn: 'sgdUpdate',
    message: 'the update adds the gradient (θ + lr·dθ), which makes the loss larger; gradient DEScent subtracts it: θ − lr·dθ',
    patch: [
      { search: "import { NotImplementedError, Tensor, matmul, mul, scale, sub } from '@rnnlab/core';", replace: "import { NotImplementedError, Tensor, add, matmul, mul, scale, sub } from '@rnnlab/core';" },
      { search: 'sub(param, scale(dparam, learningRate))', replace: 'add(param, scale(dparam, learningRate))' },
    ],
  },
  {
    id: 'sgd-without-learning-rate',
    fn: 'sgdUpdate',
    message: 'the update subtracts the whole gradient (θ − dθ); scale it by the learning rate: θ − learningRate·dθ',
    patch: { search: 'sub(param, scale(dparam, learningRate))', replace: 'sub(param, dparam)' },
  },
];
