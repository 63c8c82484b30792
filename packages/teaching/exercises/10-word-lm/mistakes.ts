/**
 * Known mistakes of exercise 10 (instructors only): each is a patch of solution.ts and what the student is told when
 * their outputs match it. `pnpm teach mistakes` records their outputs into signatures.json.
 */
import type { Mistake } from '@rnnlab/teaching';

export const mistakes: Mistake[] = [
  {
    id: 'lm-targets-not-shifted',
    fn: 'inputsAndTargets',
    message: 'the targets are not shifted: target = captions[:, 1:], the word AFTER each input word (input = captions[:, :-1]); predicting the word just read teaches nothing',
    patch: { search: 'target.set(captions.get(n, t + 1), n, t);', replace: 'target.set(captions.get(n, t), n, t);' },
  },
  {
    id: 'lm-mask-from-inputs',
    fn: 'inputsAndTargets',
    message: 'the mask is computed from the inputs; it marks the targets that count: mask = (captions[:, 1:] ≠ <NULL>), so the step whose target is <END> counts and the steps whose target is padding do not',
    patch: { search: 'mask.set(target.get(n, t) === nullId ? 0 : 1, n, t);', replace: 'mask.set(input.get(n, t) === nullId ? 0 : 1, n, t);' },
  },
  {
    id: 'lm-mask-ignored',
    fn: 'wordLmLoss',
    message: 'the <NULL> mask is not passed to the loss, so the padding counts as words to predict: temporalSoftmaxLoss(scores, target, mask)',
    patch: { search: 'temporalSoftmaxLoss(affine.out, target, mask);', replace: 'temporalSoftmaxLoss(affine.out, target);' },
  },
  {
    id: 'lm-loss-divided-by-t',
    fn: 'wordLmLoss',
    message: 'the loss is divided by T instead of N: cs231n’s loss sums over the time steps and averages over the captions, so padding a batch with more <NULL> steps must not change it',
    patch: [
      { search: 'const { loss, dx: dscores } = temporalSoftmaxLoss(affine.out, target, mask);', replace: 'const summedOverN = temporalSoftmaxLoss(affine.out, target, mask);\n  const perT = N / target.shape[1];\n  const loss = summedOverN.loss * perT;\n  const dscores = scale(summedOverN.dx, perT);' },
    ],
  },
  {
    id: 'lm-embedding-not-trained',
    fn: 'wordLmLoss',
    message: 'grads.Wembed is zero: the gradient must flow on through the embedding, dWembed = wordEmbeddingBackward(dx of the cell, cache) (each row gets the gradients of the positions that used its word)',
    patch: { search: 'const { dW: dWembed } = wordEmbeddingBackward(dx, embedded.cache);', replace: 'const dWembed = zeros(params.Wembed.shape);' },
  },
  {
    id: 'lm-accuracy-counts-padding',
    fn: 'accuracy',
    message: 'the accuracy counts the padded positions too; only the targets with mask = 1 are words the model should predict',
    patch: { search: '    if (mask.data[i] === 0) continue; // padding is not a word the model should predict\n', replace: '' },
  },
  {
    id: 'lm-accuracy-divided-by-all-positions',
    fn: 'accuracy',
    message: 'the right predictions are divided by all N·T positions; divide by the number of counted targets (the ones in the mask)',
    patch: { search: 'return right / counted;', replace: 'return right / mask.size;' },
  },
  {
    id: 'lm-optimizer-recreated',
    fn: 'trainNet',
    message: 'the optimizer is created anew at every iteration, which throws away its state (Adam’s moments m, v and its step count t); create it once, before the loop',
    patch: [
      { search: '  const optimizer = createOptimizer(options.optimizer, { learningRate: options.learningRate });\n', replace: '' },
      { search: '    optimizer.step(trained, grads);', replace: '    createOptimizer(options.optimizer, { learningRate: options.learningRate }).step(trained, grads);' },
    ],
  },
  {
    id: 'lm-batch-without-replacement',
    fn: 'trainNet',
    message: 'the minibatch rows are drawn without replacement; cs231n draws np.random.choice(M, B) — with replacement — which is rng.randint(0, M, B)',
    patch: [
      { search: 'const rows = rng.randint(0, M, B); // with replacement, as np.random.choice(M, B)', replace: 'const rows = { data: rng.permutation(M).slice(0, B) };' },
    ],
  },
  {
    id: 'lm-same-batch-every-iteration',
    fn: 'trainNet',
    message: 'the minibatch is drawn once, before the loop; draw new rows, rng.randint(0, M, B), at every iteration',
    patch: [
      { search: '  for (let it = 0; it < options.iterations; it++) {\n    const rows = rng.randint(0, M, B); // with replacement, as np.random.choice(M, B)', replace: '  const rows = rng.randint(0, M, B);\n  for (let it = 0; it < options.iterations; it++) {' },
    ],
  },
  {
    id: 'lm-sample-not-fed-back',
    fn: 'sampleWords',
    message: 'the chosen word is not fed back: at each step the input is the word chosen at the previous step (the start word only at the first step)',
    patch: { search: 'new Tensor(Float64Array.from(words), [N, 1])', replace: 'new Tensor(Float64Array.from(startIds), [N, 1])' },
  },
  {
    id: 'lm-sample-state-not-carried',
    fn: 'sampleWords',
    message: 'the hidden state is not carried from step to step: each step starts from the previous step’s h (zeros only before the first step)',
    patch: { search: 'prevH = rnnStepForward(x, prevH, params.Wx, params.Wh, params.b).nextH;', replace: 'prevH = rnnStepForward(x, zeros([N, H]), params.Wx, params.Wh, params.b).nextH;' },
  },
  {
    id: 'lm-sample-lstm-cell-not-carried',
    fn: 'sampleWords',
    message: 'the LSTM’s cell state is not carried: keep both nextH and nextC of lstmStepForward for the next step',
    patch: { search: '      prevC = step.nextC;\n', replace: '' },
  },
  {
    id: 'lm-sample-temperature-multiplies',
    fn: 'sampleWords',
    message: 'the scores are multiplied by the temperature; they are divided by it: p = softmax(scores / temperature), so a small temperature sharpens the distribution',
    patch: { search: 'softmax(scale(scores, 1 / temperature))', replace: 'softmax(scale(scores, temperature))' },
  },
  {
    id: 'lm-sample-argmax-instead-of-drawing',
    fn: 'sampleWords',
    message: 'with a generator the words must be drawn, rng.choice(V, p) per row, not taken as the argmax of p (that is greedy decoding)',
    patch: { search: 'words = startIds.map((_, n) => rng.choice(V, p.data.subarray(n * V, (n + 1) * V)));', replace: 'words = Array.from(argmax(p, 1).data);' },
  },
];
