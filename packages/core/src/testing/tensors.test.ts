import { describe, expect, it } from 'vitest';
import { ShapeError } from '../errors';
import { tensor } from '../tensor/tensor';
import { compareTensors, maxScaledDiff } from './tensors';

describe('compareTensors', () => {
  it('lists the first disagreeing elements with their indices and the largest relative error', () => {
    const expected = tensor([[1, 2, 3], [4, 5, 6]]);
    const actual = tensor([[1, 2.5, 3], [4, -5, 6.0000000001]]);
    const c = compareTensors(actual, expected, { limit: 1 });
    expect(c.mismatchCount).toBe(2);
    expect(c.first).toEqual([{ flat: 1, index: '[0, 1]', actual: 2.5, expected: 2 }]);
    expect(c.maxRelError).toBe(1);
  });

  it('uses numpy’s isclose rule, so values within atol + rtol·|expected| agree', () => {
    const c = compareTensors(tensor([1 + 1e-9, 1e-12]), tensor([1, 0]), { rtol: 1e-8, atol: 1e-11 });
    expect(c.mismatchCount).toBe(0);
    expect(compareTensors(tensor([1 + 1e-7]), tensor([1]), { rtol: 1e-8 }).mismatchCount).toBe(1);
  });

  it('never lets a NaN or an infinity agree with a finite value, and reports a NaN relative error', () => {
    const c = compareTensors(tensor([NaN, Infinity, 1]), tensor([0.5, 1e308, 1]));
    expect(c.mismatchCount).toBe(2);
    expect(c.maxRelError).toBeNaN();
    expect(compareTensors(tensor([Infinity]), tensor([Infinity])).mismatchCount).toBe(0);
  });

  it('rejects tensors of different shapes, naming both', () => {
    expect(() => compareTensors(tensor([1, 2]), tensor([[1, 2]]))).toThrow(ShapeError);
    expect(() => compareTensors(tensor([1, 2]), tensor([[1, 2]]))).toThrow('compareTensors: expected has shape [1, 2], expected [2] (shape of actual)');
  });
});

describe('maxScaledDiff', () => {
  it('is max |a − e| / (1 + |e|), and NaN as soon as one element is NaN', () => {
    expect(maxScaledDiff(tensor([1, 3]), tensor([1, 1]))).toBe(1);
    expect(maxScaledDiff(tensor([NaN, 3]), tensor([1, 1]))).toBeNaN();
  });
});
