import { describe, expect, it } from 'vitest';
import { ShapeError, ValueError } from '../errors';
import { evalNumericalGradientArray, relError } from '../gradcheck/numerical';
import { RandomState } from '../random';
import { zeros } from '../tensor/tensor';
import { dropoutBackward, dropoutForward } from './dropout';

describe('dropout', () => {
  it('keeps about 1 − p of the elements, scaled so the expectation is unchanged', () => {
    const x = zeros([200, 50]);
    x.data.fill(1);
    const { out } = dropoutForward(x, 0.3, { train: true, rng: new RandomState(0) });
    const kept = out.data.filter((v) => v !== 0);
    expect(kept.length / x.size).toBeCloseTo(0.7, 1);
    expect(kept.every((v) => Math.abs(v - 1 / 0.7) < 1e-15)).toBe(true);
  });

  it('uses the mask numpy would draw: u = rng.rand(shape), kept where u ≥ p', () => {
    const x = zeros([2, 3]);
    x.data.fill(2);
    const u = new RandomState(7).rand(2, 3);
    const { out } = dropoutForward(x, 0.5, { train: true, rng: new RandomState(7) });
    expect(Array.from(out.data)).toEqual(Array.from(u.data, (v) => (v >= 0.5 ? 4 : 0)));
  });

  it('is the identity at test time and for p = 0', () => {
    const x = new RandomState(1).randn(3, 4);
    expect(dropoutForward(x, 0.5, { train: false }).out).toBe(x);
    expect(dropoutForward(x, 0, { train: true, rng: new RandomState(1) }).out).toBe(x);
  });

  const x = new RandomState(3).randn(4, 5);
  const dout = new RandomState(4).randn(4, 5);
  const { cache } = dropoutForward(x, 0.4, { train: true, rng: new RandomState(5) });
  const dx = dropoutBackward(dout, cache);
  const numerical = evalNumericalGradientArray(
    (t) => dropoutForward(t, 0.4, { train: true, rng: new RandomState(5) }).out,
    x,
    dout,
  );
  const error = relError(dx, numerical);
  it(`backward matches the numerical gradient (rel error ${error.toExponential(2)})`, () => {
    expect(error).toBeLessThan(1e-9);
  });

  it('rejects a bad probability, a missing rng and a mismatched dout', () => {
    expect(() => dropoutForward(x, 1, { train: true, rng: new RandomState(0) })).toThrow(
      'dropoutForward: p is 1, expected a drop probability in [0, 1)',
    );
    expect(() => dropoutForward(x, -0.1, { train: false })).toThrow(ValueError);
    expect(() => dropoutForward(x, 0.5, { train: true })).toThrow('dropoutForward: rng is missing');
    expect(() => dropoutBackward(zeros([2]), cache)).toThrow(ShapeError);
  });
});
