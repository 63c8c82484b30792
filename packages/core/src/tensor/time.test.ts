import { describe, expect, it } from 'vitest';
import { ShapeError, ValueError } from '../errors';
import { arange, zeros } from './tensor';
import { getTimeStep, setTimeStep } from './time';

describe('time steps of [N, T, D] tensors', () => {
  it('getTimeStep copies x[:, t, :]', () => {
    const x = arange(24).reshape([2, 3, 4]);
    expect(getTimeStep(x, 1).toArray()).toEqual([[4, 5, 6, 7], [16, 17, 18, 19]]);
  });

  it('setTimeStep writes x[:, t, :] and round-trips with getTimeStep', () => {
    const x = zeros([2, 3, 4]);
    const step = arange(8).reshape([2, 4]);
    setTimeStep(x, 2, step);
    expect(getTimeStep(x, 2).toArray()).toEqual(step.toArray());
    expect(x.get(0, 1, 0)).toBe(0);
  });

  it('reject bad steps and shapes', () => {
    const x = zeros([2, 3, 4]);
    expect(() => getTimeStep(x, 3)).toThrow('getTimeStep: t is 3, expected an integer in [0, 2] (T from x)');
    expect(() => setTimeStep(x, 0, zeros([2, 5]))).toThrow(
      'setTimeStep: value has shape [2, 5], expected [N, D] = [2, 4] (D from x)',
    );
    expect(() => getTimeStep(zeros([2, 3]), 0)).toThrow(ShapeError);
    expect(() => getTimeStep(x, -1)).toThrow(ValueError);
  });
});
