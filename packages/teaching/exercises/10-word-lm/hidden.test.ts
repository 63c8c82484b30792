/**
 * Hidden checks of exercise 10 (instructors only: not in the student copy). Other sizes (E = 5, H = 7), captions,
 * seeds, batch size and temperature, and an LSTM trained with Adam, from fixtures/hidden.json (made by
 * fixtures/make_fixtures.py with cs231n's code in numpy).
 */
import { RandomState, tensor } from '@rnnlab/core';
import type { Tensor } from '@rnnlab/core';
import { check, expectEqual, expectNumber, expectTensor, loadStudent } from '@rnnlab/teaching/check';
import type * as Exercise from './exercise';
import fixtures from './fixtures/hidden.json';

const student = await loadStudent<typeof Exercise>(import.meta.url);
const { nullId, split, loss: lossCases, accuracy: scored, train, sample } = fixtures;
const PARAMS = ['Wembed', 'Wx', 'Wh', 'b', 'Wvocab', 'bvocab'] as const;
const paramsOf = (p: Record<string, number[] | number[][]>) =>
  Object.fromEntries(PARAMS.map((k) => [k, tensor(p[k])])) as Record<(typeof PARAMS)[number], Tensor>;
const field = (o: unknown, k: string) => (o as Record<string, unknown> | undefined)?.[k];

check('inputsAndTargets on other captions', { points: 1, hidden: true }, async () => {
  const got = await student.inputsAndTargets(tensor(split.captions), nullId);
  for (const k of ['input', 'target', 'mask'] as const) expectTensor(field(got, k), tensor(split[k]), { fn: 'inputsAndTargets', output: k });
});

check('wordLmLoss with other sizes, both cells', { points: 2, hidden: true }, async () => {
  const cases = [lossCases.rnn, lossCases.lstm];
  const results = [];
  for (const c of cases) results.push(await student.wordLmLoss(paramsOf(c.params), tensor(c.captions), { cellType: c.cell as 'rnn' | 'lstm', nullId }));
  for (const [i, c] of cases.entries()) {
    const got = results[i];
    expectNumber(got?.loss, c.loss, { fn: 'wordLmLoss', output: `loss (${c.cell})` });
    expectTensor(got?.scores, tensor(c.scores), { fn: 'wordLmLoss', output: `scores (${c.cell})` });
    for (const k of PARAMS) expectTensor(field(got?.grads, k), tensor(c.grads[k]), { fn: 'wordLmLoss', output: `grads.${k} (${c.cell})` });
  }
});

check('accuracy of another trained model', { points: 1, hidden: true }, async () => {
  expectNumber(await student.accuracy(tensor(scored.scores), tensor(scored.target), tensor(scored.mask)), scored.accuracy, { fn: 'accuracy', output: 'the accuracy' });
});

check('trainNet with other seeds and batch size: Adam, SGD, and an LSTM', { points: 2, hidden: true }, async () => {
  const runs = [train.adam, train.sgd, train.lstm];
  const results = [];
  for (const run of runs) {
    results.push(await student.trainNet(paramsOf(run.init), tensor(fixtures.allCaptions), { cellType: run.cell as 'rnn' | 'lstm', nullId }, run.options as Exercise.TrainOptions));
  }
  for (const [i, run] of runs.entries()) {
    const got = results[i];
    const what = `${run.options.optimizer}, ${run.cell}`;
    expectTensor(tensor(got?.lossHistory ?? []), tensor(run.lossHistory), { fn: 'trainNet', output: `lossHistory (${what})`, rtol: 1e-6 });
    expectTensor(tensor(got?.accuracyHistory ?? []), tensor(run.accuracyHistory), { fn: 'trainNet', output: `accuracyHistory (${what})`, rtol: 1e-6 });
    for (const k of PARAMS) expectTensor(field(got?.params, k), tensor(run.params[k]), { fn: 'trainNet', output: `params.${k} (${what})`, rtol: 1e-6, atol: 1e-9 });
  }
});

check('sampleWords with other weights, seed and temperature', { points: 2, hidden: true }, async () => {
  const trained = paramsOf(train.adam.params);
  const rnn = { cellType: 'rnn' as const, nullId };
  const greedy = await student.sampleWords(trained, rnn, sample.startIds, sample.maxLength);
  const lstmGreedy = await student.sampleWords(paramsOf(sample.lstmParams), { cellType: 'lstm', nullId }, sample.startIds, sample.maxLength);
  const drawn = await student.sampleWords(trained, rnn, sample.startIds, sample.maxLength, { rng: new RandomState(sample.seed), temperature: sample.temperature });
  const atOne = await student.sampleWords(trained, rnn, sample.startIds, sample.maxLength, { rng: new RandomState(sample.seed) });
  expectEqual(greedy, sample.greedy, { fn: 'sampleWords', output: 'the greedy words' });
  expectEqual(lstmGreedy, sample.lstmGreedy, { fn: 'sampleWords', output: 'the greedy words (lstm)' });
  expectEqual(drawn, sample.sampled, { fn: 'sampleWords', output: `the drawn words (temperature ${sample.temperature})` });
  expectEqual(atOne, sample.sampledAtOne, { fn: 'sampleWords', output: 'the drawn words (default temperature 1)' });
});
