import { describe, expect, it } from 'vitest';
import { ValueError } from '../errors';
import { evalNumericalGradientArray, relError } from '../gradcheck/numerical';
import { temporalAffineBackward, temporalAffineForward } from '../layers/temporal-affine';
import { RandomState } from '../random';
import { zeros } from '../tensor/tensor';
import { TemporalAffine } from './temporal-affine';

const [N, T, D, M] = [2, 3, 4, 5];

describe('TemporalAffine module', () => {
  it('starts w as randn(D, M) / √D (the same bits as numpy) and b as zeros', () => {
    const affine = new TemporalAffine(D, M, new RandomState(1));
    const expected = new RandomState(1).randn(D, M);
    expect(Array.from(affine.params.w.data)).toEqual(Array.from(expected.data, (v) => v / Math.sqrt(D)));
    expect(affine.params.b.shape).toEqual([M]);
    expect(affine.params.b.data.every((v) => v === 0)).toBe(true);
    expect([affine.inputSize, affine.outputSize]).toEqual([D, M]);
  });

  it('forward and backward equal the layer functions; backward adds into grads (twice → doubled)', () => {
    const rng = new RandomState(2);
    const affine = new TemporalAffine(D, M, rng);
    const x = rng.randn(N, T, D);
    const dout = rng.randn(N, T, M);
    const ref = temporalAffineForward(x, affine.params.w, affine.params.b);
    expect(Array.from(affine.forward(x).data)).toEqual(Array.from(ref.out.data));
    const g = temporalAffineBackward(dout, ref.cache);
    expect(Array.from(affine.backward(dout).data)).toEqual(Array.from(g.dx.data));
    expect(Array.from(affine.grads.w.data)).toEqual(Array.from(g.dw.data));
    affine.backward(dout);
    expect(Array.from(affine.grads.b.data)).toEqual(Array.from(g.db.data, (v) => 2 * v));
  });

  const rng = new RandomState(231);
  const affine = new TemporalAffine(D, M, rng);
  affine.params.b.data.set(rng.randn(M).data); // non-zero bias, so the check covers it
  const x = rng.randn(N, T, D);
  const dout = rng.randn(N, T, M);
  affine.forward(x);
  const dx = affine.backward(dout);
  const f = () => affine.forward(x);
  const errors = [
    { name: 'dx', error: relError(dx, evalNumericalGradientArray(f, x, dout)) },
    { name: 'grads.w', error: relError(affine.grads.w, evalNumericalGradientArray(f, affine.params.w, dout)) },
    { name: 'grads.b', error: relError(affine.grads.b, evalNumericalGradientArray(f, affine.params.b, dout)) },
  ];
  for (const { name, error } of errors) {
    it(`${name} matches the numerical gradient (rel error ${error.toExponential(2)})`, () => expect(error).toBeLessThan(1e-8));
  }

  it('rejects bad sizes, a missing generator, bad inputs, and backward before forward', () => {
    const r = new RandomState(0);
    expect(() => new TemporalAffine(0, M, r)).toThrow(new ValueError('TemporalAffine: inputSize is 0, expected an integer >= 1'));
    expect(() => new TemporalAffine(D, NaN, r)).toThrow('TemporalAffine: outputSize is NaN, expected an integer >= 1');
    expect(() => new TemporalAffine(D, M, 42 as never)).toThrow('TemporalAffine: rng is number, expected a RandomState');
    const fresh = new TemporalAffine(D, M, r);
    expect(() => fresh.backward(zeros([N, T, M]))).toThrow('TemporalAffine.backward: no forward pass yet; call forward(x) first');
    expect(() => fresh.forward(zeros([N, T, D + 1]))).toThrow('temporalAffineForward: x has shape [2, 3, 5]');
    fresh.forward(zeros([N, T, D]));
    expect(() => fresh.backward(zeros([N, T, M + 1]))).toThrow('temporalAffineBackward: dout has shape [2, 3, 6]');
  });
});
