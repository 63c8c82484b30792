/**
 * Public checks of exercise 07 (gradient check). Golden values: fixtures/gradient_check.json, made by
 * fixtures/make_fixtures.py with cs231n's gradient_check.py and Karpathy's grad-check.py. The functions the student's
 * code differentiates travel as childFunction sources (./checks-support.ts), the same functions the script differentiates.
 */
import { RandomState, tensor } from '@rnnlab/core';
import { check, expectEqual, expectNumber, expectTensor, loadStudent } from '@rnnlab/teaching/check';
import type * as Exercise from './exercise';
import fixtures from './fixtures/gradient_check.json';
import { expectRows, lossFunctions, paramsOf, scalarFunctions, tensorFunctions } from './checks-support';

const student = await loadStudent<typeof Exercise>(import.meta.url);
const { scalar, scalarLargeStep, coupled, array, identity, sparse } = fixtures;
const loss = lossFunctions(sparse);
const params = () => paramsOf(sparse);

check('evalNumericalGradient: centred differences of Σ tanh(x)·x²', { points: 2 }, async () => {
  expectTensor(await student.evalNumericalGradient(scalarFunctions.tanhCubic, tensor(scalar.x)), tensor(scalar.grad), {
    fn: 'evalNumericalGradient', output: 'the gradient', rtol: 1e-7, atol: 1e-8,
    hint: 'grad[i] = (f(x + h·e_i) − f(x − h·e_i)) / 2h with h = 1e-5 by default: move x.data[i], call f(x), put it back',
  });
});

check('evalNumericalGradient: uses the step h it is given (h = 0.01)', { points: 1 }, async () => {
  const got = await student.evalNumericalGradient(scalarFunctions.tanhCubic, tensor(scalarLargeStep.x), scalarLargeStep.h);
  expectTensor(got, tensor(scalarLargeStep.grad), {
    fn: 'evalNumericalGradient', output: 'the gradient with h = 0.01', rtol: 1e-7, atol: 1e-8,
    hint: 'with a large h the difference between a centred (x ± h, divided by 2h) and a one-sided difference is plain to see',
  });
});

check('evalNumericalGradient: x is restored after each element (f couples all elements)', { points: 1 }, async () => {
  const got = await student.evalNumericalGradient(scalarFunctions.coupled, tensor(coupled.x), coupled.h);
  expectTensor(got, tensor(coupled.grad), {
    fn: 'evalNumericalGradient', output: 'the gradient of tanh(Σx)·Σx² (h = 0.001)', rtol: 1e-7, atol: 1e-8,
    hint: 'after f(x − h·e_i), set x.data[i] back to its old value: otherwise every later element is measured at a moved point',
  });
});

check('evalNumericalGradientArray: Σ tanh(x·W) ⊙ df', { points: 2 }, async () => {
  const got = await student.evalNumericalGradientArray(tensorFunctions.affineTanh, tensor(array.x), tensor(array.df));
  expectTensor(got, tensor(array.grad), {
    fn: 'evalNumericalGradientArray', output: 'the gradient', rtol: 1e-7, atol: 1e-8,
    hint: 'grad[i] = Σ_j (f(x + h·e_i)_j − f(x − h·e_i)_j)·df_j / 2h: weight every output by its upstream gradient df',
  });
});

check('evalNumericalGradientArray: f may return x itself (copy f(x + h·e_i))', { points: 1 }, async () => {
  const got = await student.evalNumericalGradientArray(tensorFunctions.identity, tensor(identity.x), tensor(identity.df));
  expectTensor(got, tensor(identity.grad), {
    fn: 'evalNumericalGradientArray', output: 'the gradient of f(x) = x (which is df)', rtol: 1e-7, atol: 1e-8,
    hint: 'f(x) may be x itself: moving x to x − h·e_i then changes the f(x + h·e_i) you kept; keep a copy (cs231n: pos = f(x).copy())',
  });
});

check('relError: cs231n’s max |a − b| / max(1e-8, |a| + |b|)', { points: 1 }, async () => {
  const { dense, signs } = fixtures.relError;
  expectNumber(await student.relError(tensor(dense.a), tensor(dense.b)), dense.error, {
    fn: 'relError', output: 'the relative error', hint: 'the largest elementwise |a − b| / max(1e-8, |a| + |b|) (not the mean)',
  });
  expectNumber(await student.relError(tensor(signs.a), tensor(signs.b)), signs.error, {
    fn: 'relError', output: 'the relative error of [0.3, 1, −2] and [−0.1, 1, −2.5]',
    hint: 'the denominator is |a| + |b|, not |a + b|: entries of opposite signs give 1, the largest possible error',
  });
});

check('relError: 0 for two zeros, and tiny values measured against 1e-8', { points: 1 }, async () => {
  const { tiny } = fixtures.relError;
  expectNumber(await student.relError(tensor(tiny.a), tensor(tiny.b)), tiny.error, {
    fn: 'relError', output: 'the relative error of [[0, 1e-9, 2], [0, -3e-9, 1]] and [[0, 0, 2], [0, 1e-9, 1]]',
    hint: 'divide by max(1e-8, |a| + |b|): 0 / 0 is NaN, and a gradient of 1e-9 against 0 is not "100% wrong"',
  });
});

check('gradCheckRelError: grad-check.py’s |a − n| / |n + a|', { points: 1 }, async () => {
  for (const { analytic, numerical, error } of fixtures.relError.karpathy) {
    expectNumber(await student.gradCheckRelError(analytic, numerical), error, {
      fn: 'gradCheckRelError', output: `gradCheckRelError(${analytic}, ${numerical})`, hint: 'abs(grad_analytic - grad_numerical) / abs(grad_numerical + grad_analytic)',
    });
  }
});

check('sparseGradCheck: picks the entries numpy picks (Math.floor(rng.uniform(0, size)))', { points: 2 }, async () => {
  const { seed, rows } = sparse.unclipped;
  const got = await student.sparseGradCheck({ params: params(), loss: loss.unclipped, rng: new RandomState(seed) });
  expectEqual(got.rows.map((r) => [r.param, r.index]), rows.map((r) => [r.param, r.index]), {
    fn: 'sparseGradCheck', output: 'the [param, index] of each row',
    hint: 'parameter by parameter in key order, 10 entries each, index = Math.floor(rng.uniform(0, p.size)) — no other draw',
  });
});

check('sparseGradCheck: numerical and analytic gradients of min-char-rnn’s loss', { points: 2 }, async () => {
  const { seed, rows } = sparse.unclipped;
  const got = await student.sparseGradCheck({ params: params(), loss: loss.unclipped, rng: new RandomState(seed) });
  expectRows(got, rows, { numerical: true, analytic: true });
});

check('sparseGradCheck: relative errors of each row and their maximum (an entry with gradient 0 has error 0)', { points: 1 }, async () => {
  const { seed, rows } = sparse.unclipped;
  const got = await student.sparseGradCheck({ params: params(), loss: loss.unclipped, rng: new RandomState(seed) });
  expectRows(got, rows, { relError: true });
});

check('sparseGradCheck: numChecks and delta as given (3 entries, δ = 0.01)', { points: 1 }, async () => {
  const { seed, rows, numChecks, delta } = sparse.fewLargeDelta;
  const got = await student.sparseGradCheck({ params: params(), loss: loss.unclipped, rng: new RandomState(seed), numChecks, delta });
  expectRows(got, rows, { numerical: true, analytic: true, relError: true });
});

check('sparseGradCheck: a clipped gradient fails the check where it was clipped', { points: 2 }, async () => {
  const { seed, rows } = sparse.clipped;
  const got = await student.sparseGradCheck({ params: params(), loss: loss.clipped, rng: new RandomState(seed) });
  expectRows(got, rows, { numerical: true, analytic: true, relError: true });
});
