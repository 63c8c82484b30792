/**
 * Known mistakes of exercise 04 (instructors only): each is a patch of solution.ts and what the student is told when
 * their outputs match it. `pnpm teach mistakes` records their outputs into signatures.json.
 */
import type { Mistake } from '@rnnlab/teaching';

export const mistakes: Mistake[] = [
  {
    id: 'dhnext-not-added',
    fn: 'lossFun',
    message: 'dhnext is not added into dh: h_t also feeds step t+1, so its gradient is dh = Whyᵀ·dy + dhnext (dhnext = Whhᵀ·dhraw of step t+1)',
    patch: { search: 'add(matmul(Why, dy, { transA: true }), dhnext)', replace: 'matmul(Why, dy, { transA: true })' },
  },
  {
    id: 'dhnext-before-tanh',
    fn: 'lossFun',
    message: 'dhnext was computed from dh; the path to the previous hidden state goes through the tanh, so dhnext = Whhᵀ·dhraw',
    patch: { search: 'dhnext = matmul(Whh, dhraw, { transA: true });', replace: 'dhnext = matmul(Whh, dh, { transA: true });' },
  },
  {
    id: 'tanh-derivative-one-minus-h',
    fn: 'lossFun',
    message: 'you wrote tanh′ as 1 − h; it is 1 − h² (elementwise 1 − hs[t]·hs[t])',
    patch: { search: 'hs[t].data.map((v) => 1 - v * v)', replace: 'hs[t].data.map((v) => 1 - v)' },
  },
  {
    id: 'dy-without-minus-one',
    fn: 'lossFun',
    message: 'dy is ps[t] unchanged: the gradient of −log p[target] with respect to the scores is p − onehot(target), so subtract 1 at the target',
    patch: { search: 'dy.data[targets[t]] -= 1; // backprop into y', replace: '' },
  },
  {
    id: 'gradients-not-accumulated',
    fn: 'lossFun',
    message: 'each step overwrites the gradients (dWhy = …) instead of adding to them (dWhy += …): the weights are shared by every step, so their gradient is the sum over the chunk',
    patch: [
      { search: 'dWhy = add(dWhy, matmul(dy, hs[t], { transB: true }));', replace: 'dWhy = matmul(dy, hs[t], { transB: true });' },
      { search: 'dby = add(dby, dy);', replace: 'dby = dy;' },
      { search: 'dbh = add(dbh, dhraw);', replace: 'dbh = dhraw;' },
      { search: 'dWxh = add(dWxh, matmul(dhraw, xs[t], { transB: true }));', replace: 'dWxh = matmul(dhraw, xs[t], { transB: true });' },
      { search: 'dWhh = add(dWhh, matmul(dhraw, hs[t - 1], { transB: true }));', replace: 'dWhh = matmul(dhraw, hs[t - 1], { transB: true });' },
    ],
  },
  {
    id: 'dwhh-uses-current-h',
    fn: 'lossFun',
    message: 'dWhh used hs[t]; Whh multiplied the PREVIOUS hidden state, so dWhh += dhraw·hs[t−1]ᵀ',
    patch: { search: 'matmul(dhraw, hs[t - 1], { transB: true })', replace: 'matmul(dhraw, hs[t], { transB: true })' },
  },
  {
    id: 'starts-from-zeros',
    fn: 'lossFun',
    message: 'the chunk starts from a zero hidden state; it must start from hprev (hs[−1] = hprev), which carries the text before the chunk',
    patch: { search: 'hs[-1] = hprev.clone();', replace: 'hs[-1] = zeros([H, 1]);' },
  },
  {
    id: 'hlast-one-step-early',
    fn: 'lossFun',
    message: 'hLast is the hidden state before the last character (hs[T−2]); return hs[T−1], the state after the whole chunk',
    patch: { search: 'hLast: hs[inputs.length - 1]', replace: 'hLast: hs[inputs.length - 2]' },
  },
  {
    id: 'loss-averaged',
    fn: 'lossFun',
    message: 'the loss is divided by the chunk length; min-char-rnn’s loss is the SUM of −log p over the chunk (the gradients are those of the sum)',
    patch: { search: 'return { loss, ...grads,', replace: 'return { loss: loss / inputs.length, ...grads,' },
  },
  {
    id: 'gradients-not-clipped',
    fn: 'lossFun',
    message: 'the gradients are not clipped: min-char-rnn clips each to [−5, 5] (np.clip(dparam, -5, 5, out=dparam)) against exploding gradients',
    patch: { search: 'const grads = clipGradients({ dWxh, dWhh, dWhy, dbh, dby }, 5);', replace: 'const grads = { dWxh, dWhh, dWhy, dbh, dby };' },
  },
  {
    id: 'clip-only-above',
    fn: 'clipGradients',
    message: 'only the upper bound is applied: values below −limit must become −limit too (np.clip clips both sides)',
    patch: { search: 'Math.min(Math.max(d.data[i], -limit), limit)', replace: 'Math.min(d.data[i], limit)' },
  },
];
