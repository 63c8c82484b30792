/**
 * Public checks of exercise 09 (LSTM). Golden values: fixtures/lstm.json, made by fixtures/make_fixtures.py with
 * cs231n's rnn_layers.py and CaptioningRNN.loss (every backward also checked there against PyTorch autograd). Each
 * backward pass gets core's cache from core's forward pass; the numerical gradients are those of core's forward
 * passes and of core's TestRNN.loss.
 */
import { RandomState, TestRNN, lstmBackward, lstmForward, lstmStepBackward, lstmStepForward, scale, tensor } from '@rnnlab/core';
import type { Tensor } from '@rnnlab/core';
import { evalNumericalGradient } from '@rnnlab/core/testing';
import {
  check, expectGradient, expectGradients, expectNumber, expectOutputs, expectTensor, expectUsableCache, loadStudent, numericalGradients,
  tensorsOf,
} from '@rnnlab/teaching/check';
import type * as Exercise from './exercise';
import fixtures from './fixtures/lstm.json';

const student = await loadStudent<typeof Exercise>(import.meta.url);
/**
 * The relative error allowed against a numerical gradient through 10 LSTM steps: the centred differences' round-off
 * alone reaches ~1.4e-6 on the smallest entries of dWh with a correct backward pass; a wrong one is off by ≥ 1e-3.
 */
const ROUND_OFF = 1e-5;

const gateOrder = 'the columns of a = x·Wx + prevH·Wh + b are the gates in the order i, f, o, g: a[:, 0:H] → i, a[:, H:2H] → f, a[:, 2H:3H] → o, a[:, 3H:4H] → g';
/**
 * A backward pass's outputs in the order the checks compare them: the cell state's gradient first (it isolates dc),
 * then db, whose four slices of H name the gate whose gradient is wrong, then the rest.
 */
function inCheckingOrder<T extends Record<string, unknown>>(grads: T, first: string[]): T {
  return Object.fromEntries([...first, ...Object.keys(grads).filter((k) => !first.includes(k))].map((k) => [k, grads[k]])) as T;
}
const stepOrder = ['dprevC', 'db'];
const seqOrder = ['dc0', 'db'];

const hints: Partial<Record<string, string>> = {
  dx: 'dx = da·Wxᵀ, with da the gradients of the four gate pre-activations side by side in the order i, f, o, g',
  dprevH: 'dprevH = da·Whᵀ',
  dprevC: 'dprevC = dc ⊙ f, where dc = dnextC + dnextH ⊙ o ⊙ (1 − tanh²(nextC)) is the cell state’s total gradient',
  dWx: 'dWx = xᵀ·da, [D, 4H]',
  dWh: 'dWh = prevHᵀ·da, [H, 4H]',
  db: 'db = da summed over the batch, [4H]: its slices of H are the gates i, f, o, g, so the first wrong index says which gate’s gradient is wrong',
};

// ---- lstmStepForward ----

const step = tensorsOf(fixtures.lstmStep.inputs);

check('lstmStepForward: nextH and nextC (cs231n’s notebook check)', { points: 2 }, async () => {
  const got = await student.lstmStepForward(step.x, step.prevH, step.prevC, step.Wx, step.Wh, step.b);
  expectTensor(got?.nextC, tensor(fixtures.lstmStep.nextC), { fn: 'lstmStepForward', output: 'nextC', hint: 'nextC = f ⊙ prevC + i ⊙ g' });
  expectTensor(got.nextH, tensor(fixtures.lstmStep.nextH), { fn: 'lstmStepForward', output: 'nextH', hint: 'nextH = o ⊙ tanh(nextC)' });
});

check('lstmStepForward: the gate order i, f, o, g (only the bias: i = σ(0.5), f = σ(−1), o = σ(2), g = tanh(0.3))', { points: 1 }, async () => {
  const { biasOnly } = fixtures.lstmStep;
  const got = await student.lstmStepForward(step.x, step.prevH, step.prevC, scale(step.Wx, 0), scale(step.Wh, 0), tensor(biasOnly.b));
  expectTensor(got?.nextC, tensor(biasOnly.nextC), { fn: 'lstmStepForward', output: 'nextC with only the bias', hint: gateOrder });
  expectTensor(got.nextH, tensor(biasOnly.nextH), { fn: 'lstmStepForward', output: 'nextH with only the bias', hint: gateOrder });
});

// ---- lstmStepBackward ----

const sb = tensorsOf(fixtures.lstmStepBackward.inputs);
const stepCache = () => lstmStepForward(sb.x, sb.prevH, sb.prevC, sb.Wx, sb.Wh, sb.b).cache;
const zero = (t: Tensor) => scale(t, 0);

check('lstmStepBackward: every gradient of one step (cs231n’s notebook inputs)', { points: 2 }, async () => {
  expectOutputs(await student.lstmStepBackward(sb.dnextH, sb.dnextC, stepCache()), inCheckingOrder(fixtures.lstmStepBackward.both, stepOrder), { fn: 'lstmStepBackward', hints });
});

check('lstmStepBackward: with dnextH = 0, the cell state’s own gradient dnextC alone', { points: 1 }, async () => {
  expectOutputs(await student.lstmStepBackward(zero(sb.dnextH), sb.dnextC, stepCache()), inCheckingOrder(fixtures.lstmStepBackward.cOnly, stepOrder), {
    fn: 'lstmStepBackward', qualifier: ' (dnextH = 0)',
    hints: { dprevC: 'dnextC reaches the cell state directly: dc = dnextC + (the part through nextH, 0 here), and dprevC = dc ⊙ f' },
  });
});

check('lstmStepBackward: with dnextC = 0, the path through nextH = o ⊙ tanh(nextC) alone', { points: 1 }, async () => {
  const through = 'dc = dnextH ⊙ o ⊙ (1 − tanh²(nextC)): the derivative of tanh at nextC is 1 − (tanh nextC)², and tanhC = tanh(nextC) is in the cache';
  expectOutputs(await student.lstmStepBackward(sb.dnextH, zero(sb.dnextC), stepCache()), inCheckingOrder(fixtures.lstmStepBackward.hOnly, stepOrder), {
    fn: 'lstmStepBackward', qualifier: ' (dnextC = 0)', hints: { dprevC: through },
  });
});

check('lstmStepBackward: every gradient matches the numerical gradient of core’s lstmStepForward', { points: 1 }, async () => {
  const { dnextH, dnextC, ...inputs } = sb;
  const { x, prevH, prevC, Wx, Wh, b } = inputs;
  // Both outputs at once: Σ nextH ⊙ dnextH + Σ nextC ⊙ dnextC, as one [N, 2H] output against [dnextH dnextC].
  const forward = () => {
    const { nextH, nextC } = lstmStepForward(x, prevH, prevC, Wx, Wh, b);
    return tensor([...nextH.data, ...nextC.data]);
  };
  const numerical = numericalGradients(inputs, forward, tensor([...dnextH.data, ...dnextC.data]));
  expectGradients(await student.lstmStepBackward(dnextH, dnextC, stepCache()), numerical, { fn: 'lstmStepBackward', hints });
});

// ---- lstmForward ----

const seq = tensorsOf(fixtures.lstmForward.inputs);

check('lstmForward: every hidden state from c0 = 0 (cs231n’s notebook check)', { points: 2 }, async () => {
  const got = await student.lstmForward(seq.x, seq.h0, seq.Wx, seq.Wh, seq.b);
  expectTensor(got?.h, tensor(fixtures.lstmForward.h), {
    fn: 'lstmForward', output: 'h', hint: 'the cell state starts at zeros (when options.c0 is not given) and is carried from step to step, as the hidden state is',
  });
  expectTensor(got.c, tensor(fixtures.lstmForward.c), { fn: 'lstmForward', output: 'c' });
});

check('lstmForward: from a given initial cell state c0', { points: 1 }, async () => {
  const got = await student.lstmForward(seq.x, seq.h0, seq.Wx, seq.Wh, seq.b, { c0: seq.c0 });
  expectTensor(got?.c, tensor(fixtures.lstmForward.withC0.c), { fn: 'lstmForward', output: 'c with options.c0', hint: 'step 0 reads prevC = options.c0' });
  expectTensor(got.h, tensor(fixtures.lstmForward.withC0.h), { fn: 'lstmForward', output: 'h with options.c0' });
});

// ---- lstmBackward ----

const bb = tensorsOf(fixtures.lstmBackward.inputs);
const seqCache = (c0?: Tensor) => lstmForward(bb.x, bb.h0, bb.Wx, bb.Wh, bb.b, { c0 }).cache;
const throughTime = 'going back from step t + 1, both dprevH (added to dh[:, t, :]) and dprevC (the next dnextC) reach step t';

check('lstmBackward: every gradient over 10 steps (cs231n’s notebook inputs)', { points: 2 }, async () => {
  const got = await student.lstmBackward(bb.dh, seqCache());
  expectOutputs(got, inCheckingOrder(fixtures.lstmBackward.all, seqOrder), { fn: 'lstmBackward', hints: { dc0: throughTime, dx: throughTime, dWx: 'the weight gradients add up over the time steps' } });
});

check('lstmBackward: a gradient at the last step only reaches every earlier step (through h and c)', { points: 1 }, async () => {
  expectOutputs(await student.lstmBackward(bb.dhLast, seqCache()), inCheckingOrder(fixtures.lstmBackward.last, seqOrder), {
    fn: 'lstmBackward', qualifier: ' (dh zero except at the last step)', hints: { dx: throughTime, dh0: throughTime, dc0: throughTime },
  });
});

check('lstmBackward: with an initial cell state c0 and an upstream gradient dcT of the last cell state', { points: 1 }, async () => {
  const { h: _h, c: _c, ...grads } = fixtures.lstmBackward.withC0;
  expectOutputs(await student.lstmBackward(bb.dh, seqCache(bb.c0), { dcT: bb.dcT }), inCheckingOrder(grads, seqOrder), {
    fn: 'lstmBackward', qualifier: ' (with c0 and dcT)', hints: { dc0: 'options.dcT is the dnextC of the last step (zeros when not given); dc0 is the dprevC of step 0' },
  });
});

check('lstmBackward: every gradient matches the numerical gradient of core’s lstmForward', { points: 1 }, async () => {
  const { x, h0, Wx, Wh, b, dh } = bb;
  const numerical = numericalGradients({ x, h0, Wx, Wh, b }, () => lstmForward(x, h0, Wx, Wh, b).h, dh);
  expectGradients(await student.lstmBackward(dh, seqCache()), numerical, { fn: 'lstmBackward', tolerance: ROUND_OFF });
});

// ---- the caches ----

// Core's caches also record the precision its kernels ran in; the exercise's forward passes run in float64.
check('lstmStepForward and lstmForward: core’s backward passes work on their caches', { points: 1 }, async () => {
  const mine = await student.lstmStepForward(sb.x, sb.prevH, sb.prevC, sb.Wx, sb.Wh, sb.b);
  expectUsableCache('lstmStepForward', () => lstmStepBackward(sb.dnextH, sb.dnextC, { ...mine.cache, precision: 'float64' }), lstmStepBackward(sb.dnextH, sb.dnextC, stepCache()));
  const whole = await student.lstmForward(bb.x, bb.h0, bb.Wx, bb.Wh, bb.b, { c0: bb.c0 });
  expectUsableCache('lstmForward', () => lstmBackward(bb.dh, { ...whole.cache, precision: 'float64' }, { dcT: bb.dcT }), lstmBackward(bb.dh, seqCache(bb.c0), { dcT: bb.dcT }));
});

// ---- testRnnLoss: the LSTM in a TestRNN-like model ----

const { model } = fixtures;
const data = tensorsOf(model.inputs);
const paramsOf = (cell: 'lstm' | 'rnn') => tensorsOf(model[cell].params) as Exercise.TestRnnParams;
const wiring = 'forward: wordEmbeddingForward → the cell from h0 → temporalAffineForward → temporalSoftmaxLoss(scores, y, mask); then the backward passes in the opposite order';

check('testRnnLoss (lstm): the loss with a mask and h0', { points: 1 }, async () => {
  const got = await student.testRnnLoss(paramsOf('lstm'), data.x, data.y, { cellType: 'lstm', mask: data.mask, h0: data.h0 });
  expectNumber(got?.loss, model.lstm.given.loss, { fn: 'testRnnLoss', output: 'the loss (lstm)', hint: wiring });
});

check('testRnnLoss (lstm): the gradient of every parameter', { points: 2 }, async () => {
  const got = await student.testRnnLoss(paramsOf('lstm'), data.x, data.y, { cellType: 'lstm', mask: data.mask, h0: data.h0 });
  expectOutputs(got?.grads, model.lstm.given.grads, {
    fn: 'testRnnLoss', qualifier: ' (lstm)',
    hints: { 'embed.W': 'the embedding’s gradient comes from the cell’s dx', 'cell.Wx': 'the cell’s backward pass gets the temporal affine layer’s dx' },
  });
});

check('testRnnLoss (rnn): the loss and gradients with the vanilla RNN cell', { points: 1 }, async () => {
  const got = await student.testRnnLoss(paramsOf('rnn'), data.x, data.y, { cellType: 'rnn', mask: data.mask, h0: data.h0 });
  expectNumber(got?.loss, model.rnn.given.loss, { fn: 'testRnnLoss', output: 'the loss (rnn)', hint: "cellType 'rnn': rnnForward / rnnBackward (tanh)" });
  expectOutputs(got.grads, model.rnn.given.grads, { fn: 'testRnnLoss', qualifier: ' (rnn)' });
});

check('testRnnLoss: without mask and h0, every step counts and h0 = 0', { points: 1 }, async () => {
  const got = await student.testRnnLoss(paramsOf('lstm'), data.x, data.y, { cellType: 'lstm' });
  expectNumber(got?.loss, model.lstm.defaults.loss, { fn: 'testRnnLoss', output: 'the loss without mask and h0', hint: 'no mask: every step counts; no h0: zeros [N, H]' });
  expectOutputs(got.grads, model.lstm.defaults.grads, { fn: 'testRnnLoss', qualifier: ' (no mask, no h0)' });
});

check('testRnnLoss (lstm): every gradient matches the numerical gradient of core’s TestRNN.loss', { points: 1 }, async () => {
  const params = paramsOf('lstm');
  const [V, E] = params['embed.W'].shape;
  const [H, M] = params['out.w'].shape;
  const net = new TestRNN({ input: { type: 'embedding', vocabSize: V, dim: E }, cell: 'lstm', hiddenSize: H, outputSize: M }, new RandomState(0));
  for (const [name, p] of Object.entries(params)) net.params[name].data.set(p.data);
  const loss = () => net.loss(data.x, data.y, data.mask, data.h0).loss;
  const got = await student.testRnnLoss(params, data.x, data.y, { cellType: 'lstm', mask: data.mask, h0: data.h0 });
  for (const name of Object.keys(params)) {
    const numerical = evalNumericalGradient(loss, net.params[name]);
    expectGradient(got?.grads?.[name as keyof Exercise.TestRnnParams], numerical, { fn: 'testRnnLoss', output: `grads['${name}']`, tolerance: ROUND_OFF });
  }
});
