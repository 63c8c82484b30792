import { describe, expect, it } from 'vitest';
import initFixtures from './fixtures/init_fixtures.json';
import { sliceTime } from '../../test-support';
import { ShapeError, ValueError } from '../errors';
import { evalNumericalGradientArray, relError } from '../gradcheck/numerical';
import { gruBackward, gruForward } from '../layers/gru';
import { RandomState } from '../random';
import fixtureFile from '../layers/fixtures/gru_fixtures.json';
import { NestedArray, Tensor, tensor, zeros } from '../tensor/tensor';
import { GRU } from './gru';
import { zeroGrads } from './module';

const [N, T, D, H] = [3, 4, 5, 6];

describe('GRU module', () => {
  it('draws its parameters as numpy draws torch.nn.GRU\'s (fixtures/make_init_fixtures.py), and starts with zero gradients', () => {
    const { seed, ...expected } = initFixtures.gru;
    expect([expected.D, expected.H]).toEqual([D, H]);
    const gru = new GRU(D, H, new RandomState(seed));
    expect(Object.keys(gru.params)).toEqual(['Wx', 'Wh', 'bx', 'bh']);
    for (const name of ['Wx', 'Wh', 'bx', 'bh'] as const) {
      expect(gru.params[name].toArray()).toEqual(expected[name]);
      expect(gru.grads[name].shape).toEqual(gru.params[name].shape);
      expect(gru.grads[name].data.every((v) => v === 0)).toBe(true);
    }
    expect([gru.inputSize, gru.hiddenSize]).toEqual([D, H]);
  });

  it('fromParams copies given weights: torch.nn.GRU weights give torch\'s h (fixture from make_gru_fixtures.py)', () => {
    const { inputs, outputs } = (fixtureFile as unknown as { sequence: { inputs: Record<string, NestedArray>; outputs: Record<string, NestedArray> } }).sequence;
    const params = { Wx: tensor(inputs.Wx), Wh: tensor(inputs.Wh), bx: tensor(inputs.bx), bh: tensor(inputs.bh) };
    const gru = GRU.fromParams(params);
    expect([gru.inputSize, gru.hiddenSize]).toEqual([4, 5]);
    expect(gru.params.Wx).not.toBe(params.Wx);
    const h = gru.forward(tensor(inputs.x), { h: tensor(inputs.h0) });
    const expected = tensor(outputs.h);
    h.data.forEach((v, i) => expect(Math.abs(v - expected.data[i])).toBeLessThanOrEqual(1e-12 * (1 + Math.abs(expected.data[i]))));
    expect(() => GRU.fromParams({ ...params, bh: zeros([4]) })).toThrow(
      new ShapeError('GRU.fromParams: params.bh has shape [4], expected [3H] = [15] (H from params.Wh)'),
    );
    expect(() => GRU.fromParams(null as never)).toThrow(new ValueError('GRU.fromParams: params must be { Wx, Wh, bx, bh }'));
  });

  it('forward and backward equal gruForward / gruBackward from a zero or given state', () => {
    const rng = new RandomState(4);
    const gru = new GRU(D, H, rng);
    const x = rng.randn(N, T, D);
    const h0 = rng.randn(N, H);
    const dh = rng.randn(N, T, H);
    const { Wx, Wh, bx, bh } = gru.params;
    expect(Array.from(gru.forward(x).data)).toEqual(Array.from(gruForward(x, zeros([N, H]), Wx, Wh, bx, bh).h.data));
    const h = gru.forward(x, { h: h0 });
    const ref = gruForward(x, h0, Wx, Wh, bx, bh);
    expect(Array.from(h.data)).toEqual(Array.from(ref.h.data));
    const dx = gru.backward(dh);
    const g = gruBackward(dh, ref.cache);
    expect(Array.from(dx.data)).toEqual(Array.from(g.dx.data));
    expect(Array.from(gru.grads.Wx.data)).toEqual(Array.from(g.dWx.data));
    expect(Array.from(gru.grads.bh.data)).toEqual(Array.from(g.dbh.data));
  });

  it('adds into grads on every backward, and zeroGrads clears them', () => {
    const rng = new RandomState(5);
    const gru = new GRU(D, H, rng);
    const dh = rng.randn(N, T, H);
    gru.forward(rng.randn(N, T, D));
    gru.backward(dh);
    const once = Object.fromEntries(Object.entries(gru.grads).map(([k, v]) => [k, v.clone()]));
    gru.backward(dh);
    for (const name of ['Wx', 'Wh', 'bx', 'bh'] as const) {
      expect(Array.from(gru.grads[name].data)).toEqual(Array.from(once[name].data, (v) => 2 * v));
    }
    zeroGrads(gru);
    expect(Object.values(gru.grads).every((t) => t.data.every((v) => v === 0))).toBe(true);
  });

  it('carries the state across chunks: two halves equal one whole sequence', () => {
    const rng = new RandomState(6);
    const gru = new GRU(D, H, rng);
    const x = rng.randn(N, 2 * T, D);
    const whole = gru.forward(x);
    const half = (k: number) => sliceTime(x, k * T, (k + 1) * T);
    gru.forward(half(0));
    const state = gru.finalState();
    expect(state.c).toBeUndefined();
    const second = gru.forward(half(1), state);
    for (let n = 0; n < N; n++) {
      for (let t = 0; t < T; t++) {
        for (let j = 0; j < H; j++) expect(second.get(n, t, j)).toBeCloseTo(whole.get(n, T + t, j), 14);
      }
    }
    const last = gru.finalState().h;
    for (let n = 0; n < N; n++) for (let j = 0; j < H; j++) expect(last.get(n, j)).toBe(second.get(n, T - 1, j));
  });

  const rng = new RandomState(231);
  const gru = new GRU(D, H, rng);
  const x = rng.randn(N, T, D);
  const h0 = rng.randn(N, H);
  const dh = rng.randn(N, T, H);
  gru.forward(x, { h: h0 });
  const dx = gru.backward(dh);
  const f = () => gru.forward(x, { h: h0 });
  const errors = [
    { name: 'dx', error: relError(dx, evalNumericalGradientArray(f, x, dh)) },
    ...(['Wx', 'Wh', 'bx', 'bh'] as const).map((name) => ({
      name: `grads.${name}`,
      error: relError(gru.grads[name], evalNumericalGradientArray(f, gru.params[name], dh)),
    })),
  ];
  for (const { name, error } of errors) {
    it(`${name} matches the numerical gradient (rel error ${error.toExponential(2)})`, () => expect(error).toBeLessThan(1e-7));
  }

  it('rejects bad sizes, a missing generator, bad inputs and states, and backward or finalState before forward', () => {
    const r = new RandomState(0);
    expect(() => new GRU(0, H, r)).toThrow(new ValueError('GRU: inputSize is 0, expected an integer >= 1'));
    expect(() => new GRU(D, -1, r)).toThrow('GRU: hiddenSize is -1, expected an integer >= 1');
    expect(() => new GRU(D, H, {} as never)).toThrow('GRU: rng is object, expected a RandomState (new RandomState(seed))');
    const fresh = new GRU(D, H, r);
    expect(() => fresh.backward(zeros([N, T, H]))).toThrow('GRU.backward: no forward pass yet; call forward(x) first');
    expect(() => fresh.finalState()).toThrow('GRU.finalState: no forward pass yet; call forward(x) first');
    expect(() => fresh.forward(zeros([N, T, D + 1]))).toThrow(
      new ShapeError('GRU.forward: x has shape [3, 4, 6], expected [N, T, 5] = [3, 4, 5] (dimension 2 must be 5)'),
    );
    expect(() => fresh.forward(zeros([N, T, D]), { h: zeros([N, H + 1]) })).toThrow(
      'GRU.forward: state.h has shape [3, 7], expected [N, 6] = [3, 6] (dimension 1 must be 6)',
    );
    expect(() => fresh.forward(zeros([N, T, D]), { h: zeros([N + 1, H]) })).toThrow(
      'GRU.forward: state.h has shape [4, 6], expected [N, 6] = [3, 6] (N from x)',
    );
    expect(() => fresh.forward(zeros([N, T, D]), { h: zeros([N, H]), c: zeros([N, H]) })).toThrow(
      new ValueError('GRU.forward: state has a cell state c, but a GRU has none'),
    );
    expect(() => fresh.forward(zeros([N, T, D]), { h: 'h' } as unknown as { h: Tensor })).toThrow(
      'GRU.forward: state.h must be a Tensor, got string',
    );
    fresh.forward(zeros([N, T, D]));
    expect(() => fresh.backward(zeros([N, T, H - 1]))).toThrow('GRU.backward: dh has shape [3, 4, 5], expected [3, 4, 6] (shape of h from the latest forward)');
  });
});
