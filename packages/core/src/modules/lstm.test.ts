import { describe, expect, it } from 'vitest';
import initFixtures from './fixtures/init_fixtures.json';
import { dot, expectClose, expectError, flatParams, gradientErrors, sliceTime } from '../../test-support';
import { ShapeError, ValueError } from '../errors';
import { initLstmParams, lstmForward } from '../layers/lstm';
import { RandomState } from '../random';
import { zeros } from '../tensor/tensor';
import { getTimeStep } from '../tensor/time';
import { LSTM } from './lstm';
import { zeroGrads } from './module';

describe('LSTM', () => {
  it('draws its parameters as numpy does, forget bias included (fixtures/make_init_fixtures.py), and starts with zero gradients', () => {
    const { seed, D, H, forgetBias, ...expected } = initFixtures.lstm;
    const lstm = new LSTM(D, H, new RandomState(seed), { forgetBias });
    expect([lstm.inputSize, lstm.hiddenSize]).toEqual([D, H]);
    for (const name of ['Wx', 'Wh', 'b'] as const) {
      expect(lstm.params[name].toArray()).toEqual(expected[name]);
      expect(lstm.grads[name].shape).toEqual(lstm.params[name].shape);
      expect(lstm.grads[name].data.every((v) => v === 0)).toBe(true);
    }
  });

  it('forward equals lstmForward from a zero state, from { h } (c = 0) and from { h, c }', () => {
    const rng = new RandomState(5);
    const lstm = new LSTM(3, 4, rng);
    const [x, h0, c0] = [rng.randn(2, 6, 3), rng.randn(2, 4), rng.randn(2, 4)];
    const { Wx, Wh, b } = lstm.params;
    expect(lstm.forward(x).toArray()).toEqual(lstmForward(x, zeros([2, 4]), Wx, Wh, b).h.toArray());
    expect(lstm.forward(x, { h: h0 }).toArray()).toEqual(lstmForward(x, h0, Wx, Wh, b).h.toArray());
    expect(lstm.forward(x, { h: h0, c: c0 }).toArray()).toEqual(lstmForward(x, h0, Wx, Wh, b, { c0 }).h.toArray());
  });

  describe('backward matches numerical gradients of sum(h ⊙ dh) (non-zero initial h and c)', () => {
    const rng = new RandomState(21);
    const lstm = new LSTM(4, 3, rng, { forgetBias: 1 });
    const [x, h, c, dh] = [rng.randn(3, 4, 4), rng.randn(3, 3), rng.randn(3, 3), rng.randn(3, 4, 3)];
    lstm.forward(x, { h, c });
    const dx = lstm.backward(dh);
    const loss = () => dot(lstm.forward(x, { h, c }), dh);
    const cases = gradientErrors({ x: dx, ...lstm.grads }, { x, ...lstm.params }, loss);
    for (const { name, error } of cases) {
      it(`d${name}: relative error ${error.toExponential(2)}`, () => expect(error).toBeLessThan(1e-7));
    }
  });

  it('backward adds into grads: two calls give twice the gradient, zeroGrads clears them', () => {
    const rng = new RandomState(22);
    const lstm = new LSTM(3, 4, rng);
    const [x, dh] = [rng.randn(2, 3, 3), rng.randn(2, 3, 4)];
    lstm.forward(x);
    lstm.backward(dh);
    const once = flatParams(lstm.grads);
    lstm.backward(dh);
    for (const [k, g] of Object.entries(lstm.grads)) expect(Array.from(g.data)).toEqual(once[k].map((v) => 2 * v));
    zeroGrads(lstm);
    for (const g of Object.values(lstm.grads)) expect(g.data.every((v) => v === 0)).toBe(true);
  });

  it('finalState carries h and c across chunks: [N, 2T] in one go equals two chunks of T', () => {
    const rng = new RandomState(23);
    const lstm = new LSTM(3, 4, rng, { forgetBias: 1 });
    const x = rng.randn(2, 6, 3);
    const whole = lstm.forward(x);
    const wholeFinal = lstm.finalState();
    const first = lstm.forward(sliceTime(x, 0, 3));
    const carried = lstm.finalState();
    const second = lstm.forward(sliceTime(x, 3, 6), carried);
    const chunks = [first, second].map((h) => h.toArray() as number[][][]);
    const joined = chunks[0].map((row, n) => [...row, ...chunks[1][n]]);
    expectClose(whole.toArray() as number[][][], joined);
    const final = lstm.finalState();
    expectClose(final.h.toArray() as number[][], wholeFinal.h.toArray() as number[][]);
    expectClose(final.c!.toArray() as number[][], wholeFinal.c!.toArray() as number[][]);
    expect(final.h.toArray()).toEqual(getTimeStep(second, 2).toArray());
  });

  it('fromParams copies the given parameters (checked shapes) and computes the same outputs', () => {
    const rng = new RandomState(24);
    const p = initLstmParams(3, 4, rng, { forgetBias: 1 });
    const lstm = LSTM.fromParams(p);
    expect([lstm.inputSize, lstm.hiddenSize]).toEqual([3, 4]);
    const x = rng.randn(2, 3, 3);
    expect(lstm.forward(x).toArray()).toEqual(lstmForward(x, zeros([2, 4]), p.Wx, p.Wh, p.b).h.toArray());
    expect(lstm.params.b).not.toBe(p.b);
    expectError(() => LSTM.fromParams({ ...p, b: zeros([4]) }), ShapeError,
      'LSTM.fromParams: params.b has shape [4], expected [4H] = [16] (H from params.Wh)');
    expectError(() => LSTM.fromParams({ ...p, Wx: zeros([3, 12]) }), ShapeError,
      'LSTM.fromParams: params.Wx has shape [3, 12], expected [D, 4H] = [3, 16] (H from params.Wh)');
    expectError(() => LSTM.fromParams({ ...p, Wh: zeros([4, 4]) }), ShapeError,
      'LSTM.fromParams: params.Wh has shape [4, 4], expected [H, 4H] = [4, 16] (H from params.Wh)');
  });

  it('backward or finalState before any forward is an Error saying to call forward first', () => {
    const lstm = new LSTM(3, 4, new RandomState(0));
    expectError(() => lstm.backward(zeros([1, 1, 4])), Error, 'LSTM.backward: no forward pass yet; call forward(x) first');
    expectError(() => lstm.finalState(), Error, 'LSTM.finalState: no forward pass yet; call forward(x) first');
  });

  it('rejects bad constructor arguments, inputs, states and upstream gradients', () => {
    const rng = new RandomState(0);
    expectError(() => new LSTM(0, 4, rng), ValueError, 'LSTM: inputSize is 0, expected an integer >= 1');
    expectError(() => new LSTM(3, -2, rng), ValueError, 'LSTM: hiddenSize is -2, expected an integer >= 1');
    expectError(() => new LSTM(3, 4, {} as never), ValueError, 'LSTM: rng is object, expected a RandomState (new RandomState(seed))');
    expectError(() => new LSTM(3, 4, rng, { forgetBias: Infinity }), ValueError,
      'LSTM: options.forgetBias is Infinity, expected a finite number');
    expectError(() => new LSTM(3, 4, rng, 1 as never), ValueError, 'LSTM: options is 1, expected an object like { forgetBias: 1 }');
    expectError(() => LSTM.fromParams(undefined as never), ValueError, 'LSTM.fromParams: params must be { Wx, Wh, b }');
    const lstm = new LSTM(3, 4, rng);
    expectError(() => lstm.forward(zeros([2, 5, 3]), 'h' as never), ValueError, 'LSTM.forward: state must be { h, c? } or undefined');
    expectError(() => lstm.forward(zeros([2, 5, 4])), ShapeError,
      'LSTM.forward: x has shape [2, 5, 4], expected [N, T, 3] = [2, 5, 3] (dimension 2 must be 3)');
    expectError(() => lstm.forward(zeros([2, 5, 3]), { h: zeros([2, 3]) }), ShapeError,
      'LSTM.forward: state.h has shape [2, 3], expected [N, 4] = [2, 4] (dimension 1 must be 4)');
    expectError(() => lstm.forward(zeros([2, 5, 3]), { h: zeros([2, 4]), c: zeros([1, 4]) }), ShapeError,
      'LSTM.forward: state.c has shape [1, 4], expected [N, 4] = [2, 4] (N from x)');
    lstm.forward(zeros([2, 5, 3]));
    expectError(() => lstm.backward(zeros([2, 5, 3])), ShapeError,
      'LSTM.backward: dh has shape [2, 5, 3], expected [2, 5, 4] (shape of h from the latest forward)');
  });
});
