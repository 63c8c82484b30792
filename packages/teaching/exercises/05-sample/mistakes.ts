/**
 * Known mistakes of exercise 05 (instructors only): each is a patch of solution.ts and what the student is told when
 * their outputs match it. `pnpm teach mistakes` records their outputs into signatures.json.
 */
import type { Mistake } from '@rnnlab/teaching';

export const mistakes: Mistake[] = [
  {
    id: 'argmax-instead-of-sampling',
    fn: 'sample',
    message: 'you take the most likely character (argmax) instead of drawing one from p: the text is then always the same and loops; draw with rng.choice(V, p.data)',
    patch: [
      { search: "import { NotImplementedError, RandomState, Tensor, add, matmul, softmax, tanh, zeros } from '@rnnlab/core';", replace: "import { NotImplementedError, RandomState, Tensor, add, argmax, matmul, softmax, tanh, zeros } from '@rnnlab/core';" },
      { search: 'const ix = rng.choice(V, p.data); // draw it', replace: 'const ix = argmax(p); // draw it' },
    ],
  },
  {
    id: 'uniform-sampling',
    fn: 'sample',
    message: 'rng.choice(V) without p draws every character with probability 1/V; pass the network’s probabilities: rng.choice(V, p.data)',
    patch: { search: 'const ix = rng.choice(V, p.data);', replace: 'const ix = rng.choice(V);' },
  },
  {
    id: 'sampled-char-not-fed-back',
    fn: 'sample',
    message: 'the drawn character is not fed back: every step reads the seed character again; make x = onehot(ix) the next input',
    patch: { search: 'x = zeros([V, 1]); // and feed it back in\n    x.data[ix] = 1;', replace: '' },
  },
  {
    id: 'one-hot-not-cleared',
    fn: 'sample',
    message: 'x keeps the 1s of the earlier characters (set x[ix] = 1 without clearing x): the next input must be a fresh one-hot vector, zeros except at ix',
    patch: { search: 'x = zeros([V, 1]); // and feed it back in', replace: '' },
  },
  {
    id: 'hidden-state-not-updated',
    fn: 'sample',
    message: 'the new hidden state is not kept: each step starts again from the initial h; assign h = tanh(…) so that the next step reads it',
    patch: [
      { search: 'h = tanh(add(add(matmul(Wxh, x), matmul(Whh, h)), bh)); // the new hidden state', replace: 'const hNew = tanh(add(add(matmul(Wxh, x), matmul(Whh, h)), bh)); // the new hidden state' },
      { search: 'const y = add(matmul(Why, h), by);', replace: 'const y = add(matmul(Why, hNew), by);' },
    ],
  },
  {
    id: 'hidden-state-from-zeros',
    fn: 'sample',
    message: 'the sample starts from a zero hidden state; start from the given h (in min-char-rnn, hprev: the state the training reached)',
    patch: { search: 'const ixes: number[] = [];', replace: 'const ixes: number[] = [];\n  h = zeros(h.shape);' },
  },
  {
    id: 'seed-char-in-output',
    fn: 'sample',
    message: 'the result starts with the seed character; return only the n characters drawn (the caller prints the seed separately)',
    patch: { search: 'const ixes: number[] = [];', replace: 'const ixes: number[] = [seedIx];' },
  },
];
