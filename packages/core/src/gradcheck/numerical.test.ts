import { describe, expect, it } from 'vitest';
import { ShapeError, ValueError } from '../errors';
import { mul, sum, tanh } from '../tensor';
import { tensor, zeros } from '../tensor/tensor';
import { evalNumericalGradient, evalNumericalGradientArray, relError } from './numerical';

describe('numerical gradients', () => {
  it('evalNumericalGradient of sum(x²) is 2x and leaves x unchanged', () => {
    const x = tensor([[1, -2], [0.5, 3]]);
    const grad = evalNumericalGradient((t) => sum(mul(t, t)), x);
    expect(Array.from(x.data)).toEqual([1, -2, 0.5, 3]);
    expect(relError(grad, tensor([[2, -4], [1, 6]]))).toBeLessThan(1e-9);
  });

  it('evalNumericalGradientArray of tanh with upstream df is (1 − tanh²)·df', () => {
    const x = tensor([0.3, -1.2, 2]);
    const df = tensor([1, 2, -0.5]);
    const grad = evalNumericalGradientArray((t) => tanh(t), x, df);
    const expected = x.data.map((v, i) => (1 - Math.tanh(v) ** 2) * df.data[i]);
    expect(relError(grad, tensor(Array.from(expected)))).toBeLessThan(1e-8);
  });

  it('relError is 0 for equal tensors, ~1 for opposite signs, and guards 0/0 with 1e-8', () => {
    expect(relError(tensor([1, 2]), tensor([1, 2]))).toBe(0);
    expect(relError(tensor([1]), tensor([-1]))).toBe(1);
    expect(relError(tensor([0]), tensor([1e-9]))).toBeCloseTo(0.1, 12);
  });

  it('reject a bad step, a df of the wrong shape and mismatched tensors', () => {
    expect(() => evalNumericalGradient(() => 0, zeros([2]), 0)).toThrow('evalNumericalGradient: h is 0, expected a small positive number');
    expect(() => evalNumericalGradientArray((t) => t, zeros([2]), zeros([3]))).toThrow(
      'evalNumericalGradientArray: df has shape [3], expected [2] (shape of f(x))',
    );
    expect(() => relError(zeros([2]), zeros([3]))).toThrow(ShapeError);
    expect(() => evalNumericalGradient(() => 0, zeros([1]), NaN)).toThrow(ValueError);
  });
});
