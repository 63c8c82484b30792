import { describe, expect, it } from 'vitest';
import { ShapeError, ValueError } from '../errors';
import { tensor, zeros } from '../tensor/tensor';
import { checkIds, formatIndex, oneHot } from './one-hot';

describe('oneHot', () => {
  it('turns [N, T] ids into [N, T, V] rows with a single 1', () => {
    const out = oneHot(tensor([[0, 2], [1, 0]]), 3);
    expect(out.shape).toEqual([2, 2, 3]);
    expect(out.toArray()).toEqual([[[1, 0, 0], [0, 0, 1]], [[0, 1, 0], [1, 0, 0]]]);
  });

  it('accepts ids of any shape, including a scalar and an empty tensor', () => {
    expect(oneHot(tensor([3, 0]), 4).toArray()).toEqual([[0, 0, 0, 1], [1, 0, 0, 0]]);
    expect(oneHot(tensor(1), 2).toArray()).toEqual([0, 1]);
    expect(oneHot(zeros([2, 0]), 5).shape).toEqual([2, 0, 5]);
  });

  it('rejects out-of-range and non-integer ids, naming the position and V', () => {
    expect(() => oneHot(tensor([[0, 1], [3, 0]]), 3)).toThrow(
      new ValueError('oneHot: ids[1, 0] is 3, expected an integer id in [0, 2] (V = 3)'),
    );
    expect(() => oneHot(tensor([0.5]), 3)).toThrow('oneHot: ids[0] is 0.5, expected an integer id in [0, 2] (V = 3)');
    expect(() => oneHot(tensor([-1]), 3)).toThrow('oneHot: ids[0] is -1');
  });

  it('rejects a V that is not a positive integer and ids that are not a tensor', () => {
    expect(() => oneHot(tensor([0]), 0)).toThrow(new ValueError('oneHot: V is 0, expected an integer >= 1'));
    expect(() => oneHot(tensor([0]), 2.5)).toThrow('oneHot: V is 2.5, expected an integer >= 1');
    expect(() => oneHot([0, 1] as never, 3)).toThrow(new ShapeError('oneHot: ids must be a Tensor, got an array'));
  });
});

describe('checkIds and formatIndex', () => {
  it('formats a flat index as a full index of the shape', () => {
    expect(formatIndex([2, 3, 4], 23)).toBe('[1, 2, 3]');
    expect(formatIndex([5], 4)).toBe('[4]');
  });

  it('says where V came from', () => {
    expect(() => checkIds('f', 'y', tensor([[7]]), 5, 'from x')).toThrow('f: y[0, 0] is 7, expected an integer id in [0, 4] (V = 5 from x)');
    expect(() => checkIds('f', 'y', tensor([0, 4]), 5, 'from x')).not.toThrow();
  });
});
