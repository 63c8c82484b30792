import { describe, expect, it } from 'vitest';
import { ShapeError, ValueError } from '../errors';
import fixtures from './fixtures/tensor_fixtures.json';
import { Tensor, arange, full, linspace, ones, tensor, zeros } from './tensor';

describe('tensor()', () => {
  it('infers the shape of nested arrays and stores them row-major', () => {
    const t = tensor([[1, 2, 3], [4, 5, 6]]);
    expect(t.shape).toEqual([2, 3]);
    expect(Array.from(t.data)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(t.toArray()).toEqual([[1, 2, 3], [4, 5, 6]]);
  });

  it('takes a flat array or typed array plus a shape, and copies the values', () => {
    const source = new Float64Array([1, 2, 3, 4, 5, 6]);
    const t = tensor(source, [3, 2]);
    source[0] = 99;
    expect(t.toArray()).toEqual([[1, 2], [3, 4], [5, 6]]);
    expect(tensor([1, 2, 3, 4], [2, 1, 2]).toArray()).toEqual([[[1, 2]], [[3, 4]]]);
  });

  it('makes a scalar from a number and a vector from a typed array', () => {
    expect(tensor(7).shape).toEqual([]);
    expect(tensor(7).toArray()).toBe(7);
    expect(tensor(new Float32Array([1, 2])).shape).toEqual([2]);
  });

  it('rejects ragged nested arrays, naming the offending position', () => {
    expect(() => tensor([[1, 2], [3]])).toThrow(ShapeError);
    expect(() => tensor([[1, 2], [3]])).toThrow('tensor: values[1] has length 1, expected an array of length 2');
    expect(() => tensor([[1, 2], 3] as never)).toThrow('values[1] has number');
    expect(() => tensor([1, [2]] as never)).toThrow(ValueError);
  });

  it('rejects a flat array whose length does not match the shape', () => {
    expect(() => tensor([1, 2, 3], [2, 2])).toThrow(
      'tensor: values has 3 elements, expected 4 (product of shape [2, 2])',
    );
  });

  it('rejects negative or fractional dimensions', () => {
    expect(() => tensor([1], [-1])).toThrow(ValueError);
    expect(() => zeros([2, 1.5])).toThrow('zeros: shape [2, 1.5] has dimension 1.5, expected non-negative integers');
    expect(() => ones([-3])).toThrow(ValueError);
    expect(() => full([NaN], 1)).toThrow(ValueError);
  });

  it('rejects data whose length does not match the shape in the constructor', () => {
    expect(() => new Tensor(new Float64Array(5), [2, 3])).toThrow(
      'Tensor: data has 5 elements, expected 6 (product of shape [2, 3])',
    );
  });
});

describe('Tensor methods', () => {
  it('reshape shares the data and infers one -1 dimension', () => {
    const t = arange(12);
    const r = t.reshape([3, -1]);
    expect(r.shape).toEqual([3, 4]);
    r.data[0] = 42;
    expect(t.data[0]).toBe(42);
  });

  it('reshape rejects incompatible sizes and two unknown dimensions', () => {
    const t = zeros([2, 3]);
    expect(() => t.reshape([4, 2])).toThrow('reshape: cannot reshape [2, 3] (6 elements) into [4, 2]');
    expect(() => t.reshape([4, -1])).toThrow(ShapeError);
    expect(() => t.reshape([-1, -1])).toThrow('more than one -1');
  });

  it('get and set address elements by full index and reject bad indices', () => {
    const t = zeros([2, 3]);
    t.set(5, 1, 2);
    expect(t.get(1, 2)).toBe(5);
    expect(t.data[5]).toBe(5);
    expect(() => t.get(1)).toThrow('Tensor.get: index has 1 entries, expected 2 (rank of the tensor)');
    expect(() => t.get(2, 0)).toThrow('Tensor.get: index 2 is out of range for dimension 0 of shape [2, 3]');
    expect(() => t.set(1, 0, 0.5)).toThrow(ValueError);
  });

  it('clone copies the data', () => {
    const t = ones([2]);
    const c = t.clone();
    c.data[0] = 0;
    expect(t.data[0]).toBe(1);
  });
});

describe('linspace and arange match numpy bit for bit', () => {
  for (const { args, values } of fixtures.linspace) {
    it(`linspace(${args.join(', ')})`, () => {
      const [start, stop, num] = args;
      expect(Array.from(linspace(start, stop, num).data)).toEqual(values);
    });
  }
  for (const { args, values } of fixtures.arange) {
    it(`arange(${args.join(', ')})`, () => {
      const t = (arange as (...a: number[]) => Tensor)(...args);
      expect(Array.from(t.data)).toEqual(values);
    });
  }

  it('reject non-finite bounds, bad counts and a zero step', () => {
    expect(() => linspace(0, Infinity, 3)).toThrow(ValueError);
    expect(() => linspace(0, 1, -2)).toThrow('linspace: num must be a non-negative integer, got -2');
    expect(() => linspace(0, 1, 2.5)).toThrow(ValueError);
    expect(() => arange(0, 1, 0)).toThrow('arange: step must not be zero');
    expect(() => arange(0, NaN)).toThrow('arange: stop must be finite, got NaN');
  });
});
