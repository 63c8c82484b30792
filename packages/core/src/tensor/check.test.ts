import { describe, expect, it } from 'vitest';
import { ShapeError, ValueError } from '../errors';
import { ShapeCheck, checkFinite, checkInteger, checkRank, checkTensor } from './check';
import { tensor, zeros } from './tensor';

describe('ShapeCheck', () => {
  it('binds symbols from the first tensor and names the source on a mismatch', () => {
    const s = new ShapeCheck('lstmStepForward');
    s.check('Wx', zeros([2, 16]), ['D', '4H']);
    s.check('Wh', zeros([4, 16]), ['H', '4H']);
    s.check('x', zeros([3, 2]), ['N', 'D']);
    expect(s.dim('H')).toBe(4);
    expect(() => s.check('prevH', zeros([3, 5]), ['N', 'H'])).toThrow(
      'lstmStepForward: prevH has shape [3, 5], expected [N, H] = [3, 4] (H from Wx)',
    );
  });

  it('reports the wrong rank and a dimension that is not a multiple', () => {
    const s = new ShapeCheck('f');
    expect(() => s.check('b', zeros([2, 2]), ['4H'])).toThrow('f: b has shape [2, 2], expected [4H] (rank 1)');
    expect(() => s.check('b', zeros([6]), ['4H'])).toThrow('f: b has shape [6], expected [4H] = [*] (6 is not a multiple of 4)');
    expect(() => s.check('c', zeros([3]), [2])).toThrow(ShapeError);
  });

  it('rejects values that are not tensors', () => {
    expect(() => new ShapeCheck('f').check('x', [[1]], ['N', 'D'])).toThrow('f: x must be a Tensor, got an array');
    expect(() => checkTensor('f', 'x', null)).toThrow('f: x must be a Tensor, got null');
    expect(() => checkRank('f', 'x', zeros([2]), 2)).toThrow('f: x has shape [2] (rank 1), expected rank 2');
  });
});

describe('value checks', () => {
  it('checkFinite names the first non-finite element', () => {
    expect(() => checkFinite('f', 'x', tensor([1, NaN]))).toThrow('f: x has a non-finite value NaN at flat index 1');
    expect(() => checkFinite('f', 'x', tensor([1, 2]))).not.toThrow();
  });

  it('checkInteger states the allowed range', () => {
    expect(() => checkInteger('f', 'n', 1.5, 1)).toThrow('f: n is 1.5, expected an integer >= 1');
    expect(() => checkInteger('f', 'n', 11, 0, 10)).toThrow(ValueError);
    expect(() => checkInteger('f', 'n', 3, 0, 10)).not.toThrow();
  });
});
