/**
 * Public checks of exercise 08 (RNN layers). Golden values: fixtures/rnn_layers.json, made by fixtures/make_fixtures.py
 * with cs231n's rnn_layers.py (every backward also checked there against PyTorch autograd). Each backward pass gets
 * core's cache from core's forward pass, so a mistake in a forward pass never shows as one in a backward pass; the
 * numerical gradients are those of core's forward passes.
 */
import {
  RandomState, rnnBackward, rnnForward, rnnStepBackward, rnnStepForward, scale, temporalAffineBackward, temporalAffineForward,
  temporalSoftmaxLoss, tensor, wordEmbeddingBackward, wordEmbeddingForward,
} from '@rnnlab/core';
import type { Tensor } from '@rnnlab/core';
import { evalNumericalGradient, randomIds } from '@rnnlab/core/testing';
import {
  check, expectGradient, expectGradients, expectNumber, expectOutputs, expectTensor, expectUsableCache, loadStudent, numericalGradients, tensorsOf,
} from '@rnnlab/teaching/check';
import type * as Exercise from './exercise';
import fixtures from './fixtures/rnn_layers.json';

const student = await loadStudent<typeof Exercise>(import.meta.url);

const rnnHints: Partial<Record<string, string>> = {
  dx: 'dx = da·Wxᵀ with da = dnextH ⊙ act′ (the gradient of the pre-activation)',
  dprevH: 'dprevH = da·Whᵀ',
  dh0: 'dh0 is the gradient that flows out of step 0 into h0: da_0·Whᵀ',
  dWx: 'dWx = xᵀ·da, [D, H]',
  dWh: 'dWh = prevHᵀ·da, [H, H] (h_{t−1}, not h_t; and not its transpose daᵀ·prevH)',
  db: 'db = da summed over the batch (rows), [H]',
};
const slopeHint = 'act′ from the output h: tanh′ = 1 − h², sigmoid′ = h·(1 − h)';

// ---- rnnStepForward ----

const step = tensorsOf(fixtures.rnnStep.inputs);

check('rnnStepForward: nextH = tanh(x·Wx + prevH·Wh + b) (cs231n’s notebook check)', { points: 2 }, async () => {
  const got = await student.rnnStepForward(step.x, step.prevH, step.Wx, step.Wh, step.b);
  expectTensor(got?.nextH, tensor(fixtures.rnnStep.tanh), { fn: 'rnnStepForward', output: 'nextH', hint: 'x [N, D]·Wx [D, H] + prevH [N, H]·Wh [H, H] + b, then tanh; tanh is the default' });
});

check('rnnStepForward: each term of the sum on its own (the other two zero)', { points: 1 }, async () => {
  const { terms } = fixtures.rnnStep;
  const zero = (t: Tensor) => scale(t, 0);
  const only = async (x: Tensor, prevH: Tensor, b: Tensor) => (await student.rnnStepForward(x, prevH, step.Wx, step.Wh, b))?.nextH;
  expectTensor(await only(step.x, zero(step.prevH), zero(step.b)), tensor(terms.input), { fn: 'rnnStepForward', output: 'nextH with prevH = 0 and b = 0 (only x·Wx)' });
  expectTensor(await only(zero(step.x), step.prevH, zero(step.b)), tensor(terms.recurrent), {
    fn: 'rnnStepForward', output: 'nextH with x = 0 and b = 0 (only prevH·Wh)', hint: 'batch-major: prevH [N, H] times Wh [H, H], in that order',
  });
  expectTensor(await only(zero(step.x), zero(step.prevH), step.b), tensor(terms.bias), { fn: 'rnnStepForward', output: 'nextH with x = 0 and prevH = 0 (only b)' });
});

check('rnnStepForward: the sigmoid variant', { points: 1 }, async () => {
  const got = await student.rnnStepForward(step.x, step.prevH, step.Wx, step.Wh, step.b, { activation: 'sigmoid' });
  expectTensor(got?.nextH, tensor(fixtures.rnnStep.sigmoid), { fn: 'rnnStepForward', output: 'nextH with activation sigmoid', hint: 'sigmoid(a) = 1 / (1 + e^−a)' });
});

// ---- rnnStepBackward ----

const sb = tensorsOf(fixtures.rnnStepBackward.inputs);
const stepCache = (activation: 'tanh' | 'sigmoid') => rnnStepForward(sb.x, sb.prevH, sb.Wx, sb.Wh, sb.b, { activation }).cache;
const stepGrads = ({ nextH: _, ...grads }: typeof fixtures.rnnStepBackward.tanh) => grads;

check('rnnStepBackward: dx, dprevH, dWx, dWh, db of a tanh step (cs231n’s notebook inputs)', { points: 2 }, async () => {
  const got = await student.rnnStepBackward(sb.dnextH, stepCache('tanh'));
  expectOutputs(got, stepGrads(fixtures.rnnStepBackward.tanh), { fn: 'rnnStepBackward', hints: { ...rnnHints, dx: `${rnnHints.dx}; ${slopeHint}` } });
});

check('rnnStepBackward: every gradient matches the numerical gradient of core’s rnnStepForward', { points: 1 }, async () => {
  const { dnextH, ...inputs } = sb;
  const numerical = numericalGradients(inputs, () => rnnStepForward(inputs.x, inputs.prevH, inputs.Wx, inputs.Wh, inputs.b).nextH, dnextH);
  expectGradients(await student.rnnStepBackward(dnextH, stepCache('tanh')), numerical, { fn: 'rnnStepBackward', hints: rnnHints });
});

check('rnnStepBackward: the sigmoid variant (σ′ = h·(1 − h))', { points: 1 }, async () => {
  const got = await student.rnnStepBackward(sb.dnextH, stepCache('sigmoid'));
  expectOutputs(got, stepGrads(fixtures.rnnStepBackward.sigmoid), { fn: 'rnnStepBackward', hints: { dx: slopeHint, dWx: slopeHint }, qualifier: ' (sigmoid)' });
});

// ---- rnnForward ----

const seq = tensorsOf(fixtures.rnnForward.inputs);

check('rnnForward: every hidden state of a tanh RNN (cs231n’s notebook check)', { points: 2 }, async () => {
  const got = await student.rnnForward(seq.x, seq.h0, seq.Wx, seq.Wh, seq.b);
  expectTensor(got?.h, tensor(fixtures.rnnForward.tanh), {
    fn: 'rnnForward', output: 'h', hint: 'step t reads x[:, t, :] and the hidden state of step t − 1 (h0 for t = 0); h[:, t, :] is its output',
  });
});

check('rnnForward: the sigmoid variant', { points: 1 }, async () => {
  const got = await student.rnnForward(seq.x, seq.h0, seq.Wx, seq.Wh, seq.b, { activation: 'sigmoid' });
  expectTensor(got?.h, tensor(fixtures.rnnForward.sigmoid), { fn: 'rnnForward', output: 'h with activation sigmoid', hint: 'pass the options on to every step' });
});

// ---- rnnBackward ----

const bb = tensorsOf(fixtures.rnnBackward.inputs);
const seqCache = (activation: 'tanh' | 'sigmoid') => rnnForward(bb.x, bb.h0, bb.Wx, bb.Wh, bb.b, { activation }).cache;
const throughTime = 'dh_t is dh[:, t, :] plus the dprevH of step t + 1; go from the last step to the first';

check('rnnBackward: dx, dh0, dWx, dWh, db over 10 steps (cs231n’s notebook inputs)', { points: 2 }, async () => {
  const got = await student.rnnBackward(bb.dh, seqCache('tanh'));
  expectOutputs(got, fixtures.rnnBackward.tanh.all, { fn: 'rnnBackward', hints: { ...rnnHints, dx: throughTime, dWx: 'the weight gradients add up over the time steps' } });
});

check('rnnBackward: a gradient at the last step only reaches every earlier step (through time)', { points: 1 }, async () => {
  const got = await student.rnnBackward(bb.dhLast, seqCache('tanh'));
  expectOutputs(got, fixtures.rnnBackward.tanh.last, { fn: 'rnnBackward', hints: { dx: throughTime, dh0: throughTime }, qualifier: ' (dh zero except at the last step)' });
});

check('rnnBackward: a gradient at the first step only', { points: 1 }, async () => {
  const got = await student.rnnBackward(bb.dhFirst, seqCache('tanh'));
  expectOutputs(got, fixtures.rnnBackward.tanh.first, { fn: 'rnnBackward', hints: { dWh: 'step 0 multiplies h0 by Wh: dWh = h0ᵀ·da_0' }, qualifier: ' (dh zero except at step 0)' });
});

check('rnnBackward: every gradient matches the numerical gradient of core’s rnnForward', { points: 1 }, async () => {
  const { dh, dhLast: _l, dhFirst: _f, ...inputs } = bb;
  const numerical = numericalGradients(inputs, () => rnnForward(inputs.x, inputs.h0, inputs.Wx, inputs.Wh, inputs.b).h, dh);
  expectGradients(await student.rnnBackward(dh, seqCache('tanh')), numerical, { fn: 'rnnBackward', hints: rnnHints });
});

check('rnnBackward: the sigmoid variant', { points: 1 }, async () => {
  const got = await student.rnnBackward(bb.dh, seqCache('sigmoid'));
  expectOutputs(got, fixtures.rnnBackward.sigmoid.all, { fn: 'rnnBackward', hints: { dx: slopeHint }, qualifier: ' (sigmoid)' });
});

// ---- the caches ----

// Core's caches also record the precision its kernels ran in; the exercise's forward passes run in float64. Without
// options the cache must say 'tanh', which core's backward passes read.
check('rnnStepForward and rnnForward: core’s backward passes work on their caches', { points: 1 }, async () => {
  const mine = await student.rnnStepForward(sb.x, sb.prevH, sb.Wx, sb.Wh, sb.b, { activation: 'sigmoid' });
  const mineTanh = await student.rnnStepForward(sb.x, sb.prevH, sb.Wx, sb.Wh, sb.b);
  const whole = await student.rnnForward(bb.x, bb.h0, bb.Wx, bb.Wh, bb.b, { activation: 'sigmoid' });
  const wholeTanh = await student.rnnForward(bb.x, bb.h0, bb.Wx, bb.Wh, bb.b);
  expectUsableCache('rnnStepForward', () => rnnStepBackward(sb.dnextH, { ...mine.cache, precision: 'float64' }), rnnStepBackward(sb.dnextH, stepCache('sigmoid')));
  expectUsableCache('rnnStepForward', () => rnnStepBackward(sb.dnextH, { ...mineTanh.cache, precision: 'float64' }), rnnStepBackward(sb.dnextH, stepCache('tanh')));
  expectUsableCache('rnnForward', () => rnnBackward(bb.dh, { ...whole.cache, precision: 'float64' }), rnnBackward(bb.dh, seqCache('sigmoid')));
  expectUsableCache('rnnForward', () => rnnBackward(bb.dh, { ...wholeTanh.cache, precision: 'float64' }), rnnBackward(bb.dh, seqCache('tanh')));
});

// ---- word embedding ----

check('wordEmbeddingForward: out[n, t, :] = W[x[n, t], :] (cs231n’s notebook check)', { points: 1 }, async () => {
  const { x, W } = tensorsOf(fixtures.embedding.inputs);
  const got = await student.wordEmbeddingForward(x, W);
  expectTensor(got?.out, tensor(fixtures.embedding.out), { fn: 'wordEmbeddingForward', output: 'out', hint: 'row x[n, t] of W, for every n and t: [N, T, D]' });
});

check('wordEmbeddingBackward: an id used several times collects all its gradients', { points: 2 }, async () => {
  const { x, W, dout } = tensorsOf(fixtures.embeddingRepeats.inputs);
  const got = await student.wordEmbeddingBackward(dout, wordEmbeddingForward(x, W).cache);
  expectTensor(got?.dW, tensor(fixtures.embeddingRepeats.dW), {
    fn: 'wordEmbeddingBackward', output: 'dW', hint: 'add dout[n, t, :] into row x[n, t] (np.add.at): id 1 appears 5 times here, and its row is the sum of its 5 gradients',
  });
});

check('wordEmbeddingBackward: dW matches the numerical gradient of core’s wordEmbeddingForward', { points: 1 }, async () => {
  const { x, W, dout } = tensorsOf(fixtures.embeddingRepeats.inputs);
  const numerical = numericalGradients({ W }, () => wordEmbeddingForward(x, W).out, dout);
  expectGradients(await student.wordEmbeddingBackward(dout, wordEmbeddingForward(x, W).cache), numerical, { fn: 'wordEmbeddingBackward' });
});

// ---- temporal affine ----

const affine = tensorsOf(fixtures.affine.inputs);
const affineCache = () => temporalAffineForward(affine.x, affine.w, affine.b).cache;

check('temporalAffineForward: out[n, t, :] = x[n, t, :]·w + b', { points: 1 }, async () => {
  const got = await student.temporalAffineForward(affine.x, affine.w, affine.b);
  expectTensor(got?.out, tensor(fixtures.affine.out), { fn: 'temporalAffineForward', output: 'out', hint: 'reshape x to [N·T, D], multiply by w [D, M], add b, reshape to [N, T, M]' });
});

check('temporalAffineBackward: dx, dw, db', { points: 1 }, async () => {
  const { dx, dw, db } = fixtures.affine;
  expectOutputs(await student.temporalAffineBackward(affine.dout, affineCache()), { dx, dw, db }, {
    fn: 'temporalAffineBackward',
    hints: { dx: 'dx = dout·wᵀ', dw: 'dw = xᵀ·dout with x and dout as [N·T, ·] matrices: [D, M]', db: 'db = dout summed over n and t: [M]' },
  });
});

check('temporalAffineBackward: matches the numerical gradient of core’s temporalAffineForward', { points: 1 }, async () => {
  const { dout, ...inputs } = affine;
  const numerical = numericalGradients(inputs, () => temporalAffineForward(inputs.x, inputs.w, inputs.b).out, dout);
  expectGradients(await student.temporalAffineBackward(dout, affineCache()), numerical, { fn: 'temporalAffineBackward' });
});

check('wordEmbeddingForward and temporalAffineForward: core’s backward passes work on their caches', { points: 1 }, async () => {
  const { x, W, dout } = tensorsOf(fixtures.embeddingRepeats.inputs);
  const embedded = await student.wordEmbeddingForward(x, W);
  expectUsableCache('wordEmbeddingForward', () => wordEmbeddingBackward(dout, embedded.cache), wordEmbeddingBackward(dout, wordEmbeddingForward(x, W).cache));
  const projected = await student.temporalAffineForward(affine.x, affine.w, affine.b);
  expectUsableCache('temporalAffineForward', () => temporalAffineBackward(affine.dout, projected.cache), temporalAffineBackward(affine.dout, affineCache()));
});

// ---- temporal softmax loss ----

const lossHint = 'loss = −(1/N) Σ_{n,t} mask[n, t]·log p[n, t, y[n, t]]: summed over time, divided by the batch size N only';

check('temporalSoftmaxLoss: loss and dx without a mask', { points: 1 }, async () => {
  const { x, y } = tensorsOf(fixtures.softmax.inputs);
  const got = await student.temporalSoftmaxLoss(x, y);
  expectNumber(got?.loss, fixtures.softmax.lossNoMask, { fn: 'temporalSoftmaxLoss', output: 'the loss (no mask)', hint: lossHint });
  expectTensor(got.dx, tensor(fixtures.softmax.dxNoMask), { fn: 'temporalSoftmaxLoss', output: 'dx (no mask)', hint: 'dx = (softmax(x) − onehot(y)) / N at every step' });
});

check('temporalSoftmaxLoss: masked steps add nothing to the loss or the gradient', { points: 2 }, async () => {
  const { x, y, mask } = tensorsOf(fixtures.softmax.inputs);
  const got = await student.temporalSoftmaxLoss(x, y, mask);
  expectNumber(got?.loss, fixtures.softmax.loss, { fn: 'temporalSoftmaxLoss', output: 'the loss with a mask', hint: 'a step whose mask is 0 is padding: leave it out of the sum' });
  expectTensor(got.dx, tensor(fixtures.softmax.dx), { fn: 'temporalSoftmaxLoss', output: 'dx with a mask', hint: 'dx at a masked step is 0; elsewhere (softmax(x) − onehot(y)) / N' });
});

check('temporalSoftmaxLoss: about T·log V for near-uniform scores (cs231n’s check_loss, N = 100, T = 10, V = 10)', { points: 1 }, async () => {
  const { seed, N, T, V, loss } = fixtures.checkLoss;
  const rng = new RandomState(seed);
  const x = scale(rng.randn(N, T, V) as Tensor, 0.001); // numpy: 0.001 * np.random.randn(N, T, V)
  const y = randomIds(rng, N, T, V); // then np.random.randint(V, size=(N, T))
  const got = await student.temporalSoftmaxLoss(x, y);
  expectNumber(got?.loss, loss, { fn: 'temporalSoftmaxLoss', output: 'the loss of near-uniform scores', hint: `each step costs log V = ${Math.log(V).toFixed(2)}; summed over T = ${T} steps and averaged over the batch it is ≈ ${(T * Math.log(V)).toFixed(1)}` });
});

check('temporalSoftmaxLoss: scores near 1000, or 720 apart in a row, do not overflow', { points: 1 }, async () => {
  const hint = 'exp(1000) is Infinity: subtract each row’s maximum before exp, and take log p[y] as x[y] − max − log Σ exp(x − max)';
  const cases = [[fixtures.softmaxLarge, 'scores near 1000'], [fixtures.softmaxSpread, 'scores 720 apart in a row']] as const;
  const results: Awaited<ReturnType<typeof student.temporalSoftmaxLoss>>[] = [];
  for (const [fixture] of cases) {
    const { x, y, mask } = tensorsOf(fixture.inputs);
    results.push(await student.temporalSoftmaxLoss(x, y, mask));
  }
  cases.forEach(([fixture, scores], i) => {
    expectNumber(results[i]?.loss, fixture.loss, { fn: 'temporalSoftmaxLoss', output: `the loss of ${scores}`, hint });
    expectTensor(results[i].dx, tensor(fixture.dx), { fn: 'temporalSoftmaxLoss', output: `dx of ${scores}`, hint });
  });
});

check('temporalSoftmaxLoss: dx matches the numerical gradient of core’s loss', { points: 1 }, async () => {
  const { x, y, mask } = tensorsOf(fixtures.softmax.inputs);
  const numerical = evalNumericalGradient(() => temporalSoftmaxLoss(x, y, mask).loss, x);
  expectGradient((await student.temporalSoftmaxLoss(x, y, mask))?.dx, numerical, { fn: 'temporalSoftmaxLoss', output: 'dx', hint: 'dx is the gradient of the loss you return: the same mask and the same 1/N' });
});
