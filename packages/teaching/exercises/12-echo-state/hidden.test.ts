/**
 * Hidden checks of exercise 12 (instructors only: not in the student copy). Other sizes, seeds and settings
 * (H = 9 and 12, D = 3, ρ = 1.1, leak 0.55, three outputs), from fixtures/hidden.json (made by
 * fixtures/make_fixtures.py with numpy).
 */
import { RandomState, dropWashout, tensor, zeros } from '@rnnlab/core';
import type { EsnParams, Tensor } from '@rnnlab/core';
import { check, expectNumber, expectTensor, loadStudent } from '@rnnlab/teaching/check';
import type * as Exercise from './exercise';
import fixtures from './fixtures/hidden.json';

const student = await loadStudent<typeof Exercise>(import.meta.url);
const { power, reservoir, states, ridge, fit } = fixtures;
const paramsOf = (r: { Win: number[][]; W: number[][]; b: number[] }): EsnParams => ({ Win: tensor(r.Win), W: tensor(r.W), b: tensor(r.b) });

check('powerIteration on other matrices', { points: 1, hidden: true }, async () => {
  const names = ['symmetric', 'nonSymmetric', 'negative', 'large'] as const;
  const got: number[] = [];
  for (const name of names) got.push(await student.powerIteration(tensor(power[name].W), tensor(power.v0), power.iterations));
  names.forEach((name, i) => expectNumber(got[i], power[name].radius, { fn: 'powerIteration', output: `ρ (${name})`, rtol: 1e-9 }));
});

check('initReservoir with other sizes, density and radius', { points: 2, hidden: true }, async () => {
  const got = await student.initReservoir(reservoir.D, reservoir.H, new RandomState(reservoir.seed), reservoir.options);
  expectTensor(got?.Win, tensor(reservoir.Win), { fn: 'initReservoir', output: 'Win' });
  expectTensor(got?.b, tensor(reservoir.b), { fn: 'initReservoir', output: 'b' });
  expectTensor(got?.W, tensor(reservoir.W), { fn: 'initReservoir', output: 'W', rtol: 1e-6 });
});

check('reservoirStates with other sizes and leak rate', { points: 2, hidden: true }, async () => {
  const params = paramsOf(reservoir);
  const x = tensor(states.x);
  const h0 = tensor(states.h0);
  const h = await student.reservoirStates(x, h0, params, states.leakRate);
  const noLeak = await student.reservoirStates(x, h0, params, 1);
  const noRecurrence = await student.reservoirStates(x, h0, { ...params, W: zeros(params.W.shape) }, states.leakRate);
  expectTensor(h, tensor(states.h), { fn: 'reservoirStates', output: 'h' });
  expectTensor(noLeak, tensor(states.hNoLeak), { fn: 'reservoirStates', output: 'h (no leak)' });
  expectTensor(noRecurrence, tensor(states.hNoRecurrence), { fn: 'reservoirStates', output: 'h (W = 0)' });
});

check('dropWashout with other sizes', { points: 1, hidden: true }, async () => {
  const seq = tensor(Array.from({ length: 2 * 7 * 3 }, (_, i) => Math.sin(i)), [2, 7, 3]);
  expectTensor(await student.dropWashout(seq, 6), dropWashout(seq, 6), { fn: 'dropWashout', output: 'rows (washout 6)' });
});

check('ridgeReadout with other sizes and three outputs', { points: 2, hidden: true }, async () => {
  const X = tensor(ridge.states);
  const Y = tensor(ridge.targets);
  const cases = [[ridge.lambda, ridge.ridge], [0, ridge.leastSquares]] as const;
  const got: { w: Tensor; b: Tensor }[] = [];
  for (const [lambda] of cases) got.push(await student.ridgeReadout(X, Y, lambda));
  const huge = await student.ridgeReadout(X, Y, 1e12);
  cases.forEach(([lambda, want], i) => {
    expectTensor(got[i]?.w, tensor(want.w), { fn: 'ridgeReadout', output: `w (λ = ${lambda})` });
    expectTensor(got[i]?.b, tensor(want.b), { fn: 'ridgeReadout', output: `b (λ = ${lambda})` });
  });
  expectTensor(huge?.b, tensor(ridge.mean), { fn: 'ridgeReadout', output: 'b (λ = 1e12)', rtol: 1e-6 });
});

check('fitReadout with three sequences, another washout and leak rate', { points: 2, hidden: true }, async () => {
  const got = await student.fitReadout(tensor(fit.x), tensor(fit.y), paramsOf(fit.reservoir), fit.options);
  expectTensor(got?.w, tensor(fit.readout.w), { fn: 'fitReadout', output: 'w', rtol: 1e-6, atol: 1e-9 });
  expectTensor(got?.b, tensor(fit.readout.b), { fn: 'fitReadout', output: 'b', rtol: 1e-6, atol: 1e-9 });
});
