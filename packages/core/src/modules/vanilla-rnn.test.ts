import { describe, expect, it } from 'vitest';
import initFixtures from './fixtures/init_fixtures.json';
import { dot, expectClose, expectError, flatParams, gradientErrors, sliceTime } from '../../test-support';
import { ShapeError, ValueError } from '../errors';
import { RnnActivation, initRnnParams, rnnForward } from '../layers/rnn';
import { RandomState } from '../random';
import { zeros } from '../tensor/tensor';
import { zeroGrads } from './module';
import { VanillaRNN } from './vanilla-rnn';

describe('VanillaRNN', () => {
  it('draws its parameters as numpy does (fixtures/make_init_fixtures.py), and starts with zero gradients', () => {
    const { seed, D, H, ...expected } = initFixtures.rnn;
    const rnn = new VanillaRNN(D, H, new RandomState(seed));
    expect([rnn.inputSize, rnn.hiddenSize, rnn.activation]).toEqual([D, H, 'tanh']);
    for (const name of ['Wx', 'Wh', 'b'] as const) {
      expect(rnn.params[name].toArray()).toEqual(expected[name]);
      expect(rnn.grads[name].shape).toEqual(rnn.params[name].shape);
      expect(rnn.grads[name].data.every((v) => v === 0)).toBe(true);
    }
  });

  it('forward equals rnnForward from a zero state (or the given one) with its activation', () => {
    const rng = new RandomState(5);
    const rnn = new VanillaRNN(3, 4, rng, { activation: 'sigmoid' });
    const [x, h0] = [rng.randn(2, 6, 3), rng.randn(2, 4)];
    const { Wx, Wh, b } = rnn.params;
    expect(rnn.forward(x).toArray()).toEqual(rnnForward(x, zeros([2, 4]), Wx, Wh, b, { activation: 'sigmoid' }).h.toArray());
    expect(rnn.forward(x, { h: h0 }).toArray()).toEqual(rnnForward(x, h0, Wx, Wh, b, { activation: 'sigmoid' }).h.toArray());
  });

  for (const activation of ['tanh', 'sigmoid'] as RnnActivation[]) {
    describe(`backward matches numerical gradients of sum(h ⊙ dh) (${activation}, non-zero initial state)`, () => {
      const rng = new RandomState(activation === 'tanh' ? 11 : 12);
      const rnn = new VanillaRNN(4, 5, rng, { activation });
      const [x, h0, dh] = [rng.randn(3, 4, 4), rng.randn(3, 5), rng.randn(3, 4, 5)];
      rnn.forward(x, { h: h0 });
      const dx = rnn.backward(dh);
      const loss = () => dot(rnn.forward(x, { h: h0 }), dh);
      const cases = gradientErrors({ x: dx, ...rnn.grads }, { x, ...rnn.params }, loss);
      for (const { name, error } of cases) {
        it(`d${name}: relative error ${error.toExponential(2)}`, () => expect(error).toBeLessThan(1e-7));
      }
    });
  }

  it('backward adds into grads: two calls give twice the gradient, zeroGrads clears them', () => {
    const rng = new RandomState(13);
    const rnn = new VanillaRNN(3, 4, rng);
    const [x, dh] = [rng.randn(2, 3, 3), rng.randn(2, 3, 4)];
    rnn.forward(x);
    rnn.backward(dh);
    const once = flatParams(rnn.grads);
    rnn.backward(dh);
    for (const [k, g] of Object.entries(rnn.grads)) expect(Array.from(g.data)).toEqual(once[k].map((v) => 2 * v));
    zeroGrads(rnn);
    for (const g of Object.values(rnn.grads)) expect(g.data.every((v) => v === 0)).toBe(true);
  });

  it('finalState carries the hidden state across chunks: [N, 2T] in one go equals two chunks of T', () => {
    const rng = new RandomState(14);
    const rnn = new VanillaRNN(3, 4, rng);
    const x = rng.randn(2, 6, 3);
    const whole = rnn.forward(x);
    const wholeFinal = rnn.finalState();
    const first = rnn.forward(sliceTime(x, 0, 3));
    const second = rnn.forward(sliceTime(x, 3, 6), rnn.finalState());
    const chunks = [first, second].map((h) => h.toArray() as number[][][]);
    const joined = chunks[0].map((row, n) => [...row, ...chunks[1][n]]);
    expectClose(whole.toArray() as number[][][], joined);
    expectClose(rnn.finalState().h.toArray() as number[][], wholeFinal.h.toArray() as number[][]);
    expect(wholeFinal.c).toBeUndefined();
  });

  it('fromParams copies the given parameters (checked shapes) and computes the same outputs', () => {
    const rng = new RandomState(15);
    const p = initRnnParams(3, 4, rng);
    const rnn = VanillaRNN.fromParams(p, { activation: 'sigmoid' });
    expect([rnn.inputSize, rnn.hiddenSize, rnn.activation]).toEqual([3, 4, 'sigmoid']);
    const x = rng.randn(2, 3, 3);
    expect(rnn.forward(x).toArray()).toEqual(rnnForward(x, zeros([2, 4]), p.Wx, p.Wh, p.b, { activation: 'sigmoid' }).h.toArray());
    expect(rnn.params.Wx).not.toBe(p.Wx);
    expectError(() => VanillaRNN.fromParams({ ...p, b: zeros([3]) }), ShapeError,
      'VanillaRNN.fromParams: params.b has shape [3], expected [H] = [4] (H from params.Wh)');
    expectError(() => VanillaRNN.fromParams({ ...p, Wx: zeros([3, 5]) }), ShapeError,
      'VanillaRNN.fromParams: params.Wx has shape [3, 5], expected [D, H] = [3, 4] (H from params.Wh)');
    expectError(() => VanillaRNN.fromParams({ Wx: p.Wx, b: p.b } as never), ShapeError,
      'VanillaRNN.fromParams: params.Wh must be a Tensor, got undefined');
  });

  it('backward or finalState before any forward is an Error saying to call forward first', () => {
    const rnn = new VanillaRNN(3, 4, new RandomState(0));
    expectError(() => rnn.backward(zeros([1, 1, 4])), Error, 'VanillaRNN.backward: no forward pass yet; call forward(x) first');
    expectError(() => rnn.finalState(), Error, 'VanillaRNN.finalState: no forward pass yet; call forward(x) first');
  });

  it('rejects bad constructor arguments, inputs, states and upstream gradients', () => {
    const rng = new RandomState(0);
    expectError(() => new VanillaRNN(0, 4, rng), ValueError, 'VanillaRNN: inputSize is 0, expected an integer >= 1');
    expectError(() => new VanillaRNN(3, 1.5, rng), ValueError, 'VanillaRNN: hiddenSize is 1.5, expected an integer >= 1');
    expectError(() => new VanillaRNN(3, 4, undefined as never), ValueError,
      'VanillaRNN: rng is undefined, expected a RandomState (new RandomState(seed))');
    expectError(() => new VanillaRNN(3, 4, rng, { activation: 'relu' as never }), ValueError,
      "VanillaRNN: options.activation is 'relu', expected one of 'tanh', 'sigmoid'");
    expectError(() => new VanillaRNN(3, 4, rng, 'sigmoid' as never), ValueError,
      "VanillaRNN: options is sigmoid, expected an object like { activation: 'tanh' }");
    expectError(() => VanillaRNN.fromParams(null as never), ValueError, 'VanillaRNN.fromParams: params must be { Wx, Wh, b }');
    const rnn = new VanillaRNN(3, 4, rng);
    expectError(() => rnn.forward(zeros([2, 5, 3]), null as never), ValueError, 'VanillaRNN.forward: state must be { h } or undefined');
    expectError(() => rnn.forward(zeros([2, 5, 2])), ShapeError,
      'VanillaRNN.forward: x has shape [2, 5, 2], expected [N, T, 3] = [2, 5, 3] (dimension 2 must be 3)');
    expectError(() => rnn.forward(zeros([2, 5, 3]), { h: zeros([3, 4]) }), ShapeError,
      'VanillaRNN.forward: state.h has shape [3, 4], expected [N, 4] = [2, 4] (N from x)');
    expectError(() => rnn.forward(zeros([2, 5, 3]), { h: zeros([2, 4]), c: zeros([2, 4]) }), ValueError,
      'VanillaRNN.forward: state has a cell state c, but a vanilla RNN has none');
    rnn.forward(zeros([2, 5, 3]));
    expectError(() => rnn.backward(zeros([2, 4, 4])), ShapeError,
      'VanillaRNN.backward: dh has shape [2, 4, 4], expected [2, 5, 4] (shape of h from the latest forward)');
  });
});
