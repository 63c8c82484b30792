import { describe, expect, it } from 'vitest';
import { buildAll, expectError, gradientErrorsArray, scaledDiff } from '../../test-support';
import { ShapeError, ValueError } from '../errors';
import { RandomState } from '../random';
import { Tensor, tensor, zeros } from '../tensor/tensor';
import { getTimeStep } from '../tensor/time';
import {
  EsnStepCache, esnBackward, esnForward, esnStepBackward, esnStepForward, initEsnParams, spectralRadius,
} from './esn';
import fixtures from './fixtures/esn_fixtures.json';

// Golden values: fixtures/make_esn_fixtures.py (run with /usr/bin/python3; numpy 1.24, torch 1.13). Forward values are
// plain numpy from the leaky-integrator equations on linspace inputs; backward values are torch autograd of
// sum(h ⊙ dh); init values are numpy.random.RandomState(seed) draws in the documented order; spectral radii are
// max |numpy.linalg.eigvals|.

/** A random sparse matrix drawn as the fixtures' `sparse(rng, H, density)`. */
function sparse(seed: number, H: number, density: number): Tensor {
  const rng = new RandomState(seed);
  const mask = rng.rand(H, H);
  const W = rng.uniform(-1, 1, [H, H]);
  for (let i = 0; i < W.size; i++) if (!(mask.data[i] < density)) W.data[i] = 0;
  return W;
}

describe('esnStepForward / esnForward golden values (numpy)', () => {
  for (const c of fixtures.forward) {
    it(`esnStepForward (leak rate ${c.leakRate}) matches numpy within 1e-12`, () => {
      const v = buildAll(c.inputs);
      const { nextH } = esnStepForward(getTimeStep(v.x, 0), v.h0, v.Win, v.W, v.b, { leakRate: c.leakRate });
      expect(scaledDiff(nextH, c.nextH)).toBeLessThan(1e-12);
    });
    it(`esnForward (leak rate ${c.leakRate}) matches numpy within 1e-12`, () => {
      const v = buildAll(c.inputs);
      const { h } = esnForward(v.x, v.h0, v.Win, v.W, v.b, { leakRate: c.leakRate });
      expect(scaledDiff(h, c.h)).toBeLessThan(1e-12);
    });
  }

  it('the leak rate defaults to 1 (the plain ESN)', () => {
    const c = fixtures.forward[0];
    const v = buildAll(c.inputs);
    expect(c.leakRate).toBe(1);
    expect(scaledDiff(esnForward(v.x, v.h0, v.Win, v.W, v.b).h, c.h)).toBeLessThan(1e-12);
  });
});

describe('esnBackward golden values (torch autograd)', () => {
  for (const c of fixtures.forward) {
    it(`esnBackward (leak rate ${c.leakRate}) matches autograd for dx, dh0, dWin, dW, db within 1e-12`, () => {
      const v = buildAll(c.inputs);
      const g = esnBackward(v.dh, esnForward(v.x, v.h0, v.Win, v.W, v.b, { leakRate: c.leakRate }).cache);
      for (const [name, expected] of Object.entries(c.grads)) {
        expect(scaledDiff(g[name as keyof typeof g], expected), name).toBeLessThan(1e-12);
      }
    });
  }
});

/** Relative errors of every output of esnStepBackward against numerical gradients, random inputs. */
function stepErrors(leakRate: number, seed: number) {
  const rng = new RandomState(seed);
  const [N, D, H] = [4, 3, 6];
  const [x, prevH, Win, W, b, dnextH] = [rng.randn(N, D), rng.randn(N, H), rng.randn(D, H), rng.randn(H, H), rng.randn(H), rng.randn(N, H)];
  for (const t of [Win, W]) for (let i = 0; i < t.size; i++) t.data[i] *= 0.4; // keep tanh out of saturation
  const g = esnStepBackward(dnextH, esnStepForward(x, prevH, Win, W, b, { leakRate }).cache);
  const f = () => esnStepForward(x, prevH, Win, W, b, { leakRate }).nextH;
  const inputs = { dx: x, dprevH: prevH, dWin: Win, dW: W, db: b };
  return gradientErrorsArray(g, inputs, f, dnextH).map((e) => ({ ...e, leakRate }));
}

/** Relative errors of every output of esnBackward against numerical gradients, random inputs. */
function sequenceErrors(leakRate: number, seed: number) {
  const rng = new RandomState(seed);
  const [N, T, D, H] = [3, 5, 4, 6];
  const [x, h0, Win, W, b, dh] = [rng.randn(N, T, D), rng.randn(N, H), rng.randn(D, H), rng.randn(H, H), rng.randn(H), rng.randn(N, T, H)];
  for (const t of [Win, W]) for (let i = 0; i < t.size; i++) t.data[i] *= 0.4;
  const g = esnBackward(dh, esnForward(x, h0, Win, W, b, { leakRate }).cache);
  const f = () => esnForward(x, h0, Win, W, b, { leakRate }).h;
  const inputs = { dx: x, dh0: h0, dWin: Win, dW: W, db: b };
  return gradientErrorsArray(g, inputs, f, dh).map((e) => ({ ...e, leakRate }));
}

describe('esnStepBackward matches numerical gradients', () => {
  for (const { name, leakRate, error } of [...stepErrors(1, 301), ...stepErrors(0.35, 302)]) {
    it(`${name} (leak rate ${leakRate}): relative error ${error.toExponential(2)}`, () => expect(error).toBeLessThan(1e-7));
  }
});

describe('esnBackward matches numerical gradients', () => {
  for (const { name, leakRate, error } of [...sequenceErrors(1, 303), ...sequenceErrors(0.35, 304)]) {
    it(`${name} (leak rate ${leakRate}): relative error ${error.toExponential(2)}`, () => expect(error).toBeLessThan(1e-7));
  }
});

describe('esnForward and esnStepForward agree', () => {
  it('a sequence equals its steps chained by hand, forward and backward', () => {
    const rng = new RandomState(7);
    const [N, T, D, H] = [2, 4, 3, 5];
    const [x, h0, Win, W, b, dh] = [rng.randn(N, T, D), rng.randn(N, H), rng.randn(D, H), rng.randn(H, H), rng.randn(H), rng.randn(N, T, H)];
    const seq = esnForward(x, h0, Win, W, b, { leakRate: 0.6 });
    const caches: EsnStepCache[] = [];
    let prev = h0;
    for (let t = 0; t < T; t++) {
      const step = esnStepForward(getTimeStep(x, t), prev, Win, W, b, { leakRate: 0.6 });
      expect(scaledDiff(step.nextH, getTimeStep(seq.h, t).toArray())).toBeLessThan(1e-15);
      caches.push(step.cache);
      prev = step.nextH;
    }
    const g = esnBackward(dh, seq.cache);
    let dprev = zeros([N, H]);
    const dW = zeros([H, H]);
    for (let t = T - 1; t >= 0; t--) {
      const dnext = getTimeStep(dh, t);
      for (let i = 0; i < dnext.size; i++) dnext.data[i] += dprev.data[i];
      const s = esnStepBackward(dnext, caches[t]);
      expect(scaledDiff(s.dx, getTimeStep(g.dx, t).toArray())).toBeLessThan(1e-13);
      for (let i = 0; i < dW.size; i++) dW.data[i] += s.dW.data[i];
      dprev = s.dprevH;
    }
    expect(scaledDiff(dprev, g.dh0.toArray())).toBeLessThan(1e-13);
    expect(scaledDiff(dW, g.dW.toArray())).toBeLessThan(1e-13);
  });

  it('an empty sequence (T = 0) gives an empty h and zero gradients', () => {
    const p = initEsnParams(3, 4, new RandomState(0), { density: 1 });
    const { h, cache } = esnForward(zeros([2, 0, 3]), tensor([[1, 2, 3, 4], [5, 6, 7, 8]]), p.Win, p.W, p.b);
    expect(h.shape).toEqual([2, 0, 4]);
    const g = esnBackward(zeros([2, 0, 4]), cache);
    expect(g.dx.shape).toEqual([2, 0, 3]);
    expect([...g.dh0.data, ...g.dWin.data, ...g.dW.data, ...g.db.data].every((v) => v === 0)).toBe(true);
  });
});

describe('initEsnParams draws as numpy does', () => {
  for (const c of fixtures.init) {
    const { seed, D, H, options } = c;
    it(`seed ${seed}, D ${D}, H ${H}, density ${options.density}: Win and b bit-exact, W = Wraw·ρ/ρ(Wraw) within 1e-6`, () => {
      const rng = new RandomState(seed);
      const p = initEsnParams(D, H, rng, options);
      expect(p.Win.toArray()).toEqual(c.Win);
      expect(p.b.toArray()).toEqual(c.b);
      const raw = tensor(c.Wraw);
      const ratio = options.spectralRadius / c.rhoRaw;
      for (let i = 0; i < raw.size; i++) {
        expect(p.W.data[i] === 0).toBe(raw.data[i] === 0);
        expect(Math.abs(p.W.data[i] - raw.data[i] * ratio)).toBeLessThanOrEqual(1e-6 * Math.abs(raw.data[i] * ratio));
      }
      expect(rng.rand()).toBe(c.next); // the same number of draws
    });
  }

  it('the scaled reservoir has the requested spectral radius', () => {
    const p = initEsnParams(2, 80, new RandomState(3), { spectralRadius: 0.95 });
    expect(Math.abs(spectralRadius(p.W) - 0.95)).toBeLessThan(1e-6);
  });

  it('biasScaling defaults to inputScaling, and 0 gives a zero bias with the same later draws', () => {
    const a = initEsnParams(2, 30, new RandomState(4), { inputScaling: 0.5, density: 0.3 });
    const b = initEsnParams(2, 30, new RandomState(4), { inputScaling: 0.5, density: 0.3, biasScaling: 0.5 });
    const c = initEsnParams(2, 30, new RandomState(4), { inputScaling: 0.5, density: 0.3, biasScaling: 0 });
    expect(a.b.toArray()).toEqual(b.b.toArray());
    expect(c.b.data.every((v) => v === 0)).toBe(true);
    expect(c.W.toArray()).toEqual(a.W.toArray());
  });
});

describe('spectralRadius matches numpy.linalg.eigvals', () => {
  const cases = fixtures.spectral.map((c) => {
    const W = 'matrix' in c ? tensor(c.matrix as number[][]) : sparse(c.seed as number, c.H as number, c.density as number);
    const estimate = spectralRadius(W);
    return { name: c.name, rho: c.rho, estimate, error: c.rho === 0 ? estimate : Math.abs(estimate - c.rho) / c.rho };
  });
  for (const { name, error } of cases) {
    it(`${name}: relative error ${error.toExponential(2)}`, () => expect(error).toBeLessThan(1e-5));
  }

  it('a nilpotent matrix has spectral radius exactly 0', () => {
    expect(cases.find((c) => c.name.endsWith('(nilpotent)'))?.estimate).toBe(0);
    expect(spectralRadius(zeros([3, 3]))).toBe(0);
  });

  it('is reproducible for a given rng and stops early at a loose tol', () => {
    const W = sparse(2, 100, 0.1);
    expect(spectralRadius(W, { rng: new RandomState(5) })).toBe(spectralRadius(W, { rng: new RandomState(5) }));
    expect(Math.abs(spectralRadius(W, { tol: 1e-2, iterations: 600 }) / 1.8687270912377278 - 1)).toBeLessThan(1e-2);
  });
});

describe('argument errors', () => {
  const rng = () => new RandomState(0);
  it('initEsnParams rejects bad sizes, a bad rng and out-of-range options', () => {
    expectError(() => initEsnParams(0, 5, rng()), ValueError, 'initEsnParams: D is 0, expected an integer >= 1');
    expectError(() => initEsnParams(2, 1.5, rng()), ValueError, 'initEsnParams: H is 1.5, expected an integer >= 1');
    expectError(() => initEsnParams(2, 5, {} as RandomState), ValueError,
      'initEsnParams: rng is object, expected a RandomState (new RandomState(seed))');
    const bad: [string, number, string][] = [
      ['spectralRadius', 0, 'a finite number > 0'], ['spectralRadius', -0.5, 'a finite number > 0'],
      ['spectralRadius', Infinity, 'a finite number > 0'], ['density', 0, 'a number in (0, 1]'],
      ['density', 1.5, 'a number in (0, 1]'], ['density', NaN, 'a number in (0, 1]'],
      ['inputScaling', 0, 'a finite number > 0'], ['biasScaling', -1, 'a finite number >= 0'],
    ];
    for (const [name, value, expected] of bad) {
      expectError(() => initEsnParams(2, 5, rng(), { [name]: value }), ValueError,
        `initEsnParams: options.${name} is ${value}, expected ${expected}`);
    }
  });

  it('initEsnParams and spectralRadius reject non-object options', () => {
    expectError(() => initEsnParams(2, 5, rng(), null as never), ValueError,
      'initEsnParams: options is null, expected an object like { spectralRadius: 0.9, density: 0.1 }');
    expectError(() => spectralRadius(zeros([2, 2]), 5 as never), ValueError,
      'spectralRadius: options is 5, expected an object like { iterations: 20000, tol: 1e-6 }');
  });

  it('initEsnParams refuses a drawn reservoir with spectral radius 0', () => {
    expectError(() => initEsnParams(1, 3, new RandomState(7)), ValueError,
      'initEsnParams: the drawn W (H = 3, density = 0.1) has spectral radius 0 (no cycle in its sparsity pattern), ' +
        'expected a positive one; raise density or H, or use another seed');
  });

  it('spectralRadius rejects a non-square or non-finite W and bad options', () => {
    expectError(() => spectralRadius(zeros([2, 3])), ShapeError,
      'spectralRadius: W has shape [2, 3], expected [H, H] = [2, 2] (H from W)');
    expectError(() => spectralRadius(zeros([0, 0])), ValueError, 'spectralRadius: W has shape [0, 0], expected at least [1, 1]');
    expectError(() => spectralRadius(tensor([[1, NaN], [0, 1]])), ValueError,
      'spectralRadius: W has a non-finite value NaN at flat index 1, expected finite numbers');
    expectError(() => spectralRadius(zeros([2, 2]), { iterations: 0 }), ValueError,
      'spectralRadius: options.iterations is 0, expected an integer >= 1');
    expectError(() => spectralRadius(zeros([2, 2]), { tol: -1 }), ValueError,
      'spectralRadius: options.tol is -1, expected a finite number >= 0');
    expectError(() => spectralRadius(zeros([2, 2]), { rng: 3 as unknown as RandomState }), ValueError,
      'spectralRadius: rng is number, expected a RandomState (new RandomState(seed))');
  });

  const [N, D, H] = [2, 3, 4];
  const ok = { x: zeros([N, D]), prevH: zeros([N, H]), Win: zeros([D, H]), W: zeros([H, H]), b: zeros([H]) };
  it('esnStepForward names the argument with the wrong shape', () => {
    const { x, prevH, Win, W, b } = ok;
    expectError(() => esnStepForward(zeros([N, 5]), prevH, Win, W, b), ShapeError,
      'esnStepForward: x has shape [2, 5], expected [N, D] = [2, 3] (D from Win)');
    expectError(() => esnStepForward(x, zeros([3, H]), Win, W, b), ShapeError,
      'esnStepForward: prevH has shape [3, 4], expected [N, H] = [2, 4] (N from x)');
    expectError(() => esnStepForward(x, prevH, zeros([D, 5]), W, b), ShapeError,
      'esnStepForward: Win has shape [3, 5], expected [D, H] = [3, 4] (H from W)');
    expectError(() => esnStepForward(x, prevH, Win, zeros([H, 5]), b), ShapeError,
      'esnStepForward: W has shape [4, 5], expected [H, H] = [4, 4] (H from W)');
    expectError(() => esnStepForward(x, prevH, Win, W, zeros([5])), ShapeError,
      'esnStepForward: b has shape [5], expected [H] = [4] (H from W)');
  });

  it('the forward functions reject a leak rate outside (0, 1] and non-object options', () => {
    const { x, prevH, Win, W, b } = ok;
    for (const leakRate of [0, -0.2, 1.5, NaN]) {
      expectError(() => esnStepForward(x, prevH, Win, W, b, { leakRate }), ValueError,
        `esnStepForward: options.leakRate is ${leakRate}, expected a number in (0, 1]`);
      expectError(() => esnForward(zeros([N, 1, D]), prevH, Win, W, b, { leakRate }), ValueError,
        `esnForward: options.leakRate is ${leakRate}, expected a number in (0, 1]`);
    }
    expectError(() => esnForward(zeros([N, 1, D]), prevH, Win, W, b, null as never), ValueError,
      'esnForward: options is null, expected an object like { leakRate: 0.3 }');
  });

  it('esnForward checks x and h0', () => {
    const { prevH, Win, W, b } = ok;
    expectError(() => esnForward(zeros([N, D]), prevH, Win, W, b), ShapeError,
      'esnForward: x has shape [2, 3], expected [N, T, D] (rank 3)');
    expectError(() => esnForward(zeros([N, 2, D]), zeros([N, 5]), Win, W, b), ShapeError,
      'esnForward: h0 has shape [2, 5], expected [N, H] = [2, 4] (H from W)');
  });

  it('the backward functions check dnextH / dh against the cache and reject a foreign cache', () => {
    const { x, prevH, Win, W, b } = ok;
    const step = esnStepForward(x, prevH, Win, W, b);
    expectError(() => esnStepBackward(zeros([N, 5]), step.cache), ShapeError,
      'esnStepBackward: dnextH has shape [2, 5], expected [2, 4] (shape of htilde in the cache)');
    expectError(() => esnStepBackward(zeros([N, H]), {} as EsnStepCache), ValueError,
      'esnStepBackward: cache is not a cache returned by esnStepForward (no tensor x)');
    const seq = esnForward(zeros([N, 3, D]), prevH, Win, W, b);
    expectError(() => esnBackward(zeros([N, 2, H]), seq.cache), ShapeError,
      'esnBackward: dh has shape [2, 2, 4], expected [2, 3, 4] (shape of h in the cache)');
    expectError(() => esnBackward(zeros([N, 3, H]), { ...seq.cache, leakRate: 2 }), ValueError,
      'esnBackward: cache.leakRate is 2, expected a number in (0, 1]');
  });
});

describe('esnBackward with options.inputGrad false', () => {
  const rng = new RandomState(14);
  const [N, T, D, H] = [3, 4, 5, 12];
  const { Win, W, b } = initEsnParams(D, H, rng, { density: 0.5 });
  const [x, h0, dh] = [rng.randn(N, T, D), rng.randn(N, H), rng.randn(N, T, H)] as Tensor[];
  const { cache } = esnForward(x, h0, Win, W, b, { leakRate: 0.4 });

  it('returns dx = null and dh0, dWin, dW, db bit for bit as the default path', () => {
    const full = esnBackward(dh, cache);
    const skip = esnBackward(dh, cache, { inputGrad: false });
    const dx: null = skip.dx; // typed null by the overload
    expect(dx).toBeNull();
    for (const k of ['dh0', 'dWin', 'dW', 'db'] as const) expect(skip[k].data, k).toEqual(full[k].data);
    expect(esnBackward(dh, cache, { inputGrad: true }).dx.data).toEqual(full.dx.data);
  });

  it('rejects non-object options and an inputGrad that is not a boolean', () => {
    expectError(() => esnBackward(dh, cache, 3 as never), ValueError,
      'esnBackward: options is 3, expected an object like { inputGrad: false }');
    expectError(() => esnBackward(dh, cache, { inputGrad: null as never }), ValueError,
      'esnBackward: options.inputGrad is null, expected true or false');
  });
});
