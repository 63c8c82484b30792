import { describe, expect, it } from 'vitest';
import { build, buildAll, expectError, gradientErrorsArray, scaledDiff } from '../../test-support';
import { ShapeError, ValueError } from '../errors';
import { RandomState } from '../random';
import { Tensor, tensor, zeros } from '../tensor/tensor';
import { getTimeStep } from '../tensor/time';
import fixtures from './fixtures/rnn_lstm_fixtures.json';
import { RnnActivation, initRnnParams, rnnBackward, rnnForward, rnnStepBackward, rnnStepForward } from './rnn';

// Golden values: fixtures/make_rnn_lstm_fixtures.py (run with /usr/bin/python3, numpy 1.24, torch 1.13). Forward values
// are plain numpy on the cs231n notebook's linspace inputs; backward values are torch autograd of sum(h ⊙ dh) in
// float64; init values are numpy.random.RandomState(seed).randn(...) / sqrt(fan-in).

describe('rnnStepForward / rnnForward golden values (numpy)', () => {
  for (const c of fixtures.rnnStep) {
    it(`rnnStepForward (${c.activation}) matches numpy on the cs231n inputs within 1e-12`, () => {
      const v = buildAll(c.inputs);
      const { nextH } = rnnStepForward(v.x, v.prevH, v.Wx, v.Wh, v.b, { activation: c.activation as RnnActivation });
      expect(scaledDiff(nextH, c.nextH)).toBeLessThan(1e-12);
    });
  }
  for (const c of fixtures.rnnSeq) {
    it(`rnnForward (${c.activation}) matches numpy on the cs231n inputs within 1e-12`, () => {
      const v = buildAll(c.inputs);
      const { h } = rnnForward(v.x, v.h0, v.Wx, v.Wh, v.b, { activation: c.activation as RnnActivation });
      expect(scaledDiff(h, c.h)).toBeLessThan(1e-12);
    });
  }

  it('reproduces the values printed in the cs231n notebook (tanh is the default)', () => {
    const s = buildAll(fixtures.rnnStep[0].inputs);
    const expectedNextH = [
      [-0.58172089, -0.50182032, -0.41232771, -0.31410098],
      [0.66854692, 0.79562378, 0.87755553, 0.92795967],
      [0.97934501, 0.99144213, 0.99646691, 0.99854353],
    ];
    expect(scaledDiff(rnnStepForward(s.x, s.prevH, s.Wx, s.Wh, s.b).nextH, expectedNextH)).toBeLessThan(1e-8);
    const q = buildAll(fixtures.rnnSeq[0].inputs);
    const expectedH = [
      [[-0.42070749, -0.27279261, -0.11074945, 0.05740409, 0.22236251],
        [-0.39525808, -0.22554661, -0.0409454, 0.14649412, 0.32397316],
        [-0.42305111, -0.24223728, -0.04287027, 0.15997045, 0.35014525]],
      [[-0.55857474, -0.39065825, -0.19198182, 0.02378408, 0.23735671],
        [-0.27150199, -0.07088804, 0.13562939, 0.33099728, 0.50158768],
        [-0.51014825, -0.30524429, -0.06755202, 0.17806392, 0.40333043]],
    ];
    expect(scaledDiff(rnnForward(q.x, q.h0, q.Wx, q.Wh, q.b).h, expectedH)).toBeLessThan(1e-8);
  });
});

describe('rnnStepBackward / rnnBackward golden values (torch autograd)', () => {
  for (const c of fixtures.rnnStep) {
    it(`rnnStepBackward (${c.activation}) matches autograd for dx, dprevH, dWx, dWh, db within 1e-12`, () => {
      const v = buildAll(c.inputs);
      const { cache } = rnnStepForward(v.x, v.prevH, v.Wx, v.Wh, v.b, { activation: c.activation as RnnActivation });
      const g = rnnStepBackward(build(c.dnextH), cache);
      for (const [name, expected] of Object.entries(c.grads)) {
        expect(scaledDiff(g[name as keyof typeof g], expected), name).toBeLessThan(1e-12);
      }
    });
  }
  for (const c of fixtures.rnnSeq) {
    it(`rnnBackward (${c.activation}) matches autograd for dx, dh0, dWx, dWh, db within 1e-12`, () => {
      const v = buildAll(c.inputs);
      const { cache } = rnnForward(v.x, v.h0, v.Wx, v.Wh, v.b, { activation: c.activation as RnnActivation });
      const g = rnnBackward(build(c.dh), cache);
      for (const [name, expected] of Object.entries(c.grads)) {
        expect(scaledDiff(g[name as keyof typeof g], expected), name).toBeLessThan(1e-12);
      }
    });
  }
});

/** Relative errors of every output of rnnStepBackward against numerical gradients, random inputs. */
function stepErrors(activation: RnnActivation, seed: number) {
  const rng = new RandomState(seed);
  const [N, D, H] = [4, 5, 6];
  const [x, prevH, Wx, Wh, b, dnextH] = [rng.randn(N, D), rng.randn(N, H), rng.randn(D, H), rng.randn(H, H), rng.randn(H), rng.randn(N, H)];
  const { cache } = rnnStepForward(x, prevH, Wx, Wh, b, { activation });
  const g = rnnStepBackward(dnextH, cache);
  const f = () => rnnStepForward(x, prevH, Wx, Wh, b, { activation }).nextH;
  const inputs = { dx: x, dprevH: prevH, dWx: Wx, dWh: Wh, db: b };
  return gradientErrorsArray(g, inputs, f, dnextH).map((e) => ({ ...e, activation }));
}

/** Relative errors of every output of rnnBackward against numerical gradients, random inputs. */
function sequenceErrors(activation: RnnActivation, seed: number) {
  const rng = new RandomState(seed);
  const [N, T, D, H] = [3, 5, 4, 6];
  const [x, h0, Wx, Wh, b, dh] = [rng.randn(N, T, D), rng.randn(N, H), rng.randn(D, H), rng.randn(H, H), rng.randn(H), rng.randn(N, T, H)];
  const { cache } = rnnForward(x, h0, Wx, Wh, b, { activation });
  const g = rnnBackward(dh, cache);
  const f = () => rnnForward(x, h0, Wx, Wh, b, { activation }).h;
  const inputs = { dx: x, dh0: h0, dWx: Wx, dWh: Wh, db: b };
  return gradientErrorsArray(g, inputs, f, dh).map((e) => ({ ...e, activation }));
}

describe('rnnStepBackward matches numerical gradients', () => {
  for (const { name, activation, error } of [...stepErrors('tanh', 231), ...stepErrors('sigmoid', 232)]) {
    it(`${name} (${activation}): relative error ${error.toExponential(2)}`, () => expect(error).toBeLessThan(1e-7));
  }
});

describe('rnnBackward matches numerical gradients', () => {
  for (const { name, activation, error } of [...sequenceErrors('tanh', 233), ...sequenceErrors('sigmoid', 234)]) {
    it(`${name} (${activation}): relative error ${error.toExponential(2)}`, () => expect(error).toBeLessThan(1e-7));
  }
});

describe('rnnForward and rnnStepForward agree', () => {
  it('a sequence equals its steps chained by hand, forward and backward', () => {
    const rng = new RandomState(7);
    const [N, T, D, H] = [2, 4, 3, 5];
    const [x, h0, Wx, Wh, b, dh] = [rng.randn(N, T, D), rng.randn(N, H), rng.randn(D, H), rng.randn(H, H), rng.randn(H), rng.randn(N, T, H)];
    const seq = rnnForward(x, h0, Wx, Wh, b, { activation: 'sigmoid' });
    const caches = [];
    let prev = h0;
    for (let t = 0; t < T; t++) {
      const step = rnnStepForward(getTimeStep(x, t), prev, Wx, Wh, b, { activation: 'sigmoid' });
      expect(scaledDiff(step.nextH, getTimeStep(seq.h, t).toArray())).toBeLessThan(1e-15);
      caches.push(step.cache);
      prev = step.nextH;
    }
    const g = rnnBackward(dh, seq.cache);
    let dprev = zeros([N, H]);
    const dWx = zeros([D, H]);
    for (let t = T - 1; t >= 0; t--) {
      const dnext = getTimeStep(dh, t);
      for (let i = 0; i < dnext.size; i++) dnext.data[i] += dprev.data[i];
      const s = rnnStepBackward(dnext, caches[t]);
      expect(scaledDiff(s.dx, getTimeStep(g.dx, t).toArray())).toBeLessThan(1e-13);
      for (let i = 0; i < dWx.size; i++) dWx.data[i] += s.dWx.data[i];
      dprev = s.dprevH;
    }
    expect(scaledDiff(dprev, g.dh0.toArray())).toBeLessThan(1e-13);
    expect(scaledDiff(dWx, g.dWx.toArray())).toBeLessThan(1e-13);
  });

  it('an empty sequence (T = 0) gives an empty h and zero gradients', () => {
    const p = initRnnParams(3, 4, new RandomState(0));
    const { h, cache } = rnnForward(zeros([2, 0, 3]), tensor([[1, 2, 3, 4], [5, 6, 7, 8]]), p.Wx, p.Wh, p.b);
    expect(h.shape).toEqual([2, 0, 4]);
    const g = rnnBackward(zeros([2, 0, 4]), cache);
    expect(g.dx.shape).toEqual([2, 0, 3]);
    expect([...g.dh0.data, ...g.dWx.data, ...g.dWh.data, ...g.db.data].every((v) => v === 0)).toBe(true);
  });
});

describe('activation option', () => {
  const v = buildAll(fixtures.rnnSeq[1].inputs);
  const sigmoidRun = () => rnnForward(v.x, v.h0, v.Wx, v.Wh, v.b, { activation: 'sigmoid' });

  it('backward functions accept the activation of the cache and reject another one', () => {
    const { cache } = sigmoidRun();
    const dh = build(fixtures.rnnSeq[1].dh);
    expect(rnnBackward(dh, cache, { activation: 'sigmoid' }).dx.toArray()).toEqual(rnnBackward(dh, cache).dx.toArray());
    expectError(() => rnnBackward(dh, cache, { activation: 'tanh' }), ValueError,
      "rnnBackward: options.activation is 'tanh', but the forward pass used 'sigmoid' (from cache)");
    const step = rnnStepForward(getTimeStep(v.x, 0), v.h0, v.Wx, v.Wh, v.b);
    expectError(() => rnnStepBackward(zeros([2, 5]), step.cache, { activation: 'sigmoid' }), ValueError,
      "rnnStepBackward: options.activation is 'sigmoid', but the forward pass used 'tanh' (from cache)");
  });

  it('an unknown activation or a non-object options is a ValueError naming the allowed values', () => {
    const relu = { activation: 'relu' as RnnActivation };
    expectError(() => rnnForward(v.x, v.h0, v.Wx, v.Wh, v.b, relu), ValueError,
      "rnnForward: options.activation is 'relu', expected one of 'tanh', 'sigmoid'");
    expectError(() => rnnStepForward(getTimeStep(v.x, 0), v.h0, v.Wx, v.Wh, v.b, relu), ValueError,
      "rnnStepForward: options.activation is 'relu', expected one of 'tanh', 'sigmoid'");
    const { cache } = sigmoidRun();
    expectError(() => rnnBackward(zeros([2, 3, 5]), cache, relu), ValueError,
      "rnnBackward: options.activation is 'relu', expected one of 'tanh', 'sigmoid'");
    expectError(() => rnnForward(v.x, v.h0, v.Wx, v.Wh, v.b, 'tanh' as never), ValueError,
      "rnnForward: options is tanh, expected an object like { activation: 'tanh' }");
  });
});

describe('shape and argument errors name the function, the argument and the expected shape', () => {
  // Valid shapes: N, T, D, H = 2, 3, 3, 4.
  const [x1, x, h, Wx, Wh, b] = [zeros([2, 3]), zeros([2, 3, 3]), zeros([2, 4]), zeros([3, 4]), zeros([4, 4]), zeros([4])];
  const stepCache = rnnStepForward(x1, h, Wx, Wh, b).cache;
  const seqCache = rnnForward(x, h, Wx, Wh, b).cache;
  it.each([
    ['rnnStepForward x', () => rnnStepForward(zeros([2, 5]), h, Wx, Wh, b), ShapeError,
      'rnnStepForward: x has shape [2, 5], expected [N, D] = [2, 3] (D from Wx)'],
    ['rnnStepForward x (rank)', () => rnnStepForward(x, h, Wx, Wh, b), ShapeError,
      'rnnStepForward: x has shape [2, 3, 3], expected [N, D] (rank 2)'],
    ['rnnStepForward prevH (N)', () => rnnStepForward(x1, zeros([3, 4]), Wx, Wh, b), ShapeError,
      'rnnStepForward: prevH has shape [3, 4], expected [N, H] = [2, 4] (N from x)'],
    ['rnnStepForward prevH (H)', () => rnnStepForward(x1, zeros([2, 5]), Wx, Wh, b), ShapeError,
      'rnnStepForward: prevH has shape [2, 5], expected [N, H] = [2, 4] (H from Wh)'],
    ['rnnStepForward Wx', () => rnnStepForward(x1, h, zeros([3, 5]), Wh, b), ShapeError,
      'rnnStepForward: Wx has shape [3, 5], expected [D, H] = [3, 4] (H from Wh)'],
    ['rnnStepForward Wh', () => rnnStepForward(x1, h, Wx, zeros([4, 5]), b), ShapeError,
      'rnnStepForward: Wh has shape [4, 5], expected [H, H] = [4, 4] (H from Wh)'],
    ['rnnStepForward b', () => rnnStepForward(x1, h, Wx, Wh, zeros([5])), ShapeError,
      'rnnStepForward: b has shape [5], expected [H] = [4] (H from Wh)'],
    ['rnnStepForward b (not a tensor)', () => rnnStepForward(x1, h, Wx, Wh, [0, 0, 0, 0] as never), ShapeError,
      'rnnStepForward: b must be a Tensor, got an array'],
    ['rnnStepBackward dnextH', () => rnnStepBackward(zeros([2, 5]), stepCache), ShapeError,
      'rnnStepBackward: dnextH has shape [2, 5], expected [2, 4] (shape of nextH in the cache)'],
    ['rnnStepBackward cache', () => rnnStepBackward(h, seqCache as never), ValueError,
      'rnnStepBackward: cache is not a cache returned by rnnStepForward (no tensor prevH)'],
    ['rnnStepBackward cache (undefined)', () => rnnStepBackward(h, undefined as never), ValueError,
      'rnnStepBackward: cache is not a cache returned by rnnStepForward (no tensor x)'],
    ['rnnStepBackward cache.activation', () => rnnStepBackward(h, { ...stepCache, activation: 'relu' as never }), ValueError,
      "rnnStepBackward: cache.activation is 'relu', expected one of 'tanh', 'sigmoid'"],
    ['rnnForward x', () => rnnForward(zeros([2, 3, 5]), h, Wx, Wh, b), ShapeError,
      'rnnForward: x has shape [2, 3, 5], expected [N, T, D] = [2, 3, 3] (D from Wx)'],
    ['rnnForward x (rank)', () => rnnForward(x1, h, Wx, Wh, b), ShapeError,
      'rnnForward: x has shape [2, 3], expected [N, T, D] (rank 3)'],
    ['rnnForward h0', () => rnnForward(x, zeros([2, 5]), Wx, Wh, b), ShapeError,
      'rnnForward: h0 has shape [2, 5], expected [N, H] = [2, 4] (H from Wh)'],
    ['rnnForward Wx', () => rnnForward(x, h, zeros([4, 4]), Wh, b), ShapeError,
      'rnnForward: x has shape [2, 3, 3], expected [N, T, D] = [2, 3, 4] (D from Wx)'],
    ['rnnForward Wx (H)', () => rnnForward(x, h, zeros([3, 3]), Wh, b), ShapeError,
      'rnnForward: Wx has shape [3, 3], expected [D, H] = [3, 4] (H from Wh)'],
    ['rnnForward Wh', () => rnnForward(x, h, Wx, zeros([4]), b), ShapeError,
      'rnnForward: Wh has shape [4], expected [H, H] (rank 2)'],
    ['rnnForward b', () => rnnForward(x, h, Wx, Wh, zeros([1, 4])), ShapeError,
      'rnnForward: b has shape [1, 4], expected [H] (rank 1)'],
    ['rnnBackward dh', () => rnnBackward(zeros([2, 2, 4]), seqCache), ShapeError,
      'rnnBackward: dh has shape [2, 2, 4], expected [2, 3, 4] (shape of h in the cache)'],
    ['rnnBackward cache', () => rnnBackward(zeros([2, 3, 4]), stepCache as never), ValueError,
      'rnnBackward: cache is not a cache returned by rnnForward (no tensor h0)'],
  ] as const)('%s', (_, f, cls, message) => expectError(f, cls, message));
});

describe('initRnnParams', () => {
  const c = fixtures.init.find((i) => i.kind === 'rnn')!;

  it('draws Wx then Wh as numpy randn(D, H) / sqrt(D), randn(H, H) / sqrt(H), bit for bit, and b = 0', () => {
    const p = initRnnParams(c.D, c.H, new RandomState(c.seed));
    expect(p.Wx.toArray()).toEqual(c.Wx);
    expect(p.Wh.toArray()).toEqual(c.Wh);
    expect(p.b.toArray()).toEqual(c.b);
  });

  it('rejects a bad size or generator', () => {
    const rng = new RandomState(0);
    expectError(() => initRnnParams(0, 4, rng), ValueError, 'initRnnParams: D is 0, expected an integer >= 1');
    expectError(() => initRnnParams(3, 2.5, rng), ValueError, 'initRnnParams: H is 2.5, expected an integer >= 1');
    expectError(() => initRnnParams(3, 4, 42 as never), ValueError,
      'initRnnParams: rng is number, expected a RandomState (new RandomState(seed))');
  });
});

describe('rnnBackward with options.inputGrad false', () => {
  const rng = new RandomState(12);
  const [N, T, D, H] = [3, 4, 5, 6];
  const { Wx, Wh, b } = initRnnParams(D, H, rng);
  const [x, h0, dh] = [rng.randn(N, T, D), rng.randn(N, H), rng.randn(N, T, H)] as Tensor[];

  it.each(['tanh', 'sigmoid'] as const)('%s: returns dx = null and dh0, dWx, dWh, db bit for bit as the default path', (activation) => {
    const { cache } = rnnForward(x, h0, Wx, Wh, b, { activation });
    const full = rnnBackward(dh, cache);
    const skip = rnnBackward(dh, cache, { activation, inputGrad: false });
    const dx: null = skip.dx; // typed null by the overload
    expect(dx).toBeNull();
    for (const k of ['dh0', 'dWx', 'dWh', 'db'] as const) expect(skip[k].data, k).toEqual(full[k].data);
    expect(rnnBackward(dh, cache, { inputGrad: true }).dx.data).toEqual(full.dx.data);
  });

  it('rejects an inputGrad that is not a boolean', () => {
    const { cache } = rnnForward(x, h0, Wx, Wh, b);
    expectError(() => rnnBackward(dh, cache, { inputGrad: 0 as never }), ValueError,
      'rnnBackward: options.inputGrad is 0, expected true or false');
  });
});
