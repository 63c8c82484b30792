import { describe, expect, it } from 'vitest';
import { build, buildAll, dot, expectError, gradientErrors, scaledDiff } from '../../test-support';
import { ShapeError, ValueError } from '../errors';
import { RandomState } from '../random';
import { Tensor, zeros } from '../tensor/tensor';
import { getTimeStep } from '../tensor/time';
import fixtures from './fixtures/rnn_lstm_fixtures.json';
import { initLstmParams, lstmBackward, lstmForward, lstmStepBackward, lstmStepForward } from './lstm';

// Golden values: fixtures/make_rnn_lstm_fixtures.py (run with /usr/bin/python3, numpy 1.24, torch 1.13). Forward values
// are plain numpy on the cs231n notebook's linspace inputs (plus a case with a non-zero c0); backward values are torch
// autograd of sum(h ⊙ dh) + sum(c_T ⊙ dcT) in float64; init values are numpy.random.RandomState(seed).randn / sqrt.

describe('lstmStepForward / lstmForward golden values (numpy)', () => {
  const step = fixtures.lstmStep;
  it('lstmStepForward matches numpy on the cs231n inputs within 1e-12 (nextH and nextC)', () => {
    const v = buildAll(step.inputs);
    const { nextH, nextC } = lstmStepForward(v.x, v.prevH, v.prevC, v.Wx, v.Wh, v.b);
    expect(scaledDiff(nextH, step.nextH)).toBeLessThan(1e-12);
    expect(scaledDiff(nextC, step.nextC)).toBeLessThan(1e-12);
  });

  for (const c of fixtures.lstmSeq) {
    const withC0 = 'c0' in c.inputs;
    it(`lstmForward ${withC0 ? 'with a non-zero c0' : '(c0 = 0)'} matches numpy within 1e-12 (h and c)`, () => {
      const v = buildAll(c.inputs);
      const { h, c: cs } = lstmForward(v.x, v.h0, v.Wx, v.Wh, v.b, withC0 ? { c0: v.c0 } : {});
      expect(scaledDiff(h, c.h)).toBeLessThan(1e-12);
      expect(scaledDiff(cs, c.c)).toBeLessThan(1e-12);
    });
  }

  it('reproduces the values printed in the cs231n notebook', () => {
    const v = buildAll(step.inputs);
    const { nextH, nextC } = lstmStepForward(v.x, v.prevH, v.prevC, v.Wx, v.Wh, v.b);
    expect(scaledDiff(nextH, [
      [0.24635157, 0.28610883, 0.32240467, 0.35525807, 0.38474904],
      [0.49223563, 0.55611431, 0.61507696, 0.66844003, 0.7159181],
      [0.56735664, 0.66310127, 0.74419266, 0.80889665, 0.858299]])).toBeLessThan(1e-8);
    expect(scaledDiff(nextC, [
      [0.32986176, 0.39145139, 0.451556, 0.51014116, 0.56717407],
      [0.66382255, 0.76674007, 0.87195994, 0.97902709, 1.08751345],
      [0.74192008, 0.90592151, 1.07717006, 1.25120233, 1.42395676]])).toBeLessThan(1e-8);
    const q = buildAll(fixtures.lstmSeq[0].inputs);
    expect(scaledDiff(lstmForward(q.x, q.h0, q.Wx, q.Wh, q.b).h, [
      [[0.01764008, 0.01823233, 0.01882671, 0.0194232],
        [0.11287491, 0.12146228, 0.13018446, 0.13902939],
        [0.31358768, 0.33338627, 0.35304453, 0.37250975]],
      [[0.45767879, 0.4761092, 0.4936887, 0.51041945],
        [0.6704845, 0.69350089, 0.71486014, 0.7346449],
        [0.81733511, 0.83677871, 0.85403753, 0.86935314]]])).toBeLessThan(1e-8);
  });
});

describe('lstmStepBackward / lstmBackward golden values (torch autograd)', () => {
  it('lstmStepBackward matches autograd for dx, dprevH, dprevC, dWx, dWh, db within 1e-12', () => {
    const c = fixtures.lstmStep;
    const v = buildAll(c.inputs);
    const { cache } = lstmStepForward(v.x, v.prevH, v.prevC, v.Wx, v.Wh, v.b);
    const g = lstmStepBackward(build(c.dnextH), build(c.dnextC), cache);
    for (const [name, expected] of Object.entries(c.grads)) {
      expect(scaledDiff(g[name as keyof typeof g], expected), name).toBeLessThan(1e-12);
    }
  });

  for (const c of fixtures.lstmSeq) {
    const withC0 = 'c0' in c.inputs;
    it(`lstmBackward ${withC0 ? 'with a non-zero c0' : '(c0 = 0)'} and dcT matches autograd for dx, dh0, dc0, dWx, dWh, db`, () => {
      const v = buildAll(c.inputs);
      const { cache } = lstmForward(v.x, v.h0, v.Wx, v.Wh, v.b, withC0 ? { c0: v.c0 } : {});
      const g = lstmBackward(build(c.dh), cache, { dcT: build(c.dcT) });
      for (const [name, expected] of Object.entries(c.grads)) {
        expect(scaledDiff(g[name as keyof typeof g], expected), name).toBeLessThan(1e-12);
      }
    });
  }
});

/** Relative errors of every output of lstmStepBackward: numerical gradient of sum(nextH ⊙ dnextH) + sum(nextC ⊙ dnextC). */
function stepErrors(seed: number) {
  const rng = new RandomState(seed);
  const [N, D, H] = [4, 5, 3];
  const [x, prevH, prevC, Wx, Wh, b] = [rng.randn(N, D), rng.randn(N, H), rng.randn(N, H), rng.randn(D, 4 * H), rng.randn(H, 4 * H), rng.randn(4 * H)];
  const [dnextH, dnextC] = [rng.randn(N, H), rng.randn(N, H)];
  const g = lstmStepBackward(dnextH, dnextC, lstmStepForward(x, prevH, prevC, Wx, Wh, b).cache);
  const loss = () => {
    const r = lstmStepForward(x, prevH, prevC, Wx, Wh, b);
    return dot(r.nextH, dnextH) + dot(r.nextC, dnextC);
  };
  return gradientErrors(g, { dx: x, dprevH: prevH, dprevC: prevC, dWx: Wx, dWh: Wh, db: b }, loss);
}

/** Relative errors of every output of lstmBackward: numerical gradient of sum(h ⊙ dh) + sum(c_T ⊙ dcT), non-zero c0. */
function sequenceErrors(seed: number) {
  const rng = new RandomState(seed);
  const [N, T, D, H] = [3, 5, 4, 3];
  const [x, h0, c0, Wx, Wh, b] = [rng.randn(N, T, D), rng.randn(N, H), rng.randn(N, H), rng.randn(D, 4 * H), rng.randn(H, 4 * H), rng.randn(4 * H)];
  const [dh, dcT] = [rng.randn(N, T, H), rng.randn(N, H)];
  const g = lstmBackward(dh, lstmForward(x, h0, Wx, Wh, b, { c0 }).cache, { dcT });
  const loss = () => {
    const r = lstmForward(x, h0, Wx, Wh, b, { c0 });
    return dot(r.h, dh) + dot(getTimeStep(r.c, T - 1), dcT);
  };
  return gradientErrors(g, { dx: x, dh0: h0, dc0: c0, dWx: Wx, dWh: Wh, db: b }, loss);
}

describe('lstmStepBackward matches numerical gradients', () => {
  for (const { name, error } of stepErrors(331)) {
    it(`${name}: relative error ${error.toExponential(2)}`, () => expect(error).toBeLessThan(1e-7));
  }
});

describe('lstmBackward matches numerical gradients (non-zero c0 and dcT)', () => {
  for (const { name, error } of sequenceErrors(332)) {
    it(`${name}: relative error ${error.toExponential(2)}`, () => expect(error).toBeLessThan(1e-7));
  }
});

describe('lstmForward and lstmStepForward agree', () => {
  it('a sequence equals its steps chained by hand, forward and backward', () => {
    const rng = new RandomState(8);
    const [N, T, D, H] = [2, 4, 3, 5];
    const [x, h0, c0, dh] = [rng.randn(N, T, D), rng.randn(N, H), rng.randn(N, H), rng.randn(N, T, H)];
    const p = initLstmParams(D, H, rng, { forgetBias: 1 });
    const seq = lstmForward(x, h0, p.Wx, p.Wh, p.b, { c0 });
    const caches = [];
    let [prevH, prevC] = [h0, c0];
    for (let t = 0; t < T; t++) {
      const s = lstmStepForward(getTimeStep(x, t), prevH, prevC, p.Wx, p.Wh, p.b);
      expect(scaledDiff(s.nextH, getTimeStep(seq.h, t).toArray())).toBeLessThan(1e-15);
      expect(scaledDiff(s.nextC, getTimeStep(seq.c, t).toArray())).toBeLessThan(1e-15);
      caches.push(s.cache);
      [prevH, prevC] = [s.nextH, s.nextC];
    }
    const g = lstmBackward(dh, seq.cache);
    let [dprevH, dprevC] = [zeros([N, H]), zeros([N, H])];
    for (let t = T - 1; t >= 0; t--) {
      const dnextH = getTimeStep(dh, t);
      for (let i = 0; i < dnextH.size; i++) dnextH.data[i] += dprevH.data[i];
      const s = lstmStepBackward(dnextH, dprevC, caches[t]);
      expect(scaledDiff(s.dx, getTimeStep(g.dx, t).toArray())).toBeLessThan(1e-13);
      [dprevH, dprevC] = [s.dprevH, s.dprevC];
    }
    expect(scaledDiff(dprevH, g.dh0.toArray())).toBeLessThan(1e-13);
    expect(scaledDiff(dprevC, g.dc0.toArray())).toBeLessThan(1e-13);
  });

  it('c0 defaults to zeros and dcT to zeros', () => {
    const v = buildAll(fixtures.lstmSeq[0].inputs);
    const implicit = lstmForward(v.x, v.h0, v.Wx, v.Wh, v.b);
    const explicit = lstmForward(v.x, v.h0, v.Wx, v.Wh, v.b, { c0: zeros([2, 4]) });
    expect(implicit.h.toArray()).toEqual(explicit.h.toArray());
    const dh = build(fixtures.lstmSeq[0].dh);
    expect(lstmBackward(dh, implicit.cache).dc0.toArray()).toEqual(lstmBackward(dh, implicit.cache, { dcT: zeros([2, 4]) }).dc0.toArray());
  });
});

describe('shape and argument errors name the function, the argument and the expected shape', () => {
  // Valid shapes: N, T, D, H = 3, 2, 3, 4.
  const [x1, x, h, Wx, Wh, b] = [zeros([3, 3]), zeros([3, 2, 3]), zeros([3, 4]), zeros([3, 16]), zeros([4, 16]), zeros([16])];
  const stepCache = lstmStepForward(x1, h, h, Wx, Wh, b).cache;
  const seqCache = lstmForward(x, h, Wx, Wh, b).cache;
  it.each([
    ['lstmStepForward x', () => lstmStepForward(zeros([3, 5]), h, h, Wx, Wh, b), ShapeError,
      'lstmStepForward: x has shape [3, 5], expected [N, D] = [3, 3] (D from Wx)'],
    ['lstmStepForward prevH', () => lstmStepForward(x1, zeros([3, 5]), h, Wx, Wh, b), ShapeError,
      'lstmStepForward: prevH has shape [3, 5], expected [N, H] = [3, 4] (H from Wh)'],
    ['lstmStepForward prevC', () => lstmStepForward(x1, h, zeros([2, 4]), Wx, Wh, b), ShapeError,
      'lstmStepForward: prevC has shape [2, 4], expected [N, H] = [3, 4] (N from x)'],
    ['lstmStepForward Wx', () => lstmStepForward(x1, h, h, zeros([3, 12]), Wh, b), ShapeError,
      'lstmStepForward: Wx has shape [3, 12], expected [D, 4H] = [3, 16] (H from Wh)'],
    ['lstmStepForward Wh', () => lstmStepForward(x1, h, h, Wx, zeros([4, 15]), b), ShapeError,
      'lstmStepForward: Wh has shape [4, 15], expected [H, 4H] = [4, 16] (H from Wh)'],
    ['lstmStepForward b', () => lstmStepForward(x1, h, h, Wx, Wh, zeros([15])), ShapeError,
      'lstmStepForward: b has shape [15], expected [4H] = [16] (H from Wh)'],
    ['lstmStepBackward dnextH', () => lstmStepBackward(zeros([3, 5]), h, stepCache), ShapeError,
      'lstmStepBackward: dnextH has shape [3, 5], expected [3, 4] (shape of nextH in the cache)'],
    ['lstmStepBackward dnextC', () => lstmStepBackward(h, zeros([4, 4]), stepCache), ShapeError,
      'lstmStepBackward: dnextC has shape [4, 4], expected [3, 4] (shape of nextC in the cache)'],
    ['lstmStepBackward cache', () => lstmStepBackward(h, h, seqCache as never), ValueError,
      'lstmStepBackward: cache is not a cache returned by lstmStepForward (no tensor prevH)'],
    ['lstmForward x', () => lstmForward(zeros([3, 2, 5]), h, Wx, Wh, b), ShapeError,
      'lstmForward: x has shape [3, 2, 5], expected [N, T, D] = [3, 2, 3] (D from Wx)'],
    ['lstmForward h0', () => lstmForward(x, zeros([2, 4]), Wx, Wh, b), ShapeError,
      'lstmForward: h0 has shape [2, 4], expected [N, H] = [3, 4] (N from x)'],
    ['lstmForward Wx', () => lstmForward(x, h, zeros([3, 4, 4]), Wh, b), ShapeError,
      'lstmForward: Wx has shape [3, 4, 4], expected [D, 4H] (rank 2)'],
    ['lstmForward Wh', () => lstmForward(x, h, Wx, zeros([5, 20]), b), ShapeError,
      'lstmForward: Wx has shape [3, 16], expected [D, 4H] = [3, 20] (H from Wh)'],
    ['lstmForward Wh (not 4H wide)', () => lstmForward(x, h, Wx, zeros([4, 10]), b), ShapeError,
      'lstmForward: Wh has shape [4, 10], expected [H, 4H] = [4, 16] (H from Wh)'],
    ['lstmForward b', () => lstmForward(x, h, Wx, Wh, zeros([4])), ShapeError,
      'lstmForward: b has shape [4], expected [4H] = [16] (H from Wh)'],
    ['lstmForward options.c0', () => lstmForward(x, h, Wx, Wh, b, { c0: zeros([3, 5]) }), ShapeError,
      'lstmForward: options.c0 has shape [3, 5], expected [N, H] = [3, 4] (H from Wh)'],
    ['lstmForward options', () => lstmForward(x, h, Wx, Wh, b, null as never), ValueError,
      'lstmForward: options is null, expected an object like { c0: ... }'],
    ['lstmBackward dh', () => lstmBackward(zeros([3, 2, 5]), seqCache), ShapeError,
      'lstmBackward: dh has shape [3, 2, 5], expected [3, 2, 4] (shape of h in the cache)'],
    ['lstmBackward cache', () => lstmBackward(zeros([3, 2, 4]), stepCache as never), ValueError,
      'lstmBackward: cache is not a cache returned by lstmForward (no tensor h0)'],
    ['lstmBackward options.dcT', () => lstmBackward(zeros([3, 2, 4]), seqCache, { dcT: zeros([3, 2, 4]) }), ShapeError,
      'lstmBackward: options.dcT has shape [3, 2, 4], expected [3, 4] (shape of h0 in the cache)'],
    ['lstmBackward options', () => lstmBackward(zeros([3, 2, 4]), seqCache, 5 as never), ValueError,
      'lstmBackward: options is 5, expected an object like { dcT: ... }'],
  ] as const)('%s', (_, f, cls, message) => expectError(f, cls, message));
});

describe('initLstmParams', () => {
  for (const c of fixtures.init.filter((i) => i.kind === 'lstm')) {
    it(`draws Wx then Wh as numpy randn / sqrt(fan-in) bit for bit, b = 0 but b[H:2H] = ${c.forgetBias} (seed ${c.seed})`, () => {
      const p = initLstmParams(c.D, c.H, new RandomState(c.seed), { forgetBias: c.forgetBias });
      expect(p.Wx.toArray()).toEqual(c.Wx);
      expect(p.Wh.toArray()).toEqual(c.Wh);
      expect(p.b.toArray()).toEqual(c.b);
    });
  }

  it('defaults forgetBias to 0', () => {
    expect(Array.from(initLstmParams(2, 3, new RandomState(0)).b.data).every((v) => v === 0)).toBe(true);
  });

  it('rejects a bad size, generator or forget bias', () => {
    const rng = new RandomState(0);
    expectError(() => initLstmParams(-1, 4, rng), ValueError, 'initLstmParams: D is -1, expected an integer >= 1');
    expectError(() => initLstmParams(3, 0, rng), ValueError, 'initLstmParams: H is 0, expected an integer >= 1');
    expectError(() => initLstmParams(3, 4, null as never), ValueError,
      'initLstmParams: rng is null, expected a RandomState (new RandomState(seed))');
    expectError(() => initLstmParams(3, 4, rng, { forgetBias: NaN }), ValueError,
      'initLstmParams: options.forgetBias is NaN, expected a finite number');
    expectError(() => initLstmParams(3, 4, rng, null as never), ValueError,
      'initLstmParams: options is null, expected an object like { forgetBias: ... }');
  });
});

describe('lstmBackward with options.inputGrad false', () => {
  const rng = new RandomState(11);
  const [N, T, D, H] = [3, 4, 5, 6];
  const { Wx, Wh, b } = initLstmParams(D, H, rng, { forgetBias: 1 });
  const [x, h0, c0] = [rng.randn(N, T, D), rng.randn(N, H), rng.randn(N, H)] as Tensor[];
  const { cache } = lstmForward(x, h0, Wx, Wh, b, { c0 });
  const [dh, dcT] = [rng.randn(N, T, H), rng.randn(N, H)] as Tensor[];

  it('returns dx = null and dh0, dc0, dWx, dWh, db bit for bit as the default path', () => {
    const full = lstmBackward(dh, cache, { dcT });
    const skip = lstmBackward(dh, cache, { dcT, inputGrad: false });
    const dx: null = skip.dx; // typed null by the overload
    expect(dx).toBeNull();
    for (const k of ['dh0', 'dc0', 'dWx', 'dWh', 'db'] as const) expect(skip[k].data, k).toEqual(full[k].data);
  });

  it('computes dx when inputGrad is true (the default)', () => {
    expect(lstmBackward(dh, cache, { inputGrad: true }).dx.data).toEqual(lstmBackward(dh, cache).dx.data);
  });

  it('rejects an inputGrad that is not a boolean', () => {
    expectError(() => lstmBackward(dh, cache, { inputGrad: 'no' as never }), ValueError,
      "lstmBackward: options.inputGrad is 'no', expected true or false");
  });
});
