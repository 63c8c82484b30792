/**
 * Public checks of exercise 12 (echo state network). Golden values: fixtures/esn.json, made by
 * fixtures/make_fixtures.py with numpy (numpy.linalg.eigvals for spectral radii, numpy.linalg.solve and lstsq for the
 * readout). Every function gets inputs from the fixtures or from core, never another of the student's outputs.
 */
import {
  RandomState, Tensor, applyReadout, dropWashout, esnForward, initEsnParams, matmul, spectralRadius, tensor, zeros,
} from '@rnnlab/core';
import type { EsnParams } from '@rnnlab/core';
import { CheckFailure, check, expectEqual, expectNumber, expectShape, expectTensor, loadStudent } from '@rnnlab/teaching/check';
import type * as Exercise from './exercise';
import fixtures from './fixtures/esn.json';

const student = await loadStudent<typeof Exercise>(import.meta.url);
const { power, reservoir, states, ridge, fit } = fixtures;
type Matrix = { W: number[][]; radius: number };
const paramsOf = (r: { Win: number[][]; W: number[][]; b: number[] }): EsnParams => ({ Win: tensor(r.Win), W: tensor(r.W), b: tensor(r.b) });

const radius = async (m: Matrix) => student.powerIteration(tensor(m.W), tensor(power.v0), power.iterations);
const pi = 'powerIteration';

check('powerIteration: the largest |λ| of a symmetric and a non-symmetric matrix', { points: 2 }, async () => {
  const hint = 'v ← v·W / ‖v·W‖, and the estimate is ‖v·W‖ (how much W stretches the unit vector v)';
  expectNumber(await radius(power.symmetric), power.symmetric.radius, { fn: pi, output: 'ρ of a symmetric W (eigenvalue 2.5)', rtol: 1e-9, hint });
  expectNumber(await radius(power.nonSymmetric), power.nonSymmetric.radius, { fn: pi, output: 'ρ of a non-symmetric W (eigenvalue 1.7)', rtol: 1e-9, hint });
});

check('powerIteration: a dominant eigenvalue of −3 has modulus 3', { points: 1 }, async () => {
  expectNumber(await radius(power.negative), power.negative.radius, {
    fn: pi, output: 'ρ of W with dominant eigenvalue −3', rtol: 1e-9,
    hint: 'the spectral radius is max |λ|, never negative: the norm ‖v·W‖, not the Rayleigh quotient v·W·vᵀ (which is λ = −3)',
  });
});

check('powerIteration: no overflow for ρ = 100 over 300 iterations', { points: 1 }, async () => {
  expectNumber(await radius(power.large), power.large.radius, {
    fn: pi, output: 'ρ of W with dominant eigenvalue 100', rtol: 1e-9,
    hint: '100³⁰⁰ overflows to Infinity: normalise v after every product, and estimate from one step’s growth ‖v·W‖/‖v‖',
  });
});

check('powerIteration: one iteration is ‖(v0/‖v0‖)·W‖', { points: 1 }, async () => {
  const W = tensor(power.nonSymmetric.W);
  const v0 = tensor(power.v0); // ‖v0‖ ≈ 1.27
  const unit = v0.data.map((x) => x / Math.hypot(...v0.data));
  const expected = Math.hypot(...matmul(new Tensor(unit, [1, unit.length]), W).data);
  expectNumber(await student.powerIteration(W, v0, 1), expected, {
    fn: pi, output: 'ρ̂ after one iteration', rtol: 1e-12, hint: 'normalise v0 first, then make exactly `iterations` products v·W; ρ̂ is the last ‖v·W‖',
  });
});

const seeded = () => new RandomState(reservoir.seed);
const init = async () => student.initReservoir(reservoir.D, reservoir.H, seeded(), reservoir.options);
const ir = 'initReservoir';

check('initReservoir: Win and b, the first two draws', { points: 1 }, async () => {
  const got = await init();
  const hint = 'Win = rng.uniform(−1, 1, [D, H]) · inputScaling first, then b = rng.uniform(−1, 1, [H]) · inputScaling';
  expectTensor(got?.Win, tensor(reservoir.Win), { fn: ir, output: 'Win', hint });
  expectTensor(got?.b, tensor(reservoir.b), { fn: ir, output: 'b', hint });
});

check('initReservoir: W is nonzero exactly where rand(H, H) < density', { points: 1 }, async () => {
  const got = await init();
  expectShape(got?.W, [reservoir.H, reservoir.H], { fn: ir, output: 'W' });
  expectEqual(Array.from(got.W.data, (v) => (v !== 0 ? 1 : 0)), reservoir.mask.flat(), {
    fn: ir, output: 'the nonzero pattern of W (1 = nonzero, row by row)',
    hint: 'mask = rng.rand(H, H) drawn after b, then values = rng.uniform(−1, 1, [H, H]); keep values[i, j] where mask[i, j] < density',
  });
});

check('initReservoir: W is scaled to the requested spectral radius', { points: 1 }, async () => {
  const got = await init();
  expectShape(got?.W, [reservoir.H, reservoir.H], { fn: ir, output: 'W' });
  expectNumber(spectralRadius(got.W), reservoir.options.spectralRadius, {
    fn: ir, output: 'the spectral radius of W (max |λ|, by core’s spectralRadius)', rtol: 1e-6,
    hint: 'W · ρ / ρ(W), where ρ(W) = max |λᵢ(W)| (spectralRadius(W, { rng })) — not the largest entry, nor a norm',
  });
});

check('initReservoir: ρ(W) estimated with the same generator, as core’s initEsnParams does', { points: 1 }, async () => {
  const got = await init();
  const core = initEsnParams(reservoir.D, reservoir.H, seeded(), reservoir.options);
  expectTensor(got?.W, core.W, {
    fn: ir, output: 'W (against core’s initEsnParams with the same seed)', rtol: 1e-12,
    hint: 'step 5: spectralRadius(W, { rng }) draws its start vector from the same generator, after the mask and the values',
  });
});

check('initReservoir: the whole reservoir as numpy draws and scales it', { points: 2 }, async () => {
  const got = await init();
  expectTensor(got?.W, tensor(reservoir.W), {
    fn: ir, output: 'W', rtol: 1e-6, hint: 'values where rand < density, times ρ / max|eigenvalue| (numpy: np.max(np.abs(np.linalg.eigvals(W))))',
  });
});

const rs = 'reservoirStates';
const resParams = paramsOf(reservoir);

check('reservoirStates: h_t = (1 − a)·h_{t−1} + a·tanh(x_t·Win + h_{t−1}·W + b)', { points: 2 }, async () => {
  const got = await student.reservoirStates(tensor(states.x), tensor(states.h0), resParams, states.leakRate);
  expectTensor(got, tensor(states.h), { fn: rs, output: 'h', hint: 'h [N, T, H]: h[:, t, :] is the state after reading x_t, starting from h0' });
});

check('reservoirStates: with a = 1 (no leak) h_t = tanh(x_t·Win + h_{t−1}·W + b)', { points: 1 }, async () => {
  const got = await student.reservoirStates(tensor(states.x), tensor(states.h0), resParams, 1);
  expectTensor(got, tensor(states.hNoLeak), {
    fn: rs, output: 'h with leakRate 1', hint: 'row vectors: x_t·Win [N, H] + h_{t−1}·W [N, H] + b, inside the tanh; h0 feeds the first step',
  });
});

check('reservoirStates: with W = 0 only the leak carries the past', { points: 1 }, async () => {
  const got = await student.reservoirStates(tensor(states.x), tensor(states.h0), { ...resParams, W: zeros(resParams.W.shape) }, states.leakRate);
  expectTensor(got, tensor(states.hNoRecurrence), {
    fn: rs, output: `h with W = 0 and leakRate ${states.leakRate}`,
    hint: 'h_t = (1 − a)·h_{t−1} + a·h̃_t: the old state is kept with weight 1 − a, outside the tanh; the new one enters with weight a',
  });
});

check('dropWashout: the first steps of every sequence dropped, rows in (n, t) order', { points: 1 }, async () => {
  const seq = tensor(Array.from({ length: 3 * 5 * 2 }, (_, i) => i), [3, 5, 2]); // seq[n, t, k] = 10n + 2t + k
  const hint = 'drop steps 0 … washout − 1 of EVERY sequence (not the first rows of the flattened tensor), then list sequence 0’s kept steps, sequence 1’s, …';
  const [two, none] = [await student.dropWashout(seq, 2), await student.dropWashout(seq, 0)];
  expectTensor(two, dropWashout(seq, 2), { fn: 'dropWashout', output: 'the rows kept with washout 2', hint });
  expectTensor(none, dropWashout(seq, 0), { fn: 'dropWashout', output: 'the rows kept with washout 0', hint });
});

const rr = 'ridgeReadout';

check('ridgeReadout: the normal equations (X̃ᵀX̃ + λ·diag(1, …, 1, 0))·[w; b] = X̃ᵀY', { points: 2 }, async () => {
  const got = await student.ridgeReadout(tensor(ridge.states), tensor(ridge.targets), ridge.lambda);
  const hint = 'X̃ = [X, 1]; λ goes on the diagonal of X̃ᵀX̃ (the weights’ part only), never on X̃ᵀY';
  expectTensor(got?.w, tensor(ridge.ridge.w), { fn: rr, output: 'w', hint });
  expectTensor(got?.b, tensor(ridge.ridge.b), { fn: rr, output: 'b', hint });
});

check('ridgeReadout: λ = 0 is least squares (numpy.linalg.lstsq)', { points: 1 }, async () => {
  const got = await student.ridgeReadout(tensor(ridge.states), tensor(ridge.targets), 0);
  const hint = 'with λ = 0, [w; b] solves X̃ᵀX̃·[w; b] = X̃ᵀY, X̃ = [X, 1]: a least-squares fit with an intercept';
  expectTensor(got?.w, tensor(ridge.leastSquares.w), { fn: rr, output: 'w with λ = 0', hint });
  expectTensor(got?.b, tensor(ridge.leastSquares.b), { fn: rr, output: 'b with λ = 0', hint });
});

check('ridgeReadout: a huge λ shrinks w to 0 but leaves b the mean of the targets', { points: 1 }, async () => {
  const got = await student.ridgeReadout(tensor(ridge.states), tensor(ridge.targets), 1e12);
  expectTensor(got?.b, tensor(ridge.mean), {
    fn: rr, output: 'b with λ = 1e12', rtol: 1e-6, hint: 'the bias is not penalised: λ is added to the weights’ diagonal entries, not to the bias entry (the last one)',
  });
  expectTensor(got?.w, tensor(ridge.huge.w), { fn: rr, output: 'w with λ = 1e12', rtol: 1e-6, atol: 1e-12, hint: 'λ on the diagonal of X̃ᵀX̃ shrinks w towards 0' });
});

const fr = 'fitReadout';
const fitParams = paramsOf(fit.reservoir);

check('fitReadout: states from h0 = 0, washout dropped, ridge readout (numpy)', { points: 2 }, async () => {
  const got = await student.fitReadout(tensor(fit.x), tensor(fit.y), fitParams, fit.options);
  const hint = `drop the first ${fit.options.washout} steps of every sequence from the states AND from the targets, then ridgeReadout(states, targets, λ)`;
  expectTensor(got?.w, tensor(fit.readout.w), { fn: fr, output: 'w', rtol: 1e-6, atol: 1e-9, hint });
  expectTensor(got?.b, tensor(fit.readout.b), { fn: fr, output: 'b', rtol: 1e-6, atol: 1e-9, hint });
});

check('fitReadout: the trained network predicts an unseen sine mix one step ahead', { points: 1 }, async () => {
  const got = await student.fitReadout(tensor(fit.x), tensor(fit.y), fitParams, fit.options);
  const [H, V] = [fitParams.W.shape[0], 1];
  expectShape(got?.w, [H, V], { fn: fr, output: 'w' });
  expectShape(got?.b, [V], { fn: fr, output: 'b' });
  const { h } = esnForward(tensor(fit.testX), zeros([1, H]), fitParams.Win, fitParams.W, fitParams.b, { leakRate: fit.options.leakRate });
  const predicted = applyReadout(dropWashout(h, fit.options.washout), { w: got.w, b: got.b });
  const error = nrmse(predicted, dropWashout(tensor(fit.testY), fit.options.washout));
  const limit = 2 * fit.testNrmse;
  if (!(error <= limit)) {
    throw new CheckFailure({
      fn: fr, output: 'the readout', problem: `predicts a test sequence with a normalised RMS error of ${error.toPrecision(3)}, more than ${limit.toPrecision(2)}`,
      hint: 'fit on the states after the washout, and pair the state after reading x_t with y[:, t, :] (the next value)',
    });
  }
});

/** √mean((p − y)²) / std(y), for one output column. */
function nrmse(p: Tensor, y: Tensor): number {
  const n = y.size;
  const mean = y.data.reduce((s, v) => s + v, 0) / n;
  const mse = p.data.reduce((s, v, i) => s + (v - y.data[i]) ** 2, 0) / n;
  const variance = y.data.reduce((s, v) => s + (v - mean) ** 2, 0) / n;
  return Math.sqrt(mse / variance);
}
