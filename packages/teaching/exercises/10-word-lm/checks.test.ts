/**
 * Public checks of exercise 10 (word-level language model). Golden values: fixtures/word_lm.json, made by
 * fixtures/make_fixtures.py with cs231n assignment 3's code in numpy (rnn_layers.py, CaptioningRNN.loss and .sample
 * without image features, CaptioningSolver's loop with optim.adam and optim.sgd).
 */
import {
  RandomState, Tensor, rnnForward, tensor, temporalAffineForward, temporalSoftmaxLoss, wordEmbeddingForward, zeros,
} from '@rnnlab/core';
import { evalNumericalGradient } from '@rnnlab/core/testing';
import { check, expectEqual, expectGradient, expectNumber, expectTensor, loadStudent } from '@rnnlab/teaching/check';
import type * as Exercise from './exercise';
import fixtures from './fixtures/word_lm.json';

const student = await loadStudent<typeof Exercise>(import.meta.url);
const { nullId, split, loss: lossCases, accuracy: scored, train, sample } = fixtures;
const PARAMS = ['Wembed', 'Wx', 'Wh', 'b', 'Wvocab', 'bvocab'] as const;
type Params = Record<(typeof PARAMS)[number], Tensor>;
const paramsOf = (p: Record<string, number[] | number[][]>): Params =>
  Object.fromEntries(PARAMS.map((k) => [k, tensor(p[k])])) as Params;
const rnn = { cellType: 'rnn' as const, nullId };
const lstm = { cellType: 'lstm' as const, nullId };
const captions = tensor(split.captions);

check('inputsAndTargets: input = captions[:, :-1], target = captions[:, 1:], mask = target ≠ <NULL>', { points: 2 }, async () => {
  const got = await student.inputsAndTargets(captions, nullId);
  const fn = 'inputsAndTargets';
  expectTensor(got?.input, tensor(split.input), { fn, output: 'input', hint: 'every word but the last: the model reads <START> … and never reads past the end' });
  expectTensor(got?.target, tensor(split.target), { fn, output: 'target', hint: 'every word but the first, shifted one place from input: target[n, t] is the word after input[n, t]' });
  expectTensor(got?.mask, tensor(split.mask), { fn, output: 'mask', hint: 'mask[n, t] = 1 where the TARGET is not <NULL> (the last real target is <END>)' });
});

const rnnCase = lossCases.rnn;
const rnnParams = paramsOf(rnnCase.params);
const fl = 'wordLmLoss';

check('wordLmLoss: the scores and the loss of cs231n’s CaptioningRNN (rnn cell, h0 = 0)', { points: 3 }, async () => {
  const got = await student.wordLmLoss(rnnParams, tensor(rnnCase.captions), rnn);
  expectTensor(got?.scores, tensor(rnnCase.scores), {
    fn: fl, output: 'scores', hint: 'scores = temporal affine of h = rnnForward(Wembed[input], h0 = zeros([N, H]), Wx, Wh, b): [N, T, V]',
  });
  expectNumber(got?.loss, rnnCase.loss, {
    fn: fl, output: 'loss', hint: 'temporalSoftmaxLoss(scores, target, mask): summed over time, averaged over the batch, with target = captions[:, 1:] and mask = (target ≠ <NULL>)',
  });
});

check('wordLmLoss: the gradient of every parameter, against numpy and numerical gradients', { points: 3 }, async () => {
  const c = tensor(rnnCase.captions);
  const got = await student.wordLmLoss(rnnParams, c, rnn);
  const grads = got?.grads as Record<string, unknown> | undefined;
  for (const k of PARAMS) {
    expectTensor(grads?.[k], tensor(rnnCase.grads[k]), {
      fn: fl, output: `grads.${k}`, hint: 'backward in reverse order: temporal affine, the cell (rnnBackward), then the embedding (wordEmbeddingBackward of the cell’s dx)',
    });
  }
  const [N, L] = c.shape;
  const input = new Tensor(Float64Array.from({ length: N * (L - 1) }, (_, i) => c.get(Math.floor(i / (L - 1)), i % (L - 1))), [N, L - 1]);
  const target = new Tensor(Float64Array.from({ length: N * (L - 1) }, (_, i) => c.get(Math.floor(i / (L - 1)), (i % (L - 1)) + 1)), [N, L - 1]);
  const mask = new Tensor(target.data.map((v) => (v === nullId ? 0 : 1)), target.shape);
  const loss = (p: Params) => {
    const x = wordEmbeddingForward(input, p.Wembed).out;
    const { h } = rnnForward(x, zeros([N, p.Wh.shape[0]]), p.Wx, p.Wh, p.b);
    return temporalSoftmaxLoss(temporalAffineForward(h, p.Wvocab, p.bvocab).out, target, mask).loss;
  };
  // Exact gradients agree with these centred differences to 1e-8 (measured); the smallest elements carry the noise.
  for (const k of PARAMS) {
    const p = { ...rnnParams, [k]: rnnParams[k].clone() };
    const numerical = evalNumericalGradient(() => loss(p), p[k]); // centred differences of core's layers
    expectGradient(grads?.[k], numerical, { fn: fl, output: `grads.${k}`, tolerance: 1e-5 });
  }
});

check('wordLmLoss: extra <NULL> padding changes neither the loss nor the gradients', { points: 1 }, async () => {
  const c = tensor(rnnCase.captions);
  const [N, L] = c.shape;
  const padded = zeros([N, L + 3]).data.fill(nullId);
  c.data.forEach((v, i) => { padded[Math.floor(i / L) * (L + 3) + (i % L)] = v; });
  const got = await student.wordLmLoss(rnnParams, new Tensor(padded, [N, L + 3]), rnn);
  const hint = 'a <NULL> target must add nothing: pass the mask to the loss, and average over N (the captions), not over T (which padding changes)';
  expectNumber(got?.loss, rnnCase.loss, { fn: fl, output: 'the loss with 3 more <NULL> columns', hint });
  expectTensor((got?.grads as Record<string, unknown> | undefined)?.Wvocab, tensor(rnnCase.grads.Wvocab), { fn: fl, output: 'grads.Wvocab with 3 more <NULL> columns', hint });
});

check('wordLmLoss: the LSTM cell (cellType \'lstm\', gates i, f, o, g)', { points: 2 }, async () => {
  const c = lossCases.lstm;
  const got = await student.wordLmLoss(paramsOf(c.params), tensor(c.captions), lstm);
  expectNumber(got?.loss, c.loss, { fn: fl, output: 'loss (lstm)', hint: 'with cellType \'lstm\' the cell is lstmForward / lstmBackward (Wx [E, 4H]), h0 = c0 = 0' });
  for (const k of PARAMS) {
    expectTensor((got?.grads as Record<string, unknown> | undefined)?.[k], tensor(c.grads[k]), { fn: fl, output: `grads.${k} (lstm)` });
  }
});

check('accuracy: the fraction of real (non-<NULL>) targets predicted by the argmax', { points: 2 }, async () => {
  const got = await student.accuracy(tensor(scored.scores), tensor(scored.target), tensor(scored.mask));
  expectNumber(got, scored.accuracy, {
    fn: 'accuracy', output: 'the accuracy',
    hint: 'count only positions with mask = 1, and divide by their number (not by N·T); the prediction is the argmax over V (axis 2)',
  });
});

const fromInit = async (run: typeof train.adam) =>
  student.trainNet(paramsOf(run.init), tensor(fixtures.allCaptions), { cellType: run.cell as 'rnn', nullId }, run.options as Exercise.TrainOptions);
const ft = 'trainNet';

check('trainNet: the loss and accuracy of every minibatch, and the trained parameters (Adam)', { points: 3 }, async () => {
  const got = await fromInit(train.adam);
  const hint = 'rows = rng.randint(0, M, batchSize) with rng = new RandomState(seed), one createOptimizer(...) before the loop, the loss and accuracy recorded before each step';
  expectTensor(tensor(got?.lossHistory ?? []), tensor(train.adam.lossHistory), { fn: ft, output: 'lossHistory', rtol: 1e-6, hint });
  expectTensor(tensor(got?.accuracyHistory ?? []), tensor(train.adam.accuracyHistory), { fn: ft, output: 'accuracyHistory', rtol: 1e-6, hint });
  for (const k of PARAMS) {
    expectTensor((got?.params as Record<string, unknown> | undefined)?.[k], tensor(train.adam.params[k]), {
      fn: ft, output: `params.${k}`, rtol: 1e-6, atol: 1e-9, hint: 'optimizer.step(params, grads) after every minibatch; the optimizer keeps its state (Adam’s m, v, t) from one step to the next',
    });
  }
});

check('trainNet: plain SGD with another learning rate', { points: 1 }, async () => {
  const got = await fromInit(train.sgd);
  expectTensor(tensor(got?.lossHistory ?? []), tensor(train.sgd.lossHistory), {
    fn: ft, output: 'lossHistory (sgd, learningRate 0.5)', rtol: 1e-6, hint: 'createOptimizer(options.optimizer, { learningRate: options.learningRate })',
  });
});

const trained = paramsOf(train.adam.params);
const fs = 'sampleWords';

check('sampleWords: greedy words from three start words (rnn)', { points: 2 }, async () => {
  const got = await student.sampleWords(trained, rnn, sample.startIds, sample.maxLength);
  expectEqual(got, sample.greedy, {
    fn: fs, output: 'the greedy words', hint: 'each step: embed the PREVIOUS chosen words, one rnnStepForward from the carried h (zeros at first), argmax of h·Wvocab + bvocab',
  });
});

check('sampleWords: greedy words with the LSTM cell (h and c carried)', { points: 1 }, async () => {
  const got = await student.sampleWords(paramsOf(sample.lstmParams), lstm, sample.startIds, sample.maxLength);
  expectEqual(got, sample.lstmGreedy, { fn: fs, output: 'the greedy words (lstm)', hint: 'lstmStepForward(x, prevH, prevC, …): carry both nextH and nextC to the next step' });
});

check('sampleWords: drawn words at temperature 0.7, one rng.choice(V, p) per row and step', { points: 1 }, async () => {
  const got = await student.sampleWords(trained, rnn, sample.startIds, sample.maxLength, { rng: new RandomState(sample.seed), temperature: sample.temperature });
  expectEqual(got, sample.sampled, {
    fn: fs, output: 'the drawn words', hint: 'p = softmax(scores / temperature); at each step rows 0 … N − 1 in order, rng.choice(V, row n of p), and no other draws',
  });
});

check('sampleWords: a very low temperature draws the greedy words', { points: 1 }, async () => {
  const got = await student.sampleWords(trained, rnn, sample.startIds, sample.maxLength, { rng: new RandomState(1), temperature: 1e-3 });
  expectEqual(got, sample.greedy, {
    fn: fs, output: 'the words drawn at temperature 0.001', hint: 'divide the scores by the temperature: a small temperature sharpens softmax towards the argmax',
  });
});
