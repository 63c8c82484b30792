import { describe, expect, it } from 'vitest';
import esnFixtureFile from '../layers/fixtures/esn_fixtures.json';
import { expectError, sliceTime } from '../../test-support';
import { ShapeError, ValueError } from '../errors';
import { esnBackward, esnForward } from '../layers/esn';
import { oneHot } from '../layers/one-hot';
import { temporalSoftmaxLoss } from '../loss/temporal-softmax';
import { RandomState } from '../random';
import { argmax } from '../tensor/reduce';
import { Tensor, tensor, zeros } from '../tensor/tensor';
import { getTimeStep } from '../tensor/time';
import {
  EchoState, applyReadout, collectStates, dropWashout, trainEsnReadout, trainReadoutByGradientDescent,
} from './echo-state';

const esnFixtures = esnFixtureFile as unknown as {
  init: { seed: number; D: number; H: number; options: { spectralRadius: number; density: number }; Win: number[][]; b: number[]; Wraw: number[][]; rhoRaw: number }[];
};

/** A column sequence [1, T, 1] from values. */
const column = (values: number[]) => new Tensor(Float64Array.from(values), [1, values.length, 1]);

describe('EchoState module', () => {
  const options = { spectralRadius: 0.8, density: 0.3, leakRate: 0.5 };
  const make = () => new EchoState(3, 12, new RandomState(9), options);
  const x = new RandomState(1).randn(2, 5, 3);

  it('draws its reservoir as numpy does (../layers/fixtures/make_esn_fixtures.py), and marks it as not trainable', () => {
    const c = esnFixtures.init[0];
    const esn = new EchoState(c.D, c.H, new RandomState(c.seed), c.options);
    expect(esn.params.Win.toArray()).toEqual(c.Win);
    expect(esn.params.b.toArray()).toEqual(c.b);
    const ratio = c.options.spectralRadius / c.rhoRaw; // W = Wraw·ρ/ρ(Wraw), ρ(Wraw) by power iteration
    tensor(c.Wraw).data.forEach((raw, i) => expect(Math.abs(esn.params.W.data[i] - raw * ratio)).toBeLessThanOrEqual(1e-6 * Math.abs(raw * ratio)));
    expect(esn.trainable).toBe(false);
    expect(Object.keys(esn.grads)).toEqual(['Win', 'W', 'b']);
  });

  it('forward equals esnForward with the module leak rate, and finalState is the last step', () => {
    const esn = make();
    const h0 = new RandomState(2).randn(2, 12);
    const h = esn.forward(x, { h: h0 });
    const { Win, W, b } = esn.params;
    expect(h.toArray()).toEqual(esnForward(x, h0, Win, W, b, { leakRate: 0.5 }).h.toArray());
    expect(esn.finalState().h.toArray()).toEqual(getTimeStep(h, 4).toArray());
    expect(esn.forward(zeros([2, 0, 3]), { h: h0 }).shape).toEqual([2, 0, 12]);
    expect(esn.finalState().h.toArray()).toEqual(h0.toArray());
  });

  it('carrying finalState across chunks gives the same states as one pass', () => {
    const esn = make();
    const whole = esn.forward(x);
    const a = esn.forward(sliceTime(x, 0, 2));
    const b = esn.forward(sliceTime(x, 2, 5), esn.finalState());
    expect(a.toArray()).toEqual(sliceTime(whole, 0, 2).toArray());
    expect(b.toArray()).toEqual(sliceTime(whole, 2, 5).toArray());
  });

  it('backward returns esnBackward’s dx and adds the reservoir gradients into grads', () => {
    const esn = make();
    const dh = new RandomState(3).randn(2, 5, 12);
    esn.forward(x);
    const dx = esn.backward(dh);
    const { Win, W, b } = esn.params;
    const g = esnBackward(dh, esnForward(x, zeros([2, 12]), Win, W, b, { leakRate: 0.5 }).cache);
    expect(dx.toArray()).toEqual(g.dx.toArray());
    expect(esn.grads.W.toArray()).toEqual(g.dW.toArray());
    esn.backward(dh);
    expect(esn.grads.Win.data[0]).toBeCloseTo(2 * g.dWin.data[0], 14);
    expect(esn.grads.b.data[3]).toBeCloseTo(2 * g.db.data[3], 14);
  });

  it('rejects bad sizes, options, inputs and calls before forward', () => {
    const rng = new RandomState(0);
    expectError(() => new EchoState(0, 5, rng), ValueError, 'EchoState: inputSize is 0, expected an integer >= 1');
    expectError(() => new EchoState(2, 2.5, rng), ValueError, 'EchoState: hiddenSize is 2.5, expected an integer >= 1');
    expectError(() => new EchoState(2, 5, null as never), ValueError,
      'EchoState: rng is null, expected a RandomState (new RandomState(seed))');
    expectError(() => new EchoState(2, 5, rng, null as never), ValueError,
      'EchoState: options is null, expected an object like { spectralRadius: 0.9, leakRate: 0.3 }');
    expectError(() => new EchoState(2, 5, rng, { leakRate: 0 }), ValueError,
      'EchoState: options.leakRate is 0, expected a number in (0, 1]');
    expectError(() => new EchoState(2, 5, rng, { density: 2 }), ValueError,
      'initEsnParams: options.density is 2, expected a number in (0, 1]');
    const esn = make();
    expectError(() => esn.finalState(), Error, 'EchoState.finalState: no forward pass yet; call forward(x) first');
    expectError(() => esn.backward(zeros([2, 5, 12])), Error, 'EchoState.backward: no forward pass yet; call forward(x) first');
    expectError(() => esn.forward(zeros([2, 5, 4])), ShapeError,
      'EchoState.forward: x has shape [2, 5, 4], expected [N, T, 3] = [2, 5, 3] (dimension 2 must be 3)');
    expectError(() => esn.forward(x, { h: zeros([2, 11]) }), ShapeError,
      'EchoState.forward: state.h has shape [2, 11], expected [N, 12] = [2, 12] (dimension 1 must be 12)');
    expectError(() => esn.forward(x, { h: zeros([2, 12]), c: zeros([2, 12]) }), ValueError,
      'EchoState.forward: state has a cell state c, but an echo state network has none');
    esn.forward(x);
    expectError(() => esn.backward(zeros([2, 4, 12])), ShapeError,
      'EchoState.backward: dh has shape [2, 4, 12], expected [2, 5, 12] (shape of h from the latest forward)');
  });
});

describe('collecting states', () => {
  it('dropWashout drops the first steps of every sequence and flattens in (n, t) order', () => {
    const seq = tensor([[[1, 2], [3, 4], [5, 6]], [[7, 8], [9, 10], [11, 12]]]);
    expect(dropWashout(seq, 1).toArray()).toEqual([[3, 4], [5, 6], [9, 10], [11, 12]]);
    expect(dropWashout(tensor([[1, 2, 3], [4, 5, 6]]), 2).toArray()).toEqual([3, 6]);
    expect(dropWashout(seq, 0).shape).toEqual([6, 2]);
  });

  it('collectStates returns the states after the washout, rows aligned with dropWashout(targets)', () => {
    const esn = new EchoState(1, 10, new RandomState(4), { density: 0.5 });
    const x = new RandomState(5).randn(2, 6, 1);
    const states = collectStates(esn, x, { washout: 2 });
    const h = esn.forward(x);
    expect(states.shape).toEqual([8, 10]);
    expect(states.toArray()).toEqual(dropWashout(h, 2).toArray());
  });

  it('rejects a washout outside [0, T) and a non-sequence', () => {
    expectError(() => dropWashout(zeros([2, 3, 1]), 3), ValueError, 'dropWashout: washout is 3, expected an integer in [0, 2]');
    expectError(() => dropWashout(zeros([2, 3, 1]), -1), ValueError, 'dropWashout: washout is -1, expected an integer in [0, 2]');
    expectError(() => dropWashout(zeros([3]), 0), ValueError, 'dropWashout: seq has rank 1, expected [N, T, ...] (rank >= 2)');
    expectError(() => collectStates({} as EchoState, zeros([1, 2, 1])), ValueError, 'collectStates: esn is object, expected an EchoState');
  });
});

/** One-step-ahead prediction of a sine wave (with a second incommensurate harmonic), ridge readout. */
function sineTask() {
  const T = 1600;
  const s = Array.from({ length: T + 1 }, (_, t) => Math.sin(0.2 * t) + 0.5 * Math.sin(0.0311 * t));
  const [trainT, washout] = [1000, 100];
  const esn = new EchoState(1, 100, new RandomState(42), { spectralRadius: 0.9, density: 0.1, leakRate: 1 });
  const readout = trainEsnReadout(esn, column(s.slice(0, trainT)), column(s.slice(1, trainT + 1)), { washout, lambda: 1e-8 });
  const states = collectStates(esn, column(s.slice(trainT, T)), { state: esn.finalState() });
  const predicted = applyReadout(states, readout).data;
  const target = s.slice(trainT + 1, T + 1);
  const mean = target.reduce((p, v) => p + v, 0) / target.length;
  let se = 0;
  let variance = 0;
  target.forEach((v, i) => {
    se += (predicted[i] - v) ** 2;
    variance += (v - mean) ** 2;
  });
  return Math.sqrt(se / variance);
}

/** Next symbol of a period-6 pattern that needs memory (after 1 comes 2 or 3), softmax readout by gradient descent. */
function symbolTask() {
  const pattern = [0, 1, 2, 0, 1, 3];
  const ids = (T: number, offset: number) => Array.from({ length: T }, (_, t) => pattern[(t + offset) % 6]);
  const V = 4;
  const esn = new EchoState(V, 60, new RandomState(7), { spectralRadius: 0.9, density: 0.2, inputScaling: 0.8 });
  const [T, washout] = [300, 20];
  const seq = ids(T + 1, 0);
  const inputs = oneHot(tensor(seq.slice(0, T), [1, T]), V);
  const states = collectStates(esn, inputs, { washout });
  const targets = dropWashout(tensor(seq.slice(1), [1, T]), washout);
  const trained = trainReadoutByGradientDescent(states, targets, { vocabSize: V, rng: new RandomState(8), iterations: 300 });
  const testSeq = ids(61, T);
  const testStates = collectStates(esn, oneHot(tensor(testSeq.slice(0, 60), [1, 60]), V), { state: esn.finalState() });
  const scores = applyReadout(testStates, trained).reshape([60, 1, V]);
  const heldOut = temporalSoftmaxLoss(scores, tensor(testSeq.slice(1), [60, 1])).loss;
  return { first: trained.losses[0], last: trained.losses[trained.losses.length - 1], heldOut, baseline: Math.log(V) };
}

describe('learning', () => {
  const nrmse = sineTask();
  it(`a 100-unit ESN with a ridge readout predicts a sine mixture one step ahead: held-out NRMSE ${nrmse.toExponential(2)}`, () => {
    expect(nrmse).toBeLessThan(1e-2);
  });

  const r = symbolTask();
  it(`gradient descent on the softmax loss learns the next symbol: held-out loss ${r.heldOut.toFixed(3)} vs uniform ${r.baseline.toFixed(3)}`, () => {
    expect(r.first).toBeGreaterThan(0.9 * r.baseline);
    expect(r.last).toBeLessThan(0.25 * r.baseline);
    expect(r.heldOut).toBeLessThan(0.25 * r.baseline);
  });
});

describe('readout helpers', () => {
  const states = new RandomState(11).randn(30, 5);
  const y = argmax(sliceTime(states.reshape([30, 5, 1]), 0, 3).reshape([30, 3]), 1); // separable classes
  const firstTwo = y.data.indexOf(2);

  it('minibatch gradient descent is reproducible for a seed and lowers the loss', () => {
    const run = () => trainReadoutByGradientDescent(states, y, { vocabSize: 3, rng: new RandomState(1), iterations: 50, batchSize: 8 });
    const a = run();
    expect(a.w.toArray()).toEqual(run().w.toArray());
    expect(a.losses).toHaveLength(50);
    const tail = a.losses.slice(-10).reduce((p, v) => p + v, 0) / 10;
    expect(tail).toBeLessThan(a.losses[0]);
  });

  it('applyReadout is states·w + b', () => {
    const out = applyReadout(tensor([[1, 2], [3, 4]]), { w: tensor([[1], [10]]), b: tensor([0.5]) });
    expect(out.toArray()).toEqual([[21.5], [43.5]]);
  });

  it('trainReadoutByGradientDescent rejects bad shapes, ids and options', () => {
    const rng = new RandomState(0);
    const fn = 'trainReadoutByGradientDescent';
    expectError(() => trainReadoutByGradientDescent(states, zeros([29]), { vocabSize: 3, rng }), ShapeError,
      `${fn}: y has shape [29], expected [M] = [30] (M from states)`);
    expectError(() => trainReadoutByGradientDescent(zeros([0, 5]), zeros([0]), { vocabSize: 3, rng }), ValueError,
      `${fn}: states has no rows (M = 0), expected at least one sample`);
    expectError(() => trainReadoutByGradientDescent(states, y, { vocabSize: 2, rng }), ValueError,
      `${fn}: y[${firstTwo}] is 2, expected an integer id in [0, 1] (V = 2 from options.vocabSize)`);
    expectError(() => trainReadoutByGradientDescent(states, y, { vocabSize: 0, rng }), ValueError,
      `${fn}: options.vocabSize is 0, expected an integer >= 1`);
    expectError(() => trainReadoutByGradientDescent(states, y, { vocabSize: 3, rng: undefined as never }), ValueError,
      `${fn}: rng is undefined, expected a RandomState (new RandomState(seed))`);
    expectError(() => trainReadoutByGradientDescent(states, y, { vocabSize: 3, rng, iterations: 0 }), ValueError,
      `${fn}: options.iterations is 0, expected an integer >= 1`);
    expectError(() => trainReadoutByGradientDescent(states, y, { vocabSize: 3, rng, learningRate: -1 }), ValueError,
      `${fn}: options.learningRate is -1, expected a finite number > 0`);
    expectError(() => trainReadoutByGradientDescent(states, y, { vocabSize: 3, rng, batchSize: 31 }), ValueError,
      `${fn}: options.batchSize is 31, expected an integer in [1, 30]`);
  });

  it('trainEsnReadout and applyReadout check their shapes', () => {
    const esn = new EchoState(1, 6, new RandomState(3), { density: 0.5 });
    expectError(() => trainEsnReadout(esn, zeros([1, 5, 1]), zeros([1, 4, 1])), ShapeError,
      'trainEsnReadout: y has shape [1, 4, 1], expected [N, T, V] = [1, 5, *] (T from x)');
    expectError(() => trainEsnReadout(esn, zeros([1, 5, 1]), zeros([1, 5, 1]), { lambda: -1 }), ValueError,
      'ridgeReadout: lambda is -1, expected a finite number >= 0');
    expectError(() => applyReadout(zeros([2, 3]), { w: zeros([4, 1]), b: zeros([1]) }), ShapeError,
      'applyReadout: states has shape [2, 3], expected [M, H] = [2, 4] (H from readout.w)');
  });
});
