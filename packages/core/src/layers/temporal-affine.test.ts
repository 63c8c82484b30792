import { describe, expect, it } from 'vitest';
import { gradientErrorsArray, linspaced, scaledDiff } from '../../test-support';
import { ShapeError, ValueError } from '../errors';
import { RandomState } from '../random';
import { NestedArray, Tensor, zeros } from '../tensor/tensor';
import fixtureFile from './fixtures/affine_loss_fixtures.json';
import { temporalAffineBackward, temporalAffineForward } from './temporal-affine';

// Golden values from numpy 1.24 with cs231n's temporal_affine_forward / temporal_affine_backward, made with
//   cd packages/core/src/layers/fixtures && /usr/bin/python3 make_affine_loss_fixtures.py > affine_loss_fixtures.json
const golden = (fixtureFile as unknown as { temporalAffine: { inputs: Record<string, NestedArray>; outputs: Record<string, NestedArray> } })
  .temporalAffine;

describe('temporalAffineForward / temporalAffineBackward', () => {
  const [N, T, D, M] = [2, 3, 4, 5];
  const x = linspaced(-0.1, 0.5, [N, T, D]);
  const w = linspaced(-0.2, 0.4, [D, M]);
  const b = linspaced(-0.3, 0.1, [M]);
  const dout = linspaced(-0.5, 0.3, [N, T, M]);

  it('rebuilds the fixture inputs bit for bit with linspace', () => {
    const mine: Record<string, Tensor> = { x, w, b, dout };
    for (const [name, value] of Object.entries(golden.inputs)) expect(mine[name].toArray(), name).toEqual(value);
  });

  const { out, cache } = temporalAffineForward(x, w, b);
  const results: Record<string, Tensor> = { out, ...temporalAffineBackward(dout, cache) };
  for (const name of ['out', 'dx', 'dw', 'db']) {
    const diff = scaledDiff(results[name], golden.outputs[name]);
    it(`${name} matches numpy (max |diff|/(1+|v|) ${diff.toExponential(2)})`, () => expect(diff).toBeLessThanOrEqual(1e-14));
  }

  const rng = new RandomState(231);
  const xr = rng.randn(N, T, D);
  const wr = rng.randn(D, M);
  const br = rng.randn(M);
  const g = rng.randn(N, T, M);
  const grads = temporalAffineBackward(g, temporalAffineForward(xr, wr, br).cache);
  const f = () => temporalAffineForward(xr, wr, br).out;
  const errors = gradientErrorsArray(grads, { dx: xr, dw: wr, db: br }, f, g);
  for (const { name, error } of errors) {
    it(`${name} matches the numerical gradient (rel error ${error.toExponential(2)})`, () => expect(error).toBeLessThan(1e-8));
  }

  it('rejects x, w and b of the wrong shapes, naming where the expected size came from', () => {
    expect(() => temporalAffineForward(zeros([N, D]), w, b)).toThrow(
      new ShapeError('temporalAffineForward: x has shape [2, 4], expected [N, T, D] (rank 3)'),
    );
    expect(() => temporalAffineForward(zeros([N, T, D + 1]), w, b)).toThrow(
      'temporalAffineForward: x has shape [2, 3, 5], expected [N, T, D] = [2, 3, 4] (D from w)',
    );
    expect(() => temporalAffineForward(x, zeros([D]), b)).toThrow('temporalAffineForward: w has shape [4], expected [D, M] (rank 2)');
    expect(() => temporalAffineForward(x, w, zeros([M + 1]))).toThrow(
      'temporalAffineForward: b has shape [6], expected [M] = [5] (M from w)',
    );
    expect(() => temporalAffineForward(x, w, null as never)).toThrow('temporalAffineForward: b must be a Tensor, got null');
  });

  it('rejects non-finite values in x, w and b', () => {
    for (const [name, t] of [['x', x], ['w', w], ['b', b]] as const) {
      const args: Record<string, Tensor> = { x, w, b };
      args[name] = t.clone();
      args[name].data[1] = NaN;
      expect(() => temporalAffineForward(args.x, args.w, args.b)).toThrow(
        new ValueError(`temporalAffineForward: ${name} has a non-finite value NaN at flat index 1, expected finite numbers`),
      );
    }
  });

  it('backward rejects a dout of the wrong shape and a foreign cache', () => {
    expect(() => temporalAffineBackward(zeros([N, T, M - 1]), cache)).toThrow(
      new ShapeError('temporalAffineBackward: dout has shape [2, 3, 4], expected [N, T, M] = [2, 3, 5] (M from cache.w)'),
    );
    expect(() => temporalAffineBackward(zeros([N + 1, T, M]), cache)).toThrow(
      'temporalAffineBackward: dout has shape [3, 3, 5], expected [N, T, M] = [2, 3, 5] (N from cache.x)',
    );
    const nan = dout.clone();
    nan.data[2] = -Infinity;
    expect(() => temporalAffineBackward(nan, cache)).toThrow('temporalAffineBackward: dout has a non-finite value -Infinity');
    expect(() => temporalAffineBackward(dout, { x } as never)).toThrow(
      new ValueError('temporalAffineBackward: cache is not a cache returned by temporalAffineForward'),
    );
  });
});
