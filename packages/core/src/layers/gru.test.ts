import { describe, expect, it } from 'vitest';
import initFixtures from '../modules/fixtures/init_fixtures.json';
import { expectError, gradientErrorsArray, linspaced, scaledDiff } from '../../test-support';
import { ShapeError, ValueError } from '../errors';
import { RandomState } from '../random';
import { scale } from '../tensor/ops';
import { NestedArray, Tensor, tensor, zeros } from '../tensor/tensor';
import fixtureFile from './fixtures/gru_fixtures.json';
import { gruBackward, gruForward, gruStepBackward, gruStepForward, initGruParams } from './gru';

// Golden values from torch 1.13 (float64): torch.nn.GRUCell for the step, torch.nn.GRU(batch_first=True) for the
// sequence, forward and autograd backward, made with
//   cd packages/core/src/layers/fixtures && /usr/bin/python3 make_gru_fixtures.py > gru_fixtures.json
// Inputs are linspaces in rnnlab's layout (torch got Wxᵀ, Whᵀ); the upstream gradients are linspaces too.

type Values = Record<string, NestedArray>;
const fixtures = fixtureFile as unknown as {
  step: { N: number; D: number; H: number; inputs: Values; outputs: Values };
  sequence: { N: number; T: number; D: number; H: number; inputs: Values; outputs: Values };
};

function params(D: number, H: number) {
  return {
    Wx: linspaced(-0.7, 0.5, [D, 3 * H]),
    Wh: linspaced(-0.4, 0.6, [H, 3 * H]),
    bx: linspaced(-0.2, 0.3, [3 * H]),
    bh: linspaced(0.4, -0.1, [3 * H]),
  };
}

describe('GRU step against torch.nn.GRUCell', () => {
  const { N, D, H, inputs, outputs } = fixtures.step;
  const { Wx, Wh, bx, bh } = params(D, H);
  const x = linspaced(-1.2, 0.9, [N, D]);
  const prevH = linspaced(-0.5, 0.8, [N, H]);
  const dnextH = linspaced(-0.6, 0.7, [N, H]);

  it('rebuilds the fixture inputs bit for bit with linspace', () => {
    const mine: Record<string, Tensor> = { Wx, Wh, bx, bh, x, prevH, dnextH };
    for (const [name, value] of Object.entries(inputs)) expect(mine[name].toArray(), name).toEqual(value);
  });

  const { nextH, cache } = gruStepForward(x, prevH, Wx, Wh, bx, bh);
  const grads = gruStepBackward(dnextH, cache);
  const results: Record<string, Tensor> = { nextH, ...grads };
  const diffs = Object.keys(outputs).map((name) => ({ name, diff: scaledDiff(results[name], outputs[name]) }));
  for (const { name, diff } of diffs) {
    it(`${name} matches torch (max |diff|/(1+|v|) ${diff.toExponential(2)})`, () => expect(diff).toBeLessThanOrEqual(1e-12));
  }
  it('checks every output of the step against torch', () => {
    expect(diffs.map((d) => d.name).sort()).toEqual(['dWh', 'dWx', 'dbh', 'dbx', 'dprevH', 'dx', 'nextH']);
  });
});

describe('GRU sequence against torch.nn.GRU(batch_first=True)', () => {
  const { N, T, D, H, inputs, outputs } = fixtures.sequence;
  const { Wx, Wh, bx, bh } = params(D, H);
  const x = linspaced(-0.8, 1.1, [N, T, D]);
  const h0 = linspaced(-0.3, 0.6, [N, H]);
  const dh = linspaced(-0.9, 0.4, [N, T, H]);

  it('rebuilds the fixture inputs bit for bit with linspace', () => {
    const mine: Record<string, Tensor> = { Wx, Wh, bx, bh, x, h0, dh };
    for (const [name, value] of Object.entries(inputs)) expect(mine[name].toArray(), name).toEqual(value);
  });

  const { h, cache } = gruForward(x, h0, Wx, Wh, bx, bh);
  const grads = gruBackward(dh, cache);
  const results: Record<string, Tensor> = { h, ...grads };
  const diffs = Object.keys(outputs).map((name) => ({ name, diff: scaledDiff(results[name], outputs[name]) }));
  for (const { name, diff } of diffs) {
    it(`${name} matches torch (max |diff|/(1+|v|) ${diff.toExponential(2)})`, () => expect(diff).toBeLessThanOrEqual(1e-12));
  }
  it('checks every output of the sequence against torch', () => {
    expect(diffs.map((d) => d.name).sort()).toEqual(['dWh', 'dWx', 'dbh', 'dbx', 'dh0', 'dx', 'h']);
  });
});

describe('GRU gradients match numerical gradients', () => {
  // Seeded standard normals as in cs231n's gradient checks; weights scaled by 1/√fan-in so the gates are not saturated
  // (saturated gates give tiny gradients whose relative error is all finite-difference noise). Even so the worst
  // element is a ~1e-4 gradient whose central difference carries ~4e-11 of roundoff, hence the 1e-6 bound (typical
  // errors are 1e-10 … 1e-8; a wrong gate derivative gives 1e-2 or more).
  const rng = new RandomState(231);
  const [N, T, D, H] = [3, 4, 5, 6];
  const p = {
    Wx: scale(rng.randn(D, 3 * H), 1 / Math.sqrt(D)),
    Wh: scale(rng.randn(H, 3 * H), 1 / Math.sqrt(H)),
    bx: rng.randn(3 * H),
    bh: rng.randn(3 * H),
  };

  const xs = rng.randn(N, D);
  const prevH = rng.randn(N, H);
  const dnextH = rng.randn(N, H);
  const step = () => gruStepForward(xs, prevH, p.Wx, p.Wh, p.bx, p.bh).nextH;
  const stepGrads = gruStepBackward(dnextH, gruStepForward(xs, prevH, p.Wx, p.Wh, p.bx, p.bh).cache);
  const stepInputs = { dx: xs, dprevH: prevH, dWx: p.Wx, dWh: p.Wh, dbx: p.bx, dbh: p.bh };
  const stepErrors = gradientErrorsArray(stepGrads, stepInputs, step, dnextH);
  for (const { name, error } of stepErrors) {
    it(`step ${name} matches the numerical gradient (rel error ${error.toExponential(2)})`, () => expect(error).toBeLessThan(1e-6));
  }

  const x = rng.randn(N, T, D);
  const h0 = rng.randn(N, H);
  const dh = rng.randn(N, T, H);
  const seq = () => gruForward(x, h0, p.Wx, p.Wh, p.bx, p.bh).h;
  const seqGrads = gruBackward(dh, gruForward(x, h0, p.Wx, p.Wh, p.bx, p.bh).cache);
  const seqInputs = { dx: x, dh0: h0, dWx: p.Wx, dWh: p.Wh, dbx: p.bx, dbh: p.bh };
  const seqErrors = gradientErrorsArray(seqGrads, seqInputs, seq, dh);
  for (const { name, error } of seqErrors) {
    it(`sequence ${name} matches the numerical gradient (rel error ${error.toExponential(2)})`, () => expect(error).toBeLessThan(1e-6));
  }
});

describe('GRU behaviour', () => {
  const rng = new RandomState(5);
  const [N, T, D, H] = [2, 3, 4, 3];
  const { Wx, Wh, bx, bh } = initGruParams(D, H, rng);
  const x = rng.randn(N, T, D);
  const h0 = rng.randn(N, H);

  it('gruForward equals gruStepForward applied step by step', () => {
    const { h } = gruForward(x, h0, Wx, Wh, bx, bh);
    let prev = h0;
    for (let t = 0; t < T; t++) {
      const xt = tensor(Array.from({ length: N }, (_, n) => Array.from(x.data.subarray((n * T + t) * D, (n * T + t + 1) * D))));
      prev = gruStepForward(xt, prev, Wx, Wh, bx, bh).nextH;
      for (let n = 0; n < N; n++) {
        for (let j = 0; j < H; j++) expect(h.get(n, t, j)).toBeCloseTo(prev.get(n, j), 14);
      }
    }
  });

  it('keeps h in (−1, 1) and copies z⊙h through when the update gate saturates', () => {
    const big = bx.clone();
    for (let j = H; j < 2 * H; j++) big.data[j] = 50; // z ≈ 1: the state is carried unchanged
    const { h } = gruForward(x, h0, Wx, Wh, big, bh);
    for (let n = 0; n < N; n++) for (let j = 0; j < H; j++) expect(h.get(n, T - 1, j)).toBeCloseTo(h0.get(n, j), 12);
    const free = gruForward(x, zeros([N, H]), Wx, Wh, bx, bh).h;
    expect(free.data.every((v) => Math.abs(v) < 1)).toBe(true);
  });

  it('handles T = 0: h is [N, 0, H], dx is empty and dh0 is zero', () => {
    const empty = zeros([N, 0, D]);
    const { h, cache } = gruForward(empty, h0, Wx, Wh, bx, bh);
    expect(h.shape).toEqual([N, 0, H]);
    const g = gruBackward(zeros([N, 0, H]), cache);
    expect(g.dx.shape).toEqual([N, 0, D]);
    expect(Array.from(g.dh0.data)).toEqual(new Array(N * H).fill(0));
  });

  it('initGruParams draws U(−1/√H, 1/√H) in the order Wx, Wh, bx, bh, as numpy does (modules/fixtures/make_init_fixtures.py)', () => {
    const { seed, D: d, H: h, ...expected } = initFixtures.gruLayer;
    const got = initGruParams(d, h, new RandomState(seed));
    for (const name of ['Wx', 'Wh', 'bx', 'bh'] as const) expect(got[name].toArray(), name).toEqual(expected[name]);
  });
});

describe('GRU argument errors', () => {
  const [N, T, D, H] = [2, 3, 4, 5];
  const { Wx, Wh, bx, bh } = initGruParams(D, H, new RandomState(0));
  const x = zeros([N, D]);
  const prevH = zeros([N, H]);
  const xs = zeros([N, T, D]);
  const { cache: stepCache } = gruStepForward(x, prevH, Wx, Wh, bx, bh);
  const { cache } = gruForward(xs, prevH, Wx, Wh, bx, bh);
  const nan = (shape: number[]) => {
    const t = zeros(shape);
    t.data[t.size - 1] = NaN;
    return t;
  };

  it('gruStepForward names the argument, its shape and the expected one', () => {
    expect(() => gruStepForward(x, prevH, zeros([D, 3 * H + 1]), Wh, bx, bh)).toThrow(
      'gruStepForward: Wx has shape [4, 16], expected [D, 3H] = [4, 15] (H from Wh)',
    );
    expect(() => gruStepForward(x, prevH, Wx, zeros([H, 3 * H + 3]), bx, bh)).toThrow(
      'gruStepForward: Wh has shape [5, 18], expected [H, 3H] = [5, 15] (H from Wh)',
    );
    expect(() => gruStepForward(x, prevH, Wx, Wh, zeros([3 * H, 1]), bh)).toThrow('gruStepForward: bx has shape [15, 1], expected [3H] (rank 1)');
    expect(() => gruStepForward(x, prevH, Wx, Wh, bx, zeros([H]))).toThrow('gruStepForward: bh has shape [5], expected [3H] = [15] (H from Wh)');
    expect(() => gruStepForward(zeros([N, D + 1]), prevH, Wx, Wh, bx, bh)).toThrow(
      'gruStepForward: x has shape [2, 5], expected [N, D] = [2, 4] (D from Wx)',
    );
    expect(() => gruStepForward(x, zeros([N + 1, H]), Wx, Wh, bx, bh)).toThrow(
      'gruStepForward: prevH has shape [3, 5], expected [N, H] = [2, 5] (N from x)',
    );
    expect(() => gruStepForward([[1]] as unknown as Tensor, prevH, Wx, Wh, bx, bh)).toThrow('gruStepForward: x must be a Tensor, got an array');
  });

  it('lets a NaN through, as every recurrent layer does (no finiteness checks: numpy propagates it too)', () => {
    const { nextH } = gruStepForward(nan([N, D]), prevH, Wx, Wh, bx, bh); // NaN in x's last element
    expect(Array.from(nextH.data.slice(H)).every(Number.isNaN)).toBe(true);
  });

  it('gruStepBackward checks dnextH against the cache and rejects a foreign cache', () => {
    expect(() => gruStepBackward(zeros([N, H + 1]), stepCache)).toThrow(
      'gruStepBackward: dnextH has shape [2, 6], expected [2, 5] (shape of nextH in the cache)',
    );
    expect(() => gruStepBackward(prevH, cache as never)).toThrow(
      'gruStepBackward: cache is not a cache returned by gruStepForward (no tensor prevH)',
    );
    expect(() => gruStepBackward(prevH, undefined as never)).toThrow(ValueError);
  });

  it('gruForward checks x, h0 and the parameters', () => {
    expect(() => gruForward(x, prevH, Wx, Wh, bx, bh)).toThrow('gruForward: x has shape [2, 4], expected [N, T, D] (rank 3)');
    expect(() => gruForward(xs, zeros([N, H - 1]), Wx, Wh, bx, bh)).toThrow(
      'gruForward: h0 has shape [2, 4], expected [N, H] = [2, 5] (H from Wh)',
    );
    expect(() => gruForward(xs, prevH, Wx, Wh, bx, zeros([3 * H - 3]))).toThrow(ShapeError);
    expect(() => gruForward(xs, prevH, Wx, Wh, bx, bh, { precision: 'half' as never })).toThrow(
      "gruForward: options.precision is 'half', expected 'float64' or 'float32'",
    );
  });

  it('gruBackward checks dh against the cache and rejects a foreign cache', () => {
    expect(() => gruBackward(zeros([N, T + 1, H]), cache)).toThrow(
      'gruBackward: dh has shape [2, 4, 5], expected [2, 3, 5] (shape of h in the cache)',
    );
    expect(() => gruBackward(zeros([N, T, H]), stepCache as never)).toThrow(
      'gruBackward: cache is not a cache returned by gruForward (no tensor h0)',
    );
  });

  it('initGruParams rejects bad sizes and a missing generator', () => {
    expect(() => initGruParams(0, H, new RandomState(0))).toThrow('initGruParams: D is 0, expected an integer >= 1');
    expect(() => initGruParams(D, 2.5, new RandomState(0))).toThrow('initGruParams: H is 2.5, expected an integer >= 1');
    expect(() => initGruParams(D, H, undefined as never)).toThrow(
      'initGruParams: rng is undefined, expected a RandomState (new RandomState(seed))',
    );
  });
});

describe('gruBackward with options.inputGrad false', () => {
  const rng = new RandomState(13);
  const [N, T, D, H] = [3, 4, 5, 6];
  const { Wx, Wh, bx, bh } = initGruParams(D, H, rng);
  const [x, h0, dh] = [rng.randn(N, T, D), rng.randn(N, H), rng.randn(N, T, H)] as Tensor[];
  const { cache } = gruForward(x, h0, Wx, Wh, bx, bh);

  it('returns dx = null and dh0, dWx, dWh, dbx, dbh bit for bit as the default path', () => {
    const full = gruBackward(dh, cache);
    const skip = gruBackward(dh, cache, { inputGrad: false });
    const dx: null = skip.dx; // typed null by the overload
    expect(dx).toBeNull();
    for (const k of ['dh0', 'dWx', 'dWh', 'dbx', 'dbh'] as const) expect(skip[k].data, k).toEqual(full[k].data);
    expect(gruBackward(dh, cache, { inputGrad: true }).dx.data).toEqual(full.dx.data);
  });

  it('rejects non-object options and an inputGrad that is not a boolean', () => {
    expectError(() => gruBackward(dh, cache, null as never), ValueError,
      'gruBackward: options is null, expected an object like { inputGrad: false }');
    expectError(() => gruBackward(dh, cache, { inputGrad: 'yes' as never }), ValueError,
      "gruBackward: options.inputGrad is 'yes', expected true or false");
  });
});
