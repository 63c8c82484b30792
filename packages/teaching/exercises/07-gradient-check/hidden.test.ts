/**
 * Hidden checks of exercise 07 (instructors only: not in the student copy). Other shapes, other seeds and another
 * min-char-rnn (V = 6, H = 3, T = 10), from fixtures/hidden.json (made by fixtures/make_fixtures.py).
 */
import { RandomState, tensor } from '@rnnlab/core';
import { check, expectNumber, expectTensor, loadStudent } from '@rnnlab/teaching/check';
import type * as Exercise from './exercise';
import fixtures from './fixtures/hidden.json';
import { expectRows, lossFunctions, paramsOf, scalarFunctions, tensorFunctions } from './checks-support';

const student = await loadStudent<typeof Exercise>(import.meta.url);
const { scalar, scalarLargeStep, coupled, array, identity, sparse } = fixtures;
const loss = lossFunctions(sparse);
const tolerance = { rtol: 1e-7, atol: 1e-8 };

check('evalNumericalGradient on other shapes and steps', { points: 2, hidden: true }, async () => {
  const fn = 'evalNumericalGradient';
  expectTensor(await student.evalNumericalGradient(scalarFunctions.tanhCubic, tensor(scalar.x)), tensor(scalar.grad), { fn, output: 'the gradient', ...tolerance });
  const large = await student.evalNumericalGradient(scalarFunctions.tanhCubic, tensor(scalarLargeStep.x), scalarLargeStep.h);
  expectTensor(large, tensor(scalarLargeStep.grad), { fn, output: 'the gradient with h = 0.01', ...tolerance });
  const both = await student.evalNumericalGradient(scalarFunctions.coupled, tensor(coupled.x), coupled.h);
  expectTensor(both, tensor(coupled.grad), { fn, output: 'the gradient of a coupled f', ...tolerance });
});

check('evalNumericalGradientArray on other shapes', { points: 2, hidden: true }, async () => {
  const fn = 'evalNumericalGradientArray';
  const got = await student.evalNumericalGradientArray(tensorFunctions.affineTanh, tensor(array.x), tensor(array.df));
  expectTensor(got, tensor(array.grad), { fn, output: 'the gradient', ...tolerance });
  const same = await student.evalNumericalGradientArray(tensorFunctions.identity, tensor(identity.x), tensor(identity.df));
  expectTensor(same, tensor(identity.grad), { fn, output: 'the gradient of f(x) = x', ...tolerance });
});

check('relError of other tensors', { points: 1, hidden: true }, async () => {
  const { dense, tiny, signs } = fixtures.relError;
  expectNumber(await student.relError(tensor(signs.a), tensor(signs.b)), signs.error, { fn: 'relError', output: 'the relative error of opposite signs' });
  expectNumber(await student.relError(tensor(dense.a), tensor(dense.b)), dense.error, { fn: 'relError', output: 'the relative error' });
  expectNumber(await student.relError(tensor(tiny.a), tensor(tiny.b)), tiny.error, { fn: 'relError', output: 'the relative error of tiny values' });
});

check('sparseGradCheck of another min-char-rnn, unclipped and clipped', { points: 3, hidden: true }, async () => {
  const all = { numerical: true, analytic: true, relError: true };
  for (const [name, fixture] of [['unclipped', sparse.unclipped], ['clipped', sparse.clipped]] as const) {
    const got = await student.sparseGradCheck({ params: paramsOf(sparse), loss: loss[name], rng: new RandomState(fixture.seed) });
    expectRows(got, fixture.rows, all);
  }
  const { seed, numChecks, delta, rows } = sparse.fewLargeDelta;
  expectRows(await student.sparseGradCheck({ params: paramsOf(sparse), loss: loss.unclipped, rng: new RandomState(seed), numChecks, delta }), rows, all);
});
