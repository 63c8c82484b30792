/**
 * Public checks of exercise 06 (the training loop). Golden values: fixtures/training_loop.json, made by
 * fixtures/make_fixtures.py running min-char-rnn.py's own loop with numpy on two small texts — one where no gradient
 * is ever clipped, one where several iterations clip — and Adagrad steps on given values. The student's loop uses
 * core's MinCharRnn (lossFun, sample), which follows numpy bit for bit, so the tolerances are tight.
 */
import { tensor } from '@rnnlab/core';
import { CheckFailure, check, expectEqual, expectNumber, expectTensor, loadStudent, tensorsOf } from '@rnnlab/teaching/check';
import type * as Exercise from './exercise';
import fixtures from './fixtures/training_loop.json';

const student = await loadStudent<typeof Exercise>(import.meta.url);
const NAMES = ['Wxh', 'Whh', 'Why', 'bh', 'by'] as const;
type Run = typeof fixtures.plain;
const train = (run: Run) => student.train(run.data, run.vocabSize, run.options);
/** A per-iteration record of train's result as a tensor, or a failure saying what it should be. */
function series(got: unknown, run: Run, output: string) {
  if (Array.isArray(got) && got.length === run.losses.length && got.every((v) => typeof v === 'number')) return tensor(got);
  const what = Array.isArray(got) ? `an array of length ${got.length}` : String(got);
  throw new CheckFailure({ fn: 'train', output, problem: `should be an array of ${run.losses.length} numbers (one per iteration), got ${what}` });
}
/** The iterations after which the data pointer went back to the start (hprev reset to zeros there). */
const resets = (run: Run) => run.positions.flatMap((p, n) => (p === 0 && n > 0 ? [n] : []));

check('adagradUpdate: mem += dθ², then θ −= learningRate·dθ / √(mem + 1e-8)', { points: 2 }, async () => {
  const c = fixtures.adagrad;
  const got = await student.adagradUpdate(tensorsOf(c.params), tensorsOf(c.grads), tensorsOf(c.memory), c.learningRate);
  for (const name of NAMES) {
    expectTensor(got.memory[name], tensor(c.updatedMemory[name]), {
      fn: 'adagradUpdate', output: `memory.${name}`, hint: 'add the elementwise square of the gradient to the memory first',
    });
  }
  for (const name of NAMES) {
    expectTensor(got.params[name], tensor(c.updated[name]), {
      fn: 'adagradUpdate', output: `params.${name}`, hint: 'then step each weight by −learningRate·dθ / √(mem + 1e-8), with the UPDATED memory',
    });
  }
});

check('adagradUpdate: zero and tiny gradients on an empty memory (the 1e-8)', { points: 1 }, async () => {
  const c = fixtures.adagradEdge;
  const got = await student.adagradUpdate(tensorsOf(c.params), tensorsOf(c.grads), tensorsOf(c.memory), c.learningRate);
  const hint = 'mem + 1e-8 inside the square root: without it a zero gradient gives 0/0 = NaN, and a tiny one a full step of learningRate';
  expectTensor(got.params.Wxh, tensor(c.updated.Wxh), { fn: 'adagradUpdate', output: 'params.Wxh (its column 1 has a zero gradient and memory)', hint });
  expectTensor(got.params.bh, tensor(c.updated.bh), { fn: 'adagradUpdate', output: 'params.bh (gradients 1e-5, −3e-5, 0 on an empty memory)', hint });
});

check('train: the data pointer moves by seqLength and goes back to 0 at the end of the data', { points: 1 }, async () => {
  const run = fixtures.plain;
  expectEqual((await train(run)).positions, run.positions, {
    fn: 'train', output: 'positions',
    hint: `p += seqLength after each chunk; before each, if p + seqLength + 1 ≥ data.length (or n = 0), p = 0. Here data.length = ${run.data.length}, seqLength = ${run.options.seqLength}`,
  });
});

check('train: the loss of every iteration (hprev carried from chunk to chunk, reset with the pointer)', { points: 2 }, async () => {
  const run = fixtures.plain;
  const got = await train(run);
  expectTensor(series(got.losses, run, 'losses'), tensor(run.losses), {
    fn: 'train', output: 'losses',
    hint: 'each chunk starts from the hprev the previous lossFun returned; at the reset (here before iterations '
      + `${resets(run).join(', ')}) hprev becomes zeros again. Before iteration n, the weights have had n Adagrad updates`,
  });
});

check('train: the smooth loss, 0.999·smoothLoss + 0.001·loss from −log(1/V)·seqLength', { points: 1 }, async () => {
  const run = fixtures.plain;
  const got = await train(run);
  expectNumber(got.smoothLosses?.[0], run.smoothLosses[0], {
    fn: 'train', output: 'smoothLosses[0]', hint: 'it starts at −log(1/V)·seqLength (the loss of a uniform guess), then smoothLoss = smoothLoss·0.999 + loss·0.001',
  });
  expectTensor(series(got.smoothLosses, run, 'smoothLosses'), tensor(run.smoothLosses), { fn: 'train', output: 'smoothLosses' });
});

check('train: the samples at the chosen iterations', { points: 1 }, async () => {
  const run = fixtures.plain;
  expectEqual((await train(run)).samples, run.samples, {
    fn: 'train', output: 'samples',
    hint: 'at each iteration n in sampleAt, before lossFun: { iter: n, ixes: model.sample(inputs[0], sampleLength, { h: hprev }) }',
  });
});

check('train: the weights and hprev after the last iteration', { points: 1 }, async () => {
  const run = fixtures.plain;
  const got = await train(run);
  for (const name of NAMES) expectTensor(got.params?.[name], tensor(run.params[name]), { fn: 'train', output: `params.${name}` });
  expectTensor(got.hprev, tensor(run.hprev), { fn: 'train', output: 'hprev', hint: 'the hidden state the last lossFun returned' });
});

check('train on a text where gradients exceed ±5: clipped before the Adagrad update', { points: 2 }, async () => {
  const run = fixtures.clipping;
  const got = await train(run);
  const clipping = run.clipped.flatMap((count, n) => (count > 0 ? [n] : []));
  const hint = `lossFun's gradients exceed ±5 at iterations ${clipping.join(', ')}: clip them to [−5, 5] (clipGradsElementwise) `
    + 'BEFORE the Adagrad update, so that neither the memory nor the step sees an unclipped gradient';
  expectTensor(series(got.losses, run, 'losses'), tensor(run.losses), { fn: 'train', output: 'losses', hint });
  for (const name of NAMES) expectTensor(got.params?.[name], tensor(run.params[name]), { fn: 'train', output: `params.${name}`, hint });
});
