/**
 * Known mistakes of exercise 06 (instructors only): each is a patch of solution.ts and what the student is told when
 * their outputs match it. `pnpm teach mistakes` records their outputs into signatures.json.
 */
import type { Mistake } from '@rnnlab/teaching';

export const mistakes: Mistake[] = [
  {
    id: 'hprev-not-reset',
    fn: 'train',
    message: 'hprev is not reset at the end of the data: when p goes back to 0 the text starts again, so the memory of its end must go too (hprev = zeros)',
    patch: { search: 'hprev = zeros([hiddenSize, 1]); // reset RNN memory', replace: '' },
  },
  {
    id: 'hprev-not-carried',
    fn: 'train',
    message: 'hprev is not carried from chunk to chunk: keep the last hidden state lossFun returns and pass it to the next lossFun (the chunks are consecutive text)',
    patch: { search: 'hprev = hLast;', replace: '' },
  },
  {
    id: 'data-pointer-by-one',
    fn: 'train',
    message: 'the data pointer is advanced by 1 instead of seqLength: consecutive chunks then overlap in all but one character; p += seqLength',
    patch: { search: 'p += seqLength; // move data pointer', replace: 'p += 1; // move data pointer' },
  },
  {
    id: 'reset-check-off-by-one',
    fn: 'train',
    message: 'the end-of-data test is off by one: the targets reach p + seqLength, so reset when p + seqLength + 1 ≥ data.length',
    patch: { search: 'if (p + seqLength + 1 >= data.length || n === 0) {', replace: 'if (p + seqLength >= data.length || n === 0) {' },
  },
  {
    id: 'smooth-loss-weights-swapped',
    fn: 'train',
    message: 'the smooth loss weights are swapped: it is smoothLoss·0.999 + loss·0.001 (mostly the old value, a little of the new loss)',
    patch: { search: 'smoothLoss = smoothLoss * 0.999 + loss * 0.001;', replace: 'smoothLoss = smoothLoss * 0.001 + loss * 0.999;' },
  },
  {
    id: 'smooth-loss-from-zero',
    fn: 'train',
    message: 'the smooth loss starts at 0; min-char-rnn starts it at −log(1/V)·seqLength, the loss of a uniform guess, so that it is meaningful from the first iteration',
    patch: { search: 'let smoothLoss = -Math.log(1.0 / vocabSize) * seqLength;', replace: 'let smoothLoss = 0;' },
  },
  {
    id: 'adagrad-without-epsilon',
    fn: 'adagradUpdate',
    message: 'Adagrad without the epsilon: a zero gradient on an empty memory gives 0/0 = NaN; divide by √(mem + 1e-8)',
    patch: { search: 'Math.sqrt(mem[i] + 1e-8)', replace: 'Math.sqrt(mem[i])' },
  },
  {
    id: 'adagrad-memory-after-step',
    fn: 'adagradUpdate',
    message: 'the step uses the memory before adding this gradient’s square: first mem += dθ², then θ −= learningRate·dθ / √(mem + 1e-8)',
    patch: [
      { search: '      mem[i] += dparam[i] * dparam[i];\n', replace: '' },
      { search: '; // adagrad update', replace: ';\n      mem[i] += dparam[i] * dparam[i];' },
    ],
  },
  {
    id: 'gradients-not-clipped',
    fn: 'train',
    message: 'the gradients are not clipped: core’s lossFun returns them unclipped, so clip each to [−5, 5] (clipGradsElementwise(grads, 5)) before the update',
    patch: { search: 'clipGradsElementwise(grads, 5); // clip to mitigate exploding gradients', replace: '' },
  },
  {
    id: 'clipped-after-update',
    fn: 'train',
    message: 'the gradients are clipped after the Adagrad update, which has already used them unclipped; clip first, then update',
    patch: [
      { search: 'clipGradsElementwise(grads, 5); // clip to mitigate exploding gradients\n', replace: '' },
      { search: 'adagradUpdate(params, grads, memory, learningRate);', replace: 'adagradUpdate(params, grads, memory, learningRate);\n    clipGradsElementwise(grads, 5);' },
    ],
  },
];
